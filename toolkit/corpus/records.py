"""Bytes of one file (or of a line-aligned range of it) → its lines or records, decoded as the CLI decodes.

The Dask and Spark paths both read bytes this way (``toolkit.corpus.dask`` reads byte ranges
from disk, ``toolkit.corpus.spark`` gets whole files from Spark's ``binaryFile`` source), so
what they find on a file is what ``sinoviet`` finds on it:

* the bytes are decoded by ``toolkit.corpus.streaming.decode_piece``: legacy encodings (TCVN3,
  VNI, VIQR…), UTF-16 and mojibake included;
* lines are what the CLI numbers as lines: text between LF characters (a CR before an LF
  belongs to the line break; a lone CR, a form feed or U+2028 does not end a line);
* in JSON Lines, blank lines are left out, and a record's text field is read under the rules
  of ``sinoviet … --jsonl --field`` (a string is needed; mojibake in it is repaired).

Nothing here imports Dask, Spark or pandas.
"""

from __future__ import annotations

import json
import re
from typing import Any

from toolkit.corpus.streaming import Piece, Plan

_LINE_BREAKS = {"bytes": b"\n", "utf-16-le": b"\n\x00", "utf-16-be": b"\x00\n"}
LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # cannot be written as UTF-8


def decoded_lines(data: bytes, *, jsonl: bool = False, encoding: str = "auto", errors: str = "strict",
                  start: int = 0, first_line: int = 1, plan: Plan | None = None) -> list[tuple[int, str]]:
    """(line number, text) of every line of ``data``; in JSON Lines, blank lines are left out.

    ``data`` is a whole file (``plan=None``: decoded as ``decode`` decodes a file) or the range
    starting at byte ``start`` and line ``first_line`` of a longer one, read with the file's
    ``plan`` (``toolkit.corpus.streaming.plan_for``). Raises ``toolkit.decoding.DecodeError``,
    with the offset and line in the whole file, when the bytes are not text.
    """
    from toolkit.corpus.streaming import decode_piece

    piece = Piece(data, start, first_line, 0 if start == 0 else 1, True, False, False, plan)
    text = decode_piece(piece, encoding, errors).text
    lines = text.split("\n")
    if not lines[-1]:  # the text ends with a line break (or is empty): no line after it
        lines.pop()
    numbered = [(number, line.removesuffix("\r")) for number, line in enumerate(lines, start=first_line)]
    if jsonl:
        return [(number, line) for number, line in numbered if line.strip()]
    return numbered


def line_count(data: bytes, plan: Plan | None = None) -> int:
    """How many lines ``decoded_lines`` numbers in ``data`` (its line breaks), without decoding it."""
    return data.count(_LINE_BREAKS[plan.layout if plan is not None else "bytes"])


def records_of_bytes(data: bytes, path: str, *, jsonl: bool = False, encoding: str = "auto", errors: str = "strict",
                     start: int = 0, first_line: int = 1, plan: Plan | None = None) -> list[dict]:
    """The records of ``data`` (see ``decoded_lines`` for the other arguments), as ``toolkit.corpus.dask`` gives them.

    A text line is ``{"file": path, "line": n, "text": line}``; a JSON Lines record is its object
    as read. Bytes that are not text give one ``{"file", "line", "error"}`` record for the whole
    of ``data``, and so does a line that is not a JSON object.
    """
    from toolkit.decoding import DecodeError

    try:
        lines = decoded_lines(data, jsonl=jsonl, encoding=encoding, errors=errors, start=start,
                              first_line=first_line, plan=plan)
    except DecodeError as error:
        return [{"file": path, "line": error.line, "error": str(error)}]
    if not jsonl:
        return [{"file": path, "line": number, "text": line} for number, line in lines]
    records = []
    for number, line in lines:
        record, problem = json_object(line)
        records.append(record if record is not None else {"file": path, "line": number, "error": problem})
    return records


def json_object(line: str) -> tuple[dict | None, str | None]:
    """(the JSON object on ``line``, None), or (None, what is wrong with it)."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return None, f"not JSON: {error.msg} (column {error.colno})"
    if not isinstance(record, dict):
        return None, f"not a JSON object but {type(record).__name__}"
    return record, None


def field_text(record: dict[str, Any], field: str = "text") -> tuple[str | None, str | None]:
    """(the text of ``record[field]``, None) or (None, what is wrong), as ``--jsonl --field`` reads it:
    a null value is no text and no problem; anything but a string is a problem, and so is a lone
    surrogate (it cannot be written as UTF-8); mojibake is repaired on the field's own evidence."""
    value = record.get(field)
    if value is None and field in record:
        return None, None
    if not isinstance(value, str):
        what = "no field" if field not in record else f"a {type(value).__name__} in field"
        return None, f"{what} {field!r} (a string is needed)"
    surrogate = LONE_SURROGATE.search(value)
    if surrogate:
        at = surrogate.start()
        return None, f"field {field!r} holds a lone surrogate (\\u{ord(value[at]):04x} at character {at})"
    return (repaired_field(value) if not value.isascii() else value), None


def repaired_field(value: str) -> str:
    """``value`` with mojibake repaired on its own evidence (one field of a record, not its whole line)."""
    import unicodedata

    from toolkit.decoding.mojibake import repair

    repaired, _, misread = repair(value)
    if misread is None:
        return value
    return unicodedata.normalize("NFC", repaired)


__all__ = ["decoded_lines", "field_text", "json_object", "line_count", "records_of_bytes", "repaired_field", "LONE_SURROGATE"]
