"""The normalise and fold commands, run as a user runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SEEDS
from toolkit.cli import app

runner = CliRunner()

DAMAGED = "\ufeffChị Thuỷ khoẻ\u200b không?\r\nHoà bình.\r\n"
REPAIRED = "Chị Thủy khỏe không?\r\nHòa bình.\r\n"


def invoke(*args: str, stdin: bytes | None = None):
    return runner.invoke(app, list(args), input=stdin)


def test_normalise_file_to_stdout(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(DAMAGED.encode("utf-8"))
    result = invoke("normalise", str(source))
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == REPAIRED.encode("utf-8")


def test_normalise_stdin_new_style() -> None:
    result = invoke("normalise", "--tone-style", "new", "-", stdin="Chị Thủy khỏe".encode())
    assert result.exit_code == 0
    assert result.stdout == "Chị Thuỷ khoẻ"


def test_normalise_legacy_bytes_with_named_encoding() -> None:
    tcvn3 = "Hµ Néi".encode("latin-1")  # TCVN3 bytes of "Hà Nội"
    result = invoke("normalise", "--encoding", "tcvn3", stdin=tcvn3)
    assert result.exit_code == 0, result.output
    assert result.stdout == "Hà Nội"


def test_in_place_rewrites_every_file_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("one.txt", "sub/two.txt"):
        (tmp_path / name).write_bytes(DAMAGED.encode("utf-8"))
    (tmp_path / "skip.md").write_text("Thuỷ", encoding="utf-8")
    result = invoke("normalise", "--in-place", str(tmp_path))
    assert result.exit_code == 0, result.output
    for name in ("one.txt", "sub/two.txt"):
        assert (tmp_path / name).read_bytes() == REPAIRED.encode("utf-8")
    assert (tmp_path / "skip.md").read_text(encoding="utf-8") == "Thuỷ"  # not *.txt
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_output_folder_mirrors_the_input_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("normalise", "-o", str(out), "--glob", "*.txt", str(SEEDS))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in SEEDS.glob("*.txt"))


def test_report_counts_repairs_per_file(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(DAMAGED.encode("utf-8"))
    result = invoke("normalise", "--report", "-o", str(tmp_path / "out.txt"), str(source))
    assert result.exit_code == 0
    line = next(l for l in result.stderr.splitlines() if l.startswith(str(source)))
    assert "tone_placement=3" in line and "invisible=1" in line
    assert "1 file(s): 1 ok (1 repaired), 0 failed" in result.stderr


def test_bad_file_is_named_and_the_others_still_processed(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Thuỷ", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes("Hà Nội\n".encode() + b"\xff\xfe\x00\x81 broken")
    out = tmp_path / "out"
    result = invoke("normalise", "-o", str(out), str(good), str(bad), str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert (out / "good.txt").read_text(encoding="utf-8") == "Thủy"
    assert not (out / "bad.txt").exists()
    assert f"{bad}:" in result.stderr and "offset" in result.stderr
    assert "missing.txt: no such file or folder" in result.stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert invoke("normalise", "--tone-style", "modern", "-").exit_code == 2
    assert invoke("normalise", "--encoding", "ebcdic", "-").exit_code == 2
    assert invoke("normalise", "--in-place", "-").exit_code == 2
    assert invoke("normalise", "--no-such-flag").exit_code == 2


def test_fold_prints_one_key_per_line() -> None:
    result = invoke("fold", stdin="Hà Nội, Việt Nam\nHA NOI\n\nLý Cường\n".encode())
    assert result.exit_code == 0
    assert result.stdout == "ha noi viet nam\nha noi\n\nli cuong\n"


@pytest.mark.slow
@pytest.mark.parametrize("command", [["sinoviet"], [sys.executable, "-m", "toolkit"]])
def test_installed_entry_points(command: list[str]) -> None:
    executable = Path(sys.executable).with_name("sinoviet")
    if command == ["sinoviet"]:
        if not executable.exists():
            pytest.skip("the sinoviet console script is not installed beside this interpreter")
        command = [str(executable)]
    result = subprocess.run(
        [*command, "fold", "-"], input="HÀ NỘI".encode(), capture_output=True, check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"ha noi\n"


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_stdin_streams_through_workers_in_order() -> None:
    text = "".join(f"Dòng {n}: Thuỷ khoẻ, hoà bình.\n" for n in range(3000))
    one = invoke("normalise", "-j", "1", "--chunk-bytes", "1024", "-", stdin=text.encode())
    two = invoke("normalise", "-j", "2", "--chunk-bytes", "1024", "-", stdin=text.encode())
    assert one.exit_code == two.exit_code == 0
    assert one.stdout_bytes == two.stdout_bytes == text.replace("Thuỷ khoẻ, hoà", "Thủy khỏe, hòa").encode()


def test_help_lists_the_corpus_options() -> None:
    result = invoke("normalise", "--help")
    for option in ("--workers", "--on-error", "--jsonl", "--field", "--to", "--quiet", "--verbose"):
        assert option in result.stdout
    assert "--chunk-bytes" not in result.stdout  # hidden: for tests and benchmarks


def test_version_and_short_help():
    import toolkit

    for flag in ("--version", "-V"):
        result = runner.invoke(app, [flag])
        assert result.exit_code == 0 and result.stdout.strip() == f"sinoviet {toolkit.__version__}"
    for args in (["-h"], ["link", "-h"], ["normalise", "-h"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0 and "Usage:" in result.stdout, args


def test_several_inputs_refuse_an_output_that_is_or_reads_as_a_file(tmp_path):
    (tmp_path / "in").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "in" / name).write_text("Thuỷ", encoding="utf-8")
    named_like_a_file = runner.invoke(app, ["normalise", str(tmp_path / "in"), "-o", str(tmp_path / "out.txt")])
    assert named_like_a_file.exit_code == 2 and not (tmp_path / "out.txt").exists()
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    a_file = runner.invoke(app, ["normalise", str(tmp_path / "in" / "a.txt"), str(tmp_path / "in" / "b.txt"),
                                 "-o", str(tmp_path / "taken")])
    assert a_file.exit_code == 2 and (tmp_path / "taken").read_text(encoding="utf-8") == "x"
    folder = runner.invoke(app, ["normalise", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"])
    assert folder.exit_code == 0 and (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == "Thủy"
