"""Corpora on Spark: files read as bytes, decoded and linked as ``sinoviet link`` does, in ``mapInPandas``.

Needs ``pyspark``, ``pandas`` and ``pyarrow`` on the driver and the executors (this module
imports none of them itself; see ``examples/spark_map_in_pandas.py`` for a whole run)::

    from toolkit.corpus import spark as ss
    from toolkit.corpus.batch import MentionFinder, Normaliser

    files = ss.binary_files(spark, "archive/", "*.txt")          # path, content: one row per file
    pipeline = ss.Chain((
        ss.LineReader(),                                         # → file, line, text, error
        Normaliser().frames("text", "text_normalised"),
        ss.DocumentLinker(MentionFinder(), field="text_normalised"),   # → mentions (JSON)
    ))
    lines = files.mapInPandas(pipeline, schema=ss.schema("text_normalised", "mentions"))

Why bytes: ``spark.read.text`` decodes every file as UTF-8, so a TCVN3 or VNI file comes out
garbled (or stops the job). Spark's ``binaryFile`` source hands over each file's bytes, and
:class:`LineReader` decodes them as the CLI does (``toolkit.corpus.records``: legacy
encodings, UTF-16 and mojibake included), with the CLI's line numbers and ``file`` values.

Why one ``mapInPandas``: a short form (``Wang``, ``ông Ninh``) reaches the full name on an
earlier line only when the lines of a file are linked as one document. Spark cuts the rows it
hands to ``mapInPandas`` into Arrow batches (``spark.sql.execution.arrow.maxRecordsPerBatch``
rows), so a second ``mapInPandas`` over line rows could see one file's lines in two batches. A
``binaryFile`` row is a whole file and :class:`LineReader` yields frames of whole files, so the
steps chained after it in the same ``mapInPandas`` (:class:`Chain`) see every file whole.

Files are linked whole, as ``sinoviet link`` links a file of up to 512 KiB (one piece); the CLI
links a longer file piece by piece, and here a short form can reach a name anywhere in it. A
file that cannot be decoded gives one row with ``error`` set and no text; a JSON Lines line
that is not an object with a string field gives its own (``--jsonl --field`` problems).
Everything shipped to the executors is settings only, as in :mod:`toolkit.corpus.batch`.

Memory: a Python worker holds one Arrow batch of files (up to 10,000 by default) and their
lines at a time; for large files lower ``spark.sql.execution.arrow.maxRecordsPerBatch`` (or set
``spark.sql.execution.arrow.maxBytesPerBatch``). ``binaryFile`` reads files of up to 2 GiB
(``spark.sql.sources.binaryFile.maxLength``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field  # "field" names a column below
from typing import Any

from toolkit.corpus.batch import MentionFinder
from toolkit.corpus.records import decoded_lines, field_text, json_object

LINE_COLUMNS = ("file", "line", "text", "error")
LINES_SCHEMA = "file string, line long, text string, error string"
# what ``from_json`` needs to turn a ``mentions`` column back into nested data (Mention.to_dict)
MENTIONS_TYPE = (
    "array<struct<start:int, end:int, text:string, entity:string, type:string, score:double, cluster:string, "
    "candidates:array<string>>>"
)
JSONL_SUFFIXES = (".jsonl", ".ndjson")

Frames = Iterator[Any]  # pandas DataFrames, as mapInPandas passes and expects them


def schema(*added: str) -> str:
    """The schema of :class:`LineReader`'s rows with string columns ``added`` after them (a DDL string)."""
    return LINES_SCHEMA + "".join(f", {name} string" for name in added)


def binary_files(spark: Any, source: str, pattern: str = "*.txt") -> Any:
    """A DataFrame of ``path, content``, one row per file under ``source`` (recursed) whose name matches ``pattern``."""
    reader = spark.read.format("binaryFile").option("recursiveFileLookup", "true").option("pathGlobFilter", pattern)
    return reader.load(source).select("path", "content")


def local_path(path: str) -> str:
    """A ``binaryFile`` path as the CLI writes the file: ``file:/data/a.txt`` → ``/data/a.txt``;
    other file systems (``hdfs://``, ``s3a://``) keep their URI."""
    if path.startswith("file://"):
        return path[len("file://"):]
    if path.startswith("file:"):
        return path[len("file:"):]
    return path


@dataclass(frozen=True)
class LineReader:
    """For ``mapInPandas`` on ``binaryFile`` rows: frames of ``path, content`` → frames of ``file, line,
    text, error`` (:data:`LINES_SCHEMA`), one row per line, each file decoded as the CLI decodes it.

    ``jsonl=None`` takes ``.jsonl``/``.ndjson`` files as JSON Lines (``text`` is then the record's
    ``field``; blank lines are left out). Frames hold whole files, about ``lines_per_frame`` rows
    (more when one file has more lines).
    """

    jsonl: bool | None = None
    field: str = "text"
    encoding: str = "auto"
    errors: str = "strict"  # "replace": bytes that are not text become U+FFFD instead of an error row
    lines_per_frame: int = 10_000

    def __call__(self, frames: Frames) -> Frames:
        for frame in frames:
            rows: list[tuple] = []
            for path, content in zip(frame["path"], frame["content"]):
                rows += self.rows_of_file(local_path(path), bytes(content))
                if len(rows) >= self.lines_per_frame:
                    yield _lines_frame(rows)
                    rows = []
            if rows:
                yield _lines_frame(rows)

    def rows_of_file(self, path: str, content: bytes) -> list[tuple[str, int, str | None, str | None]]:
        """The ``(file, line, text, error)`` rows of one file."""
        from toolkit.decoding import DecodeError

        jsonl = self.jsonl if self.jsonl is not None else path.endswith(JSONL_SUFFIXES)
        try:
            lines = decoded_lines(content, jsonl=jsonl, encoding=self.encoding, errors=self.errors)
        except DecodeError as error:
            return [(path, error.line, None, str(error))]
        if not jsonl:
            return [(path, number, text, None) for number, text in lines]
        rows: list[tuple[str, int, str | None, str | None]] = []
        for number, line in lines:
            record, problem = json_object(line)
            text = None
            if record is not None:
                text, problem = field_text(record, self.field)
            rows.append((path, number, text, problem))
        return rows


def _lines_frame(rows: list[tuple]) -> Any:
    import pandas  # type: ignore[import-untyped, unused-ignore]  # no stubs unless pandas-stubs is installed

    return pandas.DataFrame(rows, columns=list(LINE_COLUMNS))


@dataclass(frozen=True)
class DocumentLinker:
    """For ``mapInPandas``: adds ``to``, the mentions of ``field`` as a JSON array (null where there is
    no text), linking the consecutive lines of one file in a frame as one document
    (``MentionFinder.map_documents``); offsets count characters in the row's own ``field``.

    Put it in a :class:`Chain` after :class:`LineReader`, so each frame holds whole files. Line
    rows from elsewhere reach it whole by file with ``groupBy("file").applyInPandas(lambda frame:
    linker.link_frame(frame.sort_values("line")), schema)`` (a group's rows come in no set order).
    """

    finder: MentionFinder = dataclass_field(default_factory=MentionFinder)
    field: str = "text"
    to: str = "mentions"

    def __call__(self, frames: Frames) -> Frames:
        for frame in frames:
            yield self.link_frame(frame)

    def link_frame(self, frame: Any) -> Any:
        """One frame with ``to`` added."""
        texts = [text if isinstance(text, str) else None for text in frame[self.field].tolist()]
        records = [{"file": name, "line": line, self.field: text}
                   for name, line, text in zip(frame["file"].tolist(), frame["line"].tolist(), texts)]
        linked = self.finder.map_documents(records, self.field, self.to, document="file")
        frame = frame.copy()
        frame[self.to] = [None if record[self.to] is None else json.dumps(record[self.to], ensure_ascii=False)
                          for record in linked]
        return frame


@dataclass(frozen=True)
class Chain:
    """Frame functions applied one after another inside one ``mapInPandas`` (see the module docstring)."""

    steps: tuple[Callable[[Frames], Frames], ...]

    def __call__(self, frames: Frames) -> Frames:
        for step in self.steps:
            frames = step(frames)
        yield from frames


__all__ = [
    "LINES_SCHEMA",
    "LINE_COLUMNS",
    "MENTIONS_TYPE",
    "Chain",
    "DocumentLinker",
    "LineReader",
    "binary_files",
    "local_path",
    "schema",
]
