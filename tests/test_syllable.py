from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.vietnamese import Syllable, Tone, is_syllable, parse_syllable
from toolkit.vietnamese.letters import DECOMPOSE
from toolkit.vietnamese.tones import place_token_tone


@pytest.mark.parametrize(
    ("token", "onset", "medial", "nucleus", "coda", "tone"),
    [
        ("hòa", "h", "o", "a", "", Tone.GRAVE),
        ("hoà", "h", "o", "a", "", Tone.GRAVE),
        ("thủy", "th", "u", "y", "", Tone.HOOK),
        ("quý", "qu", "", "y", "", Tone.ACUTE),
        ("quốc", "qu", "", "ô", "c", Tone.ACUTE),
        ("quyết", "qu", "", "yê", "t", Tone.ACUTE),
        ("giữ", "gi", "", "ư", "", Tone.TILDE),
        ("giữa", "gi", "", "ưa", "", Tone.TILDE),
        ("già", "gi", "", "a", "", Tone.GRAVE),
        ("gìn", "g", "", "i", "n", Tone.GRAVE),
        ("gì", "g", "", "i", "", Tone.GRAVE),
        ("nghiêng", "ngh", "", "iê", "ng", Tone.NONE),
        ("người", "ng", "", "ươ", "i", Tone.GRAVE),
        ("khuya", "kh", "u", "ya", "", Tone.NONE),
        ("khuỷu", "kh", "u", "y", "u", Tone.HOOK),
        ("thuở", "th", "u", "ơ", "", Tone.HOOK),
        ("yêu", "", "", "yê", "u", Tone.NONE),
        ("ưu", "", "", "ư", "u", Tone.NONE),
        ("hươu", "h", "", "ươ", "u", Tone.NONE),
        ("của", "c", "", "ua", "", Tone.HOOK),
        ("mía", "m", "", "ia", "", Tone.ACUTE),
        ("hoặc", "h", "o", "ă", "c", Tone.DOT),
        ("thuận", "th", "u", "â", "n", Tone.DOT),
        ("xoong", "x", "", "oo", "ng", Tone.NONE),
        ("oà", "", "o", "a", "", Tone.GRAVE),
        ("đường", "đ", "", "ươ", "ng", Tone.GRAVE),
    ],
)
def test_parts(token, onset, medial, nucleus, coda, tone):
    syllable = parse_syllable(token)
    assert syllable is not None
    assert (syllable.onset, syllable.medial, syllable.nucleus, syllable.coda) == (onset, medial, nucleus, coda)
    assert syllable.tone is tone
    assert syllable.letters == onset + medial + nucleus + coda


@pytest.mark.parametrize(
    ("token", "case"),
    [("nguyễn", "lower"), ("NGUYỄN", "upper"), ("Nguyễn", "title"), ("nGuyễN", "mixed")],
)
def test_case_is_recorded_and_parts_are_lower(token, case):
    syllable = parse_syllable(token)
    assert syllable.case == case
    assert syllable.text == token
    assert (syllable.onset, syllable.medial, syllable.nucleus, syllable.coda) == ("ng", "u", "yê", "n")


def test_single_capital_vowel_is_upper():
    assert parse_syllable("Ô").case == "upper"
    assert parse_syllable("ô").case == "lower"


def test_nfd_input_parses_like_nfc():
    for word in ("Nguyễn", "khuỷu", "QUỐC", "giữa"):
        nfd = unicodedata.normalize("NFD", word)
        assert nfd != word
        assert parse_syllable(nfd) == parse_syllable(word)


def test_misplaced_and_doubled_marks_still_parse():
    assert parse_syllable("baỏ").tone is Tone.HOOK
    assert parse_syllable("Nguyêñ").tone is Tone.TILDE
    assert parse_syllable("chíếu").tone is Tone.ACUTE  # the same mark typed twice
    assert parse_syllable("cưỡì") is None  # two different tones: not one syllable


@pytest.mark.parametrize(
    "token",
    [
        "", " ", "Jinping", "Zhongjun", "dduwowngj", "minhf", "veef", "thees", "TP.HCM", "Hanoi", "strong",
        "cafe", "café", "kan", "ka", "ghà", "ngía", "cí", "quu", "ìên", "iên", "Zhōngguó", "běi",
        "bàc", "hàt", "bước1", "xyz", "q", "ng", "hoà ", "hoà-bình", "aă",
    ],
)
def test_not_syllables(token):
    # "kan"/"ka", "ghà", "ngía", "cí": c/k and g/gh/ng/ngh are spelled by the following vowel;
    # "bàc"/"hàt": a syllable closed by p/t/c/ch only takes sắc or nặng.
    assert not is_syllable(token)
    assert parse_syllable(token) is None


def test_spelling_pairs_that_are_syllables():
    for token in ("ca", "ki", "ghế", "nghĩa", "ngà", "gà", "kiếm", "quá", "hòan"):
        assert is_syllable(token), token


def test_stop_codas_take_only_acute_or_dot():
    assert is_syllable("hát") and is_syllable("hạt") and is_syllable("bác")
    assert not is_syllable("hạt".replace("ạ", "à"))


def test_is_syllable_ignores_non_strings():
    assert parse_syllable(None) is None  # type: ignore[arg-type]


def test_syllable_is_frozen_and_hashable():
    syllable = parse_syllable("Hòa")
    assert isinstance(syllable, Syllable)
    with pytest.raises(AttributeError):
        syllable.onset = "x"  # type: ignore[misc]
    assert hash(syllable) == hash(parse_syllable("Hòa"))


@pytest.mark.parametrize(
    ("token", "old", "new"),
    [("hòa", 1, 2), ("thủy", 2, 3), ("khỏe", 2, 3), ("hoàn", 2, 2), ("quý", 2, 2), ("người", 3, 3), ("của", 1, 1)],
)
def test_tone_position_by_style(token, old, new):
    syllable = parse_syllable(token)
    assert syllable.tone_position("old") == old
    assert syllable.tone_position("new") == new


def test_placed_spelling_by_style():
    syllable = parse_syllable("HOÀ")
    assert place_token_tone(syllable.text, "old") == "HÒA"
    assert place_token_tone(syllable.text, "new") == "HOÀ"
    assert place_token_tone(parse_syllable("Nguyêñ").text, "new") == "Nguyễn"


def test_inventory_from_gonhanh_parses(shared_external):
    path = shared_external / "gonhanh" / "core" / "tests" / "data" / "vietnamese_telex_pairs.txt"
    syllables = {line.rstrip("\n").split("\t")[1] for line in path.read_text(encoding="utf-8").splitlines()}
    assert len(syllables) == 6600
    # entries of the list that are not Vietnamese syllables, and why
    not_vietnamese = {
        "9": "a digit",
        "v": "a letter name",
        "tout": "French",
        "email": "English",
        "gram": "loanword with a consonant cluster",
        "ping": "loanword: -ing is written -inh in Vietnamese",
        "tivi": "two syllables (ti-vi) run together",
        "gip": "loanword: g before i is written gh",
        "gen": "loanword: g before e is written gh",
        "ka": "loanword: k before a is written c",
        "têt": "untoned syllable closed by t",
        "xit": "untoned syllable closed by t",
    }
    rejected = {word for word in syllables if parse_syllable(word) is None}
    assert rejected == set(not_vietnamese)
    # qu with the glide o written too is Vietnamese (quoàng, quoạng, quoắt), and its marks are placed
    assert {"quoàng", "quoạng", "quoắt"} <= syllables


_letters = st.text(
    alphabet=st.one_of(
        st.sampled_from("aăâeêioôơuưyAĂÂEÊIOÔƠUƯYbcdđghklmnpqrstvxĐGHNQ"),
        st.sampled_from("àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵñṇ"),
        st.characters(),
    ),
    max_size=9,
)


@settings(max_examples=500, deadline=None)
@given(_letters)
@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_parse_properties(token):
    syllable = parse_syllable(token)
    if syllable is None:
        return
    assert syllable.text == unicodedata.normalize("NFC", token)
    toneless = "".join(DECOMPOSE[char][0] for char in syllable.text).lower()
    assert syllable.letters == toneless
    assert syllable.nucleus  # every syllable has a vowel nucleus
    for style in ("old", "new"):
        position = syllable.tone_position(style)
        assert len(syllable.onset) <= position < len(syllable.onset + syllable.medial + syllable.nucleus)
        assert syllable.letters[position] in "aăâeêioôơuưy"
