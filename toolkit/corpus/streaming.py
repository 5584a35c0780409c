"""Reading a byte stream in bounded pieces that decode and transform on their own.

``toolkit.decode`` takes a whole file; a corpus file can be a gigabyte, or one 100 MB
line. Here a stream is cut into :class:`Piece` s of at most ``chunk_bytes`` bytes, and
each piece decodes alone (:func:`decode_piece`), so memory stays flat and work can be
spread over processes while the output is written in order.

Where a piece ends, in order of preference:

1. after the last line break inside the window (a line is never split when it fits);
2. failing that (one line longer than the window), after the last space or tab: the
   normalisers are local to the words between spaces, so the pieces of a long line
   transform exactly as the whole line would;
3. failing that (no whitespace in ``chunk_bytes`` bytes), at the last character boundary
   of the window. Such a run is not a word; it is only cut, not changed.

So the bound is ``chunk_bytes`` (:data:`CHUNK_BYTES`, 2 MiB, by default) of input text
held at once, however long the line. These cut points never split a UTF-8 or UTF-16
sequence, nor a line break ``\\r\\n``, and all the legacy encodings write LF, space
and tab as their ASCII bytes.

Encoding: a stream that fits in one piece is decoded whole, exactly as ``decode`` does.
A longer one is read by a :class:`Plan` decided from its first :data:`PREFIX_BYTES`:
a legacy encoding or VIQR found there is applied to every piece (a later piece may hold
too few words to recognise it on its own); UTF-8 pieces are decoded with ``auto`` each,
so mojibake is repaired where it occurs and a legacy stretch inside a UTF-8 file is
still found; UTF-16 is decoded with the byte order of its BOM.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

CHUNK_BYTES = 2 * 1024 * 1024
PREFIX_BYTES = 64 * 1024
_READ_BYTES = 1024 * 1024

# how each layout writes a line break, a space and a tab, and its code unit size
_LAYOUTS = {
    "bytes": (b"\n", (b" ", b"\t"), 1),
    "utf-16-le": (b"\n\x00", (b" \x00", b"\t\x00"), 2),
    "utf-16-be": (b"\x00\n", (b"\x00 ", b"\x00\t"), 2),
}


@dataclass(frozen=True)
class Plan:
    """How every piece of one stream is decoded: ``encoding`` for ``decode``, or UTF-16 ``layout``."""

    encoding: str  # what each piece is decoded with ("auto" lets each UTF-8 piece decide)
    layout: str = "bytes"  # "bytes" for every ASCII-compatible encoding, or "utf-16-le"/"utf-16-be"


@dataclass(frozen=True)
class Piece:
    """A bounded slice of a stream: its bytes and where they stand in the whole."""

    data: bytes
    offset: int  # byte offset of data[0] in the stream
    first_line: int  # 1-based line number of data[0]
    index: int  # 0, 1, 2… within the stream
    is_last: bool
    starts_mid_line: bool  # the previous piece cut a line (rules 2 and 3 above)
    ends_mid_line: bool  # this piece cuts a line: its text continues in the next piece
    plan: Plan | None  # None: the stream is this one piece, decoded whole
    name: str = ""  # the stream as the user knows it (a file name), for processors that write it out

    @property
    def whole(self) -> bool:
        return self.plan is None


def plan_for(prefix: bytes, encoding: str = "auto") -> Plan:
    """The plan for a stream that starts with ``prefix`` (raises ``DecodeError`` if the prefix is not text)."""
    from toolkit.decoding import canonical_encoding, decode

    name = canonical_encoding(encoding)
    if name in ("auto", "utf-16") and prefix[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return Plan("utf-16", "utf-16-le" if prefix[:2] == codecs.BOM_UTF16_LE else "utf-16-be")
    if name == "utf-16":
        return Plan("utf-16", "utf-16-le")  # what Python's utf-16 codec assumes without a BOM
    if name != "auto":
        return Plan(name)
    found = decode(_line_prefix(prefix), "auto").encoding
    if found in ("utf-8", "utf-8-sig") or "(read as" in found:
        return Plan("auto")
    return Plan(found)  # viqr, cp1258 or a legacy table encoding


def iter_pieces(
    stream: BinaryIO, encoding: str = "auto", chunk_bytes: int = CHUNK_BYTES, cut_at_spaces: bool = True, name: str = ""
) -> Iterator[Piece]:
    """Cut ``stream`` into pieces of at most ``chunk_bytes`` (see the module docstring for where).

    With ``cut_at_spaces=False`` (JSONL: a record must not be split) an over-long line is
    cut at a character boundary only, and its pieces are flagged ``ends_mid_line``.
    Never raises for bad bytes: a piece that is not text fails in :func:`decode_piece`.
    """
    from toolkit.decoding import DecodeError

    if chunk_bytes < 16:
        raise ValueError("chunk_bytes must be at least 16")
    buffer = bytearray(_read_up_to(stream, chunk_bytes + 1))
    if len(buffer) <= chunk_bytes:
        yield Piece(bytes(buffer), 0, 1, 0, True, False, False, None, name)
        return
    try:
        plan = plan_for(bytes(buffer[:PREFIX_BYTES]), encoding)
    except DecodeError:
        plan = Plan("auto")  # the first piece fails to decode on its own, naming the offset
    offset, line, index, mid_line = 0, 1, 0, False
    exhausted = False
    while buffer:
        if not exhausted and len(buffer) <= chunk_bytes:
            more = _read_up_to(stream, chunk_bytes + 1 - len(buffer))
            exhausted = len(buffer) + len(more) <= chunk_bytes
            buffer += more
        if exhausted and len(buffer) <= chunk_bytes:
            cut, ends_mid_line = len(buffer), False
        else:
            cut, ends_mid_line = _cut_window(buffer, chunk_bytes, plan, cut_at_spaces)
        data = bytes(buffer[:cut])
        del buffer[:cut]
        last = exhausted and not buffer
        yield Piece(data, offset, line, index, last, mid_line, ends_mid_line and not last, plan, name)
        offset += len(data)
        line += count_lines(data, plan.layout)
        index += 1
        mid_line = ends_mid_line


def _read_up_to(stream: BinaryIO, size: int) -> bytes:
    parts, remaining = [], size
    while remaining > 0:
        block = stream.read(min(remaining, _READ_BYTES))
        if not block:
            break
        parts.append(block)
        remaining -= len(block)
    return b"".join(parts)


def _cut_window(buffer: bytearray, chunk_bytes: int, plan: Plan, cut_at_spaces: bool) -> tuple[int, bool]:
    """(cut position, whether it cuts a line) for a buffer longer than one piece."""
    newline, spaces, unit = _LAYOUTS[plan.layout]
    at = _rfind_aligned(buffer, newline, chunk_bytes, unit)
    if at >= 0:
        return at + len(newline), False
    if cut_at_spaces:
        at = max(_rfind_aligned(buffer, space, chunk_bytes, unit) for space in spaces)
        if at >= 0:
            return at + len(spaces[0]), True
    return _character_boundary(buffer, chunk_bytes, plan), True


def _line_prefix(data: bytes, layout: str = "bytes") -> bytes:
    """``data`` up to its last line break (all of it when it has none)."""
    newline, _, unit = _LAYOUTS[layout]
    at = _rfind_aligned(data, newline, len(data), unit)
    return data[: at + len(newline)] if at >= 0 else data


def _rfind_aligned(data: bytes | bytearray, pattern: bytes, limit: int, unit: int) -> int:
    """The last ``pattern`` that ends within ``data[:limit]`` and starts on a code unit boundary."""
    end = min(limit, len(data))
    while True:
        at = data.rfind(pattern, 0, end)
        if at < 0 or at % unit == 0:
            return at
        end = at + len(pattern) - 1


def _character_boundary(buffer: bytearray, cut: int, plan: Plan) -> int:
    """The last cut at or before ``cut`` that does not split a character's code units."""
    if plan.layout != "bytes":
        cut -= cut % 2
        high = buffer[cut - 1] if plan.layout == "utf-16-le" else buffer[cut - 2]
        if 0xD8 <= high <= 0xDB:  # the first half of a surrogate pair
            cut -= 2
        return cut
    if plan.encoding in ("auto", "utf-8"):
        back = 0
        while back < 3 and 0x80 <= buffer[cut - 1 - back] <= 0xBF:
            back += 1
        lead = buffer[cut - 1 - back]
        if lead >= 0xC0 and back + 1 < _utf8_length(lead):
            return cut - 1 - back  # the sequence is incomplete: cut before its lead byte
    return cut


def _utf8_length(lead: int) -> int:
    return 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4


def count_lines(data: bytes, layout: str = "bytes") -> int:
    """Line breaks in ``data``, counted as ``toolkit.decoding`` numbers lines (LF, CR LF, or a lone CR)."""
    if layout != "bytes":
        return data.count(_LAYOUTS[layout][0])
    lines = data.count(b"\n")
    if b"\r" in data:  # a memchr scan: most text has no CR, and counting it would cost two more passes
        lines += data.count(b"\r") - data.count(b"\r\n")
    return lines


def decode_piece(piece: Piece, encoding: str = "auto", errors: str = "strict"):
    """Decode one piece to ``toolkit.decoding.Decoded``; errors name offsets and lines in the whole stream.

    ``encoding`` is what the user asked for; it is used as is for a whole (one-piece) stream.
    ``errors="replace"`` turns bytes that cannot be read into U+FFFD (counted) instead of failing.
    """
    from toolkit.decoding import DecodeError, decode

    if piece.whole:
        return decode(piece.data, encoding, errors)
    plan = piece.plan
    assert plan is not None  # every piece of a stream cut in several carries the stream's plan
    try:
        if plan.layout != "bytes":
            return _decode_utf16(piece, plan.layout, errors)
        return decode(piece.data, plan.encoding, errors)
    except DecodeError as error:
        raise DecodeError(
            error.reason,
            offset=piece.offset + error.offset,
            line=piece.first_line + error.line - 1,
            encoding=error.encoding,
        ) from None


def _decode_utf16(piece: Piece, layout: str, errors: str = "strict"):
    from toolkit.decoding import Decoded, DecodeError

    data = piece.data
    bom = 0
    if piece.index == 0 and data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        data, bom = data[2:], 1
    if errors == "replace":
        from toolkit.decoding.decoder import decode_or_replace

        text, replaced = decode_or_replace(data, data, layout, "replace")
        return Decoded(text, "utf-16", {"bom": bom, "mojibake": 0, "replaced": replaced})
    try:
        text = data.decode(layout)
    except UnicodeDecodeError as exc:
        start = exc.start + 2 * bom
        raise DecodeError(
            f"bytes at {start} are not valid {layout}", offset=start, line=count_lines(piece.data[:start], layout) + 1, encoding="utf-16"
        ) from None
    return Decoded(text, "utf-16", {"bom": bom, "mojibake": 0, "replaced": 0})


__all__ = ["CHUNK_BYTES", "PREFIX_BYTES", "Piece", "Plan", "count_lines", "decode_piece", "iter_pieces", "plan_for"]
