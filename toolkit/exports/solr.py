"""Solr-format synonym files, for Elasticsearch and OpenSearch ``synonym_graph`` filters.

Solr itself reads a synonyms file with a whitespace tokenizer, not with the field's chain, so
these rules written as names are for engines that analyse them; for Solr use
``toolkit.exports.solr_analysed``, whose rules are already the tokens of its field type.

One equivalence line per entity (``Hà Nội, Ha Noi, Hanoi, 河内``) and one explicit mapping per weak
form (``Xi => Xi, Xi Jinping, 习近平, Tập Cận Bình``: the weak form keeps itself and gains the
names, never the other way round). Terms are escaped by the format's rules: ``\\`` before a
comma, a backslash, a ``#`` (a rule line starting with one would be a comment), or the ``=`` of a
``=>`` inside a name. A ``#`` line names the entity.

The engine analyses every rule with the filters that come *before* the synonym filter, so the
analyzer chain decides what a rule matches. Use, for index and query alike::

    "tokenizer": "icu_tokenizer",              # segments Han runs into words (analysis-icu plugin);
                                               # "standard" also works: it cuts Han into characters
                                               # and multi-character rules become phrases
    "filter": ["icu_folding",                  # or ["lowercase", "asciifolding"]: đ -> d, marks off
               "sinoviet_synonyms"]            # {"type": "synonym_graph", "synonyms_path": "...",
                                               #  "lenient": true} -- put it in the search analyzer
                                               # (synonym_graph is a query-time filter)

With that chain ``Hà Nội``, ``HA NOI`` and ``ha noi`` are one rule term, so the table's accent-free
rows are redundant there but harmless; run-together (``hanoi``) and pinyin (``xi jin ping``) rows
still add matches. Keep ``lenient: true``: a rule whose terms all fold to one token is dropped
rather than failing the whole file.
"""

from __future__ import annotations

from toolkit.exports.groups import synonym_groups, weak_mappings

# "#" too: a rule line starting with it would be read as a comment (a backslash escapes any character)
_SPECIAL = ("\\", ",", "=", "#")


def escape(term: str) -> str:
    for char in _SPECIAL:
        term = term.replace(char, "\\" + char)
    return term


def rules(table) -> list[tuple[str, str]]:
    """(comment, rule) pairs: equivalences per entity, then one-way weak mappings."""
    out = [(group.entity, ", ".join(escape(t) for t in group.terms)) for group in synonym_groups(table)]
    for mapping in weak_mappings(table):
        targets = ", ".join(escape(t) for t in (mapping.term, *mapping.targets))
        out.append(("weak form of " + " | ".join(mapping.entities), f"{escape(mapping.term)} => {targets}"))
    return out


def export(table) -> dict[str, str]:
    lines = ["# sinoviet alias table: Solr / Elasticsearch / OpenSearch synonym rules (UTF-8)"]
    for comment, rule in rules(table):
        lines.append(f"# {comment}")
        lines.append(rule)
    return {"synonyms.txt": "\n".join(lines) + "\n"}


__all__ = ["escape", "export", "rules"]
