"""Every character pass is linear in its input: shown by counting the work done, never by timing.

The shapes are those of issue 18, item 3: a long letter run beside one Cyrillic or Greek
letter, a long run before a combining mark, a million eths or marks. ``bench/bench_linear.py``
times the same shapes at 10k, 100k and 1M characters (run by hand).
"""

from __future__ import annotations

import regex
import pytest

from toolkit.text import characters
from toolkit.text.characters import replace_lookalikes


class _CountingPattern:
    """A compiled pattern that adds up the characters each of its matches covered (plus one per call)."""

    def __init__(self, pattern: regex.Pattern) -> None:
        self.pattern = pattern
        self.work = 0

    def match(self, text, *positions):
        found = self.pattern.match(text, *positions)
        self.work += 1 + (found.end() - found.start() if found else 0)
        return found


SHAPES = {
    "letters then a Cyrillic word": lambda n: "a" * n + " а",
    "letters glued to a Cyrillic letter": lambda n: "a" * n + "а",
    "Cyrillic letter then letters": lambda n: "а" + "a" * n,
    "many mixed words": lambda n: "pаris " * (n // 6),
    "Greek symbol in letters": lambda n: ("ab͵" * (n // 3)),
    "letters then a mark": lambda n: "x" * n + "\u0301",
    "eths": lambda n: "ð" * n,
    "marks": lambda n: "\u0301" * n,
}


@pytest.mark.parametrize("shape", SHAPES)
def test_the_lookalike_pass_examines_each_character_a_bounded_number_of_times(shape, monkeypatch) -> None:
    forward = _CountingPattern(characters._WORD_RUN)
    backward = _CountingPattern(characters._WORD_RUN_BACK)
    monkeypatch.setattr(characters, "_WORD_RUN", forward)
    monkeypatch.setattr(characters, "_WORD_RUN_BACK", backward)
    for size in (10_000, 100_000):
        forward.work = backward.work = 0
        text = SHAPES[shape](size)
        replace_lookalikes(text)
        assert forward.work + backward.work <= 3 * len(text) + 10, (shape, size)


@pytest.mark.parametrize(
    "text",
    ["pаris", "а͵b", "a͵b͵c", "xа͵", "Москва", "mоscow Москва", "ρizza ρ", "Ὸn", "a\u0301а b", "", "а", "͵"],
)
def test_the_lookalike_pass_replaces_what_the_word_pattern_replaced(text: str) -> None:
    reference = regex.compile(r"[\p{L}\p{M}]*[\p{Cyrillic}\p{Greek}][\p{L}\p{M}]*")
    assert replace_lookalikes(text) == reference.sub(characters._unmask_word, text)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ALPHABET = st.sampled_from(list("aoxPé ,.-\u0301\u0300") + list("аоРρΟѕ͵҂Москвαβ") + ["\u0483", "Ὸ", "\u200b"])


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_the_linear_lookalike_pass_agrees_with_the_word_pattern(text: str) -> None:
    reference = regex.compile(r"[\p{L}\p{M}]*[\p{Cyrillic}\p{Greek}][\p{L}\p{M}]*")
    assert replace_lookalikes(text) == reference.sub(characters._unmask_word, text)


class _CountingList(list):
    """A list that counts the elements read from it (by iteration, index or slice)."""

    reads = 0

    def __iter__(self):
        for item in super().__iter__():
            _CountingList.reads += 1
            yield item

    def __getitem__(self, index):
        found = super().__getitem__(index)
        _CountingList.reads += len(found) if isinstance(index, slice) else 1
        return found


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_chinese_hits_are_checked_against_the_words_near_them_only(monkeypatch) -> None:
    from toolkit.linking import boundaries

    words = boundaries.word_edges
    monkeypatch.setattr(boundaries, "word_edges", lambda text, start, end: _CountingList(words(text, start, end)))
    monkeypatch.setattr(boundaries, "teach_jieba", lambda lexicon: None)
    unit = "越南国家主席武文赏会见中国总理李强"
    reads = []
    for copies in (50, 500):
        text = unit * copies
        spans = [(k * len(unit) + 2, k * len(unit) + 4) for k in range(copies)]  # 国家 in each copy
        _CountingList.reads = 0
        kept = boundaries.chinese_hits_on_word_edges(text, spans, lexicon=None)
        assert len(kept) == copies
        reads.append(_CountingList.reads)
    assert reads[1] <= 12 * reads[0], reads  # 10× the text, about 10× the words read (not 100×)
