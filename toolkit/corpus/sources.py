"""The inputs of a file-processing command: files, folders (recursed) and ``-`` for stdin."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

STDIN = "-"


@dataclass(frozen=True)
class Source:
    """One input: a file (``path``) or standard input (``path is None``)."""

    name: str  # as the user should see it in messages
    path: Path | None
    relative: Path  # where its output goes under an output folder

    def read_bytes(self) -> bytes:
        if self.path is None:
            return _stdin().read()
        return self.path.read_bytes()

    def open_binary(self) -> BinaryIO:
        """A binary stream of the input, to read in pieces (stdin is not closed by closing it)."""
        if self.path is None:
            return cast(BinaryIO, _Unclosed(_stdin()))  # it has what a reader of pieces calls: read, close, with
        return self.path.open("rb")

    def size(self) -> int | None:
        """Bytes in the input, or None when unknown (stdin)."""
        if self.path is None:
            return None
        try:
            status = self.path.stat()
        except OSError:
            return None
        return status.st_size if stat.S_ISREG(status.st_mode) else None  # a FIFO's size is not known


def _stdin() -> BinaryIO:
    """Standard input as bytes; OSError when the process was started with it closed (``<&-``)."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise OSError("standard input is closed")
    return stream


class _Unclosed:
    """A stream whose ``close`` leaves the underlying stream open (for stdin)."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        return self._stream.read(size)

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass


@dataclass(frozen=True)
class MissingSource:
    name: str
    reason: str


def iter_sources(paths: list[str], pattern: str = "*.txt") -> Iterator[Source | MissingSource]:
    """Expand the command's PATH arguments, in the order given; folders in sorted order."""
    for argument in paths or [STDIN]:
        if argument == STDIN:
            yield Source("<stdin>", None, Path("stdin.txt"))
            continue
        path = Path(argument)
        if path.is_dir():
            files = sorted(p for p in path.rglob(pattern) if p.is_file())
            if not files:
                yield MissingSource(argument, f"no files matching {pattern!r} in this folder")
            for file in files:
                yield Source(str(file), file, file.relative_to(path))
        elif path.is_file() or _is_stream(path):  # a FIFO or device: read as a stream (<(cmd) too)
            yield Source(argument, path, Path(path.name))
        elif path.is_symlink() and not path.exists():
            yield MissingSource(argument, f"dangling symbolic link (to {os.readlink(path)}, which does not exist)")
        elif path.exists():
            yield MissingSource(argument, "not a file, folder, FIFO or device")
        else:
            yield MissingSource(argument, "no such file or folder")


def _is_stream(path: Path) -> bool:
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def is_single_file(paths: list[str]) -> bool:
    """Whether the arguments name exactly one file (or stdin): then ``-o`` names a file, not a folder."""
    return len(paths) <= 1 and not (paths and Path(paths[0]).is_dir())
