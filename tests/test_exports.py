"""Every export format, parsed back by the format's own rules: multi-word terms, commas, quotes,
backslashes, ``=>`` inside a name, Han text."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

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


# --- Solr, rules pre-analysed for the text_sinoviet field type (issue 17) ------------------------

@pytest.mark.parametrize("term, tokens", [
    ("何炜", "何 炜"), ("Hà Nội", "ha noi"), ("HÀ NỘI", "ha noi"), ("Lý Cường", "ly cuong"),
    ("Đà Nẵng", "da nang"), ("Tập Cận Bình", "tap can binh"), ("Bà Rịa–Vũng Tàu", "ba ria vung tau"),
    ("M’Drắk", "m'drak"), ("Xi-Jinping", "xi jinping"), ("U.S.A.", "u.s.a"), ("1,000 Days", "1,000 days"),
    ("Łódź", "lodz"), ("Straße", "strasse"), ("İzmir", "izmir"), ("back\\slash => arrow", "back slash arrow"),
    ("#1 Hit", "1 hit"), ("A=B", "a b"), ("—", ""),
])
def test_lucene_chain_writes_a_term_as_the_field_s_tokens(term, tokens):
    from toolkit.exports.lucene_chain import analysed_term

    assert analysed_term(term) == tokens


def test_lucene_chain_reads_decomposed_marks_as_precomposed():
    from toolkit.exports.lucene_chain import field_tokens

    assert field_tokens("Ha\u0300 No\u0323\u0302i") == ["ha", "noi"]


def solr_analysed_text(table: AliasTable) -> str:
    from toolkit.exports.solr_analysed import SYNONYMS_FILE

    return export_files(table, "solr-analysed")[SYNONYMS_FILE]


def test_solr_analysed_rules_are_field_tokens_once_each_and_weak_forms_one_way():
    from toolkit.exports.lucene_chain import analysed_term

    equivalences, mappings = parse_solr(solr_analysed_text(tricky_table()))
    assert ["the quoted party", "dang trich dan", "引 号 党", "back slash arrow", "a b"] in equivalences
    assert ["ha noi", "hanoi", "河 内"] in equivalences  # six renderings, three after analysis
    assert mappings == [(["xi"], ["xi", "xi jinping", "习 近 平"])]
    for terms in [*equivalences, *(left + right for left, right in mappings)]:
        assert all(analysed_term(term) == term for term in terms), terms  # whitespace reads them as they are
    for terms in [*equivalences, *(right for _, right in mappings)]:
        assert len(terms) == len(set(terms)) >= 2, terms


def test_solr_analysed_drops_a_rule_left_with_one_term_and_keeps_escaping():
    table = AliasTable([
        AliasRow("place:vn:ha-noi", "Hà Nội", "vi", "label", "test", 0, "place"),
        AliasRow("place:vn:ha-noi", "HA NOI", "vi", "fold", "test", 0, "place"),
        AliasRow("place:vn:ha-noi", "ha-noi", "vi", "alias", "test", 0, "place"),
        AliasRow("person:cn:xi-jinping", "Xi Jinping", "en", "label", "test", 0, "person"),
        AliasRow("person:cn:xi-jinping", "Xi", "en", "weak", "test", 0, "person"),
        AliasRow("org:test:days", "1,000 Days", "en", "label", "test", 0, "org"),
        AliasRow("org:test:days", "#1,000 Days", "en", "alias", "test", 0, "org"),
        AliasRow("org:test:days", "Thousand Days", "en", "alias", "test", 0, "org"),
    ])
    text = solr_analysed_text(table)
    rules = [line for line in text.splitlines() if not line.startswith("#")]
    assert rules == ["1\\,000 days, thousand days", "xi => xi, xi jinping"], text
    equivalences, _ = parse_solr(text)
    assert equivalences == [["1,000 days", "thousand days"]]


def test_solr_analysed_field_type_is_one_chain_in_xml_and_json():
    import xml.etree.ElementTree as ElementTree

    from toolkit.exports.solr_analysed import FIELD_TYPE, SYNONYMS_FILE

    files = export_files(tricky_table(), "solr-analysed")
    assert set(files) == {SYNONYMS_FILE, "schema-fieldtype.xml", "add-field-type.json"}
    field_type = ElementTree.fromstring(files["schema-fieldtype.xml"])
    request = json.loads(files["add-field-type.json"])["add-field-type"]
    assert field_type.get("name") == request["name"] == FIELD_TYPE
    for kind in ("index", "query"):
        (analyzer,) = field_type.findall(f"analyzer[@type='{kind}']")
        from_xml = [dict(element.attrib) for element in analyzer]
        described = request[f"{kind}Analyzer"]
        assert from_xml == [described["tokenizer"], *described["filters"]]
        assert from_xml[:3] == [{"class": "solr.StandardTokenizerFactory"}, {"class": "solr.LowerCaseFilterFactory"},
                                {"class": "solr.ASCIIFoldingFilterFactory"}]
    (synonyms,) = field_type.findall("analyzer[@type='query']/filter[@class='solr.SynonymGraphFilterFactory']")
    assert synonyms.get("synonyms") == SYNONYMS_FILE
    assert not field_type.findall("analyzer[@type='index']/filter[@class='solr.SynonymGraphFilterFactory']")


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_solr_analysed_builtin_file_parses_with_every_script_in_one_rule(builtin):
    equivalences, mappings = parse_solr(solr_analysed_text(builtin))
    assert ["he wei", "何 炜", "ha vi"] in equivalences
    li_qiang = next(group for group in equivalences if "李 强" in group)
    assert {"li qiang", "ly cuong"} <= set(li_qiang)
    assert all(len(group) == len(set(group)) for group in equivalences)
    assert ["xi"] in [left for left, _ in mappings]
    assert len(equivalences) + len(mappings) == rule_count(builtin, "solr-analysed")


# --- the same files in real Lucene (tests/lucene/SolrSynonymsCheck.java) -------------------------

LUCENE_CHECK = Path(__file__).with_name("lucene") / "SolrSynonymsCheck.java"
# documents naming Hanoi, He Wei (何炜), Xi Jinping and Li Qiang in Vietnamese, Chinese and English
SEARCH_DOCUMENTS = {
    "vi.txt": "Thủ tướng đến HÀ NỘI hôm qua. Tại đây, Đại sứ Hà Vĩ phát biểu; ông Tập Cận Bình gửi thư.",
    "zh.txt": "越南河内市长会见了中国驻越南大使何炜。习近平致信。",
    "en.txt": "Ambassador He Wei flew to Hanoi; Xi Jinping sent a letter.",
    "other.txt": "Đà Nẵng đón khách du lịch.",
    "li-vi.txt": "Thủ tướng Trung Quốc Lý Cường dự lễ khai mạc.",
    "li-zh.txt": "国务院总理李强出席开幕式。",
    "li-en.txt": "Chinese Premier Li Qiang attended the opening.",
    "xi-only.txt": "President Xi spoke first.",
}
SEARCH_QUERIES = ["何炜", "He Wei", "Hà Vĩ", "Li Qiang", "Lý Cường", "李强", "Hanoi", "Hà Nội", "河内",
                  "Xi Jinping", "习近平", "Tập Cận Bình", "Xi", "Đà Nẵng"]


def lucene_class_path() -> tuple[list[Path], str]:
    """(jars, where they came from): SINOVIET_LUCENE_JARS (jars or folders of jars, separated by
    os.pathsep), else Debian's liblucene8-java, else the Lucene inside an installed pyserini."""
    configured = os.environ.get("SINOVIET_LUCENE_JARS")
    if configured:
        jars: list[Path] = []
        for entry in map(Path, configured.split(os.pathsep)):
            jars.extend(sorted(entry.glob("*.jar")) if entry.is_dir() else [entry] if entry.is_file() else [])
        return jars, "SINOVIET_LUCENE_JARS"
    debian = Path("/usr/share/java")
    core = sorted(debian.glob("lucene-core-*.jar"))
    analysis = sorted([*debian.glob("lucene-analysis-common-*.jar"), *debian.glob("lucene-analyzers-common-*.jar")])
    if core and analysis:
        return [core[-1], analysis[-1]], str(debian)
    import importlib.util

    spec = importlib.util.find_spec("pyserini")
    if spec and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            fat = sorted((Path(folder) / "resources" / "jars").glob("anserini-*-fatjar.jar"))
            if fat:
                return fat[-1:], "pyserini"
    return [], ""


@pytest.fixture(scope="module")
def lucene(tmp_path_factory):
    """Runs SolrSynonymsCheck (compiled once) with the given arguments; returns its output."""
    if not (shutil.which("java") and shutil.which("javac")):
        pytest.skip("no Java (java and javac) to run real Lucene with")
    jars, origin = lucene_class_path()
    if origin == "SINOVIET_LUCENE_JARS" and not jars:
        pytest.fail(f"SINOVIET_LUCENE_JARS={os.environ['SINOVIET_LUCENE_JARS']} names no jar file")
    if not jars:
        pytest.skip("no Lucene jars: set SINOVIET_LUCENE_JARS to lucene-core and lucene-analysis-common "
                    "(or apt-get install liblucene8-java)")
    classes = tmp_path_factory.mktemp("lucene-classes")
    class_path = os.pathsep.join(map(str, jars))
    compiled = subprocess.run(["javac", "-encoding", "UTF-8", "-cp", class_path, "-d", str(classes), str(LUCENE_CHECK)],
                              capture_output=True, text=True)
    if compiled.returncode:
        pytest.fail(f"SolrSynonymsCheck.java does not compile against the jars from {origin}:\n{compiled.stderr}")

    def run(*arguments: str) -> str:
        done = subprocess.run(["java", "-cp", class_path + os.pathsep + str(classes), "SolrSynonymsCheck", *arguments],
                              capture_output=True, text=True, encoding="utf-8", timeout=300)
        assert done.returncode == 0, done.stderr
        return done.stdout

    return run


@pytest.mark.slow  # starts a JVM
def test_field_tokens_are_lucene_s_for_every_term_of_the_builtin_table(builtin, lucene, tmp_path):
    import unicodedata

    from toolkit.exports.lucene_chain import analysed_term

    # Lucene keeps a combining mark that follows its letter; the table's terms are NFC
    terms = list(dict.fromkeys(unicodedata.normalize("NFC", " ".join(row.alias.split())) for row in builtin))
    terms += ["O'Neil U.S.A. 3.5 1,000 a:b a_b e-mail", "ひらがな カタカナ 한국어 ไทยภาษา", "Ｆｕｌｌ１２ ẞtraße Æsir Œuvre",
              "ɓ ƙ ɗ ǆ ǉ ꜳ ø ł ħ ı ŋ", "M’Drắk 1，2 a：b"]
    path = tmp_path / "terms.txt"
    path.write_text("\n".join(terms) + "\n", encoding="utf-8")
    from_lucene = lucene("analyse", str(path)).split("\n")
    differing = [(term, tokens) for term, tokens in zip(terms, from_lucene) if analysed_term(term) != tokens]
    assert not differing, differing[:20]


def lucene_search(lucene, folder: Path, synonyms: str, mode: str = "search") -> dict[str, tuple[set[str], set[str]]]:
    """query -> (documents its phrase query finds, documents its all-words query finds)."""
    (folder / "synonyms.txt").write_text(synonyms, encoding="utf-8")
    (folder / "documents.tsv").write_text("".join(f"{name}\t{text}\n" for name, text in SEARCH_DOCUMENTS.items()),
                                          encoding="utf-8")
    (folder / "queries.txt").write_text("\n".join(SEARCH_QUERIES) + "\n", encoding="utf-8")
    out = {}
    for line in lucene(mode, *(str(folder / name) for name in ("synonyms.txt", "documents.tsv", "queries.txt"))).splitlines():
        query, phrase, all_words, _ = line.split("\t")
        out[query] = (set(filter(None, phrase.split(","))), set(filter(None, all_words.split(","))))
    return out


@pytest.mark.slow  # starts a JVM
def test_pre_analysed_rules_find_every_script_in_lucene_where_raw_rules_do_not(builtin, lucene, tmp_path):
    analysed = lucene_search(lucene, tmp_path, solr_analysed_text(builtin))
    hanoi_he_wei_xi = {"vi.txt", "zh.txt", "en.txt"}
    expected = {query: hanoi_he_wei_xi for query in ["何炜", "He Wei", "Hà Vĩ", "Hanoi", "Hà Nội", "河内",
                                                       "Xi Jinping", "习近平", "Tập Cận Bình"]}
    expected |= {query: {"li-vi.txt", "li-zh.txt", "li-en.txt"} for query in ["Li Qiang", "Lý Cường", "李强"]}
    expected |= {"Xi": hanoi_he_wei_xi | {"xi-only.txt"}, "Đà Nẵng": {"other.txt"}}
    assert {query: found for query, (found, _) in analysed.items()} == expected
    assert {query: found for query, (_, found) in analysed.items()} == expected
    # Solr reads the plain export's 河内 and Hà Nội as tokens the field never makes
    raw = lucene_search(lucene, tmp_path, export_files(builtin, "solr")["synonyms.txt"])
    assert raw["何炜"][0] == {"zh.txt"} and raw["河内"][0] == {"zh.txt"} and "zh.txt" not in raw["Hanoi"][0]


@pytest.mark.slow  # starts a JVM
def test_es_index_rules_read_with_the_field_chain_find_every_script_in_lucene(builtin, lucene, tmp_path):
    """Elasticsearch and OpenSearch analyse a rule with the tokenizer and filters before the
    synonym filter: the es-index body's inline rules, read so by Lucene, find what Solr's do."""
    from toolkit.exports import es_index

    body = es_index.index_body(builtin)
    analysis = body["settings"]["analysis"]
    assert analysis["analyzer"]["sinoviet_search"]["filter"] == ["lowercase", "asciifolding", "sinoviet_synonyms"]
    assert body["mappings"]["properties"]["body"]["search_analyzer"] == "sinoviet_search"
    rules = "\n".join(analysis["filter"]["sinoviet_synonyms"]["synonyms"]) + "\n"
    by_field = lucene_search(lucene, tmp_path, rules, "search-rules-by-field")
    by_solr = lucene_search(lucene, tmp_path, solr_analysed_text(builtin))
    assert by_field == by_solr
    assert by_field["何炜"][0] == {"vi.txt", "zh.txt", "en.txt"}
    assert by_field["Li Qiang"][0] == {"li-vi.txt", "li-zh.txt", "li-en.txt"}


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
