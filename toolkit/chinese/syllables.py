"""``romanised_syllables``: the real parser lives in ``toolkit.chinese.romanised`` (another
engineer's work, with Wade-Giles / Hong Kong / Taiwan spellings); until it lands, a tiny
fallback splits on spaces, hyphens and apostrophes and segments each word into pinyin syllables."""

from __future__ import annotations

import itertools
import unicodedata
from functools import cache

import regex

from toolkit.chinese.tables import readings_table

_WORD_SEPARATORS = regex.compile(r"[\s\-'’‘·.]+")
_MAX_SEGMENTATIONS = 16


@cache
def _pinyin_syllables() -> frozenset[str]:
    return frozenset(key.rstrip("012345") for entries in readings_table().values() for key in entries if key != "*")


def _strip_tones(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("ü", "v").replace("Ü", "v"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@cache
def _segmentations(word: str) -> tuple[tuple[str, ...], ...]:
    if not word:
        return ((),)
    inventory = _pinyin_syllables()
    found = []
    for end in range(min(len(word), 6), 0, -1):  # longest syllable first
        head = word[:end]
        if head in inventory:
            found.extend((head,) + rest for rest in _segmentations(word[end:]))
    return tuple(found[:_MAX_SEGMENTATIONS])


def _fallback_syllables(text: str) -> list[list[str]]:
    words = [w for w in _WORD_SEPARATORS.split(_strip_tones(text)) if w]
    if not words or not all(w.isascii() and w.isalpha() for w in words):
        return []
    per_word = [_segmentations(w) for w in words]
    if not all(per_word):
        return []
    combos = itertools.islice(itertools.product(*per_word), _MAX_SEGMENTATIONS)
    return [[s for part in combo for s in part] for combo in combos]


def romanised_syllables(text: str) -> list[list[str]]:
    """Every segmentation of a romanised name into toneless lower-case pinyin syllables."""
    return _fallback_syllables(text)
