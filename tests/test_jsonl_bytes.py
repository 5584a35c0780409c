"""``--jsonl``: only the field written changes; every other byte of a record is kept (issue 18, item 4)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from toolkit.cli import app

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_a_lone_surrogate_in_another_field_is_kept_and_the_run_goes_on(tmp_path: Path) -> None:
    first = tmp_path / "a.jsonl"
    first.write_bytes(b'{"id": "\\ud800", "text": "Hoa\xcc\x80"}\n{"id": 2, "text": "Thu\xe1\xbb\xb7"}\n')
    second = tmp_path / "b.jsonl"
    second.write_text('{"text": "khoẻ"}\n', encoding="utf-8")
    result = invoke("normalise", "--jsonl", "--glob", "*.jsonl", str(first), str(second))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == '{"id": "\\ud800", "text": "Hoa\u0300", "text_normalised": "Hòa"}'
    assert json.loads(lines[1])["text_normalised"] == "Thủy"
    assert json.loads(lines[2])["text_normalised"] == "khỏe"


@pytest.mark.parametrize("policy", ["skip", "copy", "fail"])
def test_a_lone_surrogate_in_the_field_is_a_bad_record_named_by_file_and_line(tmp_path: Path, policy: str) -> None:
    first = tmp_path / "a.jsonl"
    bad = '{"text": "x\\udc00y"}'
    first.write_text('{"text": "Hoà"}\n' + bad + '\n{"text": "Thuỷ"}\n', encoding="utf-8")
    second = tmp_path / "b.jsonl"
    second.write_text('{"text": "khoẻ"}\n', encoding="utf-8")
    result = invoke("normalise", "--jsonl", "--on-error", policy, str(first), str(second))
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert f"{first}: line 2:" in result.stderr and "surrogate" in result.stderr
    out = result.stdout.splitlines()
    if policy == "copy":
        assert out[1] == bad
    if policy != "fail":
        assert json.loads(out[-1])["text_normalised"] == "khỏe"


def test_every_byte_but_the_written_field_is_kept(tmp_path: Path) -> None:
    mojibake = "Hà Nội".encode().decode("cp1252")
    line = '{ "raw" : "%s", "big": 1e400, "price": 1.10, "k": 1, "k": 2, "esc": "\\u00e0\\/", "text": "Hoà" }' % mojibake
    source = tmp_path / "a.jsonl"
    source.write_text(line + "\n", encoding="utf-8")
    result = invoke("normalise", "--jsonl", str(source))
    assert result.exit_code == 0, result.output
    assert result.stdout == line[: line.rindex("}")].rstrip() + ', "text_normalised": "Hòa" }' + "\n"


def test_an_existing_target_field_is_replaced_where_it_stands(tmp_path: Path) -> None:
    source = tmp_path / "a.jsonl"
    source.write_text('{"key":"old","n":1.10,"text":"Hà Nội"}\n{"text":"Thuỷ","text":"Hoà"}\n', encoding="utf-8")
    folded = invoke("fold", "--jsonl", "--to", "key", str(source))
    assert folded.stdout.splitlines()[0] == '{"key":"ha noi","n":1.10,"text":"Hà Nội"}'
    same = invoke("normalise", "--jsonl", "--to", "text", str(source))
    # duplicate keys: the last one is the record's value (as json.loads reads it), and the one written
    assert same.stdout.splitlines()[1] == '{"text":"Thuỷ","text":"Hòa"}'


def test_mojibake_in_the_field_itself_is_still_repaired(tmp_path: Path) -> None:
    mojibake = "Thủ tướng Chính phủ tại Hà Nội".encode().decode("cp1252", "ignore")
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"text": mojibake}, ensure_ascii=False) + "\n", encoding="utf-8")
    result = invoke("normalise", "--jsonl", str(source))
    assert result.exit_code == 0, result.output
    assert "Hà Nội" in json.loads(result.stdout)["text_normalised"]
