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

The files are pickles: the cache folder must be the user's own, as their home is.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
from importlib import metadata
from pathlib import Path

_FORMAT = 1  # bump when what is stored changes shape
_KEPT = 4  # newest index files kept: the built-in lexicon with or without the user's few
_PREFIX = "alias-index-"
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
    return folder / f"{_PREFIX}{name}.pickle"


def load_state(lexicon_digest: str):
    """The stored state of the index of that lexicon, or None (not stored, or unreadable)."""
    path = index_path(lexicon_digest)
    if path is None:
        return None
    try:
        with open(path, "rb") as stored:
            state = pickle.load(stored)
    except Exception:  # not stored yet, or a truncated or foreign file: rebuilt, and written over
        return None
    if not isinstance(state, dict) or state.get("digest") != lexicon_digest:
        return None
    return state


def store_state(lexicon_digest: str, state: dict) -> None:
    """Keep the index's state for the next process (atomically; errors only skip the cache)."""
    path = index_path(lexicon_digest)
    if path is None:
        return
    from toolkit.atomic import AtomicFile

    try:
        with AtomicFile(path) as stored:
            pickle.dump({**state, "digest": lexicon_digest}, stored, protocol=pickle.HIGHEST_PROTOCOL)
        _prune(path.parent)
    except OSError:
        return  # a read-only or full disk: the next process builds the index again


def _prune(folder: Path) -> None:
    """Delete all but the newest ``_KEPT`` index files."""
    files = []
    for path in folder.glob(f"{_PREFIX}*.pickle"):
        try:
            files.append((path.stat().st_mtime_ns, path))
        except OSError:
            continue  # deleted by another process meanwhile
    for _, path in sorted(files, reverse=True)[_KEPT:]:
        try:
            path.unlink()
        except OSError:
            pass


__all__ = ["cache_dir", "index_path", "load_state", "store_state"]
