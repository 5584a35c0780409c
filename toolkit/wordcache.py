"""Memoising a word-local function over the words of a text.

Vietnamese has a few thousand distinct syllables, and a news corpus repeats its words
constantly: folding or re-toning each distinct word once and looking the rest up runs at
dictionary speed instead of regex speed. This is only correct for functions that are
local to the pieces the text is split into (nothing they do looks across a space).
"""

from __future__ import annotations

from collections.abc import Callable

# Past this many distinct words a cache starts afresh: memory stays bounded on corpora
# full of one-off tokens (numbers, URLs, names), at the price of recomputing the common ones.
CACHE_LIMIT = 200_000


def map_words(function: Callable[[str], str], cache: dict[str, str], words: list[str]) -> list[str]:
    """``[function(w) for w in words]``, computing each distinct word once per ``cache``."""
    results = list(map(cache.get, words))
    if None in results:
        for index, result in enumerate(results):
            if result is None:
                word = words[index]
                result = function(word)
                if len(cache) >= CACHE_LIMIT:
                    cache.clear()
                cache[word] = result
                results[index] = result
    return results


def map_space_separated(function: Callable[[str], str], cache: dict[str, str], text: str) -> str:
    """Apply ``function`` to the pieces of ``text`` between single spaces, keeping the layout exactly."""
    return " ".join(map_words(function, cache, text.split(" ")))
