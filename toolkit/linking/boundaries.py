"""Word boundaries per script.

Latin and Vietnamese: a hit starts and ends on a word edge by construction (the scan is laid out
in whole words, see ``automaton.py``), and a Vietnamese syllable is one word there. Chinese has no
spaces, so a Chinese hit found on characters is checked against jieba's segmentation of the run
of Han characters around it: a hit that cuts a word in two (南河 in 越南/河内/市长) is dropped; a
hit inside one word (河内 in 河内市) or made of whole words stands. jieba learns the lexicon's
Chinese names first (``jieba_user_words``), so it keeps a known name whole.
"""

from __future__ import annotations

import threading
import weakref
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from functools import cache

from toolkit.designators import place_words
from toolkit.lexicon.model import needs_cue
from toolkit.text.script import is_han_char

_JIEBA_LOCK = threading.Lock()
_TAUGHT: set[str] = set()
# lexicon names that jieba's own dictionary holds as a frequent word of another kind (和平 "peace"
# is also the former province Hòa Bình; 世界 "world"): their count, before the lexicon was taught
_EVERYDAY: set[str] = set()
# what the dictionary counted for each taught name before it was taught (0: it lacked the word),
# so that a taught name does not look like a common word to ``dictionary_frequency``
_COUNT_BEFORE_TEACHING: dict[str, int] = {}
# a dictionary word this frequent is a word people write, not a name (关系, 智慧, 黎明, 中美洲)
COMMON_WORD = 50
# from this count up, and tagged other than a place, a dictionary word is an everyday word
# (大连, 1034 and tagged an adverb, stays a city)
EVERYDAY_WORD = 2000
_NAME_TAGS = ("nr", "ns", "nt")  # jieba's tags of names: people (nrt: transliterated), places, bodies
# lexicons whose names jieba has learnt: each is taught once per process, not per document
_TAUGHT_LEXICONS: weakref.WeakSet = weakref.WeakSet()
# frequency given to lexicon names in jieba's dictionary: high enough to keep a name whole
USER_WORD_FREQUENCY = 100_000
# a Han run is segmented with this many characters of context on each side of its hits
_CONTEXT = 12


@cache
def _jieba():
    import jieba  # heavy: the dictionary loads on first use

    jieba.setLogLevel(60)
    return jieba


def dictionary_frequency(word: str) -> int:
    """How often jieba's dictionary counts ``word`` (0 for a word it lacks): how common a word is."""
    jieba = _jieba()
    if not jieba.dt.initialized:
        jieba.dt.initialize()
    if word in _COUNT_BEFORE_TEACHING:
        return _COUNT_BEFORE_TEACHING[word]
    return jieba.dt.FREQ.get(word) or 0


def is_everyday_word(word: str) -> bool:
    """Whether a lexicon name in Chinese is, to jieba's dictionary, a frequent word that is no place."""
    return word in _EVERYDAY


def jieba_user_words(lexicon) -> Iterator[tuple[str, str]]:
    """(word, part-of-speech tag) for every Chinese name in the lexicon: nr person, ns place, nt organisation."""
    tags = {"person": "nr", "place": "ns", "org": "nt", "other": "nz"}
    seen: set[str] = set()
    for entity in lexicon:
        if needs_cue(entity.id):
            continue  # a small unit's name is too weak to outweigh jieba's own words (东明 in 王东明)
        for name in entity.names:
            if name.lang == "zh" and name.text not in seen and all(is_han_char(c) for c in name.text):
                seen.add(name.text)
                yield name.text, tags[entity.type]


def teach_jieba(lexicon) -> None:
    """Add the lexicon's Chinese names to jieba's dictionary (once per lexicon and name)."""
    if lexicon in _TAUGHT_LEXICONS:
        return
    jieba = _jieba()
    with _JIEBA_LOCK:
        if not jieba.dt.initialized:
            jieba.dt.initialize()
        from jieba import posseg

        frequencies, tags = jieba.dt.FREQ, posseg.dt.word_tag_tab
        for word, tag in jieba_user_words(lexicon):
            if word not in _TAUGHT:
                frequency = frequencies.get(word) or 0
                _COUNT_BEFORE_TEACHING[word] = frequency
                if frequency >= EVERYDAY_WORD and not tags.get(word, "").startswith(_NAME_TAGS):
                    _EVERYDAY.add(word)
                jieba.add_word(word, USER_WORD_FREQUENCY, tag)
                _TAUGHT.add(word)
        _TAUGHT_LEXICONS.add(lexicon)


def han_run(text: str, start: int, end: int) -> tuple[int, int]:
    """The run of Han characters around ``[start, end)``, at most _CONTEXT characters each side."""
    left = start
    while left > 0 and start - left < _CONTEXT and is_han_char(text[left - 1]):
        left -= 1
    right = end
    while right < len(text) and right - end < _CONTEXT and is_han_char(text[right]):
        right += 1
    return left, right


def word_edges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """jieba's words of ``text[start:end]`` as absolute spans."""
    spans = []
    position = start
    for word in _jieba().cut(text[start:end], HMM=True):
        spans.append((position, position + len(word)))
        position += len(word)
    return spans


def is_own_word(text: str, start: int, end: int) -> bool:
    """Whether jieba reads ``text[start:end]`` as a word of its own, not part of a longer one."""
    return (start, end) in word_edges(text, *han_run(text, start, end))


def cuts_a_word(span: tuple[int, int], words: Iterable[tuple[int, int]]) -> bool:
    """Whether a word overlaps the span partly (starts inside and ends outside, or the reverse)."""
    start, end = span
    for word_start, word_end in words:
        overlaps = word_start < end and start < word_end
        inside = start <= word_start and word_end <= end
        covering = word_start <= start and end <= word_end
        if overlaps and not inside and not covering:
            return True
    return False


def chinese_hits_on_word_edges(text: str, spans: list[tuple[int, int]], lexicon) -> set[tuple[int, int]]:
    """The Chinese hit spans that cut no jieba word (segmenting only near the hits).

    Each hit is judged on the words of the Han run around it (``han_run``); runs that overlap are
    segmented together, once, so dense Chinese text is segmented about once, not once per hit."""
    if not spans:
        return set()
    teach_jieba(lexicon)
    kept: set[tuple[int, int]] = set()
    for group_start, group_end, members in _overlapping_runs(text, sorted(spans)):
        words = word_edges(text, group_start, group_end)
        # the words are contiguous and in order: those near a hit are found by bisection, so
        # a long run without punctuation is not scanned whole for each of its hits
        word_ends = [word_end for _, word_end in words]
        for span, (left, right) in members:
            # the run's own edges may cut a word that continues past the context window: ignore those
            first = bisect_right(word_ends, left)
            last = bisect_left(word_ends, right, lo=first)
            inner = words[first : last + 1]
            if inner and inner[-1][0] >= right:
                inner = inner[:-1]
            if not cuts_a_word(span, inner):
                kept.add(span)
    return kept


def _overlapping_runs(text: str, spans: list[tuple[int, int]]):
    """(start, end, [(span, its run)]) for each group of hits whose Han runs overlap, in order."""
    group: list = []
    group_start = group_end = -1
    for span in spans:
        run = han_run(text, *span)
        if group and run[0] < group_end:
            group.append((span, run))
            group_end = max(group_end, run[1])
            continue
        if group:
            yield group_start, group_end, group
        group, (group_start, group_end) = [(span, run)], run
    if group:
        yield group_start, group_end, group


__all__ = ["chinese_hits_on_word_edges", "cuts_a_word", "is_own_word", "COMMON_WORD", "dictionary_frequency", "is_everyday_word", "jieba_user_words", "teach_jieba", "USER_WORD_FREQUENCY"]


def suffix_belongs(text: str, start: int, end: int) -> bool:
    """Whether the place suffix at ``text[end]`` belongs to the name before it: 太原|市 and 太原市
    yes, 河内|市长 no (the character starts another word)."""
    if end >= len(text) or text[end] not in place_words().han_place_suffixes:
        return False
    run = han_run(text, start, end + 1)
    for word_start, word_end in word_edges(text, *run):
        if word_start <= end < word_end:
            return word_end == end + 1
    return False
