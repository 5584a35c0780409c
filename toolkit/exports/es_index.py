"""Elasticsearch / OpenSearch index settings with the synonyms inline: one request makes an index
that finds every rendering of a name.

    PUT /<index>   with index.json as the body     (curl -X PUT -H 'Content-Type: application/json'
                                                    --data-binary @index.json http://localhost:9200/news)

The analysis uses built-in parts only, so no plugin is needed and both engines take the file:
``standard`` tokenizer (each Han character a token), ``lowercase`` and ``asciifolding`` (marks
off, ``đ`` → ``d``) at index and query time, and a ``synonym_graph`` filter at query time only.
The engines analyse each rule with the tokenizer and filters before the synonym filter; the
rules are the ``solr-analysed`` ones, already written as that chain's tokens, so a rule means
the same on Solr, Elasticsearch and OpenSearch (and a lone Han surname, which would fire inside
other words, is left out here too). ``lenient`` keeps one odd rule from failing the index.

The mapping gives one text field, ``body``; give the same ``analyzer`` and ``search_analyzer`` to
every field that carries names. For a table that changes often, the ``es-api`` format (the
Elasticsearch synonyms API) updates the rules without reopening the index.
"""

from __future__ import annotations

import json

from toolkit.exports import solr_analysed

FILTER = "sinoviet_synonyms"
INDEX_ANALYZER = "sinoviet_index"
SEARCH_ANALYZER = "sinoviet_search"
_FOLDING = ["lowercase", "asciifolding"]


def index_body(table, field: str = "body") -> dict:
    """The body of ``PUT /<index>``: analysis settings with the rules inline, and ``field`` mapped."""
    rules = [rule for _, rule in solr_analysed.rules(table)]
    return {
        "settings": {"analysis": {
            "filter": {FILTER: {"type": "synonym_graph", "synonyms": rules, "lenient": True}},
            "analyzer": {
                INDEX_ANALYZER: {"type": "custom", "tokenizer": "standard", "filter": list(_FOLDING)},
                SEARCH_ANALYZER: {"type": "custom", "tokenizer": "standard", "filter": [*_FOLDING, FILTER]},
            },
        }},
        "mappings": {"properties": {field: {"type": "text", "analyzer": INDEX_ANALYZER,
                                            "search_analyzer": SEARCH_ANALYZER}}},
    }


def export(table) -> dict[str, str]:
    return {"index.json": json.dumps(index_body(table), ensure_ascii=False, indent=1) + "\n"}


__all__ = ["FILTER", "INDEX_ANALYZER", "SEARCH_ANALYZER", "export", "index_body"]
