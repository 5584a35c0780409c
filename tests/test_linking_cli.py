"""``sinoviet link`` and ``sinoviet lexicon export``, run through typer's test runner."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from toolkit.cli import lexicon as lexicon_cli
from toolkit.cli import link as link_cli


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    link_cli.register(app)
    lexicon_cli.register(app)
    return app


def run(app, *args, **kwargs):
    return CliRunner().invoke(app, list(args), **kwargs)


def test_link_writes_one_json_object_per_mention_with_line_offsets(app, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Tổng Bí thư Tô Lâm\nđón Chủ tịch Tập Cận Bình tại Hà Nội.\n", encoding="utf-8")
    result = run(app, "link", str(path), "--no-unknown")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["line"], r["text"], r["entity"]) for r in rows] == [
        (1, "Tô Lâm", "person:vn:to-lam"), (2, "Tập Cận Bình", "person:cn:xi-jinping"), (2, "Hà Nội", "place:vn:ha-noi")]
    second_line = path.read_text(encoding="utf-8").splitlines()[1]
    assert all(second_line[r["start"]:r["end"]] == r["text"] for r in rows[1:])
    assert set(rows[0]) == {"file", "line", "start", "end", "text", "entity", "type", "score", "cluster"}


def test_link_tsv_and_stdin(app):
    result = run(app, "link", "--format", "tsv", input="习近平在河内\n".encode())
    assert result.exit_code == 0
    header, *lines = result.stdout.splitlines()
    assert header.split("\t")[:4] == ["file", "line", "start", "end"]
    assert [line.split("\t")[4] for line in lines] == ["习近平", "河内"]


def test_a_bad_file_is_reported_with_its_byte_offset_and_the_others_still_linked(app, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Ha Noi \xff\xfe then \x81")
    good = tmp_path / "good.txt"
    good.write_text("Ha Noi", encoding="utf-8")
    result = run(app, "link", str(bad), str(good), "--no-unknown")
    assert result.exit_code == 1
    assert f"{bad}: line 1, byte offset 7" in result.stderr
    assert [json.loads(line)["file"] for line in result.stdout.splitlines()] == [str(good)]


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_link_takes_a_users_lexicon_and_reports_a_bad_one(app, tmp_path):
    mine = tmp_path / "mine.tsv"
    mine.write_text("# test\nid\ttype\ten\tsource\nplace:xx:atlantis\tplace\tAtlantis\ttest\n", encoding="utf-8")
    text = tmp_path / "t.txt"
    text.write_text("Ships sailed to Atlantis.", encoding="utf-8")
    result = run(app, "link", str(text), "--lexicon", str(mine), "--no-unknown")
    assert [json.loads(line)["entity"] for line in result.stdout.splitlines()] == ["place:xx:atlantis"]
    mine.write_text("# test\nid\ttype\ten\tsource\nplace:xx:atlantis\tplace\tAtlantis\n", encoding="utf-8")
    result = run(app, "link", str(text), "--lexicon", str(mine))
    assert result.exit_code == 1 and "mine.tsv:3: expected 4 tab-separated columns" in result.stderr


def test_link_refuses_an_unknown_format(app):
    assert run(app, "link", "--format", "xml", input=b"").exit_code == 2


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_lexicon_export_for_jieba_and_underthesea(app, tmp_path):
    result = run(app, "lexicon", "export", "--format", "jieba")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "河内 100000 ns" in lines and "苏林 100000 nr" in lines
    assert all(len(line.split(" ")) == 3 for line in lines)
    out = tmp_path / "vi.txt"
    result = run(app, "lexicon", "export", "--format", "underthesea", "-o", str(out))
    assert result.exit_code == 0
    words = out.read_text(encoding="utf-8").splitlines()
    assert "Tô Lâm" in words and "Hà Nội" in words and all(" " in w for w in words)
    assert run(app, "lexicon", "export", "--format", "opennlp").exit_code == 2


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_the_exported_jieba_dictionary_loads_and_keeps_names_whole(app, tmp_path):
    import jieba

    path = tmp_path / "user.dict"
    path.write_text(run(app, "lexicon", "export", "--format", "jieba").stdout, encoding="utf-8")
    jieba.load_userdict(str(path))
    assert "苏林" in list(jieba.cut("越共中央总书记苏林会见客人"))


# ----------------------------------------------------------------------------- link on the corpus runner

ARTICLE = (
    "Chủ tịch Tập Cận Bình đến Hà Nội chiều 14/4.\n"
    "Ông Tập được Tổng Bí thư Tô Lâm đón tại sân bay Nội Bài.\n"
    "President Xi Jinping met To Lam in Hanoi; Xi said both sides agreed.\n"
    "习近平在河内会见苏林。\n"
)


def _rows(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_a_small_file_links_as_one_document_exactly_as_a_whole_file_does(app, tmp_path):
    from toolkit.cli.link import link_source
    from toolkit.corpus.sources import Source
    from toolkit.lexicon import Lexicon

    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run(app, "link", str(path))
    assert result.exit_code == 0, result.output
    expected = link_source(Source(str(path), path, path.relative_to(tmp_path)), Lexicon.builtin(), None, True)
    assert _rows(result) == expected
    # a short form reaches the full name on another line of the same document
    assert ("Tập", "person:cn:xi-jinping") in [(r["text"], r["entity"]) for r in expected if r["line"] == 2]
    lines = ARTICLE.splitlines()
    assert all(lines[r["line"] - 1][r["start"]:r["end"]] == r["text"] for r in expected)


@pytest.mark.slow
def test_pieces_keep_line_numbers_offsets_and_order_with_one_or_two_workers(app, tmp_path):
    paths = []
    for n in range(3):
        path = tmp_path / f"{n}.txt"
        path.write_text("".join(f"Dòng {i}: " + ARTICLE for i in range(6)), encoding="utf-8")
        paths.append(str(path))
    args = ["link", *paths, "--no-unknown", "--chunk-bytes", "600"]
    one = run(app, *args, "--workers", "1")
    two = run(app, *args, "--workers", "2")
    assert one.exit_code == two.exit_code == 0, one.output + two.output
    assert one.stdout == two.stdout and one.stdout
    rows = _rows(one)
    assert [r["file"] for r in rows] == sorted((r["file"] for r in rows), key=paths.index)
    for path in paths:
        lines = open(path, encoding="utf-8").read().splitlines()
        mine = [r for r in rows if r["file"] == path]
        assert len({r["line"] for r in mine}) > 10  # mentions on lines of every piece
        assert all(lines[r["line"] - 1][r["start"]:r["end"]] == r["text"] for r in mine)
        assert [(r["line"], r["start"]) for r in mine] == sorted((r["line"], r["start"]) for r in mine)


def test_link_error_policies(app, tmp_path):
    bad = tmp_path / "a-bad.txt"
    bad.write_bytes(b"Ha Noi \xff\xfe then \x81")
    good = tmp_path / "b-good.txt"
    good.write_text("Hà Nội", encoding="utf-8")
    skipped = run(app, "link", str(bad), str(good), "--no-unknown", "--on-error", "skip")
    assert skipped.exit_code == 1
    assert [r["file"] for r in _rows(skipped)] == [str(good)]
    assert "1 failed" in skipped.stderr
    failed = run(app, "link", str(bad), str(good), "--no-unknown", "--on-error", "fail")
    assert failed.exit_code == 1 and failed.stdout == ""  # stopped before the good file
    assert "stopped at the first failure" in failed.stderr
    refused = run(app, "link", str(good), "--on-error", "copy")
    assert refused.exit_code == 2 and "copy" in refused.output


def test_link_jsonl_records_get_their_mentions_and_bad_records_are_named(app, tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text(
        json.dumps({"id": 1, "text": "Tô Lâm đón Tập Cận Bình tại Hà Nội."}, ensure_ascii=False) + "\n"
        + "not json\n"
        + json.dumps({"id": 3, "body": "no text field"}) + "\n",
        encoding="utf-8",
    )
    result = run(app, "link", str(path), "--jsonl", "--field", "text", "--no-unknown", "--quiet")
    assert result.exit_code == 1
    records = _rows(result)
    assert [r["id"] for r in records] == [1]
    assert [(m["text"], m["entity"]) for m in records[0]["text_mentions"]] == [
        ("Tô Lâm", "person:vn:to-lam"), ("Tập Cận Bình", "person:cn:xi-jinping"), ("Hà Nội", "place:vn:ha-noi")]
    assert "line 2: not JSON" in result.stderr and "line 3: no field 'text'" in result.stderr
    copied = run(app, "link", str(path), "--jsonl", "--no-unknown", "--on-error", "copy", "--to", "found")
    assert copied.stdout.splitlines()[1:] == path.read_text(encoding="utf-8").splitlines()[1:]
    assert "found" in json.loads(copied.stdout.splitlines()[0])


def test_link_help_lists_the_corpus_options(app):
    result = run(app, "link", "--help")
    for option in ("--workers", "--on-error", "--jsonl", "--field", "--quiet", "--verbose", "--ner", "--glob"):
        assert option in result.stdout


def test_link_writes_every_inputs_mentions_to_one_output_file(tmp_path):
    from typer.testing import CliRunner

    from toolkit.cli import app

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Hà Nội và Bắc Kinh.", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text("Tô Lâm gặp Tập Cận Bình.", encoding="utf-8")
    (tmp_path / "in" / "bad.txt").write_bytes(b"\xff\xfe\x00\x00broken\x00")
    out = tmp_path / "mentions.jsonl"
    result = CliRunner().invoke(app, ["link", str(tmp_path / "in"), "-o", str(out), "-q"])
    assert result.exit_code == 1 and result.stdout == ""  # one input failed; the others are kept
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {row["entity"] for row in rows} >= {"place:vn:ha-noi", "place:cn:beijing", "person:vn:to-lam", "person:cn:xi-jinping"}
    assert not list(tmp_path.glob(".*.tmp"))
