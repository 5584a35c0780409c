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


def _table(path: str | Path, header_problem) -> Iterator[tuple[list[str], int, list[str]]]:
    """(header, line number, cells) for every data row, once ``header_problem(header)`` found
    nothing wrong with the header; every row must have as many cells as the header."""
    lines = _lines(path)
    for number, header in lines:
        problem = header_problem(header)
        if problem:
            raise TableError(problem, path, number)
        break
    else:
        raise TableError("no header row", path)
    for number, cells in lines:
        if len(cells) != len(header):
            raise TableError(f"expected {len(header)} tab-separated cells, got {len(cells)}", path, number)
        yield header, number, cells


def read_tsv(path: str | Path, columns: tuple[str, ...]) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for every data row of the table at ``path``, whose header must be
    ``columns`` exactly and whose every row must have that many cells."""
    def problem(header: list[str]) -> str | None:
        got = "\t".join(header)
        return None if tuple(header) == columns else f"expected the header {'/'.join(columns)}, got {got!r}"

    for _, number, cells in _table(path, problem):
        yield number, cells


def read_tsv_by_name(path: str | Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, column name → cell) for every data row of the table at ``path``, whose
    header must have ``columns`` (others may stand beside them, in any order)."""
    def problem(header: list[str]) -> str | None:
        missing = [c for c in columns if c not in header]
        return f"header lacks column(s) {', '.join(missing)}" if missing else None

    for header, number, cells in _table(path, problem):
        yield number, dict(zip(header, cells))


__all__ = ["TableError", "read_tsv", "read_tsv_by_name"]
