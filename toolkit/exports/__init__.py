"""Alias tables exported to search engines: one module per format, each with ``export(table)``
returning {file name: content}.

See ``toolkit/exports/README.md`` for how to load each into its engine.
"""

from __future__ import annotations

import importlib

# format name (as the CLI spells it) -> module
FORMATS: dict[str, str] = {
    "solr": "toolkit.exports.solr",
    "solr-analysed": "toolkit.exports.solr_analysed",
    "es-api": "toolkit.exports.es_api",
    "es-index": "toolkit.exports.es_index",
    "meilisearch": "toolkit.exports.meilisearch",
    "typesense": "toolkit.exports.typesense",
    "typesense-v29": "toolkit.exports.typesense:export_v29",
    "postgres": "toolkit.exports.postgres",
    "postgres-managed": "toolkit.exports.postgres_managed",
    "spacy": "toolkit.exports.spacy",
    "csv": "toolkit.exports.csv",
    "jsonl": "toolkit.exports.jsonl",
}


def export_files(table, fmt: str) -> dict[str, str]:
    """{file name: text} of ``table`` in format ``fmt`` (one of FORMATS)."""
    module = FORMATS.get(fmt)
    if module is None:
        raise ValueError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    module, _, function = module.partition(":")
    return getattr(importlib.import_module(module), function or "export")(table)


def rule_count(table, fmt: str) -> int:
    """How many rules (lines, objects, entries, patterns, rows) ``fmt`` writes for ``table``."""
    files = export_files(table, fmt)
    if fmt in ("solr", "solr-analysed"):
        from toolkit.exports.solr_analysed import SYNONYMS_FILE

        text = files["synonyms.txt" if fmt == "solr" else SYNONYMS_FILE]
        return sum(1 for line in text.splitlines() if line.strip() and not line.startswith("#"))
    if fmt == "es-index":
        import json

        return len(json.loads(files["index.json"])["settings"]["analysis"]["filter"]["sinoviet_synonyms"]["synonyms"])
    if fmt == "es-api":
        import json

        return sum(len(json.loads(line)["body"]["synonyms_set"]) for line in files["synonyms-api.jsonl"].splitlines())
    if fmt == "typesense":
        import json

        return len(json.loads(files["synonym_set.json"])["items"])
    if fmt == "meilisearch":
        import json

        return len(json.loads(files["synonyms.json"]))
    if fmt == "postgres":
        return sum(1 for name in ("sinoviet.syn", "sinoviet.ths") for line in files[name].splitlines()
                   if line.strip() and not line.startswith("#"))
    if fmt == "postgres-managed":
        from toolkit.exports.postgres_managed import term_rows

        return len(term_rows(table))
    if fmt == "csv":
        return len(files["aliases.csv"].splitlines()) - 1
    (text,) = files.values()
    return len(text.splitlines())


__all__ = ["FORMATS", "export_files", "rule_count"]
