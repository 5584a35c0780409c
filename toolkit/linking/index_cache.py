"""The alias index kept on disk between runs (in the cache folder, ``toolkit.cache``).

Building the index of the built-in lexicon reads the Chinese reading tables and jieba's
dictionary: about two seconds, paid by every ``sinoviet link`` process. Loading it back from
disk takes a few tens of milliseconds.

An index is stored under a name made from everything it is derived from: the lexicon's entities
(``automaton.lexicon_digest``), this package's code and data files and the versions of the
packages that derive keys or hold the automaton (``toolkit.cache.code_fingerprint``). It is
stored as JSON (``AliasIndex.state``), and what is read is checked for shape before it is used;
where the folder and its files must come from, so that nothing planted is read, is
``toolkit.cache``'s business.
"""

from __future__ import annotations

from pathlib import Path

from toolkit.cache import JsonStore, cache_dir, code_fingerprint, untrusted

_KEPT = 4  # newest index files kept: the built-in lexicon with or without the user's few
_STORE = JsonStore("alias-index-", _KEPT)
_code_fingerprint = code_fingerprint  # (the name the tests clear)


def index_path(lexicon_digest: str) -> Path | None:
    """The file an index of the lexicon with this digest is kept in (None: cache off)."""
    return _STORE.path(lexicon_digest)


def load_state(lexicon_digest: str) -> dict | None:
    """The stored state of the index of that lexicon, or None (not stored, unreadable, or not to
    be trusted)."""
    return _STORE.load(lexicon_digest)


def store_state(lexicon_digest: str, state: dict) -> None:
    """Keep the index's state (plain data) for the next process, atomically; errors only skip
    the cache."""
    _STORE.store(lexicon_digest, state)


__all__ = ["cache_dir", "index_path", "load_state", "store_state", "untrusted"]
