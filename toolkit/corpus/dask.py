"""Corpora on Dask: read text or JSONL files into a bag, normalise and link, write JSONL.

Needs the ``sinoviet[dask]`` extra (``dask[bag]`` and ``distributed``)::

    from dask.distributed import Client
    from toolkit.corpus import dask as sd

    client = Client()                                   # or a cluster's address
    records = sd.read_records("archive/**/*.txt")       # {"file", "line", "text"} per line
    records = sd.normalise_records(records)             # adds "text_normalised"
    records = sd.link_records(records, field="text_normalised")   # adds "mentions"
    sd.write_jsonl(records, "out/")                     # out/part-00000.jsonl, …

Files are cut into partitions of about ``blocksize`` bytes at line breaks, and each
partition decodes on its own exactly as the CLI's pieces do (``toolkit.corpus.records``:
legacy encodings and mojibake included, lines numbered as the CLI numbers them; the
encoding of a long file is decided from its first bytes, on the client). Records keep
input order. What is shipped to the workers is settings only (:mod:`toolkit.corpus.batch`);
each worker builds its own tables.

A line that cannot be read becomes an error record ``{"file", "line", "error"}`` rather
than vanishing: filter on ``"error" in record`` to list or drop them.
"""

from __future__ import annotations

import glob as globbing
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from toolkit.corpus.batch import MentionFinder, Normaliser, with_field
from toolkit.corpus.records import line_count, records_of_bytes
from toolkit.corpus.streaming import PREFIX_BYTES, plan_for

BLOCKSIZE = 64 * 1024 * 1024
_WINDOW = 1024 * 1024  # how far past a nominal partition end to look for a line break


def _bag():
    try:
        import dask.bag
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("toolkit.corpus.dask needs Dask: pip install 'sinoviet[dask]'") from error
    return dask.bag


@dataclass(frozen=True)
class Partition:
    """A byte range of one file that starts and ends at line breaks (or the file's ends)."""

    path: str
    start: int
    end: int
    plan: Any  # toolkit.corpus.streaming.Plan, or None for a file read whole
    jsonl: bool
    field: str
    encoding: str
    first_line: int = 1


def list_files(paths: str | Path | list, pattern: str = "*.txt") -> list[str]:
    """Files named by ``paths``: files, folders (recursed, ``pattern``) and globs, in a stable order."""
    found: list[str] = []
    for entry in [paths] if isinstance(paths, (str, Path)) else list(paths):
        entry = str(entry)
        path = Path(entry)
        if path.is_dir():
            found += sorted(str(p) for p in path.rglob(pattern) if p.is_file())
        elif path.is_file():
            found.append(entry)
        else:
            matches = sorted(m for m in globbing.glob(entry, recursive=True) if Path(m).is_file())
            if not matches:
                raise FileNotFoundError(f"no files match {entry!r}")
            found += matches
    return found


def partitions_of(path: str, blocksize: int = BLOCKSIZE, *, jsonl: bool = False, field: str = "text", encoding: str = "auto") -> list[Partition]:
    """Cut one file into line-aligned partitions of about ``blocksize`` bytes (reads small windows only)."""
    size = Path(path).stat().st_size
    if size <= blocksize:
        return [Partition(path, 0, size, None, jsonl, field, encoding)]
    with open(path, "rb") as stream:
        try:
            plan = plan_for(stream.read(PREFIX_BYTES), encoding)
        except Exception:  # noqa: BLE001 - an undecodable start fails in its partition, with its offset
            from toolkit.corpus.streaming import Plan

            plan = Plan("auto")
        newline = b"\x00\n" if plan.layout == "utf-16-be" else b"\n\x00" if plan.layout == "utf-16-le" else b"\n"
        bounds, start = [], 0
        while start < size:
            nominal = start + blocksize
            end = size if nominal >= size else _next_line_start(stream, nominal, newline, size)
            bounds.append((start, end))
            start = end
    return [Partition(path, a, b, plan, jsonl, field, encoding) for a, b in bounds]


def _next_line_start(stream, position: int, newline: bytes, size: int) -> int:
    unit = len(newline)
    position -= position % unit
    while position < size:
        stream.seek(position)
        window = stream.read(_WINDOW)
        at = window.find(newline)
        while at >= 0 and at % unit:
            at = window.find(newline, at + 1)
        if at >= 0:
            return position + at + unit
        position += len(window)
    return size


def _read_bytes(partition: Partition) -> bytes:
    with open(partition.path, "rb") as stream:
        stream.seek(partition.start)
        return stream.read(partition.end - partition.start)


def _line_count(partition: Partition) -> int:
    return line_count(_read_bytes(partition), partition.plan)


def read_partition(partition: Partition) -> list[dict]:
    """The records of one partition (runs on a worker): ``toolkit.corpus.records.records_of_bytes``."""
    return records_of_bytes(_read_bytes(partition), partition.path, jsonl=partition.jsonl, encoding=partition.encoding,
                            start=partition.start, first_line=partition.first_line, plan=partition.plan)


def read_records(
    paths: str | Path | list,
    *,
    jsonl: bool | None = None,
    pattern: str | None = None,
    field: str = "text",
    encoding: str = "auto",
    blocksize: int = BLOCKSIZE,
):
    """A Dask bag of records from text files (one ``{"file", "line", "text"}`` per line) or JSONL files.

    ``jsonl=None`` decides from the file names (``.jsonl``/``.ndjson``). Line numbers are
    exact: the partitions' line counts are computed first (in parallel, on the cluster).
    """
    bag = _bag()
    if pattern is None:
        pattern = "*.jsonl" if jsonl else "*.txt"
    parts: list[Partition] = []
    for path in list_files(paths, pattern):
        is_jsonl = jsonl if jsonl is not None else path.endswith((".jsonl", ".ndjson"))
        parts += partitions_of(path, blocksize, jsonl=is_jsonl, field=field, encoding=encoding)
    if not parts:
        return bag.from_sequence([], npartitions=1)
    counts = bag.from_sequence(parts, npartitions=len(parts)).map(_line_count).compute()
    numbered, line, previous = [], 1, None
    for part, count in zip(parts, counts):
        if part.path != previous:
            line, previous = 1, part.path
        numbered.append(replace(part, first_line=line))
        line += count
    return bag.from_sequence(numbered, npartitions=len(numbered)).map_partitions(_read_partitions)


def _read_partitions(partitions) -> list[dict]:
    records: list[dict] = []
    for partition in partitions:
        records += read_partition(partition)
    return records


def normalise_records(bag, field: str = "text", to: str | None = None, tone_style: str = "old"):
    """Add ``to`` (default ``FIELD_normalised``) to every record: ``normalise(record[field])``."""
    return bag.map_partitions(Normaliser(tone_style).map_records, field, to)


def link_records(bag, field: str = "text", to: str = "mentions", lexicon_paths: tuple[str, ...] = (), lang: str | None = None, unknown: bool = True):
    """Add ``to`` to every record: the mentions ``toolkit.linking.link`` finds in ``record[field]``.

    The lines of one text file in a partition are linked as one document (``MentionFinder.map_documents``),
    as ``sinoviet link`` links a file: a file within one partition gets the CLI's mentions."""
    linker = MentionFinder(tuple(str(p) for p in lexicon_paths), lang, unknown)
    return bag.map_partitions(linker.map_documents, field, to)


def write_jsonl(bag, folder: str | Path) -> list[str]:
    """Write one ``part-NNNNN.jsonl`` per partition into ``folder``; returns the file names."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    lines = bag.map(_json_line)
    return lines.to_textfiles(str(folder / "part-*.jsonl"), name_function=lambda i: f"{i:05d}", encoding="utf-8")


def _json_line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)  # to_textfiles ends each line


__all__ = [
    "BLOCKSIZE",
    "Partition",
    "link_records",
    "list_files",
    "normalise_records",
    "partitions_of",
    "read_partition",
    "read_records",
    "with_field",
    "write_jsonl",
]
