"""Building a search index: SQLite FTS5 over a folded, segmented companion column and the ids of
the entities the linker found, with the alias table stored beside it for query expansion.

Tables: ``documents`` (name, original text, mentions as JSON), ``fts`` (contentless FTS5:
``keys`` = the companion text, ``entities`` = one token per linked entity and unknown-name
cluster), ``aliases`` (fold-key tokens -> entity, for expanding queries) and ``meta``.
The per-document work is ``index_document(name, data)``: a top-level function of picklable
arguments, so a process pool (or the CLI runner) can map it over files.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.exports.groups import entity_token

if TYPE_CHECKING:
    from toolkit.aliases import AliasTable

SCHEMA_VERSION = "2"  # 2: entity tokens that no two ids share (entity_token)
# the entity tokens keep their underscores (sv_place__vn__ha_noi is one token)
TOKENIZER = "unicode61 remove_diacritics 2 tokenchars '_'"


@dataclass(frozen=True)
class IndexedDocument:
    name: str
    text: str
    keys: str
    mentions: tuple[tuple[int, int, str], ...]  # (start, end, entity id or nil cluster)


def index_text(name: str, text: str, *, unknown: bool = False, lexicon=None) -> IndexedDocument:
    """Link (with ``lexicon``, the built-in one when None) and fold one document's text."""
    from toolkit.linking import link
    from toolkit.search.segmenting import companion

    mentions = tuple((m.start, m.end, m.entity or m.cluster) for m in link(text, lexicon=lexicon, unknown=unknown))
    return IndexedDocument(name, text, companion(text), mentions)


def index_document(name: str, data: bytes, unknown: bool = False, lexicon=None) -> IndexedDocument:
    """Decode (``toolkit.decode``), link and fold one file's bytes."""
    from toolkit.decoding import decode

    return index_text(name, decode(data).text, unknown=unknown, lexicon=lexicon)


# the lexicon a worker process links with, sent once when the pool starts it
_WORKER_LEXICON: list = [None]


def _start_worker(lexicon) -> None:
    _WORKER_LEXICON[0] = lexicon


def _index_in_worker(name: str, data: bytes, unknown: bool) -> IndexedDocument:
    return index_document(name, data, unknown, _WORKER_LEXICON[0])


def _create(connection: sqlite3.Connection) -> None:
    connection.executescript(f"""
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE documents(id INTEGER PRIMARY KEY, name TEXT NOT NULL, body TEXT NOT NULL,
                               mentions TEXT NOT NULL);
        CREATE VIRTUAL TABLE fts USING fts5(keys, entities, content='', tokenize="{TOKENIZER}");
        CREATE TABLE aliases(key TEXT NOT NULL, entity TEXT NOT NULL, kind TEXT NOT NULL, alias TEXT NOT NULL);
    """)


def _alias_rows(table) -> Iterator[tuple[str, str, str, str]]:
    from toolkit.search.segmenting import companion

    seen = set()
    for row in table:
        key = companion(row.alias)
        if key and (key, row.entity, row.kind) not in seen:
            seen.add((key, row.entity, row.kind))
            yield key, row.entity, row.kind, row.alias


def _documents(paths: Iterable[str], pattern: str, errors: list[str]) -> Iterator[tuple[str, bytes]]:
    from toolkit.corpus.sources import MissingSource, iter_sources

    for source in iter_sources(list(paths), pattern):
        if isinstance(source, MissingSource):
            errors.append(f"{source.name}: {source.reason}")
            continue
        try:
            yield source.name, source.read_bytes()
        except OSError as error:
            errors.append(f"{source.name}: {error.strerror or error}")


def _indexed(documents: Iterable[tuple[str, bytes]], workers: int, unknown: bool,
             errors: list[str], lexicon=None) -> Iterator[IndexedDocument]:
    if workers <= 1:
        for name, data in documents:
            try:
                yield index_document(name, data, unknown, lexicon)
            except ValueError as error:  # DecodeError names the byte offset
                errors.append(f"{name}: {error}")
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(lexicon,)) as pool:
        pending: list = []
        for name, data in documents:
            pending.append((name, pool.submit(_index_in_worker, name, data, unknown)))
            if len(pending) >= workers * 8:
                yield from _collect(pending.pop(0), errors)
        for item in pending:
            yield from _collect(item, errors)


def _collect(item, errors: list[str]) -> Iterator[IndexedDocument]:
    name, future = item
    try:
        yield future.result()
    except ValueError as error:
        errors.append(f"{name}: {error}")


@dataclass(frozen=True)
class IndexReport:
    documents: int
    characters: int
    bytes: int
    aliases: int
    errors: tuple[str, ...]


def build_index(out: str | Path, documents: Iterable[tuple[str, bytes]] = (), table: AliasTable | None = None, *,
                paths: Iterable[str] = (), pattern: str = "*.txt", workers: int = 1,
                unknown: bool = False, lexicon=None) -> IndexReport:
    """Index ``documents`` ((name, bytes) pairs) and the files under ``paths`` into a new SQLite
    database at ``out`` (replaced atomically). Documents are linked with ``lexicon`` (a
    ``toolkit.Lexicon``, the built-in one when None); ``table`` is the alias table stored for query
    expansion (the lexicon's when None)."""
    import os
    import tempfile

    if table is None:
        from toolkit.aliases import table_from_lexicon

        table = table_from_lexicon(lexicon)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(handle)
    errors: list[str] = []
    count = characters = size = 0
    try:
        connection = sqlite3.connect(temporary)
        connection.execute("PRAGMA journal_mode=OFF")
        connection.execute("PRAGMA synchronous=OFF")
        _create(connection)
        aliases = list(_alias_rows(table))
        connection.executemany("INSERT INTO aliases VALUES (?, ?, ?, ?)", aliases)
        connection.execute("CREATE INDEX aliases_key ON aliases(key)")
        paths = list(paths)
        stream = _chain(documents, _documents(paths, pattern, errors) if paths else ())
        sized = _Sized(stream)
        for document in _indexed(sized, workers, unknown, errors, lexicon):
            count += 1
            characters += len(document.text)
            cursor = connection.execute("INSERT INTO documents(name, body, mentions) VALUES (?, ?, ?)",
                                        (document.name, document.text, json.dumps(document.mentions)))
            tokens = " ".join(dict.fromkeys(entity_token(entity) for _s, _e, entity in document.mentions))
            connection.execute("INSERT INTO fts(rowid, keys, entities) VALUES (?, ?, ?)",
                               (cursor.lastrowid, document.keys, tokens))
        size = sized.bytes
        connection.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("schema", SCHEMA_VERSION), ("documents", str(count)), ("unknown_names", str(unknown))])
        connection.execute("INSERT INTO fts(fts) VALUES ('optimize')")
        connection.commit()
        connection.close()
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return IndexReport(count, characters, size, len(aliases), tuple(errors))


class _Sized:
    """Counts the bytes of the documents passing through."""

    def __init__(self, documents: Iterable[tuple[str, bytes]]) -> None:
        self._documents = documents
        self.bytes = 0

    def __iter__(self):
        for name, data in self._documents:
            self.bytes += len(data)
            yield name, data


def _chain(*iterables):
    for iterable in iterables:
        yield from iterable


__all__ = ["IndexReport", "IndexedDocument", "TOKENIZER", "build_index", "entity_token", "index_document",
           "index_text"]
