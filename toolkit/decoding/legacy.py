"""Decode (and, for tests and tools, encode) the legacy Vietnamese 8-bit encodings.

Every byte string is first read as Latin-1 (one character per byte, at C speed), then a
``str.translate`` table turns those characters into Vietnamese letters.  The same table
also accepts the characters windows-1252 gives bytes 0x80-0x9F, so text that was already
(mis)read as windows-1252 — the form crawlers hand legacy-font pages over in — is
repaired by the very same call (:meth:`LegacyCodec.from_surface`).

Two-byte encodings (VNI-Windows, BK HCM2) write a letter as a base letter byte followed
by a mark byte.  The translate table turns each mark byte into combining marks and NFC
composes them onto the base; a mark byte that does not follow a base letter reads as
the character its byte is on its own (what the Windows font drew), which needs a slower
pass and only happens in text that is not in that encoding.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import cache

from toolkit.decoding.errors import DecodeError, error_at
from toolkit.decoding.tables import EncodingTable, load_table

_REPLACEMENT = "\ufffd"
_UNDEFINED = "\ufffe"  # charmap_decode's "no character for this byte"
_PLACEHOLDER_BASE = 0xF700  # private use: stands in for a multi-character reading
# windows-1252's characters for 0x80-0x9F (five codes are undefined there)
_CP1252_HIGH = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


def _added_marks(base: str, letter: str) -> str:
    """The combining marks ``letter`` has beyond those of ``base`` (canonical order)."""
    marks = list(unicodedata.normalize("NFD", letter)[1:])
    for mark in unicodedata.normalize("NFD", base)[1:]:
        if mark in marks:
            marks.remove(mark)
    return "".join(marks)


def _char_class(chars) -> str:
    return "".join(re.escape(c) for c in sorted(chars))


class LegacyCodec:
    """One legacy encoding, compiled from its table into translate tables and regexes."""

    def __init__(self, table: EncodingTable) -> None:
        self.name = table.name
        reading: dict[int, str] = {b: chr(b) for b in range(0x80)}
        reading.update(table.single)
        self.reading = reading  # byte -> text for every defined single byte
        self.undefined = bytes(b for b in range(256) if b not in reading)
        self._undefined_to_replacement = {b: _REPLACEMENT for b in self.undefined}
        self._undefined_re = re.compile(b"[" + re.escape(self.undefined) + b"]") if self.undefined else None

        # mark byte -> the combining marks it adds; base bytes that take marks
        self.marks: dict[int, str] = {}
        self.bases: set[int] = set()
        for seq, letter in table.pairs.items():
            base, mark = seq
            base_text = reading.get(base, chr(base))
            added = _added_marks(base_text, letter)
            if unicodedata.normalize("NFC", base_text + added) != letter:
                raise ValueError(f"{self.name}: {seq.hex()} -> {letter} does not extend its base {base_text!r}")
            if self.marks.setdefault(mark, added) != added:
                raise ValueError(f"{self.name}: mark byte {mark:02x} adds different marks on different bases")
            self.bases.add(base)

        # translate tables keyed by the Latin-1 character of each byte, plus windows-1252's
        # characters for 0x80-0x9F (so mis-read text translates the same way)
        singles: dict[int, str] = {}
        for b, text in reading.items():
            if text != chr(b):
                singles[b] = text
            if b in _CP1252_HIGH:
                singles[ord(_CP1252_HIGH[b])] = text
        with_marks = dict(singles)
        for mark, added in self.marks.items():
            with_marks[mark] = added
            if mark in _CP1252_HIGH:
                with_marks[ord(_CP1252_HIGH[mark])] = added
        self._singles = singles
        self._with_marks = with_marks

        # the bytes path: a 256-character charmap (C speed); readings longer than one
        # character go through a private-use placeholder that str.replace expands after
        charmap, self._placeholders = [], {}
        for b in range(256):
            read_as = self.marks.get(b, reading.get(b))
            if read_as is None:
                charmap.append(_UNDEFINED)
            elif len(read_as) == 1:
                charmap.append(read_as)
            else:
                placeholder = chr(_PLACEHOLDER_BASE + b)
                charmap.append(placeholder)
                self._placeholders[placeholder] = read_as
        self._charmap = "".join(charmap)
        self._surface_chars = "".join(chr(k) for k in singles if k >= 0x80)
        if self.marks:
            bases = _char_class(chr(b) for b in self.bases)
            marks = _char_class(chr(m) for m in self.marks)
            self._orphan_mark: re.Pattern[str] | None = re.compile(f"(?<![{bases}])[{marks}]")
            # bytes -> b"B" (base), b"M" (mark), b"x" (other): an orphan mark is then a plain substring
            classes = bytearray(b"x" * 256)
            for b in self.bases:
                classes[b] = ord("B")
            for m in self.marks:
                classes[m] = ord("M")
            self._byte_classes: bytes | None = bytes(classes)
            self._pair_or_char: re.Pattern[str] | None = re.compile(f"[{bases}][{marks}]|[^\\x00-\\x7f]")
        else:
            self._orphan_mark = None
            self._byte_classes = None
            self._pair_or_char = None

    # ------------------------------------------------------------ decoding

    def decode(self, data: bytes, errors: str = "strict") -> tuple[str, int]:
        """Bytes -> (NFC text, number of undefined bytes replaced by U+FFFD)."""
        replaced = 0
        if self._byte_classes is not None and self._has_orphan_mark(data):
            # a mark byte with no base: the careful (slower) reading, pair by pair
            if self._undefined_re is not None and self._undefined_re.search(data):
                if errors != "replace":
                    return self._raise_undefined(data)
                replaced = len(data) - len(data.translate(None, self.undefined))
            surface = data.decode("latin-1").translate(self._undefined_to_replacement)
            return self._from_latin1(surface), replaced
        try:
            text, _ = codecs.charmap_decode(data, "strict", self._charmap)
        except UnicodeDecodeError:
            if errors != "replace":
                return self._raise_undefined(data)
            text, _ = codecs.charmap_decode(data, "replace", self._charmap)
            replaced = len(data) - len(data.translate(None, self.undefined))
        for placeholder, expansion in self._placeholders.items():
            if placeholder in text:
                text = text.replace(placeholder, expansion)
        return unicodedata.normalize("NFC", text), replaced

    def _has_orphan_mark(self, data: bytes) -> bool:
        classes = data.translate(self._byte_classes)
        return classes.startswith(b"M") or b"xM" in classes or b"MM" in classes

    def _raise_undefined(self, data: bytes):
        found = self._undefined_re.search(data) if self._undefined_re is not None else None
        assert found is not None, "called only on data holding an undefined byte"
        offset = found.start()
        raise error_at(data, offset, f"byte 0x{data[offset]:02X} is not defined", self.name)

    def _from_latin1(self, surface: str) -> str:
        if self._orphan_mark is not None and self._pair_or_char is not None and self._orphan_mark.search(surface):
            return unicodedata.normalize("NFC", self._pair_or_char.sub(self._one, surface))
        return unicodedata.normalize("NFC", surface.translate(self._with_marks))

    def _one(self, match: re.Match) -> str:
        piece = match.group()
        if len(piece) == 2:
            return self._singles.get(ord(piece[0]), piece[0]) + self.marks[ord(piece[1])]
        return self._singles.get(ord(piece), piece)

    def from_surface(self, text: str) -> str:
        """Text that is this encoding's bytes read as windows-1252 or Latin-1 -> Vietnamese.

        Characters that no byte reads as (anything outside windows-1252) pass through.
        """
        try:
            return self.decode(text.encode("cp1252"))[0]  # the common case, at C speed
        except (UnicodeEncodeError, DecodeError):
            pass
        if self._orphan_mark is not None:
            surface = text.translate(_CP1252_TO_LATIN1)
            return self._from_latin1(surface)
        return unicodedata.normalize("NFC", text.translate(self._singles))

    def has_surface_chars(self, text: str) -> bool:
        return any(c in text for c in self._surface_chars)

    # ------------------------------------------------------------ encoding

    @property
    def inverse(self) -> dict[str, bytes]:
        return _inverse(self.name)

    def encode(self, text: str) -> bytes:
        """NFC text -> bytes (the inverse of :meth:`decode`); ValueError on an unencodable character."""
        inverse = self.inverse
        out = bytearray()
        for position, char in enumerate(unicodedata.normalize("NFC", text)):
            seq = inverse.get(char)
            if seq is None:
                raise ValueError(f"{self.name} cannot encode {char!r} (U+{ord(char):04X}) at {position}")
            out += seq
        return bytes(out)


_CP1252_TO_LATIN1 = {ord(ch): chr(b) for b, ch in _CP1252_HIGH.items()}


@cache
def _inverse(name: str) -> dict[str, bytes]:
    """Unicode -> bytes: every letter once, preferring one byte, then the lowest code."""
    table = load_table(name)
    marks = {seq[1] for seq in table.pairs}  # on its own a mark byte is no way to write a letter
    inverse: dict[str, bytes] = {}
    for b in sorted((set(range(0x80)) | set(table.single)) - marks):
        text = table.single.get(b, chr(b))
        inverse.setdefault(text, bytes([b]))
    for seq in sorted(table.pairs):
        inverse.setdefault(table.pairs[seq], seq)
    return inverse


@cache
def codec(name: str) -> LegacyCodec:
    return LegacyCodec(load_table(name))
