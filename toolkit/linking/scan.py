"""Scanning folded text and mapping every hit back to the original characters.

The text is cut at whitespace (C-level ``re.split``), each piece is folded once per distinct
piece (a memo), and the folded pieces are laid out for the automaton (see ``automaton.py``).
Only a hit is mapped back: its word index finds its piece by bisection on cumulative word
counts, and ``fold_with_offsets`` of that one piece gives the exact characters. So the cost per
character stays in C, and the per-character Python work is paid only inside the found names.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from toolkit.characters import INVISIBLE
from toolkit.folding import fold, fold_with_offsets
from toolkit.wordcache import WordMemo

_WHITESPACE = re.compile(r"(\s+)")
_PIECE_KEYS = WordMemo(fold)


@lru_cache(maxsize=65536)
def _piece_offsets(piece: str):
    return fold_with_offsets(piece)


@dataclass(frozen=True, slots=True)
class Hit:
    """A key found in the text: ``[start, end)`` in the original text."""

    start: int
    end: int
    key: str
    han: bool


class Layout:
    """A text, its folded pieces, and the scan string the automaton runs over."""

    __slots__ = ("text", "pieces", "piece_starts", "piece_keys", "word_counts", "folded", "hay")

    def __init__(self, text: str) -> None:
        parts = _WHITESPACE.split(text)
        ends = list(accumulate(map(len, parts)))
        self.text = text
        self.pieces: list[str] = parts[0::2]
        self.piece_starts: list[int] = [0, *ends[1::2]]
        self.piece_keys: list[str] = list(map(_PIECE_KEYS.__getitem__, self.pieces))
        # words through each piece (a piece may fold to none, one or several words)
        self.word_counts: list[int] = list(accumulate(map(len, map(str.split, self.piece_keys))))
        self.folded = " ".join(filter(None, self.piece_keys))
        self.hay = " " + self.folded.replace(" ", "  ") + " "

    def original(self, hay_position: int, at_end: bool) -> int:
        """The original offset of the key character at ``hay_position`` (its start, or its end)."""
        hay = self.hay
        word = (hay.count(" ", 0, hay_position) - 1) // 2
        in_word = hay_position - (hay.rfind(" ", 0, hay_position) + 1)
        piece = bisect_right(self.word_counts, word)
        word_in_piece = word - (self.word_counts[piece - 1] if piece else 0)
        key_words = self.piece_keys[piece].split(" ")
        position = sum(len(w) + 1 for w in key_words[:word_in_piece]) + in_word
        offsets = _piece_offsets(self.pieces[piece])
        base = self.piece_starts[piece]
        if offsets.text != self.piece_keys[piece] or position >= len(offsets.text):
            return base + (len(self.pieces[piece]) if at_end else 0)  # cannot happen while fold is consistent
        return base + (offsets.ends[position] if at_end else offsets.starts[position])


def scan(layout: Layout, automaton) -> list[Hit]:
    """Every key occurrence (overlapping ones included), in order of start."""
    hay = layout.hay
    hits = []
    for end_index, (length, key) in automaton.iter(hay):
        han = hay[end_index] != " "
        if han:
            first, last = end_index - length + 1, end_index
        else:
            first, last = end_index - length + 2, end_index - 1
        hits.append((first, last, key, han))
    hits.sort(key=lambda h: (h[0], -h[1]))
    text = layout.text
    found = []
    for first, last, key, han in hits:
        start, end = layout.original(first, False), layout.original(last, True)
        while end > start + 1 and text[end - 1] in INVISIBLE:
            end -= 1  # a zero-width space after a name folds into its span; it is not part of the name
        found.append(Hit(start, end, key, han))
    return found


__all__ = ["Hit", "Layout", "scan", "fold"]
