"""Layer 2: character repairs, one behaviour per case."""

from __future__ import annotations

import unicodedata

import pytest

from toolkit.text.characters import repair_characters, repair_characters_counted

CASES = [
    # (why, input, expected)
    ("zero-width space inside a word", "Vi\u200bệt Nam", "Việt Nam"),
    ("byte order mark at the start", "\ufeffHà Nội", "Hà Nội"),
    ("soft hyphen from PDF hyphenation", "chuyể\u00adn", "chuyển"),
    ("word joiner", "Hà\u2060Nội", "HàNội"),
    ("eth for đ at a word start", "\u00f0ồng bằng \u00d0à Nẵng", "đồng bằng Đà Nẵng"),
    ("eth inside an Icelandic word stays", "Guðrún og maður", "Guðrún og maður"),
    ("Cyrillic о inside a Latin word", "c\u043en sông", "con sông"),
    ("Cyrillic capital inside a Latin word", "\u041dà Nội", "Hà Nội"),
    ("a Russian word stays Russian", "Москва и Ханой", "Москва и Ханой"),
    ("a Greek word stays Greek", "Αθήνα", "Αθήνα"),
    ("mixed word with a real Cyrillic letter stays", "abcж", "abcж"),
    ("NFD composes", unicodedata.normalize("NFD", "Nguyễn Thị Hường"), "Nguyễn Thị Hường"),
    ("tone mark typed before circumflex", "e\u0300\u0302 o\u0301\u0302 a\u0303\u0306", "ề ố ẵ"),
    ("horn after dot below", "o\u0323\u031b u\u0323\u031b", "ợ ự"),
    ("line separator", "một\u2028Quan hệ\u2029Năm", "một\nQuan hệ\nNăm"),
    ("fullwidth punctuation in Latin text", "năm\uff0c Bảng 1\uff1a nay\uff0e", "năm, Bảng 1: nay."),
    ("fullwidth digits and letters", "\uff11\uff19\uff19\uff10 \uff21\uff22", "1990 AB"),
    ("fullwidth punctuation in Han text stays", "中国\uff0c越南\uff01", "中国\uff0c越南\uff01"),
    ("fullwidth punctuation after Han and a space stays", "北京 \uff1a", "北京 \uff1a"),
    ("layout is kept", "  a\r\n\tb  c\u00a0d\n\n", "  a\r\n\tb  c\u00a0d\n\n"),
    ("ZWJ emoji sequences are kept", "👩\u200d👩\u200d👧", "👩\u200d👩\u200d👧"),
    ("plain ASCII is untouched", "TP.HCM dduwowngj", "TP.HCM dduwowngj"),
]


@pytest.mark.parametrize(("why", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_repair(why: str, text: str, expected: str) -> None:
    assert repair_characters(text) == expected


@pytest.mark.parametrize(("why", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_repair_is_idempotent(why: str, text: str, expected: str) -> None:
    assert repair_characters(repair_characters(text)) == repair_characters(text)


def test_counted_variant_agrees_and_counts_by_kind() -> None:
    text = "\ufeffVi\u200bệt c\u043en \u00f0ồng năm\uff0c"
    repaired, counts = repair_characters_counted(text)
    assert repaired == repair_characters(text) == "Việt con đồng năm,"
    assert counts == {"invisible": 2, "lookalike": 1, "eth": 1, "fullwidth": 1}


def test_counted_variant_counts_nothing_on_clean_text() -> None:
    assert repair_characters_counted("Hà Nội") == ("Hà Nội", {})


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

SUSPECTS = "\u0300\u0301\u0302\u0306\u031b\u0323\u200b\u00ad\u00f0\u00d0\u043e\u0435\u03bf\u2028\uff0c\uff21中 aeoAEOđ"


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=SUSPECTS, max_size=40)))
@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_fast_and_counted_paths_agree(text: str) -> None:
    repaired = repair_characters(text)
    assert repair_characters_counted(text)[0] == repaired
    assert repair_characters(repaired) == repaired
    assert unicodedata.is_normalized("NFC", repaired)
