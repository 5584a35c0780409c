"""``normalise``: repaired, display-ready Vietnamese text (layers 2 and 3 of the pipeline).

Layer 1 (bytes → text) is ``toolkit.decode``; this takes text. Characters are repaired
first (``toolkit.text.characters``), then tone marks are placed by syllable structure in the
chosen style (``toolkit.vietnamese``). Layout is kept, and tone placement keeps every
character's position, so offsets in the output line up with the repaired text.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter

import regex

from toolkit.text.characters import repair_characters, repair_characters_counted

TONE_STYLES = ("old", "new", "keep")


def _check_tone_style(tone_style: str) -> None:
    if tone_style not in TONE_STYLES:
        raise ValueError(f"tone_style must be one of {', '.join(TONE_STYLES)}, not {tone_style!r}")


def normalise(text: str, tone_style: str = "old") -> str:
    """Repair characters and place tone marks: ``old`` (hòa, thủy), ``new`` (hoà, thuỷ) or ``keep``."""
    _check_tone_style(tone_style)
    text = repair_characters(text)
    if tone_style == "keep":
        return text
    return _place_tones(text, tone_style)


def normalise_counted(text: str, tone_style: str = "old") -> tuple[str, Counter]:
    """``normalise`` that also counts the characters each repair changed (for reports)."""
    _check_tone_style(tone_style)
    text, counts = repair_characters_counted(text)
    if tone_style != "keep":
        placed = _place_tones(text, tone_style)
        moved = _changed_words(text, placed)
        if moved:
            counts["tone_placement"] += moved
        text = placed
    return text, counts


def _place_tones(text: str, tone_style: str) -> str:
    from toolkit.vietnamese import place_tones

    placed = place_tones(text, tone_style)
    if placed == text:
        return placed
    from toolkit.decoding.mojibake import utf8_read_as_chars

    # a word inside mojibake is no syllable: moving its mark (Viá»‡t to Vía»‡t) would leave the
    # text beyond repair, so it stays as written for repair_mojibake
    misread = utf8_read_as_chars(text)
    if misread:
        # the spans are in order and apart: a word overlaps one when the last span starting
        # before its end also ends after its start (a bisection: mojibake has thousands)
        starts = [a for a, _ in misread]

        def inside_mojibake(start: int, end: int) -> bool:
            i = bisect_left(starts, end) - 1
            return i >= 0 and misread[i][1] > start

        placed = _with_words_kept(text, placed, inside_mojibake)
    if _VIETNAMESE_ONLY.search(text):
        return placed
    from toolkit.chinese.romanised import is_toned_pinyin

    # in text that writes no letter or mark only Vietnamese has, liú is pinyin, not Vietnamese líu
    return _with_words_kept(text, placed, lambda start, end: is_toned_pinyin(text[start:end]))


def _with_words_kept(text: str, placed: str, keep) -> str:
    """``placed`` with the words of ``text`` that ``keep(start, end)`` chooses as they were written."""
    pieces, done = [], 0
    for word in _WORD.finditer(text):
        start, end = word.span()
        if placed[start:end] != text[start:end] and keep(start, end):
            pieces += [placed[done:start], text[start:end]]
            done = end
    return "".join(pieces) + placed[done:] if pieces else placed


def _changed_words(before: str, after: str) -> int:
    # place_tones keeps length, so words line up position by position.
    return sum(
        before[m.start() : m.end()] != after[m.start() : m.end()] for m in _WORD.finditer(before)
    )


_WORD = regex.compile(r"[\p{L}\p{M}]+")
# what only Vietnamese writes among Latin scripts, and no move of a tone mark adds or takes
# away (so the test gives the same answer on placed text): the letters ă đ ơ ư with any tone,
# and the hook and dot tones on any vowel (in NFC and NFD); the acute, grave and tilde are left
# out, since they move onto letters other languages write (á, ã, ấ becomes â)
_VIETNAMESE_ONLY = regex.compile(
    r"[ăĂđĐơƠưƯắẮằẰẳẲẵẴặẶớỚờỜởỞỡỠợỢứỨừỪửỬữỮựỰ\u0309\u0323"
    r"ảẢẻẺỉỈỏỎủỦỷỶạẠẹẸịỊọỌụỤỵỴẩẨậẬểỂệỆổỔộỘ]"
)

normalize = normalise

__all__ = ["TONE_STYLES", "normalise", "normalize", "normalise_counted"]
