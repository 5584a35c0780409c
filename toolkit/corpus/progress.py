"""Progress and messages on stderr for long runs.

A rich progress bar (files, bytes, throughput) is drawn only when stderr is a terminal
and the user did not ask for ``--quiet``; otherwise nothing but the messages is written,
so logs and pipes stay clean. rich is imported only when a bar is drawn (it costs
start-up time). Messages are printed above a live bar, never through it.
"""

from __future__ import annotations

import sys


class Messages:
    """Plain stderr: messages only, no bar."""

    def __init__(self, stream=None) -> None:
        self._stream = stream

    def message(self, text: str) -> None:
        stream = self._stream or sys.stderr
        stream.write(text + "\n")
        stream.flush()

    def advance(self, *, files: int = 0, bytes_done: int = 0) -> None:
        pass

    def __enter__(self) -> Messages:
        return self

    def __exit__(self, *exc) -> None:
        pass


class ProgressBar(Messages):
    """A rich progress bar with files done, bytes done and throughput."""

    def __init__(self, files: int, bytes_total: int | None) -> None:
        super().__init__()
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        self._progress = Progress(
            TextColumn("{task.fields[files]}"),
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            console=Console(file=sys.stderr),
            transient=False,
        )
        self._files_done = 0
        self._files_total = files
        self._bytes = self._progress.add_task("bytes", total=bytes_total or None, files=self._files_text())

    def _files_text(self) -> str:
        return f"{self._files_done}/{self._files_total} files"

    def message(self, text: str) -> None:
        self._progress.console.print(text, markup=False, highlight=False, soft_wrap=True)

    def advance(self, *, files: int = 0, bytes_done: int = 0) -> None:
        self._files_done += files
        self._progress.update(self._bytes, advance=bytes_done, files=self._files_text())

    def __enter__(self) -> ProgressBar:
        self._progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self._progress.stop()


def progress_for(files: int, bytes_total: int | None, *, quiet: bool) -> Messages:
    """A bar when stderr is a terminal and not ``quiet``, else plain messages."""
    if not quiet and _is_terminal(sys.stderr):
        return ProgressBar(files, bytes_total)
    return Messages()


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


__all__ = ["Messages", "ProgressBar", "progress_for"]
