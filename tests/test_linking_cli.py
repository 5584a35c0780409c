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


def test_the_exported_jieba_dictionary_loads_and_keeps_names_whole(app, tmp_path):
    import jieba

    path = tmp_path / "user.dict"
    path.write_text(run(app, "lexicon", "export", "--format", "jieba").stdout, encoding="utf-8")
    jieba.load_userdict(str(path))
    assert "苏林" in list(jieba.cut("越共中央总书记苏林会见客人"))
