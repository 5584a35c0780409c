"""This user's cache folder: derived data kept between processes as JSON, never as code.

The alias index (``toolkit.linking.index_cache``) and the lexicon's snapshot
(``toolkit.lexicon.snapshot``) are kept here, each file under a name made from everything its
content is derived from (the caller's key and this installation's code and data,
``code_fingerprint``), so a stale file is never read; only the newest few of each kind are kept.
The folder is ``$SINOVIET_CACHE_DIR``, else ``$XDG_CACHE_HOME/sinoviet``, else
``~/.cache/sinoviet``; ``SINOVIET_CACHE_DIR=`` (empty) turns the cache off. A folder that cannot
be written, or a file that cannot be read, only costs the work again.

Nothing read from the cache can run code: files are JSON (plain strings, numbers and lists),
never pickles, and their readers check the shape of what they read. The folder may still be
shared or planted (a common ``SINOVIET_CACHE_DIR``, an ``XDG_CACHE_HOME`` someone else owns), and a
planted file could at worst make results wrong, so the cache is used only in a folder owned by
this user that no one else can write, and a file is read only when it is a regular file of this
user's that no one else can write. A secret key to sign the files with would sit in that same
folder and add nothing to these checks.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
import sys
import time
import warnings
from importlib import metadata
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

_FORMAT = 3  # bump when what any store keeps changes shape
_SUFFIX = ".json"
# what earlier versions left in the folder (pickles): never read, only pruned
_FORMER_SUFFIXES = (".pickle",)
# a temporary file a killed writer left behind is deleted once it is this old (a live writer's
# file is seconds old)
_STALE_TEMPORARY_NS = 3600 * 10**9
# the packages whose versions change derived data (readings, segmentation) or the automaton
_DERIVING_PACKAGES = ("sinoviet", "pypinyin", "jieba", "opencc", "pyahocorasick")


def cache_dir() -> Path | None:
    """Where derived data is kept, or None when the cache is off."""
    configured = os.environ.get("SINOVIET_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if home.startswith("~"):
            return None  # no home folder to be found: no cache, rather than one in the working folder
        base = os.path.join(home, ".cache")
    return Path(base) / "sinoviet"


@functools.cache
def code_fingerprint() -> str:
    """This installation's code and data (paths, sizes, modification times) and the versions of
    the packages data is derived with: read once per process (a few milliseconds)."""
    from toolkit.resources import lexicons_dir

    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parent
    lexicons = lexicons_dir().resolve()
    # a wheel ships lexicons/ inside the package, a checkout beside it
    for root in (package,) if lexicons.is_relative_to(package) else (package, lexicons):
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                status = path.stat()
                digest.update(f"{path}\t{status.st_size}\t{status.st_mtime_ns}\n".encode())
    for name in _DERIVING_PACKAGES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\n".encode())
    digest.update(f"{sys.version}\t{_FORMAT}".encode())
    return digest.hexdigest()


def untrusted(status: os.stat_result) -> str | None:
    """Why a cache folder or file with this status must not be used, or None when it may: it
    must be this user's own, and no one else may write it."""
    if not hasattr(os, "geteuid"):
        return None  # no POSIX owners (Windows): the folder is the user's profile's
    if status.st_uid != os.geteuid():
        return f"owned by user {status.st_uid}, not by this user ({os.geteuid()})"
    if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"writable by others (mode {stat.filemode(status.st_mode)})"
    return None


_WARNED: set[str] = set()


def _warn_once(folder: Path, reason: str) -> None:
    if str(folder) not in _WARNED:
        _WARNED.add(str(folder))
        warnings.warn(f"sinoviet: not using the cache folder {folder}: it is {reason}", RuntimeWarning, stacklevel=3)


def _trusted_folder(folder: Path, create: bool) -> bool:
    """Whether ``folder`` may hold this user's cache (made, private, when ``create``)."""
    try:
        if create:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        status = folder.stat()
    except OSError:
        return False  # absent (nothing to read) or not to be made: only costs the build
    if not stat.S_ISDIR(status.st_mode):
        return False
    reason = untrusted(status)
    if reason is not None:
        _warn_once(folder, reason)
        return False
    return True


class JsonStore:
    """Files of one kind in the cache folder: ``prefix`` + a name from the key and the code
    fingerprint; the newest ``kept`` are kept. A stored dict carries its key as ``"digest"``, and
    a file whose ``"digest"`` is not the key asked for is not taken (a file renamed or planted)."""

    def __init__(self, prefix: str, kept: int) -> None:
        self.prefix, self.kept = prefix, kept

    def path(self, key: str) -> Path | None:
        """The file the data for ``key`` is kept in (None: cache off)."""
        folder = cache_dir()
        if folder is None:
            return None
        name = hashlib.blake2b(f"{key}\t{code_fingerprint()}".encode(), digest_size=16).hexdigest()
        return folder / f"{self.prefix}{name}{_SUFFIX}"

    def load(self, key: str) -> dict | None:
        """The dict stored for ``key``, or None (not stored, unreadable, or not to be trusted)."""
        path = self.path(key)
        if path is None or not _trusted_folder(path.parent, create=False):
            return None
        try:
            # O_NOFOLLOW: a link planted under the name is not followed to a file elsewhere
            handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return None  # not stored yet
        with os.fdopen(handle, "rb") as stored:
            status = os.fstat(stored.fileno())
            if not stat.S_ISREG(status.st_mode) or untrusted(status) is not None:
                return None  # written over by the next store (the atomic rename replaces the entry)
            try:
                data = json.loads(stored.read().decode("utf-8"))
            except (OSError, ValueError):  # truncated or foreign: made again, and written over
                return None
        if not isinstance(data, dict) or data.get("digest") != key:
            return None
        return data

    def store(self, key: str, data: dict) -> None:
        """Keep ``data`` (plain data) for the next process, atomically; errors only skip the cache."""
        path = self.path(key)
        if path is None or not _trusted_folder(path.parent, create=True):
            return
        from toolkit.corpus.atomic import AtomicFile

        text = json.dumps({**data, "digest": key}, ensure_ascii=False, separators=(",", ":"))
        try:
            with AtomicFile(path) as stored:
                stored.write(text.encode("utf-8"))
            os.chmod(path, 0o600)  # what this user links with is theirs alone
            self.prune(path.parent)
        except OSError:
            return  # a read-only or full disk: the next process does the work again

    def prune(self, folder: Path) -> None:
        """Delete all but the newest ``kept`` files of this kind, former formats' files, and
        temporary files left by killed writers."""
        files = []
        for path in folder.glob(f"{self.prefix}*{_SUFFIX}"):
            try:
                files.append((path.stat().st_mtime_ns, path))
            except OSError:
                continue  # deleted by another process meanwhile
        former = [path for suffix in _FORMER_SUFFIXES for path in folder.glob(f"{self.prefix}*{suffix}")]
        now = time.time_ns()
        for path in folder.glob(f".{self.prefix}*.tmp"):  # AtomicFile's temporary name
            try:
                if now - path.stat().st_mtime_ns > _STALE_TEMPORARY_NS:
                    former.append(path)
            except OSError:
                continue
        for path in [path for _, path in sorted(files, reverse=True)[self.kept:]] + former:
            try:
                path.unlink()
            except OSError:
                pass


_DERIVED = JsonStore("derived-", 8)


def stored_derivation(name: str, read: Callable[[Any], T]) -> Callable[[Callable[[], Any]], Callable[[], T]]:
    """For a function of no arguments that derives plain data (lists, strings, numbers) from this
    installation's tables and packages: its result is kept in the cache folder under ``name``
    and the code fingerprint, so only the first process of an installation derives it.

    ``read`` turns the plain data into what callers get (a frozenset, a dict), and raises
    ``TypeError`` or ``ValueError`` on data of another shape, which is then derived again. The
    decorated function is cached per process, like ``functools.cache``.
    """

    def decorate(derive: Callable[[], Any]) -> Callable[[], T]:
        @functools.cache
        def stored() -> T:
            kept = _DERIVED.load(name)
            if kept is not None and "value" in kept:
                try:
                    return read(kept["value"])
                except (TypeError, ValueError):
                    pass  # another shape under the right name: derived again, and written over
            value = derive()
            _DERIVED.store(name, {"value": value})
            return read(value)

        stored.derive = derive  # type: ignore[attr-defined]  # the derivation itself, for tests
        return functools.wraps(derive)(stored)

    return decorate


def strings(value: Any) -> list[str]:
    """``value`` when it is a list of strings (a ``read`` for ``stored_derivation``); TypeError otherwise."""
    if type(value) is not list:
        raise TypeError("not a list")
    "".join(value)  # strings only (checked at C speed)
    return value


__all__ = ["JsonStore", "cache_dir", "code_fingerprint", "stored_derivation", "strings", "untrusted"]
