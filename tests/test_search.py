"""The SQLite search index: any rendering of a name finds every document that uses another one."""

from __future__ import annotations

import json

import pytest
import typer
from conftest import SEEDS, seed_entity_documents
from typer.testing import CliRunner

from toolkit.aliases import AliasTable
from toolkit.search import SearchIndex, build_index, companion, search, segment_han

DOCUMENTS = {
    "vi.txt": "Thủ tướng đến HÀ NỘI hôm qua. Tại đây, Đại sứ Hà Vĩ phát biểu về quan hệ hai nước.",
    "zh.txt": "越南河内市长会见了中国驻越南大使何炜。",
    "en.txt": "Ambassador He Wei flew to Hanoi, then met officials in Ha Noi City.",
    "other.txt": "Đà Nẵng đón khách du lịch; không có tên nào khác ở đây.",
}


@pytest.fixture(scope="module")
def table(builtin_alias_table) -> AliasTable:
    return builtin_alias_table


@pytest.fixture(scope="module")
def index(tmp_path_factory, table):
    path = tmp_path_factory.mktemp("index") / "small.db"
    report = build_index(path, [(name, text.encode("utf-8")) for name, text in DOCUMENTS.items()], table)
    assert report.documents == len(DOCUMENTS) and not report.errors
    with SearchIndex(path) as opened:
        yield opened


def names(hits) -> set[str]:
    return {hit.name for hit in hits}


@pytest.mark.parametrize("query", ["ha noi", "hanoi", "河内", "Hà Nội", "HA NOI", "Hanoi"])
@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_every_rendering_of_hanoi_finds_every_document(index, query):
    assert names(index.search(query)) == {"vi.txt", "zh.txt", "en.txt"}


@pytest.mark.parametrize("query", ["He Wei", "he wei", "Hà Vĩ", "何炜"])
def test_he_wei_finds_ha_vi_and_the_characters(index, query):
    found = names(index.search(query))
    assert {"vi.txt", "zh.txt", "en.txt"} <= found
    assert "other.txt" not in found


def test_highlights_point_at_the_original_text(index):
    (hit,) = [h for h in index.search("hanoi") if h.name == "vi.txt"]
    assert [text for _start, _end, text in hit.highlights] == ["HÀ NỘI"]
    start, end, text = hit.highlights[0]
    assert DOCUMENTS["vi.txt"][start:end] == text
    assert "«HÀ NỘI»" in hit.snippet
    (chinese,) = [h for h in index.search("Hà Vĩ") if h.name == "zh.txt"]
    assert "«何炜»" in chinese.snippet


def test_a_chinese_run_is_segmented_so_a_name_inside_it_is_a_token():
    assert "河内" in companion("越南河内市长").split()
    assert segment_han("abc") == "abc"
    assert companion("HÀ NỘI, Đà Nẵng") == "ha noi da nang"


def test_plain_words_search_folded_and_need_every_word(index):
    assert names(index.search("phat bieu")) == {"vi.txt"}
    assert names(index.search("du lich")) == {"other.txt"}
    assert names(index.search("du lich hanoi")) == set()


def test_weak_forms_are_words_not_expansions(index):
    # "Hà" alone is a surname's reading, a given name, and half of Hà Nội: it is searched as a word
    expansion = index.expand("Hà")
    assert expansion.entities == ()


def test_a_shared_rendering_expands_to_every_entity_it_may_name(index):
    expansion = index.expand("He Wei")
    assert set(expansion.entities) == {"person:cn:he-wei-ambassador", "person:cn:he-wei-cppcc"}


def test_ranked_best_first_and_limited(index):
    hits = index.search("hanoi", limit=2)
    assert len(hits) == 2
    assert hits[0].score >= hits[1].score


def test_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such index"):
        search(tmp_path / "nope.db", "hanoi")
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(ValueError, match="not a sinoviet search index"):
        SearchIndex(bad)


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_every_rendering_of_every_seed_entity_finds_every_document_mentioning_it(tmp_path, table):
    path = tmp_path / "seeds.db"
    build_index(path, [(p.name, p.read_bytes()) for p in sorted(SEEDS.glob("*.txt"))], table)
    misses = []
    with SearchIndex(path) as opened:
        for entity, files in sorted(seed_entity_documents().items()):
            for rendering in table.renderings(entity):
                found = names(opened.search(rendering, limit=50))
                misses += [(entity, rendering, name) for name in sorted(files - found)]
    assert misses == []


def _app() -> typer.Typer:
    from toolkit.cli import aliases as aliases_cli
    from toolkit.cli import search as search_cli

    app = typer.Typer()
    aliases_cli.register(app)
    search_cli.register(app)
    return app


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_cli_index_build_and_search(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in DOCUMENTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    (corpus / "tcvn3.txt").write_bytes("Hµ Néi".encode("cp1252"))  # Hà Nội typed in TCVN3, read by decode
    runner = CliRunner()
    built = runner.invoke(_app(), ["index", "build", str(corpus), "-o", str(tmp_path / "i.db")])
    assert built.exit_code == 0, built.output
    result = runner.invoke(_app(), ["search", str(tmp_path / "i.db"), "河内", "--json", "--limit", "10"])
    assert result.exit_code == 0, result.output
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    found = {hit["name"].rsplit("/", 1)[-1] for hit in hits}
    assert {"vi.txt", "zh.txt", "en.txt", "tcvn3.txt"} <= found
    assert all(hit["highlights"] for hit in hits)
    text = runner.invoke(_app(), ["search", str(tmp_path / "i.db"), "Ha Vi"])
    assert "«Hà Vĩ»" in text.stdout
    missing = runner.invoke(_app(), ["search", str(tmp_path / "none.db"), "x"])
    assert missing.exit_code == 2 and "no such index" in missing.output
    # as grep: 1 when no document matches
    assert runner.invoke(_app(), ["search", str(tmp_path / "i.db"), "Kathmandu"]).exit_code == 1


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_cli_index_build_reports_missing_inputs(tmp_path):
    (tmp_path / "a.txt").write_text("Hà Nội", encoding="utf-8")
    result = CliRunner().invoke(_app(), ["index", "build", str(tmp_path / "a.txt"), str(tmp_path / "gone.txt"),
                                         "-o", str(tmp_path / "i.db")])
    assert result.exit_code == 1
    assert "gone.txt: no such file or folder" in result.output
    assert (tmp_path / "i.db").is_file()


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_parallel_build_gives_the_same_results(tmp_path, table):
    documents = [(name, text.encode("utf-8")) for name, text in DOCUMENTS.items()]
    build_index(tmp_path / "one.db", documents, table, workers=1)
    build_index(tmp_path / "two.db", documents, table, workers=2)
    for query in ("hanoi", "He Wei", "du lich"):
        assert [h.to_dict() for h in search(tmp_path / "one.db", query)] == \
            [h.to_dict() for h in search(tmp_path / "two.db", query)]


def test_plain_word_highlights_are_the_original_words(index):
    (hit,) = index.search("phat bieu")
    assert [text for _s, _e, text in hit.highlights] == ["phát", "biểu"]  # two words, each marked
    (chinese,) = index.search("市长")
    assert [text for _s, _e, text in chinese.highlights] == ["市长"]
    assert "越南河内«市长»会见" in chinese.snippet


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_any_query_string_searches_without_error(index, query):
    # FTS5 syntax in the query (quotes, NEAR, *, ^, column filters) is never passed through
    for hit in index.search(query, limit=3):
        assert all(0 <= s < e for s, e, _t in hit.highlights)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_companion_is_idempotent_and_total(text):
    once = companion(text)
    assert companion(once) == once


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_an_unknown_name_finds_its_other_renderings_when_indexed_with_unknown_names(tmp_path, table):
    documents = [("vi.txt", "Ông Lưu Hải Tinh gặp Bộ trưởng tại Hà Nội hôm qua.".encode()),
                 ("en.txt", b"Foreign Minister Liu Haixing met officials in Hanoi."),
                 ("zh.txt", "刘海星在河内会见了官员。".encode()),
                 ("none.txt", b"Officials met in Hanoi.")]
    build_index(tmp_path / "u.db", documents, table, unknown=True)
    with SearchIndex(tmp_path / "u.db") as opened:
        assert opened.expand("Liu Haixing").cluster == "nil:liu-hai-xing"
        assert names(opened.search("Liu Haixing")) == {"vi.txt", "en.txt", "zh.txt"}
        (hit,) = [h for h in opened.search("刘海星") if h.name == "vi.txt"]
        assert "«Lưu Hải Tinh»" in hit.snippet


def test_a_huge_query_is_refused_before_it_becomes_a_huge_expression(index):
    from toolkit.search.query import MAX_QUERY_WORDS

    with pytest.raises(ValueError, match="too long"):
        index.expand("Hà Nội " * (MAX_QUERY_WORDS + 1))
    with pytest.raises(ValueError, match="too long"):
        index.expand("x" * 300_000)
    assert index.expand("Hà Nội " * (MAX_QUERY_WORDS // 2)).fts_query


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_cli_search_names_a_huge_query_without_a_traceback(index):
    from typer.testing import CliRunner

    from toolkit.cli import app

    result = CliRunner().invoke(app, ["search", str(index.path), "Hà Nội " * 5000])
    assert result.exit_code == 2 and "too long" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_character_that_folds_to_han_is_segmented_as_han():
    from toolkit.search.segmenting import companion

    assert companion("0🈐") == companion(companion("0🈐")) == "0 手"


def test_simplified_and_traditional_chinese_share_one_search_key():
    from toolkit.search.segmenting import companion

    assert companion("習近平會見蘇林") == companion("习近平会见苏林")
    assert "习近平" in companion("總書記習近平").split()
