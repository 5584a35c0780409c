"""Undo a wrong decode: text whose bytes were read in the wrong encoding and saved again.

Two shapes, both seen in crawled Vietnamese pages:

- UTF-8 read as windows-1252, Latin-1 or windows-1258 (``Viá»‡t`` for ``Việt``): each
  UTF-8 sequence became two to four characters; they are mapped back to their bytes and
  decoded as UTF-8, sequence by sequence, so correct text around them is left alone.
- A legacy-font page (TCVN3, VNI, ...) read as windows-1252 (``Hµ Néi`` for ``Hà Nội``):
  the whole text is re-read through the legacy table.  Text that already holds a letter
  only Unicode can write (ư ơ đ ạ ả ấ ...) is never re-read this way, nor is text whose
  non-ASCII words are not mostly broken.

A repair is kept only when the repaired text has clearly more Vietnamese word evidence
than the input (:mod:`toolkit.decoding.evidence`), so French, German or English text with
é, ü or ß is never touched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from toolkit.decoding.evidence import MIN_MARGIN, SAMPLE_CHARS, evidence, pick
from toolkit.decoding.legacy import codec
from toolkit.decoding.tables import RARITY_PENALTY, TABLE_ENCODINGS, VARIANTS

_MISREADINGS = ("cp1252", "cp1258", "latin-1")


def _byte_readings() -> dict[str, int]:
    """Character -> byte under any of the three misreadings (they never disagree on one)."""
    readings: dict[str, int] = {}
    for name in _MISREADINGS:
        for b in range(0x80, 0x100):
            try:
                char = bytes([b]).decode(name)
            except UnicodeDecodeError:
                continue
            if readings.setdefault(char, b) != b:
                raise AssertionError(f"{char!r} is two different bytes")
    return readings


_BYTE_OF = _byte_readings()
_CP1258_ONLY = frozenset(bytes(range(0x80, 0x100)).decode("cp1258", "ignore")) - frozenset(
    bytes(range(0x80, 0x100)).decode("cp1252", "ignore")
)
_CP1252_ONLY = frozenset(bytes(range(0x80, 0xA0)).decode("cp1252", "ignore"))
_C1_CONTROLS = frozenset(chr(b) for b in range(0x80, 0xA0))


def _class(lo: int, hi: int) -> str:
    return "[" + "".join(re.escape(c) for c, b in sorted(_BYTE_OF.items()) if lo <= b <= hi) + "]"


_CONT = _class(0x80, 0xBF)
_LEAD_THEN_CONTINUATION = re.compile(_class(0xC2, 0xF4) + _CONT)
_UTF8_AS_CHARS = re.compile(
    f"{_class(0xC2, 0xDF)}{_CONT}|{_class(0xE0, 0xEF)}{_CONT}{{2}}|{_class(0xF0, 0xF4)}{_CONT}{{3}}"
)

# letters only Unicode can write: Vietnamese text holding one was not a legacy-font page
UNICODE_ONLY_VIETNAMESE = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")
_LEGACY_SURFACE = re.compile("[\x80-\xff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")


# What a Vietnamese letter's UTF-8 lead byte reads as (C3 C4 C5 C6 CC CD E1; C3 is Ă in
# windows-1258); the 1E block (ạ..ỹ) starts E1 BA / E1 BB, read as "áº" / "á»".
_VIETNAMESE_LEADS = ("á»", "áº", "Ã", "Ă", "Ä", "Å", "Æ", "Ì", "Í")


def has_utf8_mojibake(text: str) -> bool:
    """Cheap substring tests first (C speed); the full pattern only when one hits."""
    if not any(lead in text for lead in _VIETNAMESE_LEADS if len(lead) == 1):
        if not ("º" in text or "»" in text) or not ("áº" in text or "á»" in text):
            return False
    return _contains_utf8_as_chars(text)


def _utf8_sequences(text: str) -> Iterator[re.Match]:
    """Each place where characters spell a UTF-8 sequence, left to right, not overlapping.

    A lead byte's character followed by a continuation's is rare in clean text, and one
    two-class pattern scans about 3x faster than the full alternation: the full sequence is
    tried only where that pair occurs."""
    position = 0
    while (pair := _LEAD_THEN_CONTINUATION.search(text, position)) is not None:
        sequence = _UTF8_AS_CHARS.match(text, pair.start())
        if sequence is None:
            position = pair.start() + 1
            continue
        yield sequence
        position = sequence.end()


def _contains_utf8_as_chars(text: str) -> bool:
    return next(_utf8_sequences(text), None) is not None


def utf8_read_as_chars(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` that are one UTF-8 sequence of a Vietnamese letter read as two to
    four characters (``ệ`` written ``á»‡``): what a later pass must leave whole for the text
    to stay repairable (in order, not overlapping)."""
    from toolkit.vietnamese.letters import DECOMPOSE

    spans = []
    for sequence in _utf8_sequences(text):
        try:
            letter = bytes(_BYTE_OF[c] for c in sequence.group()).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if letter in DECOMPOSE:
            spans.append(sequence.span())
    return spans


def _undo_utf8_once(text: str) -> tuple[str, int, str]:
    count = 0
    used: set[str] = set()

    def fix(match: re.Match) -> str:
        nonlocal count
        chars = match.group()
        try:
            repaired = bytes(_BYTE_OF[c] for c in chars).decode("utf-8")
        except UnicodeDecodeError:
            return chars
        count += 1
        used.update(chars)
        return repaired

    repaired = _UTF8_AS_CHARS.sub(fix, text)
    if used & _CP1258_ONLY:
        misread = "cp1258"
    elif used & _CP1252_ONLY or not used & _C1_CONTROLS:
        misread = "cp1252"  # C1 controls too: browsers give cp1252's five empty codes so
    else:
        misread = "latin-1"
    return repaired, count, misread


def repair_utf8_mojibake(text: str) -> tuple[str, int, str | None]:
    """(text, sequences repaired, which misreading) — unchanged when evidence does not improve."""
    current, total, misread = text, 0, None
    for _ in range(3):  # text can be mis-decoded more than once
        if not has_utf8_mojibake(current):
            break
        candidate, count, how = _undo_utf8_once(current)
        if count == 0 or evidence(candidate).net - evidence(current).net < MIN_MARGIN:
            break
        current, total, misread = candidate, total + count, misread or how
    return current, total, misread


def repair_legacy_font(text: str) -> tuple[str, str | None, int]:
    """(text, legacy encoding, characters changed) for a legacy-font page read as windows-1252."""
    if UNICODE_ONLY_VIETNAMESE.search(text) or not _LEGACY_SURFACE.search(text):
        return text, None, 0
    sample = text[:SAMPLE_CHARS]
    as_is = evidence(sample)
    if as_is.bad <= as_is.good:
        return text, None, 0  # a legacy-font page reads mostly as broken words; this text does not
    candidates = [("as is", sample, 0)]
    for name in TABLE_ENCODINGS:
        candidates.append((name, codec(name).from_surface(sample), RARITY_PENALTY[name]))
    winner = pick(candidates, VARIANTS)
    if winner is None or winner[0] == "as is":
        return text, None, 0
    name = winner[0]
    changed = len(text) - len(text.encode("ascii", "ignore"))  # non-ASCII characters re-read
    return codec(name).from_surface(text), name, changed


def repair(text: str) -> tuple[str, dict[str, int], str | None]:
    """Both repairs, until neither applies (so a repaired text is left as it is); returns
    (text, counts, description of the first misreading or None)."""
    original, total, description = text, 0, None
    for _ in range(_MAX_ROUNDS):
        repaired, count, misread = repair_utf8_mojibake(text)
        how: str | None
        if count:
            how = f"utf-8 (read as {misread})"
        else:
            repaired, name, count = repair_legacy_font(text)
            how = f"{name} (read as cp1252)" if name is not None else None
        if how is None or repaired == text:
            break
        text, total, description = repaired, total + count, description or how
    if _GENERIC_SIGNS.search(text):
        fixed = _fixed_by_ftfy(original, text)
        if fixed is not None:
            return fixed, {"mojibake": total + max(1, len(text) - len(fixed))}, description or "utf-8 (repaired by ftfy)"
    return text, {"mojibake": total}, description


# Marks of a misreading the repairs above do not undo: UTF-8 read as cp437 (box drawing,
# ``Tiß║┐ng``), and UTF-8 read as windows-1252 twice or more (``TiÃ¡Âº¿ng``)
_GENERIC_SIGNS = re.compile("[\u2500-\u257f]|[\u00c2\u00c3][\u0080-\u00bf]|\u00e2\u20ac")


def _fixed_by_ftfy(original: str, current: str) -> str | None:
    """ftfy's repair of ``original``, kept (like every repair here) only when it reads as clearly
    more Vietnamese than the text the toolkit's own repairs left: ftfy knows every code page's
    mojibake, the toolkit the Vietnamese legacy fonts and cp1258, which ftfy lacks."""
    import ftfy  # heavy: loaded only for text that shows a misreading

    fixed = ftfy.fix_encoding(original)
    if fixed == current or evidence(fixed).net < evidence(current).net + MIN_MARGIN:
        return None
    return fixed


# A real text needs one round; a random string can look broken again once repaired
# (``Ã\xa0\r¼\rYÒ``: the repaired ``à`` then reads as a legacy-font page), and rounds stop
# when nothing changes.
_MAX_ROUNDS = 4


def repair_mojibake(text: str) -> tuple[str, dict[str, int]]:
    """Repair text that was decoded in the wrong encoding; returns (text, {"mojibake": n}).

    ``n`` counts UTF-8 sequences restored, or the non-ASCII characters of a legacy-font
    page that were re-read.  Text with
    no clear Vietnamese gain comes back unchanged with ``n == 0``.
    """
    repaired, counts, _ = repair(text)
    return repaired, counts
