"""Meilisearch synonyms (``PUT /indexes/<uid>/settings/synonyms``): a JSON object term -> terms.

Meilisearch reads each entry one way, so every term of a group lists all the others (both
directions); a term two entities share lists the terms of both. Weak forms map one way only.
"""

from __future__ import annotations

import json
from collections import defaultdict

from toolkit.exports.groups import synonym_groups, weak_mappings


def synonyms(table) -> dict[str, list[str]]:
    mapping: dict[str, dict[str, None]] = defaultdict(dict)
    for group in synonym_groups(table):
        for term in group.terms:
            for other in group.terms:
                if other != term:
                    mapping[term][other] = None
    for weak in weak_mappings(table):
        for target in weak.targets:
            if target != weak.term:
                mapping[weak.term][target] = None
    return {term: list(others) for term, others in mapping.items()}


def export(table) -> dict[str, str]:
    return {"synonyms.json": json.dumps(synonyms(table), ensure_ascii=False, indent=1) + "\n"}


__all__ = ["export", "synonyms"]
