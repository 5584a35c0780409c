"""Running a processor over many inputs: streamed, in parallel, in order, surviving bad files.

Every input is cut into bounded pieces (``toolkit.corpus.streaming``); each piece is processed
with the processor (settings only: every process builds its own tables), and the results
are written in the order the pieces were read, so ``--workers 4`` writes exactly what
``--workers 1`` writes. ``--workers N`` is this process and N − 1 worker processes: this
process reads, writes, and processes a piece itself whenever every worker already has
enough queued (it would otherwise sit waiting, its core idle). At most ``2 × workers + 2``
pieces are in flight, so memory stays flat however large the input.

A file that cannot be read or decoded is reported (file, line, byte offset, reason) and
handled by the ``on_error`` policy:

- ``skip``: no output for it (to stdout: what was already written for it stays; nothing more);
- ``copy``: its bytes are passed through unchanged (an output file gets a copy of the
  input; in place, the file is left as it is; to stdout, the rest of it is written raw
  from the first piece that failed);
- ``fail``: the run stops there.

Outputs are written through ``toolkit.corpus.atomic.AtomicFile``: a file is replaced only when
all of it was processed, and an interrupted run (Ctrl-C, SIGTERM, even SIGKILL) leaves
every file either old or new. Ctrl-C exits with 130, SIGTERM with 143.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import threading
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.corpus.processors import ON_ERROR, Processed
from toolkit.corpus.progress import Messages
from toolkit.corpus.sources import MissingSource, Source
from toolkit.corpus.streaming import CHUNK_BYTES, Piece, iter_pieces

MAX_PROBLEMS_SHOWN = 20  # per file; the rest are counted


class OutputClosed(Exception):
    """Standard output was closed by its reader (``sinoviet fold big.txt | head``): stop quietly."""


class OutputFailed(Exception):
    """Standard output is closed (``>&-``) or cannot be written (``>/dev/full``): the run stops,
    since every later result would be lost too; the message says why."""


def default_workers() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Job:
    """What to do to every piece: picklable, sent with each piece a worker process runs."""

    processor: Any  # has process(text, piece) -> Processed (see toolkit.corpus.processors)
    encoding: str = "auto"
    on_error: str = "skip"
    chunk_bytes: int = CHUNK_BYTES
    cut_at_spaces: bool = True  # False for JSONL: a record is never cut at a space
    # JSONL: UTF-8 bytes are read as they are (no repair over the whole line); the
    # processor repairs its field only. Other bytes are decoded as usual.
    raw_utf8: bool = False
    # bytes that cannot be read: "strict" fails the file (see on_error), "replace" makes them U+FFFD
    errors: str = "strict"

    def __post_init__(self) -> None:
        if self.on_error not in ON_ERROR:
            raise ValueError(f"on_error must be one of {', '.join(ON_ERROR)}, not {self.on_error!r}")
        if self.errors not in ("strict", "replace"):
            raise ValueError(f"errors must be strict or replace, not {self.errors!r}")


@dataclass
class PieceResult:
    data: bytes = b""
    encoding: str = ""
    counts: Counter = field(default_factory=Counter)
    processed: Processed | None = None
    error: str | None = None


def process_piece(job: Job, piece: Piece) -> PieceResult:
    """Decode and process one piece (in a worker process, or in this one: see ``_MainHelpsPool``)."""
    from toolkit.decoding import DecodeError
    from toolkit.corpus.streaming import decode_piece

    try:
        decoded = (_decode_raw_utf8(piece) if job.raw_utf8 else None) or decode_piece(piece, job.encoding, job.errors)
    except DecodeError as error:
        return PieceResult(error=str(error))
    try:
        processed = job.processor.process(decoded.text, piece)
        data = processed.text.encode("utf-8", "surrogateescape")
    except Exception as error:  # noqa: BLE001 - a bug must cost one file, not the run
        return PieceResult(error=f"cannot process (a bug: please report it): {type(error).__name__}: {error}")
    counts = Counter(processed.counts)
    counts.update({name: count for name, count in decoded.repairs.items() if count})
    processed.text = ""  # sent back once, as bytes
    changed = processed.changed or any(decoded.repairs.values())
    processed.changed = changed
    return PieceResult(data, decoded.encoding, counts, processed)


def process_pieces(job: Job, pieces: list[Piece]) -> list[PieceResult]:
    """``process_piece`` on each of a batch of small pieces (one pool task for all of them)."""
    return [process_piece(job, piece) for piece in pieces]


BATCH_BYTES = 256 * 1024  # a batch of small pieces holds about this much input at most
BATCH_PIECES = 64


def _batches(items: Iterator[_Item]) -> Iterator[list[_Item]]:
    """Consecutive items in groups, in order: small pieces together up to ``BATCH_BYTES`` and
    ``BATCH_PIECES``, a piece of ``BATCH_BYTES`` or more alone (large files keep one task a piece)."""
    group: list[_Item] = []
    size = 0
    for item in items:
        piece_size = len(item.piece.data) if item.piece is not None else 0
        if group and (size + piece_size > BATCH_BYTES or len(group) >= BATCH_PIECES):
            yield group
            group, size = [], 0
        group.append(item)
        size += piece_size
        if size >= BATCH_BYTES:
            yield group
            group, size = [], 0
    if group:
        yield group


def _decode_raw_utf8(piece: Piece):
    """The piece's bytes as UTF-8, unrepaired (see ``Job.raw_utf8``; a first BOM is dropped),
    or None when they are not UTF-8 (then decoded as any piece is: legacy encodings…)."""
    import codecs

    from toolkit.decoding import Decoded

    if piece.plan is not None and piece.plan.layout != "bytes":
        return None
    data = piece.data
    bom = 1 if piece.index == 0 and data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[3 * bom :].decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\x00" in text:
        return None  # not text: the decoder names the byte
    return Decoded(text, "utf-8-sig" if bom else "utf-8", {"bom": bom, "mojibake": 0, "replaced": 0})


@dataclass
class Summary:
    ok: int = 0
    repaired: int = 0
    failed: int = 0
    stopped: bool = False  # on_error="fail" ended the run early

    def line(self) -> str:
        total = self.ok + self.failed
        return f"{total} file(s): {self.ok} ok ({self.repaired} repaired), {self.failed} failed"


@dataclass
class _FileState:
    source: Source | MissingSource
    destination: Path | None  # None: standard output
    out: Any = None  # AtomicFile once the first piece is written
    failed: bool = False
    passing_through: bool = False  # on_error="copy" to a stream: the rest is written raw
    encodings: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    changed: bool = False
    problems: int = 0
    cut_line_has_words: bool = False  # PerLine: the line a previous piece cut has words already
    bytes_read: int = 0
    expect: Any = None  # in place: the file's os.stat_result when it was opened for reading


@dataclass
class _Item:
    state: _FileState
    piece: Piece | None = None
    future: Future | None = None
    slot: int | None = None  # this piece's place in its batch's results (None: a task of its own)
    error: str | None = None  # a failure found while reading (no piece)


class Runner:
    """One run over a list of sources; see the module docstring. ``run()`` returns the Summary."""

    def __init__(
        self,
        sources: Iterable[Source | MissingSource],
        job: Job,
        *,
        destination_for: Callable[[Source], Path | None],
        workers: int = 1,
        messages: Messages | None = None,
        report: Callable[[str, str, Counter], None] | None = None,
        verbose: bool = False,
    ) -> None:
        self.sources = sources
        self.job = job
        self.destination_for = destination_for
        self.workers = max(1, workers)
        self.messages = messages or Messages()
        self.report = report
        self.verbose = verbose
        self.summary = Summary()
        self._open: set = set()

    # ------------------------------------------------------------------ the loop

    def run(self) -> Summary:
        with _signals_as_exits():
            items = self._items()
            executor: _InlineExecutor | _MainHelpsPool | None = None
            try:
                first = next(items, None)
                second = next(items, None) if first is not None else None
                if first is None:
                    return self.summary
                if second is None or self.workers == 1:
                    executor = _InlineExecutor()
                else:
                    executor = _MainHelpsPool(self.workers - 1)
                self._drive(executor, _chain([first] + ([second] if second else []), items))
            except BaseException:
                for out in list(self._open):
                    out.abort()
                raise
            finally:
                items.close()
                if executor is not None:
                    executor.shutdown(wait=True, cancel_futures=True)
        return self.summary

    def _drive(self, executor, items: Iterator[_Item]) -> None:
        inline = isinstance(executor, _InlineExecutor)
        window = 1 if inline else 2 * self.workers + 2  # tasks in flight
        pending: deque[list[_Item]] = deque()
        # a pool gets small pieces (small files) a batch at a time: one task per piece cost
        # more in pickling and waking processes than a small piece's work
        groups = ([item] for item in items) if inline else _batches(items)
        for group in groups:
            submitted = [item for item in group if item.piece is not None and not item.state.failed]
            if len(submitted) == 1:
                submitted[0].future = executor.submit(process_piece, self.job, submitted[0].piece)
            elif submitted:
                future = executor.submit(process_pieces, self.job, [item.piece for item in submitted])
                for slot, item in enumerate(submitted):
                    item.future, item.slot = future, slot
            pending.append(group)
            while len(pending) >= window and not self.summary.stopped:
                for item in pending.popleft():
                    self._handle(item)
            if self.summary.stopped:
                break
        while pending and not self.summary.stopped:
            for item in pending.popleft():
                if not self.summary.stopped:
                    self._handle(item)
        for group in pending:
            for item in group:
                if item.future is not None:
                    item.future.cancel()

    def _items(self) -> Generator[_Item, None, None]:
        """Every piece of every source, read lazily (a failed file's remaining pieces are not read)."""
        for source in self.sources:
            if isinstance(source, MissingSource):
                yield _Item(_FileState(source, None), error=source.reason)
                continue
            state = _FileState(source, self.destination_for(source))
            try:
                stream = source.open_binary()
            except OSError as error:
                yield _Item(state, error=f"cannot read: {error.strerror or error}")
                continue
            if state.destination is not None and state.destination == source.path:
                try:
                    state.expect = os.fstat(stream.fileno())
                except (OSError, AttributeError, ValueError):
                    pass
            with stream:
                try:
                    pieces = iter_pieces(
                        stream, self.job.encoding, self.job.chunk_bytes, self.job.cut_at_spaces, source.name
                    )
                    for piece in pieces:
                        yield _Item(state, piece)
                        if state.failed and not state.passing_through:
                            break
                except OSError as error:
                    yield _Item(state, error=f"cannot read: {error.strerror or error}")

    # ------------------------------------------------------------------ results, in order

    def _handle(self, item: _Item) -> None:
        state, piece = item.state, item.piece
        if item.error is not None:
            if not state.failed:
                self._fail(state, item.error)
            self._finish_passthrough(state)
            return
        if state.failed:
            self._pass_through(state, piece)
            return
        assert piece is not None and item.future is not None  # an item without error was submitted
        result: PieceResult = item.future.result() if item.slot is None else item.future.result()[item.slot]
        if result.error is not None:
            self._fail(state, result.error)
            self._pass_through(state, piece)
            return
        self._write_result(state, piece, result)
        if state.failed:  # on_error="fail" on a bad record
            return
        self.messages.advance(bytes_done=len(piece.data))
        if piece.is_last:
            self._finish(state)

    def _write_result(self, state: _FileState, piece: Piece, result: PieceResult) -> None:
        processed = result.processed
        assert processed is not None  # a result without error has its output
        if result.encoding and result.encoding not in state.encodings:
            state.encodings.append(result.encoding)
        state.counts.update(result.counts)
        state.changed = state.changed or processed.changed
        for number, problem in processed.problems:
            state.problems += 1
            if state.problems <= MAX_PROBLEMS_SHOWN:
                self.messages.message(f"sinoviet: {state.source.name}: line {number}: {problem}")
        if processed.problems and self.job.on_error == "fail":
            self._fail(state, f"{state.problems} bad record(s)", quiet=True)
            return
        data = result.data
        if processed.joins_cut_line and state.cut_line_has_words:
            data = b" " + data
        if not piece.ends_mid_line:
            state.cut_line_has_words = False
        elif processed.has_line_break:
            state.cut_line_has_words = processed.tail_has_words
        else:
            state.cut_line_has_words = state.cut_line_has_words or processed.tail_has_words
        self._write(state, data)

    def _write(self, state: _FileState, data: bytes) -> None:
        if state.destination is None:
            stdout = getattr(sys.stdout, "buffer", None)
            if stdout is None:
                raise OutputFailed("cannot write to standard output: standard output is closed")
            try:
                stdout.write(data)
                stdout.flush()
            except BrokenPipeError:
                raise OutputClosed from None
            except OSError as error:
                raise OutputFailed(f"cannot write to standard output: {error.strerror or error}") from None
            return
        try:
            if state.out is None:
                from toolkit.corpus.atomic import AtomicFile, signals_held

                with signals_held():  # recorded as soon as it exists, so an interrupt can discard it
                    state.out = AtomicFile(state.destination, expect=state.expect)
                    self._open.add(state.out)
            state.out.write(data)
        except OSError as error:  # cannot create it, disk full, file size limit…
            self._abort(state)
            state.out = None
            message = f"cannot write {state.destination}: {error.strerror or error}"
            if state.passing_through:
                state.passing_through = False
                self.messages.message(f"sinoviet: {state.source.name}: {message}")
            else:
                self._fail(state, message, copy=False)

    def _finish(self, state: _FileState) -> None:
        try:
            self._commit(state)
        except OSError as error:
            self._fail(state, f"cannot write {state.destination}: {error.strerror or error}")
            return
        self.messages.advance(files=1)
        name = state.source.name
        encoding = "+".join(state.encodings) or "-"
        if state.problems:
            what = "copied unchanged" if self.job.on_error == "copy" else "left out"
            self._count_failure(f"{name}: {state.problems} bad record(s) {what}")
        else:
            self.summary.ok += 1
            if state.changed:
                self.summary.repaired += 1
        if self.report is not None:
            self.report(name, encoding, state.counts)
        elif self.verbose:
            status = "repaired" if state.changed else "ok"
            self.messages.message(f"{name}\t{encoding}\t{status}")

    def _commit(self, state: _FileState) -> None:
        if state.destination is None:
            return
        if state.out is None:  # an empty output still replaces the file
            self._write(state, b"")
        state.out.commit()
        self._open.discard(state.out)
        for note in state.out.notes:
            self.messages.message(f"sinoviet: note: {note}")

    # ------------------------------------------------------------------ failures

    def _fail(self, state: _FileState, message: str, quiet: bool = False, copy: bool = True) -> None:
        state.failed = True
        if not quiet:
            self._count_failure(f"{state.source.name}: {message}")
        else:
            self.summary.failed += 1
        self.messages.advance(files=1)
        policy = self.job.on_error
        source_path = getattr(state.source, "path", None)
        if policy == "copy" and copy and isinstance(state.source, Source):
            if state.destination is None:
                state.passing_through = True
            elif state.destination == source_path:
                self._abort(state)  # in place: the file stays as it is
            elif source_path is not None:
                self._abort(state)
                self._copy(state, source_path)
            else:
                state.passing_through = True  # stdin to a file: what is left, unchanged
            return
        self._abort(state)
        if policy == "fail":
            self.summary.stopped = True

    def _count_failure(self, message: str) -> None:
        self.summary.failed += 1
        self.messages.message(f"sinoviet: {message}")

    def _abort(self, state: _FileState) -> None:
        if state.out is not None:
            state.out.abort()
            self._open.discard(state.out)

    def _copy(self, state: _FileState, source_path: Path) -> None:
        from toolkit.corpus.atomic import AtomicFile, signals_held

        assert state.destination is not None  # copied only to a file
        out: AtomicFile | None = None
        try:
            with open(source_path, "rb") as original:
                with signals_held():
                    out = AtomicFile(state.destination)
                    self._open.add(out)
                shutil.copyfileobj(original, out, 1024 * 1024)
                out.commit()
        except OSError as error:
            self.messages.message(f"sinoviet: {state.source.name}: cannot copy to {state.destination}: {error.strerror or error}")
        finally:
            if out is not None:
                out.abort()  # does nothing once committed
                self._open.discard(out)

    def _pass_through(self, state: _FileState, piece: Piece | None) -> None:
        if not state.passing_through or piece is None:
            return
        self._write(state, piece.data)
        if piece.is_last:
            self._finish_passthrough(state)

    def _finish_passthrough(self, state: _FileState) -> None:
        if state.passing_through and state.destination is not None and state.out is not None and not state.out.closed:
            self._open.discard(state.out)
            try:
                state.out.commit()
            except OSError as error:
                self.messages.message(
                    f"sinoviet: {state.source.name}: cannot write {state.destination}: {error.strerror or error}"
                )


def run_job(sources, job: Job, **options) -> Summary:
    """``Runner(sources, job, **options).run()``."""
    return Runner(sources, job, **options).run()


# ---------------------------------------------------------------------- executors


class _InlineExecutor:
    """Runs each task at once in this process (one worker, or a single piece of work)."""

    def submit(self, function, *args) -> Future:
        future: Future = Future()
        try:
            future.set_result(function(*args))
        except BaseException as error:
            if not isinstance(error, Exception):
                raise
            future.set_exception(error)
        return future

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        pass


class _MainHelpsPool:
    """N − 1 worker processes, and this process as the N-th: it runs a task itself when the
    pool already has ``QUEUED_PER_WORKER`` tasks per worker not done, enough to keep every
    worker busy while this process works on one (pieces take about as long everywhere)."""

    QUEUED_PER_WORKER = 2

    def __init__(self, pool_workers: int) -> None:
        self.pool = _process_pool(pool_workers)
        self.enough_queued = self.QUEUED_PER_WORKER * pool_workers
        self.inline = _InlineExecutor()
        self._queued: list[Future] = []

    def submit(self, function, *args) -> Future:
        self._queued = [future for future in self._queued if not future.done()]
        if len(self._queued) >= self.enough_queued:
            return self.inline.submit(function, *args)
        future = self.pool.submit(function, *args)
        self._queued.append(future)
        return future

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        self.pool.shutdown(wait=wait, cancel_futures=cancel_futures)


def _process_pool(workers: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    # forkserver: workers start from a clean process (no copied threads or locks), and
    # exit by themselves when this process is killed.
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if context.get_start_method() == "forkserver" and workers > 1:
        # Imported once for all the workers; this process waits for it at the first piece
        # it hands over (about 0.2 s), so a lone worker imports them itself, meanwhile.
        context.set_forkserver_preload(["toolkit.corpus.runner", "toolkit.corpus.batch", "toolkit.text.normalisation", "toolkit.text.folding"])
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_worker_started, initargs=(os.getpid(),)
    )
    _widen_result_pipe(pool)
    return pool


RESULT_PIPE_BYTES = 1024 * 1024  # Linux's pipe-max-size for unprivileged processes


def _widen_result_pipe(pool) -> None:
    """Let a worker's result (about one piece of output) through the pipe in one or two reads.

    A worker writing its result waits until the pool's thread in this process has read
    each pipe-full (64 KiB by default), and that thread shares the GIL with this process
    running a piece itself. A 1 MiB pipe takes a 2 MiB result in 2 reads instead of 32
    (py-spy: the worker's time blocked sending fell from 5-17% to 5-8%). Linux only;
    elsewhere, or if the pool's internals differ, the pipe stays as it is.
    """
    try:
        import fcntl
    except ImportError:  # not Unix
        return
    reader = getattr(getattr(pool, "_result_queue", None), "_reader", None)
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None)
    if reader is None or set_size is None:
        return
    try:
        fcntl.fcntl(reader.fileno(), set_size, RESULT_PIPE_BYTES)
    except OSError:  # over the user's pipe quota: the default size still works
        pass


def _worker_started(parent: int | None = None) -> None:
    # Ctrl-C reaches the whole process group: the parent handles it and cleans up;
    # workers finish their piece (the parent cancels the rest).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent is not None:
        threading.Thread(target=_exit_when_gone, args=(parent,), daemon=True, name="parent-watch").start()


def _exit_when_gone(parent: int) -> None:
    """End this worker as soon as the process that started the pool is gone (even by SIGKILL,
    which it cannot clean up after). A worker's parent is the forkserver, not that process,
    and a worker left running keeps the forkserver and the resource tracker alive with it:
    once it exits, they see their pipes close and exit too."""
    import select
    import time

    try:
        handle = os.pidfd_open(parent)  # Linux 5.3+: readable when the process ends
    except ProcessLookupError:
        os._exit(1)
    except (AttributeError, OSError):
        handle = None
    if handle is not None:
        select.select([handle], [], [])
    else:
        while True:
            time.sleep(1.0)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                break
            except PermissionError:  # the pid was taken by another user's process: ours is gone
                break
    os._exit(1)


def _chain(head: list[_Item], rest: Iterator[_Item]) -> Iterator[_Item]:
    yield from head
    yield from rest


class _signals_as_exits:
    """While running, SIGTERM raises SystemExit(143), so open outputs are discarded cleanly."""

    def __enter__(self):
        self._previous = None
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGTERM, _exit_on_signal)
        return self

    def __exit__(self, *exc) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGTERM, self._previous)


def _exit_on_signal(number, frame) -> None:
    raise SystemExit(128 + number)


__all__ = ["Job", "OutputClosed", "OutputFailed", "PieceResult", "Runner", "Summary", "default_workers", "process_piece", "run_job"]
