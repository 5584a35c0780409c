"""``decode(bytes)``: the first repair layer, from bytes to Unicode text.

Order of work in ``encoding="auto"`` (cheap checks first, since the CLI runs this on
every file):

1. Empty input is ``""`` (utf-8).  A byte order mark decides UTF-8 or UTF-16.
2. Bytes that are valid UTF-8 are UTF-8.  Pure ASCII is returned at once unless it shows
   VIQR marks; other text is returned at once unless it shows mojibake (UTF-8 misread as
   windows-1252/1258 or Latin-1, or a legacy-font page misread as windows-1252), which is
   repaired only on clear Vietnamese word evidence.
3. Other bytes are decoded in each legacy encoding (cp1258, TCVN3, TCVN 5712 VN1, VNI, VISCII, VPS,
   BK HCM1/2) and the reading with clear word evidence wins (the margin rule in
   :func:`toolkit.decoding.evidence.pick`).  Without a clear winner the bytes are not
   text the decoder can vouch for: ``DecodeError`` at the first byte that is not UTF-8.

NUL bytes are not text: in ``auto`` they raise ``DecodeError`` (or become U+FFFD with
``errors="replace"``).  An explicit encoding reads exactly what that encoding defines.
Text decoded from a legacy encoding, cp1258, VIQR or mojibake is NFC (those write marks
separately, and decoding composes them); UTF-8 and UTF-16 text comes back exactly as it
was written, so the character layer can normalise it with an offset map.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

from toolkit.decoding.errors import DecodeError, error_at
from toolkit.decoding.evidence import SAMPLE_CHARS, pick
from toolkit.decoding.legacy import codec
from toolkit.decoding.mojibake import repair
from toolkit.decoding.tables import RARITY_PENALTY, TABLE_ENCODINGS, VARIANTS
from toolkit.decoding.viqr import decode_viqr, looks_like_viqr

ENCODINGS = ("auto", "utf-8", "utf-16", "cp1258", "tcvn3", "tcvn5712", "vni", "viqr", "viscii", "vps", "bkhcm1", "bkhcm2")
_ALIASES = {
    "utf8": "utf-8",
    "utf_8": "utf-8",
    "utf-8-sig": "utf-8",
    "utf16": "utf-16",
    "utf_16": "utf-16",
    "abc": "tcvn3",
    "tcvn": "tcvn3",
    "tcvn5712-1": "tcvn5712",
    "tcvn-5712": "tcvn5712",
    "vn1": "tcvn5712",
    "tcvn-3": "tcvn3",
    "vni-windows": "vni",
    "vni-win": "vni",
    "windows-1258": "cp1258",
    "win-1258": "cp1258",
    "bk-hcm1": "bkhcm1",
    "bk-hcm2": "bkhcm2",
}
# legacy candidates in tie-break order (first wins when two read the same)
_AUTO_LEGACY = ("cp1258",) + TABLE_ENCODINGS
_SAMPLE_BYTES = 32 * 1024
# The bytes of typographic punctuation in the Windows code pages, 1252 and 1258 alike (‚ „ … ‹ ‘ ’
# “ ” • – — › no-break space « · »). Standing alone between spaces, such a byte is a dash or a
# bullet, whatever a legacy Vietnamese table makes of it (VISCII reads 0x97 as the word Ở): it
# is no evidence of Vietnamese, and English text written with it must never become Vietnamese.
_WINDOWS_PUNCTUATION = b"\x82\x84\x85\x8b\x91\x92\x93\x94\x95\x96\x97\x9b\xa0\xab\xb7\xbb"
_LONE_PUNCTUATION = re.compile(rb"(?:(?<=\s)|^)[" + b"".join(b"\\x%02x" % b for b in _WINDOWS_PUNCTUATION) + rb"]+(?=\s|$)")
_ERRORS = ("strict", "replace")


@dataclass(frozen=True)
class Decoded:
    """Decoded text and how it was read.

    ``encoding`` names what the text was written in: ``"utf-8"``, ``"utf-8-sig"``,
    ``"utf-16"``, ``"cp1258"``, ``"tcvn3"``, ``"tcvn5712"``, ``"vni"``, ``"viqr"``, ``"viscii"``,
    ``"vps"``, ``"bkhcm1"``, ``"bkhcm2"``; for mojibake it is ``"<original> (read as
    <misreading>)"``, e.g. ``"tcvn3 (read as cp1252)"`` or ``"utf-8 (read as cp1252)"``
    (the bytes themselves were UTF-8).  ``repairs`` always has ``"bom"``, ``"mojibake"``
    and ``"replaced"`` counts.
    """

    text: str
    encoding: str
    repairs: dict[str, int] = field(default_factory=dict)

    @property
    def is_mojibake(self) -> bool:
        return "(read as " in self.encoding


def canonical_encoding(name: str) -> str:
    key = name.strip().lower().replace("_", "-") if isinstance(name, str) else name
    key = _ALIASES.get(key, key)
    if key not in ENCODINGS:
        raise ValueError(f"unknown encoding {name!r}; valid: {', '.join(ENCODINGS)}")
    return key


def _repairs(bom: int = 0, mojibake: int = 0, replaced: int = 0) -> dict[str, int]:
    return {"bom": bom, "mojibake": mojibake, "replaced": replaced}


def decode(data: bytes, encoding: str = "auto", errors: str = "strict") -> Decoded:
    """Decode ``data`` to NFC text; see the module docstring for how ``auto`` decides.

    ``errors="replace"`` is an explicit opt-in: undecodable bytes become U+FFFD and are
    counted in ``repairs["replaced"]`` instead of raising :class:`DecodeError`.
    """
    if errors not in _ERRORS:
        raise ValueError(f"unknown errors mode {errors!r}; valid: {', '.join(_ERRORS)}")
    name = canonical_encoding(encoding)
    data = bytes(data)
    if not data:
        return Decoded("", "utf-8", _repairs())
    if name == "auto":
        return _auto(data, errors)
    if name == "utf-8":
        return _utf8(data, errors)
    if name == "utf-16":
        return _utf16(data, errors)
    if name == "cp1258":
        return _cp1258(data, errors)
    if name == "viqr":
        return _viqr(data, errors)
    text, replaced = codec(name).decode(data, errors)
    return Decoded(text, name, _repairs(replaced=replaced))


# ---------------------------------------------------------------- UTF-8 / UTF-16


def _unicode_error(data: bytes, exc: UnicodeDecodeError, encoding: str, shift: int = 0) -> DecodeError:
    offset = exc.start + shift
    return error_at(data, offset, f"byte 0x{data[offset]:02X} is not valid {encoding}", encoding)


def decode_or_replace(data: bytes, body: bytes, codec: str, errors: str, shift: int = 0) -> tuple[str, int]:
    """``body`` decoded with ``codec``, and how many characters ``errors="replace"`` replaced.

    Strict decoding raises a DecodeError at the offset in ``data`` (``body`` starts ``shift``
    bytes in). A U+FFFD the input itself holds is not counted as replaced.
    """
    try:
        return body.decode(codec), 0
    except UnicodeDecodeError as exc:
        if errors != "replace":
            raise _unicode_error(data, exc, codec, shift) from None
    text = body.decode(codec, "replace")
    return text, text.count("\ufffd") - body.decode(codec, "ignore").count("\ufffd")


def _after_utf8(text: str, encoding: str, bom: int, replaced: int) -> Decoded:
    """Valid UTF-8 text: return it, or repair mojibake/VIQR on clear evidence."""
    if text.isascii():
        if looks_like_viqr(text):
            winner = pick([("as is", text, 0), ("viqr", decode_viqr(text), 0)])
            if winner is not None and winner[0] == "viqr":
                return Decoded(winner[1], "viqr", _repairs(bom=bom, replaced=replaced))
        return Decoded(text, encoding, _repairs(bom=bom, replaced=replaced))
    repaired, counts, misread = repair(text)
    if misread is None:
        return Decoded(text, encoding, _repairs(bom=bom, replaced=replaced))
    return Decoded(_nfc(repaired), misread, _repairs(bom=bom, mojibake=counts["mojibake"], replaced=replaced))


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _utf8(data: bytes, errors: str) -> Decoded:
    bom = 1 if data.startswith(codecs.BOM_UTF8) else 0
    body = data[3:] if bom else data
    encoding = "utf-8-sig" if bom else "utf-8"
    text, replaced = decode_or_replace(data, body, "utf-8", errors, 3 * bom)
    return _after_utf8(text, encoding, bom, replaced)


def _utf16(data: bytes, errors: str) -> Decoded:
    bom = 1 if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else 0
    text, replaced = decode_or_replace(data, data, "utf-16", errors)
    return Decoded(text, "utf-16", _repairs(bom=bom, replaced=replaced))


def _cp1258(data: bytes, errors: str) -> Decoded:
    text, replaced = decode_or_replace(data, data, "cp1258", errors)
    return Decoded(unicodedata.normalize("NFC", text), "cp1258", _repairs(replaced=replaced))


def _viqr(data: bytes, errors: str) -> Decoded:
    try:
        text = data.decode("ascii")
        replaced = 0
    except UnicodeDecodeError as exc:
        if errors != "replace":
            raise error_at(data, exc.start, f"byte 0x{data[exc.start]:02X} is not ASCII, so not VIQR", "viqr") from None
        text = data.decode("ascii", "replace")
        replaced = text.count("\ufffd")
    return Decoded(decode_viqr(text), "viqr", _repairs(replaced=replaced))


# ---------------------------------------------------------------- auto


def _auto(data: bytes, errors: str) -> Decoded:
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return _utf16(data, errors)
    nul = data.find(b"\x00")
    if nul >= 0:
        if errors != "replace":
            raise error_at(data, nul, "NUL byte: binary data, or UTF-16 without a byte order mark", "auto")
        return _nul_replaced(data)
    try:
        return _utf8(data, "strict")
    except DecodeError as not_utf8:
        legacy = _legacy_winner(data, errors)
        if legacy is not None:
            return legacy
        if _only_windows_punctuation(data):
            return _cp1258(data, errors)  # "said — the": dashes and quotes, no letter to read otherwise
        if errors == "replace":
            return _utf8(data, "replace")
        raise DecodeError(
            f"{not_utf8.reason}, and no Vietnamese legacy encoding reads these bytes clearly"
            " (name one with encoding=...)",
            offset=not_utf8.offset,
            line=not_utf8.line,
            encoding="auto",
        ) from None


def _nul_replaced(data: bytes) -> Decoded:
    cleaned = data.replace(b"\x00", "\ufffd".encode())
    nuls = data.count(b"\x00")
    inner = _utf8(cleaned, "replace")
    repairs = dict(inner.repairs)
    repairs["replaced"] += nuls
    return Decoded(inner.text, inner.encoding, repairs)


def _only_windows_punctuation(data: bytes) -> bool:
    """Whether every byte outside ASCII is a Windows code page's typographic punctuation."""
    return all(byte < 0x80 or byte in _WINDOWS_PUNCTUATION for byte in data)


def _legacy_winner(data: bytes, errors: str) -> Decoded | None:
    # the evidence is read with lone punctuation bytes blanked out (see _WINDOWS_PUNCTUATION)
    sample = _LONE_PUNCTUATION.sub(b" ", data[:_SAMPLE_BYTES])
    candidates = []
    for name in _AUTO_LEGACY:
        if name == "cp1258":
            text = unicodedata.normalize("NFC", sample.decode("cp1258", "replace"))
            penalty = 2 * text.count("\ufffd")
        else:
            text, replaced = codec(name).decode(sample, "replace")
            penalty = 2 * replaced + RARITY_PENALTY[name]
        candidates.append((name, text[:SAMPLE_CHARS], penalty))
    winner = pick(candidates, VARIANTS)
    if winner is None:
        return None
    name = winner[0]
    if name == "cp1258":
        return _cp1258(data, errors)
    text, replaced = codec(name).decode(data, errors)
    return Decoded(text, name, _repairs(replaced=replaced))
