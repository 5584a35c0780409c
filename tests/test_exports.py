"""Every export format, parsed back by the format's own rules: multi-word terms, commas, quotes,
backslashes, ``=>`` inside a name, Han text."""

from __future__ import annotations

import csv
import io
import json

import pytest

from toolkit.aliases import AliasRow, AliasTable
from toolkit.exports import FORMATS, export_files, rule_count
from toolkit.exports import es_api, postgres
from toolkit.exports.groups import entity_token

TRICKY_TERMS = {
    "org:test:quoted": ['The "Quoted", Party', "Đảng Trích, Dẫn", "引号党", "back\\slash => arrow", "A=B"],
    "place:vn:ha-noi": ["Hà Nội", "Ha Noi", "Hanoi", "河内", "ha noi", "HÀ NỘI"],
}


def tricky_table() -> AliasTable:
    rows = []
    for entity, terms in TRICKY_TERMS.items():
        for position, term in enumerate(terms):
            rows.append(AliasRow(entity, term, "und", "label" if position == 0 else "alias", "test", 0,
                                 "org" if entity.startswith("org") else "place"))
    rows.append(AliasRow("person:cn:xi-jinping", "Xi Jinping", "en", "label", "test", 0, "person"))
    rows.append(AliasRow("person:cn:xi-jinping", "习近平", "zh", "label", "test", 0, "person"))
    rows.append(AliasRow("person:cn:xi-jinping", "Xi", "en", "weak", "test", 0, "person"))
    return AliasTable(rows)


@pytest.fixture(scope="module")
def builtin(builtin_alias_table) -> AliasTable:
    return builtin_alias_table


# --- Solr / Elasticsearch / OpenSearch: the SolrSynonymParser rules -------------------------------

def split_unescaped(text: str, separator: str) -> list[str]:
    """Split on ``separator`` where it is not escaped; a backslash escapes the next character."""
    parts, current, position = [], [], 0
    while position < len(text):
        if text[position] == "\\" and position + 1 < len(text):
            current.append(text[position:position + 2])
            position += 2
        elif text.startswith(separator, position):
            parts.append("".join(current))
            current = []
            position += len(separator)
        else:
            current.append(text[position])
            position += 1
    parts.append("".join(current))
    return parts


def unescape(term: str) -> str:
    out, position = [], 0
    while position < len(term):
        if term[position] == "\\" and position + 1 < len(term):
            out.append(term[position + 1])
            position += 2
        else:
            out.append(term[position])
            position += 1
    return "".join(out).strip()


def parse_solr(text: str) -> tuple[list[list[str]], list[tuple[list[str], list[str]]]]:
    equivalences, mappings = [], []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        sides = split_unescaped(line, "=>")
        assert len(sides) <= 2, f"more than one => in {line!r}"
        terms = [[unescape(t) for t in split_unescaped(side, ",")] for side in sides]
        assert all(t for side in terms for t in side), f"empty term in {line!r}"
        if len(sides) == 2:
            mappings.append((terms[0], terms[1]))
        else:
            equivalences.append(terms[0])
    return equivalences, mappings


def test_solr_rules_parse_back_with_commas_quotes_backslashes_and_han():
    equivalences, mappings = parse_solr(export_files(tricky_table(), "solr")["synonyms.txt"])
    assert TRICKY_TERMS["org:test:quoted"] in equivalences
    assert TRICKY_TERMS["place:vn:ha-noi"] in equivalences
    assert (["Xi"], ["Xi", "Xi Jinping", "习近平"]) in mappings


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_solr_builtin_file_parses_and_holds_every_rendering(builtin):
    equivalences, mappings = parse_solr(export_files(builtin, "solr")["synonyms.txt"])
    hanoi = next(group for group in equivalences if "河内" in group)
    assert {"Hà Nội", "Hanoi", "Ha Noi", "ha noi", "hanoi"} <= set(hanoi)
    xi = next(group for group in equivalences if "习近平" in group)
    assert {"Xi Jinping", "Tập Cận Bình", "tap can binh"} <= set(xi)
    assert len(equivalences) + len(mappings) == rule_count(builtin, "solr")


# --- Elasticsearch synonyms API --------------------------------------------------------------------

@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_es_api_sets_are_split_at_the_limit_and_hold_solr_rules(builtin):
    sets = es_api.rule_sets(builtin, max_rules=300)
    assert all(len(s["body"]["synonyms_set"]) <= 300 for s in sets)
    assert len(sets) == -(-rule_count(builtin, "solr") // 300)
    ids = [rule["id"] for s in sets for rule in s["body"]["synonyms_set"]]
    assert len(ids) == len(set(ids))
    assert [s["path"] for s in sets[:2]] == ["_synonyms/sinoviet-1", "_synonyms/sinoviet-2"]
    for s in sets:
        for rule in s["body"]["synonyms_set"]:
            equivalences, mappings = parse_solr(rule["synonyms"])
            assert len(equivalences) + len(mappings) == 1


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_es_api_file_is_one_request_per_line_under_ten_thousand_rules(builtin):
    lines = export_files(builtin, "es-api")["synonyms-api.jsonl"].splitlines()
    requests = [json.loads(line) for line in lines]
    assert all(len(r["body"]["synonyms_set"]) <= 10_000 for r in requests)
    rules = [rule["synonyms"] for r in requests for rule in r["body"]["synonyms_set"]]
    assert any("河内" in rule and "Hà Nội" in rule for rule in rules)


def test_es_api_tricky_rules_survive_json_and_solr_parsing():
    (request,) = es_api.rule_sets(tricky_table())
    parsed = [parse_solr(rule["synonyms"]) for rule in request["body"]["synonyms_set"]]
    assert ([TRICKY_TERMS["org:test:quoted"]], []) in parsed


# --- Meilisearch -----------------------------------------------------------------------------------

def test_meilisearch_maps_every_term_to_all_others_both_ways():
    synonyms = json.loads(export_files(tricky_table(), "meilisearch")["synonyms.json"])
    group = TRICKY_TERMS["place:vn:ha-noi"]
    for term in group:
        assert set(synonyms[term]) == set(group) - {term}
    assert set(synonyms['The "Quoted", Party']) == set(TRICKY_TERMS["org:test:quoted"]) - {'The "Quoted", Party'}
    # one way for a weak form
    assert "Xi Jinping" in synonyms["Xi"] and "Xi" not in synonyms["Xi Jinping"]


# --- Typesense -------------------------------------------------------------------------------------

@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_typesense_objects_are_multi_way_with_folded_forms_and_one_way_for_weak(builtin):
    objects = json.loads(export_files(builtin, "typesense")["synonym_set.json"])["items"]  # Typesense 30: a synonym set
    legacy = [json.loads(line) for line in export_files(builtin, "typesense-v29")["synonyms.jsonl"].splitlines()]
    assert legacy == objects  # before 30: the same items, one PUT each
    assert len({o["id"] for o in objects}) == len(objects)
    for item in objects:
        assert set(item) <= {"id", "synonyms", "root"}
        assert all(isinstance(term, str) and term for term in item["synonyms"])
    hanoi = next(o for o in objects if o["id"] == "place_vn_ha_noi")
    # the vi locale keeps diacritics: the accent-free forms must be listed
    assert {"Hà Nội", "ha noi", "hanoi", "河内"} <= set(hanoi["synonyms"]) and "root" not in hanoi
    weak = [o for o in objects if o.get("root") == "Xi"]
    assert weak and "Xi Jinping" in weak[0]["synonyms"]


# --- PostgreSQL ------------------------------------------------------------------------------------

def parse_syn(text: str) -> dict[str, str]:
    """The synonym template: a word, whitespace, its substitute; one pair per line."""
    out = {}
    for line in text.splitlines():
        if line.strip():
            word, substitute = line.split()
            assert word not in out, f"{word} twice"
            out[word] = substitute
    return out


def parse_ths(text: str) -> dict[tuple[str, ...], tuple[str, ...]]:
    """The thesaurus template: ``sample words : indexed words``, ``#`` comments."""
    out = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            sample, indexed = line.split(":")
            out[tuple(sample.split())] = tuple(indexed.split())
    return out


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_postgres_dictionaries_parse_and_map_every_rendering_to_one_lexeme(builtin):
    files = export_files(builtin, "postgres")
    words, phrases = parse_syn(files["sinoviet.syn"]), parse_ths(files["sinoviet.ths"])
    target = entity_token("place:vn:ha-noi")
    assert words["hanoi"] == target and words["河内"] == target
    assert phrases[("ha", "noi")] == (target,)
    assert phrases[("tap", "can", "binh")] == (entity_token("person:cn:xi-jinping"),)
    # a rendering two entities share is a thesaurus entry naming both
    assert set(phrases[("he", "wei")]) == {entity_token("person:cn:he-wei-ambassador"),
                                          entity_token("person:cn:he-wei-cppcc")}
    assert all(w == w.lower() for w in words)
    assert "CREATE TEXT SEARCH CONFIGURATION sinoviet" in files["install.sql"]


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_postgres_unaccent_rules_parse_and_fold_vietnamese():
    rules = {}
    for line in export_files(tricky_table(), "postgres")["sinoviet.rules"].splitlines():
        source, target = line.split("\t")
        assert len(source) == 1 and target.isascii()
        rules[source] = target
    assert rules["đ"] == "d" and rules["Đ"] == "d" and rules["ộ"] == "o" and rules["Ữ"] == "u"
    assert "".join(rules.get(c, c) for c in "Hà Nội").lower() == "ha noi"


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_postgres_tricky_terms_become_parser_words():
    words, phrases = postgres.mappings(tricky_table())
    assert ("the", "quoted", "party") in phrases
    assert ("back", "slash", "arrow") in phrases
    han = tuple(postgres.parser_words("引号党"))  # as jieba cuts it, like the documents
    assert (words[han[0]] if len(han) == 1 else phrases[han]) == [entity_token("org:test:quoted")]


# --- spaCy -----------------------------------------------------------------------------------------

def test_spacy_patterns_follow_the_entity_ruler_schema():
    patterns = [json.loads(line) for line in export_files(tricky_table(), "spacy")["patterns.jsonl"].splitlines()]
    assert all(set(p) == {"label", "pattern", "id"} and isinstance(p["pattern"], str) for p in patterns)
    assert {p["pattern"] for p in patterns if p["id"] == "org:test:quoted"} == set(TRICKY_TERMS["org:test:quoted"])
    assert not any(p["pattern"] == "Xi" for p in patterns)  # weak forms never decide alone
    assert {p["label"] for p in patterns} == {"ORG", "GPE", "PERSON"}


@pytest.mark.slow
def test_spacy_entity_ruler_loads_the_patterns_and_links_ids():
    spacy = pytest.importorskip("spacy", reason="spaCy is not installed (optional: pip install spacy)")
    nlp = spacy.blank("xx")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns([json.loads(line) for line in
                        export_files(tricky_table(), "spacy")["patterns.jsonl"].splitlines()])
    doc = nlp('Tin từ HÀ NỘI: The "Quoted", Party họp.')
    assert {(ent.text, ent.ent_id_) for ent in doc.ents} >= {("HÀ NỘI", "place:vn:ha-noi"),
                                                             ('The "Quoted", Party', "org:test:quoted")}


# --- CSV and JSONL ---------------------------------------------------------------------------------

def test_csv_parses_back_with_the_csv_module():
    text = export_files(tricky_table(), "csv")["aliases.csv"]
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["alias"] for row in rows] == [row.alias for row in tricky_table()]
    assert rows[0]["alias"] == 'The "Quoted", Party' and rows[0]["entity"] == "org:test:quoted"


def test_jsonl_parses_back_line_by_line():
    lines = export_files(tricky_table(), "jsonl")["aliases.jsonl"].splitlines()
    assert [json.loads(line)["alias"] for line in lines] == [row.alias for row in tricky_table()]


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_every_format_counts_rules_for_the_builtin_table(builtin, fmt):
    assert rule_count(builtin, fmt) > 100


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="choose one of"):
        export_files(tricky_table(), "lucene")


# --- hostile aliases read back by the project's own reader (issue 18, item 8) -----------------

HOSTILE_ALIASES = ["a\rb", "c\r\nd", "=1+2", "+x", "-5", "@SUM(A1)", "'quoted", "\tTab", "line\u2028sep", "x\u0085y", "p\u2029q"]


def hostile_table() -> AliasTable:
    return AliasTable([AliasRow("org:test:x", alias, "en", "alias", "test") for alias in HOSTILE_ALIASES])


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl"])
def test_hostile_aliases_survive_the_table_formats(fmt):
    from toolkit.aliases.tableio import dumps, loads

    assert [row.alias for row in loads(dumps(hostile_table(), fmt), fmt)] == HOSTILE_ALIASES


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_no_cell_opens_a_spreadsheet_formula(fmt):
    from toolkit.aliases.tableio import dumps

    text = dumps(hostile_table(), fmt)
    cells = [cell for row in csv.reader(io.StringIO(text, newline=""), delimiter="," if fmt == "csv" else "\t") for cell in row]
    assert cells and not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_the_csv_export_reads_back_with_the_table_reader():
    from toolkit.aliases.tableio import loads

    text = export_files(hostile_table(), "csv")["aliases.csv"]
    assert [row.alias for row in loads(text, "csv")] == HOSTILE_ALIASES


def test_a_solr_rule_whose_first_term_starts_with_a_hash_is_no_comment():
    table = AliasTable([AliasRow("org:test:hash", "#1 Hit", "en", "label", "test"),
                        AliasRow("org:test:hash", "#1 Hit Radio", "en", "alias", "test")])
    text = export_files(table, "solr")["synonyms.txt"]
    rules = [line for line in text.splitlines() if line and not line.startswith("# ")]
    assert rules and not [line for line in rules if line.startswith("#")], text
    equivalences, _ = parse_solr(text)
    assert any("#1 Hit" in group and "#1 Hit Radio" in group for group in equivalences), text


def test_es_rule_ids_are_unique_even_when_a_suffix_is_some_entity_s_own_slug():
    table = AliasTable([AliasRow(entity, name + suffix, "en", kind, "test")
                        for entity, name in [("org:x:a-b", "Alpha Beta"), ("org:x:a.b", "Alpha Dot Beta"), ("org:x:a-b-2", "Alpha Beta Two")]
                        for suffix, kind in [("", "label"), (" Group", "alias")]])
    ids = [rule["id"] for rule_set in es_api.rule_sets(table) for rule in rule_set["body"]["synonyms_set"]]
    assert len(ids) == len(set(ids)) == 3, ids


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_entity_tokens_are_one_per_id_and_read_as_the_id():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from toolkit.exports.groups import entity_token

    assert entity_token("place:vn:ha-noi") == "sv_place__vn__ha_noi"
    assert entity_token("org:x:a-b") != entity_token("org:x:a.b") != entity_token("org:x:a_b")
    assert entity_token("place:vn:ha-noi") != entity_token("place:vn:ha:noi")
    ids = st.text(alphabet="ab:-._Aé", min_size=1, max_size=8)

    @settings(max_examples=500, deadline=None)
    @given(ids, ids)
    def distinct(a, b):
        token_a, token_b = entity_token(a), entity_token(b)
        assert (token_a == token_b) == (a == b)
        assert set(token_a) <= set("abcdefghijklmnopqrstuvwxyz0123456789_")

    distinct()


@pytest.mark.slow  # the built-in table: over 0.3 s
def test_a_vietnamese_short_form_that_folds_to_a_word_is_no_rule(builtin):
    # a search engine folds the query: Lâm => Tô Lâm would make the verb "làm" find Tô Lâm
    from toolkit.exports.groups import weak_mappings

    terms = {mapping.term for mapping in weak_mappings(builtin)}
    assert not {"Lâm", "Lam", "Trọng", "Trong"} & terms
    assert {"Xi", "Wang"} <= terms  # a Chinese name's pinyin is no Vietnamese word to protect


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_postgres_managed_rows_keep_weak_forms_apart_and_the_fold_is_one_to_one(builtin):
    from toolkit.exports import postgres_managed

    rows = postgres_managed.term_rows(builtin)
    xi = {(term, weak) for entity, term, weak in rows if entity == "person:cn:xi-jinping"}
    assert ("Xi", True) in xi and ("Xi Jinping", False) in xi and ("习近平", False) in xi
    assert not any(term == "Lâm" for _, term, _ in rows)  # folds to the verb làm: never a synonym
    source, target = postgres_managed.fold_translation()
    assert len(source) == len(target) and len(set(source)) == len(source)
    folded = dict(zip(source, target))
    assert folded["Đ"] == folded["đ"] == "d" and folded["Ở"] == folded["ở"] == "o"
    sql = export_files(builtin, "postgres-managed")["install.sql"]
    assert sql.count("INSERT INTO sinoviet_terms") == -(-len(rows) // 1000) and "unaccent(" not in sql
