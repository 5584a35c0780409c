"""sinoviet pinyin / hanviet / candidates / match."""

from __future__ import annotations

import pytest

import json

from typer.testing import CliRunner

from toolkit.cli import app

runner = CliRunner()


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_pinyin_and_hanviet_commands():
    assert runner.invoke(app, ["pinyin", "习近平"]).output.strip() == "Xi Jinping"
    assert runner.invoke(app, ["pinyin", "西安"]).output.strip() == "Xi'an"
    assert runner.invoke(app, ["hanviet", "何炜"]).output.strip() == "Hà Vĩ"
    assert runner.invoke(app, ["hanviet", "西安", "--kind", "place"]).output.strip() == "Tây An"


def test_bad_kind_is_a_usage_error():
    assert runner.invoke(app, ["pinyin", "西安", "--kind", "city"]).exit_code == 2


def test_candidates_command():
    result = runner.invoke(app, ["candidates", "He Wei", "-k", "3"])
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 3 and lines[0].startswith("Hà Vĩ\t")
    as_json = runner.invoke(app, ["candidates", "He Wei", "-k", "1", "--json"])
    assert json.loads(as_json.output)["hanviet"] == "Hà Vĩ"


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_match_command_text_and_json():
    same = runner.invoke(app, ["match", "何炜", "Ha Vi"])
    assert same.exit_code == 0 and same.output.startswith("same\t")
    differs = runner.invoke(app, ["match", "Wang Yi", "Wang Yang", "--json"])
    different = json.loads(differs.output)
    assert different["same"] is False and different["score"] == 0.0
    assert differs.exit_code == 1  # as diff: 1 when the two differ
    assert json.loads(runner.invoke(app, ["match", "China", "中国", "--json"]).output)["same"] is True
    assert json.loads(runner.invoke(app, ["match", "China", "中国", "--json", "--no-lexicon"]).output)["same"] is False


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_match_pairs_file_gives_one_json_line_per_pair(tmp_path):
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("何炜\tHe Wei\n# a comment\n\nLý Cường\tLương Cường\n", encoding="utf-8")
    result = runner.invoke(app, ["match", "--pairs", str(pairs)])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.output.strip().splitlines()]
    assert [line["same"] for line in lines] == [True, False]
    assert lines[0]["a"] == "何炜"


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_a_malformed_pairs_line_is_an_error_naming_file_and_line(tmp_path):
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("何炜\tHe Wei\nonly one field\n", encoding="utf-8")
    result = runner.invoke(app, ["match", "--pairs", str(pairs)])
    assert result.exit_code == 1
    assert f"{pairs}:2:" in result.output
    assert result.output.count('"same"') == 1  # the good line is still answered


def test_a_pairs_file_that_is_not_utf8_names_the_byte_offset(tmp_path):
    pairs = tmp_path / "pairs.tsv"
    pairs.write_bytes("何炜\tHe Wei\n".encode() + b"\xff\tx\n")
    result = runner.invoke(app, ["match", "--pairs", str(pairs)])
    assert result.exit_code == 1
    assert "byte offset 14" in result.output


def test_match_needs_two_renderings_or_a_pairs_file(tmp_path):
    assert runner.invoke(app, ["match", "only-one"]).exit_code == 2
    pairs = tmp_path / "p.tsv"
    pairs.write_text("a\tb\n", encoding="utf-8")
    assert runner.invoke(app, ["match", "a", "b", "--pairs", str(pairs)]).exit_code == 2


def test_readings_take_several_texts_and_stdin():
    several = runner.invoke(app, ["hanviet", "习近平", "何炜"])
    assert several.exit_code == 0 and several.stdout.splitlines() == ["Tập Cận Bình", "Hà Vĩ"]
    piped = runner.invoke(app, ["pinyin", "-"], input="习近平\n\n何炜\n")
    assert piped.exit_code == 0 and piped.stdout.splitlines() == ["Xi Jinping", "He Wei"]
    assert runner.invoke(app, ["pinyin"], input="西安\n").stdout.splitlines() == ["Xi'an"]
    rows = [json.loads(line) for line in runner.invoke(app, ["candidates", "He Wei", "Li Qiang", "-k", "1", "--json"]).stdout.splitlines()]
    assert [row["name"] for row in rows] == ["He Wei", "Li Qiang"]
