"""No output silently lost (issue 18, item 5): colliding outputs, a concurrent writer, a full disk."""

from __future__ import annotations

import pytest

from conftest import private_device

import resource
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from toolkit.corpus.atomic import write_atomic
from toolkit.cli import app
from toolkit.corpus.processors import Processed
from toolkit.corpus.progress import Messages
from toolkit.corpus.runner import Job, Runner
from toolkit.corpus.sources import iter_sources

runner = CliRunner()


def test_two_inputs_with_one_output_name_are_refused(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(f"Hoà {folder}\n", encoding="utf-8")
    out = tmp_path / "od"
    result = runner.invoke(app, ["normalise", str(tmp_path / "a" / "x.txt"), str(tmp_path / "b" / "x.txt"), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "x.txt" in result.output and "same output" in result.output
    assert not out.exists()


def test_one_file_given_twice_in_place_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "x.txt"
    source.write_text("Hoà\n", encoding="utf-8")
    result = runner.invoke(app, ["normalise", "-i", str(source), str(tmp_path / "." / "x.txt")])
    assert result.exit_code == 2, result.output
    assert source.read_text(encoding="utf-8") == "Hoà\n"


@dataclass(frozen=True)
class _AnotherWriter:
    """Processes a piece as upper case, after another process has replaced the file meanwhile."""

    path: str

    def process(self, text: str, piece) -> Processed:
        write_atomic(Path(self.path), b"the other writer's result\n")
        return Processed(text.upper(), changed=True)


class _Collected(Messages):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def message(self, text: str) -> None:
        self.lines.append(text)


def test_a_file_changed_by_another_writer_meanwhile_is_not_replaced(tmp_path: Path) -> None:
    source = tmp_path / "x.txt"
    source.write_text("hoà\n", encoding="utf-8")
    messages = _Collected()
    summary = Runner(
        list(iter_sources([str(source)])), Job(_AnotherWriter(str(source))),
        destination_for=lambda s: s.path, messages=messages,
    ).run()
    assert summary.failed == 1 and summary.ok == 0
    assert source.read_bytes() == b"the other writer's result\n"
    assert any("changed by another process" in line for line in messages.lines), messages.lines
    assert not list(tmp_path.glob(".*.tmp"))


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


@pytest.mark.slow  # starts a sinoviet process
def test_a_file_size_limit_is_reported_per_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Thuỷ điện Hoà Bình\n" * 20000, encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text("khoẻ\n", encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "toolkit", "normalise", "-j", "1", str(big), str(small), "-o", str(out)],
        capture_output=True, text=True, preexec_fn=_limit_file_size, timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert "big.txt: cannot write" in done.stderr
    assert (out / "small.txt").read_text(encoding="utf-8") == "khỏe\n"
    assert not list(out.glob(".*.tmp")) and not (out / "big.txt").exists()


@pytest.mark.slow  # starts a sinoviet process
def test_a_full_disk_is_reported_not_a_traceback(tmp_path: Path) -> None:
    import stat


    full = private_device(tmp_path, "full", 1, 7)
    source = tmp_path / "in.txt"
    source.write_text("Hoà\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "toolkit", "normalise", str(source), "-o", str(full)],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert f"cannot write {full}" in done.stderr
    assert stat.S_ISCHR(full.stat().st_mode)
