"""The one error the decoder raises: bytes that are not text in any encoding it reads."""

from __future__ import annotations


class DecodeError(ValueError):
    """Bytes that do not decode, with where: ``offset`` (0-based byte), ``line`` (1-based).

    The message names the byte offset and the line, so a caller only has to prefix the
    file name (``f"{path}: {err}"``).
    """

    def __init__(self, reason: str, *, offset: int, line: int, encoding: str) -> None:
        self.reason = reason
        self.offset = offset
        self.line = line
        self.encoding = encoding
        super().__init__(f"line {line}, byte offset {offset}: {reason} ({encoding})")

    def __reduce__(self):
        return (_rebuild, (self.reason, self.offset, self.line, self.encoding))


def _rebuild(reason: str, offset: int, line: int, encoding: str) -> DecodeError:
    return DecodeError(reason, offset=offset, line=line, encoding=encoding)


def line_of(data: bytes, offset: int) -> int:
    """1-based line number of the byte at ``offset`` (lines end at LF; a lone CR counts too)."""
    head = data[:offset]
    return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1


def error_at(data: bytes, offset: int, reason: str, encoding: str) -> DecodeError:
    return DecodeError(reason, offset=offset, line=line_of(data, offset), encoding=encoding)
