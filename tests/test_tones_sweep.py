"""Every toned syllable of underthesea's Viet74K word list, with its mark moved to every other
letter that can carry it, comes back to the same spelling, in both styles and every case."""

from __future__ import annotations

import unicodedata

import pytest

from toolkit.vietnamese import parse_syllable, place_tones
from toolkit.vietnamese.letters import COMPOSE, DECOMPOSE, Tone
from toolkit.vietnamese.misplaced import misplaced_mark
from toolkit.vietnamese.tones import place_by_chunks, place_by_search, place_token_tone, place_word_by_word
from toolkit.vietnamese.underthesea_data import VIET74K, underthesea_file

pytestmark = pytest.mark.slow  # every syllable of a 74K-word list, in every style, case and form


def _viet74k_toned_syllables() -> list[str]:
    try:
        path = underthesea_file(*VIET74K)
    except FileNotFoundError as missing:
        pytest.skip(f"underthesea's Viet74K.txt is not available: {missing}")
    words = unicodedata.normalize("NFC", path.read_text(encoding="utf-8")).lower().replace("-", " ").split()
    parsed = {word: parse_syllable(word) for word in set(words)}
    return sorted(word for word, syllable in parsed.items() if syllable is not None and syllable.tone is not Tone.NONE)


def _moved_marks(syllable: str) -> list[str]:
    """The syllable with its mark on each other letter that Unicode can write with that mark."""
    bases = [DECOMPOSE[char][0] for char in syllable]
    tone = next(DECOMPOSE[char][1] for char in syllable if DECOMPOSE[char][1] is not Tone.NONE)
    variants = []
    for index, base in enumerate(bases):
        marked = COMPOSE.get((base, tone))
        if marked is not None and syllable[index] != marked:
            variants.append("".join(bases[:index]) + marked + "".join(bases[index + 1 :]))
    return variants


def _marked_twice(syllable: str) -> list[str]:
    """The syllable with its mark also typed on each other letter that can carry it."""
    tone = next(DECOMPOSE[char][1] for char in syllable if DECOMPOSE[char][1] is not Tone.NONE)
    variants = []
    for index, char in enumerate(syllable):
        marked = COMPOSE.get((DECOMPOSE[char][0], tone))
        if marked is not None and marked != char:
            variants.append(syllable[:index] + marked + syllable[index + 1 :])
    return variants


@pytest.fixture(scope="module")
def syllables() -> list[str]:
    return _viet74k_toned_syllables()


@pytest.fixture(scope="module")
def sweep(syllables) -> tuple[list[str], list[str]]:
    originals, variants = [], []
    for syllable in syllables:
        for variant in _moved_marks(syllable):
            originals.append(syllable)
            variants.append(variant)
    return originals, variants


def test_sweep_is_large(syllables, sweep):
    originals, variants = sweep
    assert len(syllables) > 6000  # 6,144 with underthesea 9.5.0
    assert len(set(originals)) > 4500  # 4,924: the rest have one vowel and no markable consonant
    assert len(variants) > 8000  # 8,254


@pytest.mark.parametrize("style", ["old", "new"])
@pytest.mark.parametrize("case", [str.lower, str.upper, str.title], ids=["lower", "UPPER", "Title"])
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_moved_marks_come_back(sweep, style, case, form):
    originals, variants = sweep
    # one call over all variants: words are independent, so joining them loses nothing
    text = unicodedata.normalize("NFC", unicodedata.normalize(form, case(" ".join(variants))))
    expected = place_tones(case(" ".join(originals)), style).split(" ")
    got = place_tones(text, style).split(" ")
    wrong = [(v, g, e) for v, g, e in zip(variants, got, expected, strict=True) if g != e]
    assert wrong[:20] == []


@pytest.mark.parametrize("style", ["old", "new"])
def test_mark_lands_where_the_structure_says(syllables, style):
    placed = place_tones(" ".join(syllables), style).split(" ")
    for word in placed:
        syllable = parse_syllable(word)
        position = syllable.tone_position(style)
        assert DECOMPOSE[word[position]][1] is syllable.tone, (word, style)


@pytest.mark.parametrize("style", ["old", "new"])
def test_finder_flags_exactly_the_words_that_change(syllables, sweep, style):
    """misplaced_mark is the fast path's only gate: it must flag every word that would change
    (and, on real syllables, nothing else, or the fast path would not be fast)."""
    finder = misplaced_mark(style)
    _, variants = sweep
    twice = [word for syllable in syllables for word in _marked_twice(syllable)]
    assert len(twice) > 8000
    for case in (str.lower, str.upper, str.title):
        for word in map(case, syllables + variants + twice):
            changes = place_token_tone(word, style) != word
            assert (finder.search(word) is not None) == changes, (word, style)
        for word in map(case, twice):
            assert place_token_tone(word, style) == place_token_tone(case(_one_mark(word)), style)


def _one_mark(word: str) -> str:
    """``word`` with only its last mark kept (the two marks of a doubled word are the same tone)."""
    last = max(index for index, char in enumerate(word) if DECOMPOSE[char][1] is not Tone.NONE)
    return "".join(char if index == last else DECOMPOSE[char][0] for index, char in enumerate(word)).lower()


@pytest.mark.parametrize("style", ["old", "new"])
@pytest.mark.parametrize("place", [place_by_search, place_by_chunks], ids=["search", "chunks"])
def test_sweep_through_each_path(sweep, style, place):
    originals, variants = sweep
    assert place(" ".join(variants), style) == place_word_by_word(" ".join(originals), style)
