"""Tone-mark placement over running text (layer 3 of the repair pipeline).

``place_tones`` finds each word that carries a tone mark, parses it as a Vietnamese syllable
and puts the mark on the letter the syllable's structure calls for under the chosen style.
Words that are not Vietnamese syllables are left exactly as they are.

Speed: text in which no mark can be misplaced (``misplaced_mark``, one stdlib regex that skips
from toned letter to toned letter in C) is returned as it is. Otherwise the text is cut at
spaces and each chunk is looked up in a per-style dict: Vietnamese has a few thousand distinct
syllables, so chunks repeat like words do, and split, lookup and join are all C-level work.
Only a chunk never seen before is searched, by one compiled regex, for the words that hold a
toned letter, and those words are parsed (and cached in turn).
"""

from __future__ import annotations

import regex

from toolkit.vietnamese.letters import DECOMPOSE, TONED_LETTERS, Tone, compose
from toolkit.vietnamese.misplaced import misplaced_mark
from toolkit.vietnamese.syllable import segment, split_tone, tone_position

STYLES = ("old", "new", "keep")

_WORD = r"\p{L}\p{M}\p{N}_"
# a whole word (never part of one) that holds at least one toned letter; the capture group
# makes regex.split hand back the words at the odd indices
_TONED_WORD = regex.compile(rf"((?<![{_WORD}])[{_WORD}]*[{regex.escape(TONED_LETTERS)}][{_WORD}]*)")

# characters placed per style before the misplaced-mark finder is built
_FINDER_AFTER = 256_000
_volume = {"old": 0, "new": 0}

_WORD_FORWARD = regex.compile(rf"[{_WORD}]*")
_WORD_BACKWARD = regex.compile(rf"(?r)[{_WORD}]*")

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


class _Placed(dict):
    """text -> text with marks placed; computes on a miss and remembers short keys."""

    def __init__(self, style: str, place, longest_kept: int) -> None:
        super().__init__()
        self.style = style
        self.place = place
        self.longest_kept = longest_kept

    def __missing__(self, key: str) -> str:
        placed = self.place(key, self.style)
        if len(key) <= self.longest_kept:
            if len(self) >= _CACHE_LIMIT:
                self.clear()
            self[key] = placed
        return placed

    def __reduce__(self):
        return (_Placed, (self.style, self.place, self.longest_kept))


_WORD_CACHES = {style: _Placed(style, place_token_tone, 64) for style in ("old", "new")}


def place_word_by_word(text: str, style: str) -> str:
    """``place_tones`` by its definition: every word holding a toned letter through
    ``place_token_tone``. Slower; the reference the fast paths are tested against."""
    if text.isascii():
        return text
    pieces = _TONED_WORD.split(text)
    if len(pieces) == 1:
        return text
    pieces[1::2] = map(_WORD_CACHES[style].__getitem__, pieces[1::2])
    return "".join(pieces)


# Running text is cut at spaces into chunks ("Hoà," "thuỷ.\nBa"), and whole chunks are cached:
# a chunk repeats as often as a word does, and a dict hit per chunk is all C-level work.
_CHUNK_CACHES = {style: _Placed(style, place_word_by_word, 64) for style in ("old", "new")}


def place_tones(text: str, style: str = "old") -> str:
    """Put every Vietnamese tone mark in ``text`` where ``style`` says.

    ``style`` is ``"old"`` (hòa, thủy, khỏe), ``"new"`` (hoà, thuỷ, khoẻ) or ``"keep"`` (text
    returned as is). Marks are moved only within one word that parses as a Vietnamese
    syllable, so ``len(result) == len(text)`` and each character keeps its offset. Expects NFC
    text (a mark left as a separate combining character is not moved). Pure and idempotent.
    """
    if style == "keep":
        return text
    if style not in _CHUNK_CACHES:
        raise ValueError(f"tone style must be one of {STYLES}, got {style!r}")
    if text.isascii():
        return text
    if _volume[style] < _FINDER_AFTER:
        # building the finder costs a few tenths of a second: worth it only for bulk work
        _volume[style] += len(text)
        return place_by_chunks(text, style)
    return place_by_search(text, style)


def place_by_chunks(text: str, style: str) -> str:
    """``place_tones`` with every space-separated chunk looked up in the per-style cache."""
    return " ".join(map(_CHUNK_CACHES[style].__getitem__, text.split(" ")))


def place_by_search(text: str, style: str) -> str:
    """``place_tones`` that first searches for marks that may be misplaced, and skips the rest."""
    finder = misplaced_mark(style)
    spot = finder.search(text)
    if spot is None:
        return text
    # Few misplaced marks (the usual case): re-place just the words they sit in. Many (text
    # in the other style, or damaged): every chunk through the cache is cheaper than a
    # search step per word.
    words = _WORD_CACHES[style]
    pieces = []
    done = 0
    budget = 8 + len(text) // 128
    while spot is not None:
        budget -= 1
        if budget < 0:
            return place_by_chunks(text, style)
        start = _WORD_BACKWARD.match(text, done, spot.start()).start()
        end = _WORD_FORWARD.match(text, spot.end()).end()
        pieces.append(text[done:start])
        pieces.append(words[text[start:end]])
        done = end
        spot = finder.search(text, end)
    pieces.append(text[done:])
    return "".join(pieces)
