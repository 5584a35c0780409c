"""The corpus runner through the CLI: order across workers, error policies, JSONL, interruption."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from toolkit import fold, normalise
from toolkit.cli import app
from toolkit.decoding import legacy_codec

runner = CliRunner()

LINES = [
    "Chủ tịch nước Võ Văn Thưởng tiếp Đại sứ Trung Quốc tại Hà Nội.",
    "Thuỷ điện Hoà Bình, tỉnh Hoà Bình; khoẻ mạnh\u200b.",
    "Ông Tập Cận Bình (Xi Jinping) thăm TP.HCM và Đà Nẵng!",
    "HA NOI — HÀ NỘI — Hanoi",
]
BAD = "Hà Nội\n".encode() + b"\xff\xfe\x00\x81 broken"


def invoke(*args: str, stdin: bytes | None = None):
    return runner.invoke(app, list(args), input=stdin)


def make_corpus(folder: Path, files: int = 12, big_lines: int = 3000) -> dict[str, bytes]:
    """Small files of varied content and one file large enough to be cut into many pieces."""
    folder.mkdir(parents=True, exist_ok=True)
    contents = {}
    for number in range(files):
        text = "\n".join(LINES[(number + k) % len(LINES)] for k in range(number + 1)) + "\r\n" * (number % 2)
        contents[f"f{number:02d}.txt"] = text.encode("utf-8")
    contents["big.txt"] = ("\n".join(LINES) + "\n").encode("utf-8") * big_lines
    contents["legacy.txt"] = legacy_codec("tcvn3").encode("\n".join(LINES[:1] * 400) + "\n")
    for name, data in contents.items():
        (folder / name).write_bytes(data)
    return contents


@pytest.mark.slow
def test_one_worker_and_two_write_byte_identical_output(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    contents = make_corpus(corpus)
    outputs = {}
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}"
        result = invoke("normalise", "-j", workers, "--chunk-bytes", "4096", "-o", str(out), str(corpus))
        assert result.exit_code == 0, result.output
        outputs[workers] = {p.name: p.read_bytes() for p in out.iterdir()}
        stdout = invoke("fold", "-j", workers, "--chunk-bytes", "4096", str(corpus))
        assert stdout.exit_code == 0, stdout.output
        outputs[f"fold{workers}"] = stdout.stdout_bytes
    assert outputs["1"] == outputs["2"]
    assert outputs["fold1"] == outputs["fold2"]
    assert set(outputs["1"]) == set(contents)
    big = contents["big.txt"].decode("utf-8")
    assert outputs["2"]["big.txt"] == normalise(big).encode("utf-8")  # the pieces add up to the whole
    assert outputs["2"]["legacy.txt"].decode("utf-8") == normalise("\n".join(LINES[:1] * 400) + "\n")
    expected_fold = "".join(
        "".join(fold(line) + "\n" for line in (tmp_path / "in" / name).read_bytes().decode("utf-8", "replace").splitlines())
        for name in sorted(contents) if name != "legacy.txt"
    )
    assert outputs["fold2"].decode("utf-8").replace(fold(LINES[0]) + "\n", "") == expected_fold.replace(fold(LINES[0]) + "\n", "")


def test_a_long_line_cut_into_pieces_folds_as_one_line(tmp_path: Path) -> None:
    line = " ".join(LINES) * 200
    source = tmp_path / "long.txt"
    source.write_text(line + "\nHÀ NỘI\n", encoding="utf-8")
    for workers in ("1", "2"):
        result = invoke("fold", "-j", workers, "--chunk-bytes", "1000", str(source))
        assert result.exit_code == 0, result.output
        assert result.stdout == fold(line) + "\nha noi\n"


def corpus_with_bad_file(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Thuỷ", encoding="utf-8")
    (folder / "b.txt").write_bytes(BAD)
    (folder / "c.txt").write_text("khoẻ", encoding="utf-8")
    return folder


@pytest.mark.parametrize("workers", ["1", "2"])
def test_on_error_skip_reports_and_goes_on(tmp_path: Path, workers: str) -> None:
    folder = corpus_with_bad_file(tmp_path)
    out = tmp_path / "out"
    result = invoke("normalise", "-j", workers, "-o", str(out), str(folder))
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "c.txt"]
    assert (out / "c.txt").read_text(encoding="utf-8") == "khỏe"
    assert f"{folder / 'b.txt'}: line 2, byte offset 12" in result.stderr
    assert "3 file(s): 2 ok (2 repaired), 1 failed" in result.stderr


def test_on_error_copy_passes_the_bytes_through(tmp_path: Path) -> None:
    folder = corpus_with_bad_file(tmp_path)
    out = tmp_path / "out"
    result = invoke("normalise", "--on-error", "copy", "-o", str(out), str(folder))
    assert result.exit_code == 1
    assert (out / "b.txt").read_bytes() == BAD
    assert (out / "a.txt").read_text(encoding="utf-8") == "Thủy"
    to_stdout = invoke("normalise", "--on-error", "copy", str(folder))
    assert to_stdout.stdout_bytes == "Thủy".encode() + BAD + "khỏe".encode()


def test_on_error_copy_in_place_leaves_the_bad_file_alone(tmp_path: Path) -> None:
    folder = corpus_with_bad_file(tmp_path)
    result = invoke("normalise", "--in-place", "--on-error", "copy", str(folder))
    assert result.exit_code == 1
    assert (folder / "b.txt").read_bytes() == BAD
    assert (folder / "c.txt").read_text(encoding="utf-8") == "khỏe"


def test_a_bad_piece_late_in_a_large_file_fails_that_file_only(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good = "Hoà bình.\n".encode() * 2000
    (folder / "a.txt").write_bytes(good + b"\xff\xfe oops\n" + good)
    (folder / "b.txt").write_text("Thuỷ", encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("normalise", "-j", "2", "--chunk-bytes", "2048", "-o", str(out), str(folder))
    assert result.exit_code == 1
    assert f"line 2001, byte offset {len(good)}" in result.stderr
    assert not (out / "a.txt").exists() and (out / "b.txt").read_text(encoding="utf-8") == "Thủy"
    assert not list(out.glob(".*.tmp"))


def test_on_error_fail_stops_at_the_first_bad_file(tmp_path: Path) -> None:
    folder = corpus_with_bad_file(tmp_path)
    out = tmp_path / "out"
    result = invoke("normalise", "-j", "2", "--on-error", "fail", "-o", str(out), str(folder))
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["a.txt"]
    assert "stopped at the first failure" in result.stderr


def test_usage_errors_of_the_new_options_exit_2() -> None:
    assert invoke("normalise", "--on-error", "ignore", "-").exit_code == 2
    assert invoke("normalise", "--workers", "0", "-").exit_code == 2


def test_jsonl_adds_the_processed_field_and_names_bad_lines(tmp_path: Path) -> None:
    source = tmp_path / "news.jsonl"
    records = [
        json.dumps({"id": 1, "text": "Thuỷ khoẻ"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": 3, "title": "no text"}),
        "",
        json.dumps({"id": 4, "text": "Hoà bình", "lang": "vi"}, ensure_ascii=False),
    ]
    source.write_text("\n".join(records) + "\n", encoding="utf-8")
    result = invoke("normalise", "--jsonl", "--glob", "*.jsonl", str(source))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert json.loads(lines[0]) == {"id": 1, "text": "Thuỷ khoẻ", "text_normalised": "Thủy khỏe"}
    assert lines[1] == ""
    assert json.loads(lines[2]) == {"id": 4, "text": "Hoà bình", "lang": "vi", "text_normalised": "Hòa bình"}
    assert f"{source}: line 2: not JSON" in result.stderr
    assert f"{source}: line 3: no field 'text'" in result.stderr

    copied = invoke("fold", "--jsonl", "--to", "key", "--on-error", "copy", str(source))
    out = copied.stdout.splitlines()
    assert out[1:4] == records[1:4] and json.loads(out[4])["key"] == "hoa binh"

    target = tmp_path / "out.jsonl"
    failed = invoke("normalise", "--jsonl", "--on-error", "fail", "-o", str(target), str(source))
    assert failed.exit_code == 1 and not target.exists()


def test_jsonl_record_longer_than_a_piece_is_reported(tmp_path: Path) -> None:
    source = tmp_path / "long.jsonl"
    long_record = json.dumps({"text": "Hoà " * 1000})
    source.write_text(json.dumps({"text": "Thuỷ"}) + "\n" + long_record + "\n" + json.dumps({"text": "khoẻ"}) + "\n")
    result = invoke("normalise", "--jsonl", "--chunk-bytes", "512", "--on-error", "copy", str(source))
    assert result.exit_code == 1
    assert "line 2: record longer than" in result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == long_record and json.loads(lines[2])["text_normalised"] == "khỏe"


def test_summary_and_verbose(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Thuỷ", encoding="utf-8")
    quiet_ok = invoke("normalise", "-q", str(tmp_path / "a.txt"))
    assert quiet_ok.stderr == ""
    verbose = invoke("normalise", "-v", "-o", str(tmp_path / "out"), str(tmp_path))
    assert f"{tmp_path / 'a.txt'}\tutf-8\trepaired" in verbose.stderr
    assert "1 file(s): 1 ok (1 repaired), 0 failed" in verbose.stderr


# ---------------------------------------------------------------------- interruption


def _sinoviet(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "toolkit", *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def _interruptible_corpus(folder: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """Files big enough that an in-place run takes a while; returns (old, new) contents."""
    folder.mkdir()
    text = ("\n".join(LINES) + "\n") * 3000
    normalised = normalise(text)  # line by line, so each file's new content is its number + this
    old, new = {}, {}
    for number in range(24):
        name = f"f{number:02d}.txt"
        old[name] = (f"{number}\n" + text).encode("utf-8")
        new[name] = (f"{number}\n" + normalised).encode("utf-8")
        (folder / name).write_bytes(old[name])
    return old, new


def _wait_until_some_file_changed(folder: Path, old: dict[str, bytes], process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if any((folder / name).read_bytes() != data for name, data in old.items()):
            return
        time.sleep(0.01)
    pytest.fail("the run finished (or stalled) before it could be interrupted")


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_in_place_run_leaves_every_file_old_or_new(tmp_path: Path, how: signal.Signals) -> None:
    folder = tmp_path / "corpus"
    old, new = _interruptible_corpus(folder)
    process = _sinoviet("normalise", "--in-place", "-j", "2", "--chunk-bytes", "65536", str(folder))
    _wait_until_some_file_changed(folder, old, process)
    process.send_signal(how)
    process.wait(timeout=60)
    states = {name: ("old" if (folder / name).read_bytes() == old[name] else
                     "new" if (folder / name).read_bytes() == new[name] else "broken") for name in old}
    assert "broken" not in states.values(), states
    assert "new" in states.values() and "old" in states.values(), "the signal did not land mid-run"
    if how != signal.SIGKILL:  # a handled signal also cleans up its temporary files
        assert process.returncode == 128 + how and not list(folder.glob(".*.tmp"))


@pytest.mark.slow
def test_a_reader_that_closes_the_pipe_ends_the_run_quietly(tmp_path: Path) -> None:
    source = tmp_path / "big.txt"
    source.write_text(("\n".join(LINES) + "\n") * 20000, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "fold", "-j", "2", "--chunk-bytes", "65536", str(source)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert process.stdout.read(100)
    process.stdout.close()  # like `| head`
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert "Traceback" not in stderr and "Error" not in stderr, stderr


def test_progress_bar_draws_files_bytes_and_messages(capsys) -> None:
    from toolkit.corpus.progress import Messages, ProgressBar, progress_for

    assert type(progress_for(2, 10, quiet=False)) is Messages  # stderr is not a terminal under pytest
    with ProgressBar(2, 1000) as bar:
        bar.advance(bytes_done=600)
        bar.message("sinoviet: a.txt: line 3: oops")
        bar.advance(files=1, bytes_done=400)
        assert bar._files_text() == "1/2 files"
    assert "a.txt: line 3: oops" in capsys.readouterr().err


class _BreaksOnBoom:
    """A processor with a bug that shows on one input."""

    def process(self, text, piece):
        from toolkit.corpus.processors import Processed

        if "boom" in text:
            raise RuntimeError("boom")
        return Processed(text.upper())


def test_a_processor_bug_costs_one_file_not_the_run(tmp_path: Path, capsys) -> None:
    from toolkit.corpus.runner import Job, Runner
    from toolkit.corpus.sources import iter_sources

    for name, text in (("a.txt", "one"), ("b.txt", "boom"), ("c.txt", "three")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    summary = Runner(
        iter_sources([str(tmp_path)]), Job(_BreaksOnBoom()), destination_for=lambda s: out / s.relative, workers=1
    ).run()
    assert (summary.ok, summary.failed) == (2, 1)
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "c.txt"] and (out / "c.txt").read_text() == "THREE"
    assert "b.txt: cannot process (a bug: please report it): RuntimeError: boom" in capsys.readouterr().err


# ---------------------------------------------------------------------- this process as one of the workers


@dataclass
class _CountsWhere:
    """Wraps a processor: each piece's counts name the process that ran it (the report shows them)."""

    inner: Any

    def process(self, text, piece):
        processed = self.inner.process(text, piece)
        processed.counts[f"pid {os.getpid()}"] += 1
        return processed


def _run_into(folder: Path, processor, workers: int, out: Path, chunk_bytes: int = 4096) -> tuple[dict[str, bytes], set[int]]:
    """Runner over ``folder`` into ``out``: (output bytes by name, pids that processed pieces)."""
    from toolkit.corpus.runner import Job, Runner
    from toolkit.corpus.sources import iter_sources

    pids: set[int] = set()

    def report(name, encoding, counts) -> None:
        pids.update(int(key.split()[1]) for key in counts if key.startswith("pid "))

    summary = Runner(
        iter_sources([str(folder)]), Job(_CountsWhere(processor), chunk_bytes=chunk_bytes),
        destination_for=lambda source: out / source.relative, workers=workers, report=report,
    ).run()
    assert summary.failed == 0
    return {path.name: path.read_bytes() for path in out.iterdir()}, pids


@pytest.mark.slow
@pytest.mark.parametrize("command", ["normalise", "fold", "link"])
def test_two_workers_are_this_process_and_one_pool_process_writing_what_one_writes(
        tmp_path: Path, command: str, monkeypatch) -> None:
    from toolkit.corpus import runner
    from toolkit.corpus.batch import Folder, MentionFinder, Normaliser

    # pieces of 4 KiB go to the pool two at a time: tasks enough for this process to take some
    monkeypatch.setattr(runner, "BATCH_BYTES", 8192)
    from toolkit.corpus.processors import MentionRows, PerLine, WholeText

    processor = {
        "normalise": WholeText(Normaliser()), "fold": PerLine(Folder()), "link": MentionRows(MentionFinder()),
    }[command]
    corpus = tmp_path / "in"
    make_corpus(corpus, big_lines=300 if command == "link" else 3000)  # a small piece costs link ~50 ms
    one, one_pids = _run_into(corpus, processor, 1, tmp_path / "one")
    two, two_pids = _run_into(corpus, processor, 2, tmp_path / "two")
    assert two == one
    assert one_pids == {os.getpid()}
    # the pool takes the first two pieces and is still starting when the third is read: this process runs it
    assert os.getpid() in two_pids and len(two_pids) == 2, two_pids
    assert sum(len(data) for data in one.values()) > 0
    if command == "link":
        assert b'"entity": "place:vn:ha-noi"' in one["big.txt"]


@dataclass
class _PoolWaitsForMain:
    """Pieces sent to the pool wait until this process has run a piece of ``release_after``:
    every piece read in between is run here, the bad one included."""

    inner: Any
    main_pid: int
    flag: str
    release_after: str
    run_here: list = field(default_factory=list)

    def process(self, text, piece):
        if os.getpid() != self.main_pid:
            deadline = time.monotonic() + 30
            while not os.path.exists(self.flag) and time.monotonic() < deadline:
                time.sleep(0.005)
        else:
            self.run_here.append(Path(piece.name).name)
            if Path(piece.name).name == self.release_after:
                Path(self.flag).touch()
        return self.inner.process(text, piece)


@pytest.mark.slow
@pytest.mark.parametrize("policy", ["skip", "copy", "fail"])
@pytest.mark.parametrize("bad", ["undecodable", "processor bug"])
def test_error_policies_hold_for_a_bad_file_run_in_this_process(tmp_path: Path, policy: str, bad: str, monkeypatch) -> None:
    from toolkit.corpus import runner
    from toolkit.corpus.batch import Normaliser
    from toolkit.corpus.processors import WholeText
    from toolkit.corpus.progress import Messages
    from toolkit.corpus.runner import Job, Runner
    from toolkit.corpus.sources import iter_sources

    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (("a.txt", "Thuỷ"), ("b.txt", "khoẻ"), ("d.txt", "Hoà"), ("e.txt", "Thuỵ")):
        (folder / name).write_text(text, encoding="utf-8")
    bad_bytes = BAD if bad == "undecodable" else "Hoà boom".encode()
    (folder / "c.txt").write_bytes(bad_bytes)
    inner = WholeText(Normaliser()) if bad == "undecodable" else _BreaksOnBoom()
    monkeypatch.setattr(runner, "BATCH_PIECES", 1)  # one task a file, so that the pool is busy after two
    processor = _PoolWaitsForMain(inner, os.getpid(), str(tmp_path / "released"), release_after="e.txt")
    out = tmp_path / "out"
    stderr = io.StringIO()
    summary = Runner(
        iter_sources([str(folder)]), Job(processor, on_error=policy),
        destination_for=lambda source: out / source.relative, workers=2, messages=Messages(stderr),
    ).run()
    # a and b went to the pool; nothing more could until e.txt was run here, so c.txt was run here too
    assert processor.run_here == (["d.txt", "e.txt"] if bad == "undecodable" else ["c.txt", "d.txt", "e.txt"])
    expected_error = "line 2, byte offset 12" if bad == "undecodable" else "RuntimeError: boom"
    assert any(f"{folder / 'c.txt'}: " in line and expected_error in line for line in stderr.getvalue().splitlines())
    written = sorted(path.name for path in out.iterdir())
    if policy == "fail":
        assert summary.stopped and (summary.ok, summary.failed) == (2, 1) and written == ["a.txt", "b.txt"]
        return
    assert not summary.stopped and (summary.ok, summary.failed) == (4, 1)
    if policy == "skip":
        assert written == ["a.txt", "b.txt", "d.txt", "e.txt"]
    else:
        assert written == ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"] and (out / "c.txt").read_bytes() == bad_bytes
    assert (out / "e.txt").read_text(encoding="utf-8") == (normalise("Thuỵ") if bad == "undecodable" else "THUỴ")
    assert not list(out.glob(".*.tmp"))



@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pipe sizes are set on Linux only")
def test_a_worker_result_goes_through_a_wide_pipe() -> None:
    import fcntl

    from toolkit.corpus.runner import RESULT_PIPE_BYTES, _process_pool

    pool = _process_pool(1)
    try:
        reader = pool._result_queue._reader
        assert fcntl.fcntl(reader.fileno(), fcntl.F_GETPIPE_SZ) >= min(RESULT_PIPE_BYTES, int(Path("/proc/sys/fs/pipe-max-size").read_text()))
        assert pool.submit(bytes, 3 * RESULT_PIPE_BYTES).result() == bytes(3 * RESULT_PIPE_BYTES)
    finally:
        pool.shutdown()


def test_jsonl_record_with_a_null_field_passes_through(tmp_path: Path) -> None:
    source = tmp_path / "nulls.jsonl"
    source.write_text('{"text": "Thuỷ"}\n{"text": null, "id": 2}\n{"text": "khoẻ"}\n', encoding="utf-8")
    result = invoke("normalise", "--jsonl", str(source))
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["text_normalised"] for line in lines] == ["Thủy", None, "khỏe"] and lines[1]["id"] == 2


def test_errors_replace_reads_a_file_with_a_bad_byte(tmp_path: Path) -> None:
    source = tmp_path / "bad.txt"
    source.write_bytes("Thuỷ ".encode() + b"\xff" + " khoẻ\nHà Nội\n".encode())
    strict = invoke("normalise", str(source))
    assert strict.exit_code == 1 and "byte offset 7" in strict.stderr
    replaced = invoke("normalise", "--errors", "replace", "--report", str(source))
    assert replaced.exit_code == 0 and replaced.stdout == "Thủy \ufffd khỏe\nHà Nội\n"
    assert "replaced=1" in replaced.stderr
    assert invoke("normalise", "--errors", "ignore", str(source)).exit_code == 2


@pytest.mark.slow  # starts a pool
def test_small_files_go_to_the_pool_in_batches_and_come_back_in_order(tmp_path: Path) -> None:
    """Two hundred small files: far fewer pool tasks than files, and every output as one worker writes it."""
    from toolkit.corpus import runner
    from toolkit.corpus.batch import Normaliser
    from toolkit.corpus.processors import WholeText

    corpus = tmp_path / "in"
    corpus.mkdir()
    for number in range(200):
        (corpus / f"f{number:03d}.txt").write_text(LINES[number % len(LINES)] + f" {number}\n", encoding="utf-8")
    tasks = []
    submit = runner._MainHelpsPool.submit

    def counted(self, function, *args):
        tasks.append(function.__name__)
        return submit(self, function, *args)

    one, _ = _run_into(corpus, WholeText(Normaliser()), 1, tmp_path / "one")
    runner._MainHelpsPool.submit = counted  # type: ignore[method-assign]
    try:
        two, pids = _run_into(corpus, WholeText(Normaliser()), 2, tmp_path / "two")
    finally:
        runner._MainHelpsPool.submit = submit  # type: ignore[method-assign]
    assert two == one and len(one) == 200
    assert tasks and set(tasks) == {"process_pieces"} and len(tasks) <= 200 // runner.BATCH_PIECES + 1
