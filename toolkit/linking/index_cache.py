"""The alias index kept on disk between runs.

Building the index of the built-in lexicon reads the Chinese reading tables and jieba's
dictionary: about two seconds, paid by every ``sinoviet link`` process. Loading it back from
disk takes a few tens of milliseconds.

An index is stored under a name made from everything it is derived from: the lexicon's entities
(``automaton.lexicon_digest``), this package's code and data files (their paths, sizes and
modification times) and the versions of the packages that derive keys or hold the automaton.
Whatever changes, the name changes, so a stale index is never read; only the newest few files
are kept. The folder is ``$SINOVIET_CACHE_DIR``, else ``$XDG_CACHE_HOME/sinoviet``, else
``~/.cache/sinoviet``; ``SINOVIET_CACHE_DIR=`` (empty) turns the cache off. A folder that cannot
be written, or a file that cannot be read, only costs the build.

Nothing read from the cache can run code: an index is stored as JSON (plain strings, numbers
and lists; ``AliasIndex.state``), never as a pickle, and what is read is checked for shape
before it is used. The folder may still be shared or planted (a common ``SINOVIET_CACHE_DIR``,
an ``XDG_CACHE_HOME`` someone else owns), and a planted file could at worst make links wrong,
so the cache is used only in a folder owned by this user that no one else can write, and a
file is read only when it is a regular file of this user's that no one else can write. A
secret key to sign the files with would sit in that same folder and add nothing to these checks.
"""

from __future__ import annotations

import functools
import hashlib
import os
import json
import stat
import warnings
import sys
import time
from importlib import metadata
from pathlib import Path

_FORMAT = 2  # bump when what is stored changes shape
_KEPT = 4  # newest index files kept: the built-in lexicon with or without the user's few
_PREFIX = "alias-index-"
_SUFFIX = ".json"
# what earlier versions left in the folder (pickles): never read, only pruned
_FORMER_SUFFIXES = (".pickle",)
# a temporary file a killed writer left behind is deleted once it is this old (a live writer's
# file is seconds old)
_STALE_TEMPORARY_NS = 3600 * 10**9
# the packages whose versions change the keys (readings, segmentation) or the stored automaton
_DERIVING_PACKAGES = ("sinoviet", "pypinyin", "jieba", "opencc", "pyahocorasick")


def cache_dir() -> Path | None:
    """Where indexes are kept, or None when the cache is off."""
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
def _code_fingerprint() -> str:
    """This installation's code and data (paths, sizes, modification times) and the versions of
    the packages keys are derived with: read once per process (a few milliseconds)."""
    from toolkit.resources import lexicons_dir

    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parents[1]
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


def index_path(lexicon_digest: str) -> Path | None:
    """The file an index of the lexicon with this digest is kept in (None: cache off)."""
    folder = cache_dir()
    if folder is None:
        return None
    name = hashlib.blake2b(f"{lexicon_digest}\t{_code_fingerprint()}".encode(), digest_size=16).hexdigest()
    return folder / f"{_PREFIX}{name}{_SUFFIX}"


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
        warnings.warn(f"sinoviet: not using the index cache {folder}: it is {reason}", RuntimeWarning, stacklevel=3)


def _trusted_folder(folder: Path, create: bool) -> bool:
    """Whether ``folder`` may hold this user's indexes (made, private, when ``create``)."""
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


def load_state(lexicon_digest: str) -> dict | None:
    """The stored state of the index of that lexicon, or None (not stored, unreadable, or not to
    be trusted)."""
    path = index_path(lexicon_digest)
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
            return None  # written over by the rebuild (the atomic rename replaces the entry)
        try:
            state = json.loads(stored.read().decode("utf-8"))
        except (OSError, ValueError):  # truncated or foreign: rebuilt, and written over
            return None
    if not isinstance(state, dict) or state.get("digest") != lexicon_digest:
        return None
    return state


def store_state(lexicon_digest: str, state: dict) -> None:
    """Keep the index's state (plain data) for the next process, atomically; errors only skip
    the cache."""
    path = index_path(lexicon_digest)
    if path is None or not _trusted_folder(path.parent, create=True):
        return
    from toolkit.corpus.atomic import AtomicFile

    data = json.dumps({**state, "digest": lexicon_digest}, ensure_ascii=False, separators=(",", ":"))
    try:
        with AtomicFile(path) as stored:
            stored.write(data.encode("utf-8"))
        os.chmod(path, 0o600)  # an index says which lexicon this user links with: theirs alone
        _prune(path.parent)
    except OSError:
        return  # a read-only or full disk: the next process builds the index again


def _prune(folder: Path) -> None:
    """Delete all but the newest ``_KEPT`` index files, former formats' files, and temporary
    files left by killed writers."""
    files = []
    for path in folder.glob(f"{_PREFIX}*{_SUFFIX}"):
        try:
            files.append((path.stat().st_mtime_ns, path))
        except OSError:
            continue  # deleted by another process meanwhile
    former = [path for suffix in _FORMER_SUFFIXES for path in folder.glob(f"{_PREFIX}*{suffix}")]
    now = time.time_ns()
    for path in folder.glob(f".{_PREFIX}*.tmp"):  # AtomicFile's temporary name
        try:
            if now - path.stat().st_mtime_ns > _STALE_TEMPORARY_NS:
                former.append(path)
        except OSError:
            continue
    for path in [path for _, path in sorted(files, reverse=True)[_KEPT:]] + former:
        try:
            path.unlink()
        except OSError:
            pass


__all__ = ["cache_dir", "index_path", "load_state", "store_state", "untrusted"]
