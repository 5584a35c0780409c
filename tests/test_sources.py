"""Inputs that are not plain files (issue 18, item 9): FIFOs, dangling links, names that are not UTF-8."""

from __future__ import annotations

import pytest

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from typer.testing import CliRunner

from toolkit.cli import app

runner = CliRunner()


def test_a_fifo_is_read_as_a_stream(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_text("Thuỷ điện Hoà Bình\n", encoding="utf-8"))
    writer.start()
    result = runner.invoke(app, ["normalise", str(fifo)])
    writer.join(timeout=10)
    assert result.exit_code == 0, result.output
    assert result.stdout == "Thủy điện Hòa Bình\n"


def test_a_dangling_symlink_is_named_as_such(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing.txt")
    result = runner.invoke(app, ["normalise", str(link)])
    assert result.exit_code == 1
    assert "dangling symbolic link" in result.stderr and "missing.txt" in result.stderr


@pytest.mark.slow  # starts a sinoviet process
def test_a_file_name_that_is_not_utf8_gives_utf8_output(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xff.txt")
    (tmp_path / name).write_text("Ông Tập Cận Bình thăm Hà Nội.\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "toolkit", "link", "--no-unknown", "--quiet", os.fsencode(tmp_path / name)],
        capture_output=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8")  # raises on a raw 0xFF byte
    rows = [json.loads(line) for line in text.splitlines()]
    assert rows and all(row["file"].endswith("caf\\xff.txt") for row in rows), rows
