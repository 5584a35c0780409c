"""Killing a parallel run leaves no process behind (issue 18, item 7)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # starts and kills a parallel sinoviet run

LINE = "Chủ tịch nước tiếp Đại sứ Trung Quốc tại Hà Nội; Thuỷ điện Hoà Bình.\n"


def _session_members(session: int) -> list[int]:
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] != "Z":  # fields[3]: the session id
            members.append(int(entry))
    return members


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_sigkill_of_a_parallel_parent_leaves_no_worker_forkserver_or_tracker(tmp_path: Path) -> None:
    source = tmp_path / "big.txt"
    source.write_text(LINE * 60000, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "normalise", "-j", "2", "--chunk-bytes", "65536", str(source), "-o", str(tmp_path / "out.txt")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    session = process.pid
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(_session_members(session)) < 3 and process.poll() is None:
            time.sleep(0.05)
        assert process.poll() is None, "the run ended before it could be killed"
        assert len(_session_members(session)) >= 3, "no worker processes were started"
        process.kill()
        process.wait(timeout=30)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and _session_members(session):
            time.sleep(0.1)
        assert _session_members(session) == []
    finally:
        for pid in _session_members(session):  # only what this test started
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
