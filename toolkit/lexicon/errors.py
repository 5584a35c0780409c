"""The one error a lexicon raises: it says which file, which line and (for bad bytes) which offset."""

from __future__ import annotations

from toolkit.tables import TableError


class LexiconError(TableError):
    """A bad lexicon file: a :class:`toolkit.tables.TableError` (``.path``, ``.line``,
    ``.column``) that also knows the byte offset of bytes that are not UTF-8."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 byte_offset: int | None = None, column: str | None = None) -> None:
        self.byte_offset = byte_offset
        super().__init__(message, path, line, column)
