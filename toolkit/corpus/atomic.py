"""Writing a file so that a reader (or a crash) only ever sees the old or the new content.

A regular file (or one that does not exist yet) is written to a temporary file beside it
(same folder, so the same file system), flushed to disk, then renamed over it. The rename
is atomic on POSIX and Windows: an interrupted run (Ctrl-C, kill, power cut after the
fsync) leaves the target untouched or complete, never truncated. At worst a hidden
``.<name>.<random>.tmp`` file stays behind after a hard kill (SIGKILL).

What is not a regular file is never replaced: a device (``/dev/null``), a FIFO, a socket
or a terminal (``/dev/stdout``, ``/proc/self/fd/1``) is opened and written as it is. A
symlink stays a link: the file it points to is what is replaced. The replacement keeps
the old file's permissions and, where this user may set them, its owner and group; a
file with other hard links cannot keep them through a rename, and ``notes`` says so
(as it does for an owner that could not be kept).
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

# Paths under these are views of open files or devices: never renamed over.
_SPECIAL_FOLDERS = ("/dev/", "/proc/")


class AtomicFile:
    """A file written in parts and put in place at once: ``commit()`` renames, ``abort()`` discards.

    As a context manager it commits when the block ends normally and aborts on any
    exception (KeyboardInterrupt and SystemExit included). An existing target's
    permissions (and owner, when allowed) are kept. ``expect``, an ``os.stat_result``
    of the target taken when its old content was read, makes ``commit`` refuse
    (``FileChangedError``) to replace a file that another process replaced or changed
    since. ``notes`` lists what the user should be told after ``commit``.
    """

    def __init__(self, path: Path | str, *, expect: os.stat_result | None = None) -> None:
        self.path = Path(path)
        self.expect = expect
        self.notes: list[str] = []
        self.closed = False
        self.temporary: Path | None = None
        self.target, through_special = _follow_links(self.path)
        try:
            existing = os.stat(self.target)
        except FileNotFoundError:
            existing = None
        self._existing = existing
        if (existing is not None and not stat.S_ISREG(existing.st_mode)) or through_special:
            # Written where it is: there is nothing to rename over (and must not be).
            self._file = open(self.path, "wb")  # noqa: SIM115 - closed by commit/abort
            return
        self.target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".tmp", dir=self.target.parent)
        self.temporary = Path(temporary)
        self._file = os.fdopen(handle, "wb")

    @property
    def in_place(self) -> bool:
        """Whether the target is written where it is (not a regular file) rather than replaced."""
        return self.temporary is None

    def write(self, data: bytes) -> int:
        return self._file.write(data)

    def commit(self) -> None:
        if self.closed:
            raise ValueError(f"{self.path}: already committed or aborted")
        try:
            self._file.flush()
            if self.temporary is None:
                self._file.close()
                self.closed = True
                return
            os.fsync(self._file.fileno())
            self._file.close()
            self._keep_metadata()
            if self.expect is not None:
                self._check_unchanged()
            os.replace(self.temporary, self.target)
            self.closed = True
        except BaseException:
            self.abort()
            raise

    def _keep_metadata(self) -> None:
        assert self.temporary is not None  # called only when a temporary file replaces the target
        try:
            current = os.stat(self.target)
        except FileNotFoundError:
            os.chmod(self.temporary, 0o666 & ~_umask())
            return
        if hasattr(os, "chown") and (current.st_uid, current.st_gid) != _owner(self.temporary):
            try:
                os.chown(self.temporary, current.st_uid, current.st_gid)
            except OSError:
                self.notes.append(
                    f"{self.path}: replaced by a file owned by this user (it was owned by uid "
                    f"{current.st_uid}, gid {current.st_gid})"
                )
        os.chmod(self.temporary, current.st_mode & 0o7777)
        if current.st_nlink > 1:
            self.notes.append(
                f"{self.path}: had {current.st_nlink - 1} other hard link(s); they keep the old content"
            )

    def _check_unchanged(self) -> None:
        try:
            now = os.stat(self.target)
        except FileNotFoundError:
            now = None
        before = self.expect
        assert before is not None  # called only when there is an expected state to compare with
        if now is None or (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns) != (
            before.st_dev, before.st_ino, before.st_size, before.st_mtime_ns
        ):
            raise FileChangedError(
                f"{self.path} was changed by another process while it was processed; left as that process made it"
            )

    def abort(self) -> None:
        """Discard what was written; the target stays as it was. Safe to call twice."""
        with signals_held():  # a Ctrl-C between marking it closed and unlinking would leak it
            if self.closed:
                return
            self.closed = True
            try:
                self._file.close()
            except OSError:  # the buffered rest could not be written (disk full): discarded anyway
                pass
            finally:
                if self.temporary is not None:
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


class FileChangedError(OSError):
    """The file to replace was changed by someone else since its content was read."""


_HELD_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block ends, then act as they would have.

    Python runs a signal's handler between any two bytecodes, so an interrupt can land
    after a temporary file exists but before anyone has recorded it, and the file would
    outlive the run. Blocking the signal in the kernel is not enough: another thread can
    take it and Python still runs the handler in the main thread. So the handlers are
    swapped for ones that only note the signal, and a noted signal is re-sent at the end.
    Outside the main thread (where handlers cannot be set) the block runs as it is.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: list[int] = []
    previous = {held: signal.signal(held, lambda number, frame: noted.append(number)) for held in _HELD_SIGNALS}
    try:
        yield
    finally:
        for held, handler in previous.items():
            signal.signal(held, handler)
        for pending in dict.fromkeys(noted):
            signal.raise_signal(pending)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see :class:`AtomicFile`)."""
    with AtomicFile(path) as out:
        out.write(data)


def _follow_links(path: Path) -> tuple[Path, bool]:
    """The file a chain of symlinks ends at (the path itself when it is no link), and whether
    the chain passes through /dev or /proc (``/dev/stdout`` → ``/proc/self/fd/1`` → a file the
    shell opened: written through the open file, never renamed over)."""
    special = _is_special(path)
    seen = 0
    while path.is_symlink() and seen < 40:
        link = Path(os.readlink(path))
        path = link if link.is_absolute() else path.parent / link
        special = special or _is_special(path)
        seen += 1
    return path, special


def _is_special(path: Path) -> bool:
    absolute = os.path.abspath(path)
    return any(absolute.startswith(folder) for folder in _SPECIAL_FOLDERS)


def _owner(path: Path) -> tuple[int, int]:
    status = os.stat(path)
    return status.st_uid, status.st_gid


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


__all__ = ["AtomicFile", "FileChangedError", "write_atomic"]
