"""Request bodies for the Elasticsearch synonyms API (``PUT _synonyms/<set>``).

A synonyms set holds at most 10,000 rules, so a larger table is split into sets
``sinoviet-1``, ``sinoviet-2``...; point the ``synonym_graph`` filter's ``synonyms_set`` at each
(one filter per set, chained). Each rule is a Solr-format string (see ``toolkit.exports.solr``,
whose analyzer chain applies here too) with a stable id made from the entity id.
"""

from __future__ import annotations

import json

from toolkit.exports import solr
from toolkit.exports.groups import slug

MAX_RULES_PER_SET = 10_000


def rule_sets(table, *, name: str = "sinoviet", max_rules: int = MAX_RULES_PER_SET) -> list[dict]:
    """[{"set": name, "method": "PUT", "path": "_synonyms/<name>", "body": {"synonyms_set": [...]}}]."""
    if max_rules < 1:
        raise ValueError("max_rules must be at least 1")
    rules = []
    taken: set[str] = set()
    for comment, rule in solr.rules(table):
        base = slug(comment.removeprefix("weak form of ").split(" | ")[0])
        base = ("weak_" + base) if comment.startswith("weak form of ") else base
        # two ids may share a slug (a-b, a.b), and a numbered one may be another's own slug (a-b-2)
        rule_id, number = base, 1
        while rule_id in taken:
            number += 1
            rule_id = f"{base}_{number}"
        taken.add(rule_id)
        rules.append({"id": rule_id, "synonyms": rule})
    sets = []
    for number, start in enumerate(range(0, len(rules), max_rules), 1):
        set_name = f"{name}-{number}"
        sets.append({"set": set_name, "method": "PUT", "path": f"_synonyms/{set_name}",
                     "body": {"synonyms_set": rules[start:start + max_rules]}})
    return sets


def export(table, *, max_rules: int = MAX_RULES_PER_SET) -> dict[str, str]:
    """One JSON object per line: a request to send as is (``body`` is the request body)."""
    sets = rule_sets(table, max_rules=max_rules)
    return {"synonyms-api.jsonl": "".join(json.dumps(s, ensure_ascii=False) + "\n" for s in sets)}


__all__ = ["MAX_RULES_PER_SET", "export", "rule_sets"]
