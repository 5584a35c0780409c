"""What a file-processing command does to the text of one piece of a file.

A processor is a small picklable object (settings only) with one method,
``process(text, piece) -> Processed``; the runner (``toolkit.corpus.runner``) sends it with
every piece to a worker process and writes the results in order. Three shapes cover the
commands:

- :class:`WholeText`: the text, transformed as a whole (``normalise``: layout kept);
- :class:`PerLine`: one output line per input line (``fold``);
- :class:`JsonlField`: one field of each JSON record, added back under another name.

- :class:`MentionRows`: one JSON object (or TSV row) per entity mention (``link``).

A new command (``aliases build --corpus``…) plugs in by giving the runner its own
processor: any object with that ``process`` method that pickles.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from toolkit.corpus.records import LONE_SURROGATE, field_text, json_object
from toolkit.corpus.streaming import Piece

ON_ERROR = ("skip", "copy", "fail")


@dataclass
class Processed:
    """A piece's output text and what the runner needs to stitch, count and report it."""

    text: str
    changed: bool = False  # the output differs from the input (the file counts as repaired)
    counts: Counter = field(default_factory=Counter)
    # (line number, message) for records that could not be processed (JSONL)
    problems: list[tuple[int, str]] = field(default_factory=list)
    # PerLine: a piece that continues a cut line needs a space before it when both sides have words
    joins_cut_line: bool = False
    tail_has_words: bool = False  # the last (cut) line of the piece folded to something
    has_line_break: bool = False


@dataclass(frozen=True)
class WholeText:
    """Apply ``function`` (text → text, local to the words between spaces) to the whole piece."""

    function: Callable[[str], str]
    count_repairs: bool = False  # use ``function.counted`` for per-repair counts (--report)

    def process(self, text: str, piece: Piece) -> Processed:
        if self.count_repairs and hasattr(self.function, "counted"):
            result, counts = self.function.counted(text)
        else:
            result, counts = self.function(text), Counter()
        return Processed(result, changed=result != text, counts=counts)


@dataclass(frozen=True)
class PerLine:
    """One output line per input line: ``function(line)`` (which must not contain a line break)."""

    function: Callable[[str], str]

    def process(self, text: str, piece: Piece) -> Processed:
        lines = text.splitlines()
        if piece.ends_mid_line and text and text[-1] in "\r\n":
            lines.append("")  # the cut fell just after a line break: the next piece starts a new line
        results = [self.function(line) for line in lines]
        output = "\n".join(results)
        if lines and not piece.ends_mid_line:
            output += "\n"
        return Processed(
            output,
            joins_cut_line=piece.starts_mid_line and bool(results) and bool(results[0]),
            tail_has_words=bool(results) and bool(results[-1]),
            has_line_break=len(lines) > 1 or (bool(lines) and not piece.ends_mid_line),
        )


@dataclass(frozen=True)
class JsonlField:
    """JSON Lines: ``record[to] = function(record[field])`` for every record; blank lines are kept.

    A line that is not a JSON object with a string ``field`` is a problem named by its line
    number; with ``on_error="copy"`` it is written out unchanged, otherwise left out (the
    runner stops the run on ``"fail"``). A record longer than one piece (see
    ``toolkit.corpus.streaming``) is a problem too.
    """

    function: Callable[[str], Any]  # its result is written as the field's JSON value
    field: str = "text"
    to: str = "text_processed"
    on_error: str = "skip"

    def process(self, text: str, piece: Piece) -> Processed:
        lines = text.split("\n")
        terminated = not lines[-1]
        if terminated:
            lines.pop()
        output: list[str] = []
        problems: list[tuple[int, str]] = []
        changed = False
        last = piece.first_line + len(lines) - 1
        for number, line in enumerate(lines, start=piece.first_line):
            continues_cut = number == piece.first_line and piece.starts_mid_line
            is_cut = piece.ends_mid_line and number == last and not terminated
            ending = "" if is_cut else "\n"  # every record written ends its line
            if continues_cut or is_cut:
                if is_cut and not continues_cut:
                    problems.append((number, f"record longer than {len(piece.data)} bytes (one piece)"))
                if self.on_error == "copy":
                    output.append(line + ending)
                continue
            if not line.strip():
                output.append(line + ending)
                continue
            result, problem, record_changed = self._record(line)
            changed = changed or record_changed
            if problem is not None:
                problems.append((number, problem))
                if self.on_error == "copy":
                    output.append(line + ending)
                continue
            output.append(result + ending)
        return Processed("".join(output), changed=changed, problems=problems)

    def _record(self, line: str) -> tuple[str, str | None, bool]:
        """(record written back, problem or None, whether the field's text changed).

        The record is written back as it was read, byte for byte, with the new value spliced
        in: in place of the ``to`` field's value when the record has one (its last, the one
        a JSON reader keeps), else as a new last member. Numbers (``1e400``, ``1.10``), escapes,
        spacing and duplicate keys are kept; a lone surrogate escape (``"\\ud800"``) outside
        the field read is kept too.
        """
        record, problem = json_object(line)
        if record is None:
            return "", problem, False
        source, problem = field_text(record, self.field)
        if problem is not None:
            return "", problem, False
        if source is None:
            return self._spliced(line, "null"), None, False  # a missing value passes through, as in batch.py
        value = record[self.field]
        result = self.function(source)
        written = json.dumps(result, ensure_ascii=False)
        if LONE_SURROGATE.search(written):
            written = json.dumps(result)  # escaped, so the record stays UTF-8
        return self._spliced(line, written), None, result != value

    def _spliced(self, line: str, written: str) -> str:
        """``line`` with ``written`` (JSON) as the value of the ``to`` field, in its place or added last."""
        spans, last_end = _value_spans(line)
        if self.to in spans:
            start, end = spans[self.to]
            return line[:start] + written + line[end:]
        return line[:last_end] + ", " + json.dumps(self.to, ensure_ascii=False) + ": " + written + line[last_end:]


_JSON_DECODER = json.JSONDecoder()


def _after_space(line: str, position: int) -> int:
    """The position of the first character at or after ``position`` that is not JSON white space."""
    while position < len(line) and line[position] in " \t\n\r":
        position += 1
    return position


def _value_spans(line: str) -> tuple[dict[str, tuple[int, int]], int]:
    """{key: span of its value in ``line``} (the last of duplicate keys) and where the last
    member ends, for a line that holds a valid JSON object with at least one member."""
    from json.decoder import scanstring  # type: ignore[attr-defined]  # there at run time; typeshed omits it

    spans: dict[str, tuple[int, int]] = {}
    position = _after_space(line, 0) + 1  # past "{"
    while True:
        position = _after_space(line, position)  # at the key's quote
        key, position = scanstring(line, position + 1)
        position = _after_space(line, position) + 1  # past ":"
        start = _after_space(line, position)
        _, end = _JSON_DECODER.raw_decode(line, start)
        spans[key] = (start, end)
        position = _after_space(line, end)
        if line[position] == "}":
            return spans, end
        position += 1  # past ","



MENTION_FIELDS = ("file", "line", "start", "end", "text", "entity", "type", "score", "cluster")
MENTION_FORMATS = ("jsonl", "tsv")


@dataclass(frozen=True)
class MentionRows:
    """``link``: the piece linked as one document, one row per mention (``MENTION_FIELDS``).

    ``linker`` is a ``toolkit.corpus.batch.MentionFinder`` (settings and lexicon paths; each process builds
    its own index). Lines are numbered in the whole file (``piece.first_line``); ``start`` and
    ``end`` count characters in that line. A file of one piece (``sinoviet link``: up to 512 KiB) is one document,
    so a short form (``Xi``, ``ông Lâm``) reaches a full name anywhere in it; in a larger file a
    short form reaches full names within its own piece (whole lines) only. A line
    longer than a piece is cut at spaces: its later pieces count ``start`` and ``end`` from
    where the piece starts in the line, and a name that straddles a cut is not found.
    """

    linker: Any
    output_format: str = "jsonl"

    def __post_init__(self) -> None:
        if self.output_format not in MENTION_FORMATS:
            raise ValueError(f"output_format must be one of {', '.join(MENTION_FORMATS)}, not {self.output_format!r}")

    def process(self, text: str, piece: Piece) -> Processed:
        rows = iter_mention_rows(self.linker.mentions(text), text, _shown_name(piece.name), piece.first_line)
        # rows are formatted as they are made: a piece's mentions are never all held as dicts
        return Processed("".join(format_mention_row(row, self.output_format) for row in rows))


def _shown_name(name: str) -> str:
    """A file name as UTF-8 text: bytes that are not UTF-8 (kept by the OS as surrogate
    escapes) are written ``\\xff``, never as raw bytes in the output."""
    if name.isascii():
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def mention_rows(mentions, text: str, name: str, first_line: int = 1) -> list[dict]:
    """Output rows of ``mentions`` of ``text``: line numbers from ``first_line``, offsets within the line."""
    return list(iter_mention_rows(mentions, text, name, first_line))


def iter_mention_rows(mentions, text: str, name: str, first_line: int = 1):
    """``mention_rows``, one row at a time."""
    line_starts = [0]
    at = text.find("\n")
    while at >= 0:
        line_starts.append(at + 1)
        at = text.find("\n", at + 1)
    for mention in mentions:
        line = bisect_right(line_starts, mention.start) - 1
        row = {
            "file": name, "line": first_line + line,
            "start": mention.start - line_starts[line], "end": mention.end - line_starts[line],
            "text": mention.text, "entity": mention.entity, "type": mention.type,
            "score": mention.score, "cluster": mention.cluster,
        }
        if mention.candidates:  # a place the text gave no cue to settle: what it may be
            row["candidates"] = list(mention.candidates)
        yield row


def format_mention_row(row: dict, output_format: str) -> str:
    if output_format == "jsonl":
        return json.dumps(row, ensure_ascii=False) + "\n"
    cells = ["" if row[name] is None else str(row[name]) for name in MENTION_FIELDS]
    return "\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in cells) + "\n"


__all__ = [
    "JsonlField", "MENTION_FIELDS", "MENTION_FORMATS", "MentionRows", "ON_ERROR", "PerLine", "Processed", "WholeText",
    "format_mention_row", "iter_mention_rows", "mention_rows",
]
