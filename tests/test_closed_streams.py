"""Closed standard streams and a full disk on stdout: a clear error, never a traceback (issue 18, item 6)."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import private_device

pytestmark = pytest.mark.slow  # every test starts sinoviet processes


def _shell(command: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=120)


def _sinoviet(*args: str) -> str:
    return shlex.join([sys.executable, "-m", "toolkit", *args])


def test_closed_stdin(tmp_path: Path) -> None:
    done = _shell(_sinoviet("normalise") + " <&-")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "standard input is closed" in done.stderr


@pytest.mark.parametrize("command", ["normalise", "fold"])
def test_closed_stdout(tmp_path: Path, command: str) -> None:
    source = tmp_path / "in.txt"
    source.write_text("Hoà\n", encoding="utf-8")
    done = _shell(_sinoviet(command, str(source)) + " >&-")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "standard output is closed" in done.stderr


def test_stdout_on_a_full_disk(tmp_path: Path) -> None:
    full = private_device(tmp_path, "full", 1, 7)
    source = tmp_path / "in.txt"
    source.write_text("Hoà\n", encoding="utf-8")
    done = _shell(_sinoviet("normalise", str(source), str(source)) + f" > {shlex.quote(str(full))}")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "cannot write to standard output: No space left on device" in done.stderr
    assert "Exception ignored" not in done.stderr, done.stderr
