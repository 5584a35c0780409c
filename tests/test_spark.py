"""The Spark path: files as bytes, decoded and linked per document as ``sinoviet link`` does.

Without pyspark (as in CI) the ``mapInPandas`` functions are called on pandas frames built as
Spark's ``binaryFile`` source builds them; with pyspark, the example itself is run.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SEEDS
from toolkit.corpus.batch import MentionFinder, Normaliser
from toolkit.corpus.records import decoded_lines, field_text, line_count, records_of_bytes
from toolkit.corpus.spark import Chain, DocumentLinker, LineReader, local_path, schema
from toolkit.decoding import legacy_codec

SHORT_FORMS = (  # full names first, short forms on later lines: found only when the file is one document
    "Yunnan Party Secretary Wang Ning met President Xi Jinping in Kunming.\n"
    "Xi praised the border trade.\r\n"  # a CR LF line break
    "\n"
    "Wang said the railway would open. Nguyen Van Doc of Quang Ninh agreed.\n"
    "Doc added that Mong Cai was ready.\x0cHa Noi agreed.\n"  # a form feed does not end a line for the CLI
)
VIETNAMESE = "Thủ tướng Phạm Minh Chính gặp ông Lưu Ninh tại Hà Nội.\nÔng Ninh cảm ơn Thủ tướng Chính.\n"
MOJIBAKE = "Bộ trưởng Bùi Thanh Sơn gặp ông Vương Nghị ở Bắc Kinh.\nÔng Sơn nói với ông Vương.\n"


def write_corpus(folder: Path) -> dict[str, Path]:
    """Files the CLI reads in every way it can: UTF-8, TCVN3, mojibake, and bytes that are not text."""
    folder.mkdir()
    files = {
        "short": folder / "short forms.txt",
        "tcvn3": folder / "tcvn3.txt",
        "mojibake": folder / "mojibake.txt",
        "bad": folder / "bad.txt",
    }
    files["short"].write_text(SHORT_FORMS, encoding="utf-8", newline="")
    files["tcvn3"].write_bytes(legacy_codec("tcvn3").encode(VIETNAMESE))
    files["mojibake"].write_bytes(MOJIBAKE.encode("utf-8").decode("cp1252").encode("utf-8"))
    files["bad"].write_bytes(b"\xff\xfe\x00\xd8not text\x00\x00\x81")
    return files


def cli_mentions(paths: list[Path]) -> set[tuple]:
    """(file, line, start, end, entity, cluster) of every mention ``sinoviet link`` writes for ``paths``."""
    from typer.testing import CliRunner

    from toolkit.cli import app

    result = CliRunner().invoke(app, ["link", *map(str, paths)])
    assert result.exit_code in (0, 1), result.output  # 1: a file could not be decoded (and was skipped)
    return {(r["file"], r["line"], r["start"], r["end"], r["entity"], r["cluster"])
            for r in map(json.loads, result.stdout.splitlines())}


def test_lines_are_numbered_and_cut_as_the_cli_numbers_them() -> None:
    lines = decoded_lines(SHORT_FORMS.encode("utf-8"))
    assert [number for number, _ in lines] == [1, 2, 3, 4, 5]
    assert lines[1] == (2, "Xi praised the border trade.") and lines[2] == (3, "")
    assert lines[4][1].endswith("\x0cHa Noi agreed.")
    assert line_count(SHORT_FORMS.encode("utf-8")) == 5
    assert decoded_lines(b"") == [] and decoded_lines(b"a\rb") == [(1, "a\rb")]  # a lone CR is no line break
    assert decoded_lines(b'{"a": 1}\n\n \n{"b": 2}\n', jsonl=True) == [(1, '{"a": 1}'), (4, '{"b": 2}')]
    assert records_of_bytes(legacy_codec("tcvn3").encode(VIETNAMESE), "v.txt")[1] == {
        "file": "v.txt", "line": 2, "text": "Ông Ninh cảm ơn Thủ tướng Chính."}
    bad = records_of_bytes(b"ok\nno \xe1\xba\n", "bad.txt")  # one record for the whole range, naming the line
    assert len(bad) == 1 and bad[0]["line"] == 2 and bad[0]["error"].startswith("line 2, byte offset 6:")


def test_a_jsonl_field_is_read_under_the_cli_rules() -> None:
    assert field_text({"text": "Hà Nội"}) == ("Hà Nội", None)
    assert field_text({"body": "x"}, "body") == ("x", None)
    assert field_text({"text": None}) == (None, None)  # a null passes through, as in --jsonl
    assert field_text({"id": 1})[1] == "no field 'text' (a string is needed)"
    assert field_text({"text": 3})[1] == "a int in field 'text' (a string is needed)"
    assert "lone surrogate" in str(field_text({"text": "a\ud800"})[1])
    broken = "Hà Nội".encode().decode("cp1252")
    assert field_text({"text": broken}) == ("Hà Nội", None)  # mojibake repaired, as the CLI does
    content = '{"id": 1, "text": "Tô Lâm"}\n\n{broken\n{"id": 2}\n[1]\n'.encode()
    rows = LineReader().rows_of_file("d.jsonl", content)
    assert rows[0] == ("d.jsonl", 1, "Tô Lâm", None)
    assert [(line, text, (error or "").split(":")[0]) for _, line, text, error in rows[1:]] == [
        (3, None, "not JSON"), (4, None, "no field 'text' (a string is needed)"), (5, None, "not a JSON object but list")]


def test_spark_paths_and_functions_travel_as_settings() -> None:
    assert local_path("file:/data/a b.txt") == "/data/a b.txt"
    assert local_path("file:///data/a.txt") == "/data/a.txt"
    assert local_path("hdfs://node/data/a.txt") == "hdfs://node/data/a.txt"
    assert schema("mentions") == "file string, line long, text string, error string, mentions string"
    pipeline = Chain((LineReader(encoding="tcvn3"), Normaliser().frames("text", "text_normalised"),
                      DocumentLinker(MentionFinder(unknown=False), field="text_normalised")))
    payload = pickle.dumps(pipeline)
    assert len(payload) < 800 and pickle.loads(payload) == pipeline  # no tables, no pandas objects


@pytest.mark.slow  # pandas, the linker's index and a CLI run: over 0.3 s
def test_the_spark_frame_functions_give_the_cli_mentions_on_the_same_files(tmp_path: Path) -> None:
    """What ``mapInPandas`` does on ``binaryFile`` rows, called directly: the same (file, line,
    start, end, entity, cluster) as ``sinoviet link``, short forms on later lines included."""
    pandas = pytest.importorskip("pandas", reason="pandas is not installed")
    files = write_corpus(tmp_path / "corpus")

    def binary_file_rows(paths: list[Path]):  # as Spark's binaryFile source gives them
        return pandas.DataFrame({
            "path": [f"file:{p}" for p in paths], "modificationTime": pandas.Timestamp.now(),
            "length": [p.stat().st_size for p in paths], "content": [p.read_bytes() for p in paths]})

    frames = [binary_file_rows([files["short"], files["bad"]]), binary_file_rows([files["tcvn3"], files["mojibake"]])]
    pipeline = Chain((LineReader(lines_per_frame=2), DocumentLinker()))
    out = list(pickle.loads(pickle.dumps(pipeline))(iter(frames)))
    assert len(out) == 4  # lines_per_frame reached or the input frame over after each file: never part of a file
    lines = pandas.concat(out, ignore_index=True)
    assert list(lines.columns) == ["file", "line", "text", "error", "mentions"]

    found = {(row.file, row.line, m["start"], m["end"], m["entity"], m["cluster"])
             for row in lines.itertuples() if isinstance(row.mentions, str) for m in json.loads(row.mentions)}
    assert found == cli_mentions(list(files.values()))
    short, tcvn3, mojibake = (str(files[name]) for name in ("short", "tcvn3", "mojibake"))
    assert {(short, 4, 0, 4, None, "nil:wang-ning"), (short, 5, 0, 3, None, "nil:ruan-wen-du"),
            (tcvn3, 2, 26, 31, "person:vn:pham-minh-chinh", "person:vn:pham-minh-chinh"),
            (mojibake, 2, 4, 7, "person:vn:bui-thanh-son", "person:vn:bui-thanh-son")} <= found

    by_file = {name: group for name, group in lines.groupby("file")}
    assert list(by_file[short]["line"]) == [1, 2, 3, 4, 5]
    assert by_file[tcvn3]["text"].iloc[0] == VIETNAMESE.splitlines()[0]
    bad = by_file[str(files["bad"])]
    assert len(bad) == 1 and bad["error"].iloc[0].startswith("line 1, byte offset") and pandas.isna(bad["text"].iloc[0])


def _java_found() -> bool:
    return bool(shutil.which("java") or os.environ.get("JAVA_HOME"))


@pytest.mark.slow  # starts Spark: about 20 s
def test_the_spark_example_gives_the_cli_mentions_on_the_same_files(tmp_path: Path) -> None:
    pytest.importorskip("pyspark", reason="pyspark is not installed (CI does not install it; the example is documented)")
    pytest.importorskip("pyarrow", reason="pyarrow is not installed (mapInPandas needs it)")
    if not _java_found():
        pytest.skip("no Java runtime (java on the PATH or JAVA_HOME) for Spark")
    files = write_corpus(tmp_path / "corpus")
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, tmp_path / "corpus" / seed.name)
    (tmp_path / "corpus" / "notes.md").write_text("Xi Jinping\n", encoding="utf-8")  # not *.txt: not read
    # as on a fresh machine: the example must find its own interpreter for the workers
    environment = {k: v for k, v in os.environ.items() if k not in ("PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON")}
    result = subprocess.run(
        [sys.executable, str(REPO / "examples" / "spark_map_in_pandas.py"), str(tmp_path / "corpus"), str(tmp_path / "out")],
        capture_output=True, text=True, timeout=600, env=environment, check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    rows = [json.loads(line) for part in sorted((tmp_path / "out").glob("part-*.json"))
            for line in part.read_text(encoding="utf-8").splitlines()]
    found = {(r["file"], r["line"], m["start"], m["end"], m.get("entity"), m["cluster"])
             for r in rows for m in r.get("mentions") or []}
    texts = sorted((tmp_path / "corpus").glob("*.txt"))
    assert found == cli_mentions(texts)
    assert (str(files["short"]), 4, 0, 4, None, "nil:wang-ning") in found
    assert {r["file"] for r in rows} == {str(p) for p in texts}
    errors = [r for r in rows if "error" in r]
    assert [r["file"] for r in errors] == [str(files["bad"])]
    tcvn3 = {r["line"]: r["text_normalised"] for r in rows if r["file"] == str(files["tcvn3"])}
    assert tcvn3 == {1: VIETNAMESE.splitlines()[0], 2: VIETNAMESE.splitlines()[1]}
