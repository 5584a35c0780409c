"""Memoising a word-local function over the words of a text.

Vietnamese has a few thousand distinct syllables, and a news corpus repeats its words
constantly: folding or re-toning each distinct word once and looking the rest up runs at
dictionary speed instead of regex speed. This is only correct for functions that are
local to the pieces the text is split into (nothing they do looks across a space).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

V = TypeVar("V")

# Past this many distinct words a memo starts afresh: memory stays bounded on corpora
# full of one-off tokens (numbers, URLs, names), at the price of recomputing the common ones.
MEMO_LIMIT = 200_000


class WordMemo(dict[str, V]):
    """``memo[word] == function(word)``, computed on the first lookup of each word.

    Lookups of known words never leave C (``dict.__getitem__``); only a miss calls
    ``__missing__``. So ``map(memo.__getitem__, words)`` is the fast loop.
    """

    __slots__ = ("function",)

    def __init__(self, function: Callable[[str], V]) -> None:
        super().__init__()
        self.function = function

    def __missing__(self, word: str) -> V:
        if len(self) >= MEMO_LIMIT:
            self.clear()
        result = self[word] = self.function(word)
        return result

    def __reduce__(self):
        # A memo travels (to a worker process) as its function; the words are recomputed there.
        return (WordMemo, (self.function,))

    def map_space_separated(self: WordMemo[str], text: str) -> str:
        """Apply the function to the pieces of ``text`` between single spaces, keeping layout exactly."""
        return " ".join(map(self.__getitem__, text.split(" ")))

    def map_whitespace_separated(self: WordMemo[str], text: str) -> str:
        """Apply the function to the whitespace-separated words, joined by one space; empty results vanish."""
        return " ".join(filter(None, map(self.__getitem__, text.split())))
