"""Tone-mark placement over running text (layer 3 of the repair pipeline).

``place_tones`` finds each word that carries a tone mark, parses it as a Vietnamese syllable
and puts the mark on the letter the syllable's structure calls for under the chosen style.
Words that are not Vietnamese syllables are left exactly as they are.

Speed comes from two facts: only words holding a toned letter are visited (one compiled
regex, the rest of the text is copied by C code), and Vietnamese has a few thousand distinct
syllables, so a per-style dict cache answers nearly every word after the first pages.
"""

from __future__ import annotations

import regex

from toolkit.vietnamese.letters import DECOMPOSE, TONED_LETTERS, Tone, compose
from toolkit.vietnamese.syllable import segment, split_tone, tone_position

STYLES = ("old", "new", "keep")

_WORD = r"\p{L}\p{M}\p{N}_"
# a whole word (never part of one) that holds at least one toned letter; the capture group
# makes regex.split hand back the words at the odd indices
_TONED_WORD = regex.compile(rf"((?<![{_WORD}])[{_WORD}]*[{regex.escape(TONED_LETTERS)}][{_WORD}]*)")

# the cache forgets everything past this size, so text full of foreign words cannot grow it
# without bound; real Vietnamese stays far below it
_CACHE_LIMIT = 200_000


def place_token_tone(token: str, style: str = "old") -> str:
    """``token`` with its tone mark on the letter ``style`` puts it on; unchanged if not Vietnamese.

    The result has the same length as ``token``: only the mark moves (a mark typed twice on one
    syllable is written once), and each letter keeps its case.
    """
    split = split_tone(token)
    if split is None:
        return token
    letters, tone, marked = split
    if tone is Tone.NONE:
        return token
    parts = segment(letters, tone)
    if parts is None:
        return token
    target = tone_position(*parts, style=style)
    if marked == (target,):
        return token
    chars = list(token)
    for index in marked:
        chars[index] = DECOMPOSE[token[index]][0]
    chars[target] = compose(DECOMPOSE[token[target]][0], tone)
    return "".join(chars)


class _PlacedTokens(dict):
    """token -> token with the mark placed; computes and remembers on a miss."""

    def __init__(self, style: str) -> None:
        super().__init__()
        self.style = style

    def __missing__(self, token: str) -> str:
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        placed = self[token] = place_token_tone(token, self.style)
        return placed

    def __reduce__(self):
        return (_PlacedTokens, (self.style,))


_CACHES = {"old": _PlacedTokens("old"), "new": _PlacedTokens("new")}


def place_tones(text: str, style: str = "old") -> str:
    """Put every Vietnamese tone mark in ``text`` where ``style`` says.

    ``style`` is ``"old"`` (hòa, thủy, khỏe), ``"new"`` (hoà, thuỷ, khoẻ) or ``"keep"`` (text
    returned as is). Marks are moved only within one word that parses as a Vietnamese
    syllable, so ``len(result) == len(text)`` and each character keeps its offset. Expects NFC
    text (a mark left as a separate combining character is not moved). Pure and idempotent.
    """
    if style == "keep":
        return text
    cache = _CACHES.get(style)
    if cache is None:
        raise ValueError(f"tone style must be one of {STYLES}, got {style!r}")
    if text.isascii():
        return text
    pieces = _TONED_WORD.split(text)
    if len(pieces) == 1:
        return text
    pieces[1::2] = map(cache.__getitem__, pieces[1::2])
    return "".join(pieces)
