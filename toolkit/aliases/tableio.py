"""Alias tables on disk: JSONL (one row object a line), CSV or TSV (a header, then rows).

The format follows the file's suffix. A bad row is an error naming the file and line.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from toolkit.aliases.model import FIELDS, AliasRow, AliasTable
from toolkit.tables import TableError

FORMATS = ("jsonl", "csv", "tsv")


class AliasTableError(TableError):
    """An alias table file that cannot be read (JSONL, CSV or TSV, the user's): the message
    names the file and line; a :class:`toolkit.tables.TableError`."""


def table_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    return {"json": "jsonl", "ndjson": "jsonl", "txt": "tsv"}.get(suffix, suffix if suffix in FORMATS else "jsonl")


# A CSV/TSV cell starting with one of these would be a formula to a spreadsheet (or is the
# guard itself): it is written with a leading apostrophe, which the reader takes off again.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
# Line breaks other than \n that str.splitlines() (and many JSONL readers) split on: escaped.
_OTHER_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"})


def _json_line(values: dict) -> str:
    return json.dumps(values, ensure_ascii=False).translate(_OTHER_LINE_BREAKS) + "\n"


def _guard(value) -> str:
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _unguard(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def dumps(table: AliasTable, fmt: str = "jsonl") -> str:
    """The table as text: JSONL, or CSV/TSV whose cells read back exactly with ``loads``
    (a raw carriage return is quoted; a cell that would start a spreadsheet formula,
    ``=`` ``+`` ``-`` ``@``, or that starts with an apostrophe, gets a leading apostrophe)."""
    if fmt == "jsonl":
        return "".join(_json_line(row.to_dict()) for row in table)
    if fmt not in ("csv", "tsv"):
        raise ValueError(f"unknown alias table format {fmt!r}: choose one of {', '.join(FORMATS)}")
    buffer = io.StringIO(newline="")
    delimiter = "," if fmt == "csv" else "\t"
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    # the csv module quotes only the line terminator's characters: a row with a raw \r is quoted whole
    quoted = csv.writer(buffer, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(FIELDS)
    for row in table:
        cells = [_guard(getattr(row, name)) for name in FIELDS]
        (quoted if any("\r" in cell for cell in cells) else writer).writerow(cells)
    return buffer.getvalue()


def write_table(table: AliasTable, path: str | Path, fmt: str | None = None) -> None:
    from toolkit.corpus.atomic import write_atomic

    write_atomic(Path(path), dumps(table, fmt or table_format(path)).encode("utf-8"))


def _row(values: dict, where: str) -> AliasRow:
    try:
        return AliasRow(
            entity=str(values["entity"]), alias=str(values["alias"]), lang=str(values.get("lang") or ""),
            kind=str(values["kind"]), source=str(values.get("source") or ""),
            count=int(values.get("count") or 0), type=str(values.get("type") or ""))
    except KeyError as missing:
        raise AliasTableError(f"{where}: missing field {missing}") from None
    except ValueError as error:
        raise AliasTableError(f"{where}: {error}") from None


def loads(text: str, fmt: str = "jsonl", name: str = "<table>") -> AliasTable:
    rows: list[AliasRow] = []
    if fmt == "jsonl":
        # split at \n only: U+2028, U+0085… may stand raw inside a JSON string
        for number, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                values = json.loads(line)
            except json.JSONDecodeError as error:
                raise AliasTableError(f"{name}:{number}: not JSON ({error.msg} at column {error.colno})") from None
            if not isinstance(values, dict):
                raise AliasTableError(f"{name}:{number}: expected a JSON object")
            rows.append(_row(values, f"{name}:{number}"))
        return AliasTable(rows)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="," if fmt == "csv" else "\t")
    header = next(reader, None)
    if header is None:
        raise AliasTableError(f"{name}: empty file")
    for values in reader:
        if not values:
            continue
        where = f"{name}:{reader.line_num}"
        if len(values) != len(header):
            raise AliasTableError(f"{where}: {len(values)} cells, the header has {len(header)}")
        rows.append(_row(dict(zip(header, map(_unguard, values))), where))
    return AliasTable(rows)


def read_table(path: str | Path, fmt: str | None = None) -> AliasTable:
    path = Path(path)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise AliasTableError(f"{path}: invalid UTF-8 at byte {error.start}") from None
    return loads(text, fmt or table_format(path), str(path))


__all__ = ["FORMATS", "AliasTableError", "dumps", "loads", "read_table", "table_format", "write_table"]
