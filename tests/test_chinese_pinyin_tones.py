"""Tone marks of written pinyin narrow the characters a syllable can be."""

from __future__ import annotations

from toolkit.chinese import hanviet_candidates
from toolkit.chinese.pinyin_tones import has_pinyin_tones, syllable_tones
from toolkit.chinese.matching import match


def test_tones_align_with_the_syllables():
    assert syllable_tones("Hé Wěi", ["he", "wei"]) == (2, 3)
    assert syllable_tones("Xí Jìnpíng", ["xi", "jin", "ping"]) == (2, 4, 2)
    assert syllable_tones("Lǚ Bù", ["lv", "bu"]) == (3, 4)
    assert syllable_tones("Xī'ān", ["xi", "an"]) == (1, 1)
    assert syllable_tones("He wèi", ["he", "wei"]) == (None, 4)


def test_spellings_that_are_not_plain_pinyin_claim_no_tones():
    assert syllable_tones("Hsi", ["xi"]) is None
    assert syllable_tones("Hà Vĩ", ["ha", "vi"]) is None  # a Vietnamese mark


def test_has_pinyin_tones():
    assert has_pinyin_tones("Wáng Yì") and not has_pinyin_tones("Wang Yi")


def test_marked_tones_decide_between_characters():
    assert match("Hé Wěi", "何炜").same
    assert not match("Hé Wěi", "何维").same  # 维 is wéi
    assert match("He Wei", "何维").same  # without marks both fit
    assert match("Wáng Yì", "Vương Nghị").same
    assert not match("Wáng Yí", "Vương Nghị").same  # 毅 is yì


def test_marked_tones_sharpen_the_candidates():
    marked = dict(hanviet_candidates("Hé Wěi", k=5))
    plain = dict(hanviet_candidates("He Wei", k=5))
    assert marked["Hà Vĩ"] > plain["Hà Vĩ"]
    assert hanviet_candidates("Hé Wéi")[0][0] != "Hà Vĩ"
