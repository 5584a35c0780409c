"""Name-safe simplified ↔ traditional conversion."""

from __future__ import annotations

import pytest

from toolkit.chinese import to_simplified, to_traditional
from toolkit.chinese.script import canonical_chars
from toolkit.text.script import is_han_char as is_han


def test_plain_opencc_turns_surnames_into_other_words():
    # the failure this module exists for: without name=True the surname 余 becomes 餘 (surplus)
    assert to_traditional("余秋雨") == "餘秋雨"
    assert to_traditional("干宝").startswith("幹")


def test_names_keep_their_surname_character():
    assert to_traditional("余秋雨", name=True) == "余秋雨"
    assert to_traditional("干宝", name=True) == "干寶"
    assert to_traditional("范明政", name=True) == "范明政"
    assert to_traditional("于正", name=True) == "于正"


def test_names_still_convert_what_has_to_convert():
    assert to_traditional("习近平", name=True) == "習近平"
    assert to_traditional("马云", name=True) == "馬雲"  # given-name characters follow OpenCC
    assert to_simplified("習近平", name=True) == "习近平"
    assert to_simplified("何煒", name=True) == "何炜"


def test_simplified_names_keep_a_standing_surname():
    assert to_simplified("乾", name=True) == "乾"
    assert to_simplified("乾") == "干"
    assert to_simplified("乾隆", name=True) == "乾隆"


def test_text_without_han_is_returned_unchanged():
    assert to_traditional("Hà Nội") == "Hà Nội"
    assert to_simplified("") == ""


def test_canonical_chars_maps_traditional_only_forms():
    assert canonical_chars("煒") == ("炜",)
    assert canonical_chars("乾") == ("乾",)  # a character in its own right, never folded into 干
    assert set(canonical_chars("餘")) >= {"余"}
    assert canonical_chars("A") == ("A",)


def test_is_han():
    assert is_han("中") and is_han("𠀀")
    assert not is_han("a") and not is_han("ー")


@pytest.mark.parametrize(("simplified", "traditional"), [
    ("叶剑英", "葉劍英"),  # the surname Ye is 葉, though 叶 stands on its own elsewhere
    ("曹冲", "曹沖"),      # not 衝, "to rush"
    ("阮岳", "阮岳"),      # Nguyễn Nhạc: not 嶽
    ("岳飞", "岳飛"),
    ("余秋雨", "余秋雨"),  # the surname guard still keeps 余
])
def test_names_convert_as_their_bearers_write_them(simplified: str, traditional: str):
    assert to_traditional(simplified, name=True) == traditional
