"""normalise: layers 2 and 3 together, and the properties that hold for any string."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.text.folding import fold
from toolkit.text.normalisation import normalise, normalise_counted

VIETNAMESE_LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
MARKS = "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"
vietnamese_like = st.text(
    alphabet=VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + MARKS + " .,\n\u200b\u00ad\u00f0\u043e\uff0c",
    max_size=60,
)
any_text = st.one_of(st.text(), vietnamese_like)


@pytest.mark.parametrize(
    ("text", "old", "new"),
    [
        ("Chị Thuỷ khoẻ không?", "Chị Thủy khỏe không?", "Chị Thuỷ khoẻ không?"),
        ("Hoà bình", "Hòa bình", "Hoà bình"),
        ("HOÀ BÌNH", "HÒA BÌNH", "HOÀ BÌNH"),
        ("baỏ qúy gĩư Nguyêñ", "bảo quý giữ Nguyễn", "bảo quý giữ Nguyễn"),
        # the misplaced acute moves to ê; the example drops it, which loses the tone
        ("nghíêng", "nghiếng", "nghiếng"),
        (unicodedata.normalize("NFD", "Thuỷ"), "Thủy", "Thuỷ"),
        ("\u00f0ồng Vi\u200bệt", "đồng Việt", "đồng Việt"),
        # not Vietnamese syllables: never changed
        ("Xi Jinping TP.HCM dduwowngj minhf", "Xi Jinping TP.HCM dduwowngj minhf", "Xi Jinping TP.HCM dduwowngj minhf"),
    ],
)
def test_tone_styles(text: str, old: str, new: str) -> None:
    assert normalise(text) == normalise(text, "old") == old
    assert normalise(text, "new") == new


def test_keep_style_repairs_characters_only() -> None:
    assert normalise("Thuỷ Vi\u200bệt", "keep") == "Thuỷ Việt"


def test_unknown_style_is_an_error() -> None:
    with pytest.raises(ValueError, match="tone_style"):
        normalise("x", "modern")


def test_counted_variant_agrees() -> None:
    text = "Chị Thuỷ khoẻ\u200b, hoà."
    result, counts = normalise_counted(text)
    assert result == normalise(text) == "Chị Thủy khỏe, hòa."
    assert counts == {"tone_placement": 3, "invisible": 1}


@settings(max_examples=500, deadline=None)
@given(any_text, st.sampled_from(["old", "new", "keep"]))
@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_normalise_is_idempotent_and_keeps_the_fold_key(text: str, style: str) -> None:
    once = normalise(text, style)
    assert normalise(once, style) == once
    assert fold(once) == fold(text)


@settings(max_examples=300, deadline=None)
@given(any_text)
@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_styles_convert_into_each_other(text: str) -> None:
    assert normalise(normalise(text, "new"), "old") == normalise(text, "old")
    assert normalise(normalise(text, "old"), "new") == normalise(text, "new")


def test_tone_marked_pinyin_is_left_as_written() -> None:
    from pypinyin.contrib.tone_convert import to_tone

    from toolkit.chinese.romanised import pinyin_syllables

    forms = [to_tone(s.replace("v", "ü") + str(tone)) for s in sorted(pinyin_syllables()) for tone in (1, 2, 3, 4)]
    assert len(forms) > 1500
    # liú, huì, xià: pinyin's mark is on the letter pinyin puts it on, not where Vietnamese would
    assert [f for f in forms if normalise(f) != f or normalise(f, "new") != f] == []
    assert normalise("Liú Yúnshān huì jiàn") == "Liú Yúnshān huì jiàn"


def test_a_word_that_is_also_pinyin_is_repaired_in_vietnamese_text() -> None:
    # tuí is pinyin-shaped, but a text writing letters only Vietnamese has (ủ, ô) is Vietnamese
    assert normalise("Cái tuí của tôi") == "Cái túi của tôi"
    assert normalise("hoà bình") == "hòa bình"  # no pinyin syllable: placed as ever


def test_mojibake_stays_repairable_after_normalise() -> None:
    import json

    from toolkit.decoding import repair_mojibake

    folder = Path(__file__).resolve().parent / "data" / "realtext"
    paragraphs = [json.loads(line)["text"] for path in sorted(folder.glob("vi-*.jsonl"))
                  for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    # UTF-8 read as windows-1252 (the five bytes it leaves empty kept as C1 controls)
    broken = ["".join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252")
                      for b in p.encode("utf-8")) for p in paragraphs]
    # the tone pass leaves a word inside mojibake alone (Viá»‡t, not Vía»‡t), so the repair still works
    assert [p for p, m in zip(paragraphs, broken) if normalise(repair_mojibake(normalise(m))[0]) != normalise(p)] == []
