"""The atomic writer: regular files replaced at once; devices, FIFOs and links left as what they are."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import private_device

from toolkit.corpus.atomic import AtomicFile, write_atomic
from toolkit.cli import app


def test_a_regular_file_is_replaced_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new" and stat.S_IMODE(target.stat().st_mode) == 0o640
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_character_device_is_written_to_not_replaced(tmp_path: Path) -> None:
    device = private_device(tmp_path, "null", 1, 3)
    write_atomic(device, b"swallowed")
    assert stat.S_ISCHR(device.stat().st_mode)
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_fifo_is_written_to_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, b"through the pipe")
    reader.join(timeout=10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_symlink_stays_a_link_and_its_target_is_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real" / "x.txt"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"
    assert not list(tmp_path.glob(".*.tmp")) and not list(real.parent.glob(".*.tmp"))


def test_in_place_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("Thuỷ điện Hoà Bình\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real.name)
    result = CliRunner().invoke(app, ["normalise", "--in-place", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "Thủy điện Hòa Bình\n"


def test_a_hard_link_is_named_when_it_is_broken(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    target.write_bytes(b"old")
    other = tmp_path / "other.txt"
    os.link(target, other)
    out = AtomicFile(target)
    out.write(b"new")
    out.commit()
    assert target.read_bytes() == b"new"
    assert out.notes and "hard link" in out.notes[0]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another owner")
def test_the_owner_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    target.write_bytes(b"old")
    os.chown(target, 12345, 54321)
    write_atomic(target, b"new")
    assert (target.stat().st_uid, target.stat().st_gid) == (12345, 54321)


def test_an_output_that_cannot_be_created_is_reported_not_a_traceback(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("Hà Nội\n", encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = CliRunner().invoke(app, ["normalise", str(source), "-o", str(blocker / "out.txt")])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "cannot write" in result.output and "in.txt" in result.output


def test_output_to_a_device_through_the_cli_leaves_the_device(tmp_path: Path) -> None:
    device = private_device(tmp_path, "null", 1, 3)
    source = tmp_path / "in.txt"
    source.write_text("Hà Nội\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["normalise", str(source), "-o", str(device)])
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(device.stat().st_mode)


def test_a_signal_during_a_held_block_acts_only_when_the_block_ends(tmp_path: Path) -> None:
    import signal

    from toolkit.corpus.atomic import signals_held

    reached_the_end = False
    with pytest.raises(KeyboardInterrupt):
        with signals_held():
            signal.raise_signal(signal.SIGINT)
            out = AtomicFile(tmp_path / "f.txt")
            reached_the_end = True
    assert reached_the_end and out.temporary is not None and out.temporary.exists()
    out.abort()
    assert not list(tmp_path.iterdir())
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # the handler is back


def test_signals_held_outside_the_main_thread_runs_the_block(tmp_path: Path) -> None:
    from toolkit.corpus.atomic import signals_held

    ran: list[bool] = []

    def block() -> None:
        with signals_held():
            ran.append(True)

    worker = threading.Thread(target=block)
    worker.start()
    worker.join()
    assert ran == [True]
