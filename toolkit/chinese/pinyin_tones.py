"""Tone marks of a written pinyin name, aligned to the syllables the romanised parser found.

``Hé Wěi`` parses to ``he wei``; the marks say he2 wei3, which leaves 何/和/合 and 伟/委/尾
but not 贺 (he4) or 维 (wei2). Only plain pinyin aligns: when the letters of the text are not
exactly the syllables (Wade-Giles, Hong Kong spellings), no tones are claimed.
"""

from __future__ import annotations

import unicodedata

# pinyin tone marks: macron, acute, caron, grave
_TONE_OF_MARK = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
_DIAERESIS = "\u0308"


def has_pinyin_tones(text: str) -> bool:
    return any(ch in _TONE_OF_MARK for ch in unicodedata.normalize("NFD", text))


def syllable_tones(text: str, syllables: list[str]) -> tuple[int | None, ...] | None:
    """The tone (1-4) each syllable is marked with, None where unmarked; None if the text's
    letters are not exactly the syllables in order."""
    letters: list[str] = []
    tones: list[int | None] = []
    for ch in unicodedata.normalize("NFD", text.casefold()):
        if ch in _TONE_OF_MARK:
            if tones:
                tones[-1] = _TONE_OF_MARK[ch]
        elif ch == _DIAERESIS:
            if letters and letters[-1] == "u":
                letters[-1] = "v"
        elif unicodedata.combining(ch):
            return None  # a mark pinyin does not use
        elif ch.isalpha():
            letters.append(ch)
            tones.append(None)
    spelled = "".join(letters)
    position = 0
    found: list[int | None] = []
    for syllable in syllables:
        if spelled[position:position + len(syllable)] != syllable:
            return None
        marked = [t for t in tones[position:position + len(syllable)] if t]
        found.append(marked[0] if marked else None)
        position += len(syllable)
    return tuple(found) if position == len(spelled) else None
