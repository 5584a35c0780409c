"""Solr synonym rules written as the tokens of one field chain, with that chain as a field type.

Solr's ``SynonymGraphFilterFactory`` reads its file with a whitespace tokenizer (lower-cased when
``ignoreCase="true"``), not with the filters before it in the field, unlike Elasticsearch and
OpenSearch. With the plain ``solr`` export a rule term ``河内`` is then one token, which a field
that cuts Han into characters never produces, and ``Hà Nội`` keeps marks the field has folded
away: ``何炜`` finds only Chinese text and a Vietnamese query misses English text.

This export writes each term as the tokens of the chain below (``toolkit.exports.lucene_chain``),
so whitespace parsing yields exactly what the field makes of the query:

``何炜`` → ``何 炜``, ``Hà Nội`` → ``ha noi``, ``Đà Nẵng`` → ``da nang``, ``M’Drắk`` → ``m'drak``

Terms that become the same tokens are written once, and a rule left with one term is dropped
(it would map a term to itself). A weak form stays one way: ``xi => xi, xi jinping, 习 近 平``.

The chain uses Solr's built-in classes only, so no plugin is needed: StandardTokenizer (Unicode
word boundaries, each Han character a token), LowerCaseFilter, ASCIIFoldingFilter (marks off,
``đ`` → ``d``) at index and query time, and the synonym filter at query time only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from toolkit.exports.groups import synonym_groups, weak_mappings
from toolkit.exports.lucene_chain import analysed_term
from toolkit.exports.solr import escape
from toolkit.text.script import is_han_char

FIELD_TYPE = "text_sinoviet"
# not "synonyms.txt": the _default configset's text_general field reads that one
SYNONYMS_FILE = "sinoviet-synonyms.txt"

_FOLDING_CHAIN = ("solr.LowerCaseFilterFactory", "solr.ASCIIFoldingFilterFactory")
_TOKENIZER = "solr.StandardTokenizerFactory"
_SYNONYM_FILTER = {"class": "solr.SynonymGraphFilterFactory", "synonyms": SYNONYMS_FILE,
                   "ignoreCase": "true", "expand": "true"}


def _unique_terms(terms: Iterable[str], *, leaving_out: str = "") -> list[str]:
    analysed = (analysed_term(term) for term in terms)
    return list(dict.fromkeys(term for term in analysed if term and term != leaving_out))


def rules(table) -> list[tuple[str, str]]:
    """(comment, rule) pairs: equivalences per entity, then one-way weak mappings, all analysed."""
    out = []
    for group in synonym_groups(table):
        terms = _unique_terms(group.terms)
        if len(terms) >= 2:
            out.append((group.entity, ", ".join(escape(term) for term in terms)))
    # weak forms that toolkit.fold keeps apart may still be the same tokens to Lucene: Solr would
    # merge their rules anyway, one line says so
    entities_of: dict[str, dict[str, None]] = {}
    targets_of: dict[str, dict[str, None]] = {}
    for mapping in weak_mappings(table):
        weak = analysed_term(mapping.term)
        if len(weak) == 1 and is_han_char(weak):
            continue  # every Han character is a token: 李 => … would fire inside 行李 too
        names = _unique_terms(mapping.targets, leaving_out=weak)
        if weak and names:
            entities_of.setdefault(weak, {}).update(dict.fromkeys(mapping.entities))
            targets_of.setdefault(weak, {}).update(dict.fromkeys(names))
    for weak, targets in targets_of.items():
        right = ", ".join(escape(term) for term in (weak, *targets))
        out.append(("weak form of " + " | ".join(entities_of[weak]), f"{escape(weak)} => {right}"))
    return out


def synonyms_text(table) -> str:
    lines = [f"# sinoviet alias table for Solr, pre-analysed for the {FIELD_TYPE} field type (UTF-8):",
             "# each term is written as the tokens of StandardTokenizer, LowerCaseFilter, ASCIIFoldingFilter"]
    for comment, rule in rules(table):
        lines.append(f"# {comment}")
        lines.append(rule)
    return "\n".join(lines) + "\n"


def _analyzer_json(*, with_synonyms: bool) -> dict:
    filters: list[dict[str, str]] = [{"class": name} for name in _FOLDING_CHAIN]
    if with_synonyms:
        filters.append(dict(_SYNONYM_FILTER))
    return {"tokenizer": {"class": _TOKENIZER}, "filters": filters}


def field_type_json() -> dict:
    """The body of one Schema API request (``POST /solr/<collection>/schema``) adding the field type."""
    return {"add-field-type": {
        "name": FIELD_TYPE, "class": "solr.TextField", "positionIncrementGap": "100",
        "indexAnalyzer": _analyzer_json(with_synonyms=False),
        "queryAnalyzer": _analyzer_json(with_synonyms=True),
    }}


def _element(tag: str, attributes: dict[str, str]) -> str:
    from xml.sax.saxutils import quoteattr

    return f"<{tag} " + " ".join(f"{name}={quoteattr(value)}" for name, value in attributes.items()) + "/>"


def field_type_xml() -> str:
    """The same field type as a ``<fieldType>`` element for a managed-schema or schema.xml file."""
    lines = [f"<!-- sinoviet: names in Vietnamese, Chinese and English. {SYNONYMS_FILE} is written as the",
             "     tokens of this chain, so Solr's whitespace parsing of the rules matches the field. -->",
             f'<fieldType name="{FIELD_TYPE}" class="solr.TextField" positionIncrementGap="100">']
    for kind in ("index", "query"):
        analyzer = _analyzer_json(with_synonyms=kind == "query")
        lines.append(f'  <analyzer type="{kind}">')
        lines.append("    " + _element("tokenizer", analyzer["tokenizer"]))
        lines.extend("    " + _element("filter", attributes) for attributes in analyzer["filters"])
        lines.append("  </analyzer>")
    lines.append("</fieldType>")
    return "\n".join(lines) + "\n"


def export(table) -> dict[str, str]:
    return {
        SYNONYMS_FILE: synonyms_text(table),
        "schema-fieldtype.xml": field_type_xml(),
        "add-field-type.json": json.dumps(field_type_json(), indent=2) + "\n",
    }


__all__ = ["FIELD_TYPE", "SYNONYMS_FILE", "export", "field_type_json", "field_type_xml", "rules", "synonyms_text"]
