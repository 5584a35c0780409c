"""The one reader of the tab-separated tables under ``lexicons/``, and the one error it raises.

A table is UTF-8 text: ``#`` comment lines (the source and the meaning of the columns), one
header row naming the columns, then one row per line, cells separated by tabs; blank lines are
skipped. :func:`read_tsv` checks the header and the cell count; a loader checks its cells and
raises :class:`TableError` with the line and the column, so every bad row is reported alike:
``lexicons/linking/roles.tsv:7: column 'roles': empty``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


class TableError(ValueError):
    """A malformed table: ``.path``, ``.line`` (1-based, None for the whole file) and ``.column``
    (the column's name, None for the whole row) say where."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None,
                 column: str | None = None) -> None:
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line
        self.column = column
        super().__init__(self.location + message if self.location else message)

    @property
    def location(self) -> str:
        if self.path is None:
            return ""
        where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        return where + (f"column {self.column!r}: " if self.column is not None else "")


def _lines(path: str | Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of every line that is not blank or a comment, header included."""
    try:
        with open(path, encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                line = line.rstrip("\n").removesuffix("\r")
                if line and not line.startswith("#"):
                    yield number, line.split("\t")
    except UnicodeDecodeError as error:
        raise TableError(f"not valid UTF-8 ({error.reason})", path) from None


def read_tsv(path: str | Path, columns: tuple[str, ...]) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for every data row of the table at ``path``, whose header must be
    ``columns`` exactly and whose every row must have that many cells."""
    lines = _lines(path)
    for number, cells in lines:
        if tuple(cells) != columns:
            got = "\t".join(cells)
            raise TableError(f"expected the header {'/'.join(columns)}, got {got!r}", path, number)
        break
    else:
        raise TableError("no header row", path)
    for number, cells in lines:
        if len(cells) != len(columns):
            raise TableError(f"expected {len(columns)} tab-separated cells, got {len(cells)}", path, number)
        yield number, cells


def read_tsv_by_name(path: str | Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, column name → cell) for every data row of the table at ``path``, whose
    header must have ``columns`` (others may stand beside them, in any order)."""
    lines = _lines(path)
    for number, header in lines:
        missing = [c for c in columns if c not in header]
        if missing:
            raise TableError(f"header lacks column(s) {', '.join(missing)}", path, number)
        break
    else:
        raise TableError("no header row", path)
    for number, cells in lines:
        if len(cells) != len(header):
            raise TableError(f"expected {len(header)} tab-separated cells, found {len(cells)}", path, number)
        yield number, dict(zip(header, cells))


__all__ = ["TableError", "read_tsv", "read_tsv_by_name"]
