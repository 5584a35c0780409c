"""``normalise``: repaired, display-ready Vietnamese text (layers 2 and 3 of the pipeline).

Layer 1 (bytes → text) is ``toolkit.decode``; this takes text. Characters are repaired
first (``toolkit.text.characters``), then tone marks are placed by syllable structure in the
chosen style (``toolkit.vietnamese``). Layout is kept, and tone placement keeps every
character's position, so offsets in the output line up with the repaired text.
"""

from __future__ import annotations

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

    return place_tones(text, tone_style)


def _changed_words(before: str, after: str) -> int:
    # place_tones keeps length, so words line up position by position.
    return sum(
        before[m.start() : m.end()] != after[m.start() : m.end()] for m in _WORD.finditer(before)
    )


_WORD = regex.compile(r"[\p{L}\p{M}]+")

normalize = normalise

__all__ = ["TONE_STYLES", "normalise", "normalize", "normalise_counted"]
