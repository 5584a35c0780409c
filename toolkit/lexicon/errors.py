"""The one error a lexicon raises: it says which file, which line and (for bad bytes) which offset."""

from __future__ import annotations


class LexiconError(ValueError):
    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 byte_offset: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.byte_offset = byte_offset
        super().__init__(self.location + message if self.location else message)

    @property
    def location(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
