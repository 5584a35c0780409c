"""Writing a file so that a reader (or a crash) only ever sees the old or the new content.

Everything is written to a temporary file beside the target (same folder, so the same
file system), flushed to disk, then renamed over the target. The rename is atomic on
POSIX and Windows: an interrupted run (Ctrl-C, kill, power cut after the fsync) leaves
the target untouched or complete, never truncated. At worst a hidden
``.<name>.<random>.tmp`` file stays behind after a hard kill (SIGKILL).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class AtomicFile:
    """A file written in parts and put in place at once: ``commit()`` renames, ``abort()`` discards.

    As a context manager it commits when the block ends normally and aborts on any
    exception (KeyboardInterrupt and SystemExit included). An existing target's
    permissions are kept.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        self.temporary = Path(temporary)
        self._file = os.fdopen(handle, "wb")
        self.closed = False

    def write(self, data: bytes) -> int:
        return self._file.write(data)

    def commit(self) -> None:
        if self.closed:
            raise ValueError(f"{self.path}: already committed or aborted")
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
            try:
                os.chmod(self.temporary, self.path.stat().st_mode & 0o7777)
            except FileNotFoundError:
                os.chmod(self.temporary, 0o666 & ~_umask())
            os.replace(self.temporary, self.path)
            self.closed = True
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """Discard what was written; the target stays as it was. Safe to call twice."""
        if self.closed:
            return
        self.closed = True
        self._file.close()
        try:
            os.unlink(self.temporary)
        except FileNotFoundError:
            pass

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            self.commit()
        else:
            self.abort()


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see :class:`AtomicFile`)."""
    with AtomicFile(path) as out:
        out.write(data)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


__all__ = ["AtomicFile", "write_atomic"]
