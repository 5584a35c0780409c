"""hanzi → pinyin and hanzi → Hán-Việt: surnames, polyphones, places, scripts, exact keys."""

from __future__ import annotations

import pytest

from toolkit.chinese import hanviet, hanviet_keys, pinyin, pinyin_keys
from toolkit.chinese.readings import hanviet_readings, looks_like_person


@pytest.mark.parametrize(
    "hanzi, expected",
    [
        ("习近平", "Xi Jinping"),
        ("何炜", "He Wei"),
        ("王毅", "Wang Yi"),
        ("李克强", "Li Keqiang"),
        ("習近平", "Xi Jinping"),
    ],
)
def test_pinyin_of_names_is_surname_then_joined_given_name(hanzi, expected):
    assert pinyin(hanzi) == expected


@pytest.mark.parametrize(
    "hanzi, surname",
    [
        ("曾庆红", "Zeng"),
        ("单雄信", "Shan"),
        ("区家麟", "Ou"),
        ("解振华", "Xie"),
        ("仇和", "Qiu"),
        ("查良镛", "Zha"),
        ("朴槿惠", "Piao"),
        ("乐毅", "Yue"),
    ],
)
def test_surname_readings_differ_from_the_everyday_reading(hanzi, surname):
    assert pinyin(hanzi).split()[0] == surname


@pytest.mark.parametrize(
    "hanzi, expected",
    [("欧阳修", "Ouyang Xiu"), ("司马迁", "Sima Qian"), ("诸葛亮", "Zhuge Liang"), ("歐陽修", "Ouyang Xiu")],
)
def test_compound_surnames_stay_one_word(hanzi, expected):
    assert pinyin(hanzi) == expected


@pytest.mark.parametrize(
    "hanzi, expected",
    [("广州", "Guangzhou"), ("西安", "Xi'an"), ("北京", "Beijing"), ("重庆", "Chongqing"), ("天安门", "Tian'anmen")],
)
def test_place_names_are_joined_with_an_apostrophe_where_pinyin_needs_one(hanzi, expected):
    assert pinyin(hanzi) == expected


def test_kind_overrides_the_name_or_place_guess():
    assert pinyin("西安", kind="name") == "Xi An"
    assert pinyin("何炜", kind="place") == "Hewei"
    with pytest.raises(ValueError, match="kind"):
        pinyin("何炜", kind="person")


def test_non_han_text_passes_through_pinyin_and_hanviet():
    assert pinyin("Hà Nội 2025") == "Hà Nội 2025"
    assert hanviet("ASEAN") == "ASEAN"


@pytest.mark.parametrize(
    "hanzi, expected",
    [
        ("习近平", "Tập Cận Bình"),
        ("何炜", "Hà Vĩ"),
        ("苏林", "Tô Lâm"),
        ("范明政", "Phạm Minh Chính"),
        ("梁强", "Lương Cường"),
        ("陈青敏", "Trần Thanh Mẫn"),
        ("習近平", "Tập Cận Bình"),
        ("何煒", "Hà Vĩ"),
    ],
)
def test_hanviet_of_seed_people_in_either_script(hanzi, expected):
    assert hanviet(hanzi) == expected


@pytest.mark.parametrize(
    "hanzi, expected",
    [("戴秉国", "Đới Bỉnh Quốc"), ("曾庆红", "Tăng Khánh Hồng"), ("解振华", "Giải Chấn Hoa"), ("王沪宁", "Vương Hộ Ninh")],
)
def test_press_readings_of_name_characters_win_in_names(hanzi, expected):
    assert hanviet(hanzi) == expected


@pytest.mark.parametrize(
    "char, pinyin_reading, expected",
    [
        ("重", "chong2", "trùng"),
        ("重", "zhong4", "trọng"),
        ("长", "chang2", "trường"),
        ("长", "zhang3", "trưởng"),
        ("乐", "le4", "lạc"),
        ("乐", "yue4", "nhạc"),
        ("区", "ou1", "âu"),
        ("区", "qu1", "khu"),
        ("单", "shan4", "thiện"),
        ("单", "dan1", "đơn"),
    ],
)
def test_polyphones_are_chosen_by_the_pinyin(char, pinyin_reading, expected):
    assert hanviet_readings(char, pinyin_reading)[0] == expected


def test_polyphones_in_context():
    assert hanviet("重庆") == "Trùng Khánh"
    assert hanviet("长沙") == "Trường Sa"
    assert hanviet("音乐") == "Âm Nhạc"


def test_person_or_place_guess():
    assert looks_like_person("何炜")
    assert not looks_like_person("广州")
    assert not looks_like_person("新疆")  # a known place, although 新 is a surname
    assert not looks_like_person("中华人民共和国")


def test_exact_keys_live_in_the_fold_space():
    assert pinyin_keys("何炜") == ("he wei",)
    assert pinyin_keys("习近平") == ("xi jin ping", "xi jinping")
    assert hanviet_keys("何炜") == ("ha vi",)
    assert hanviet_keys("习近平") == ("tap can binh",)


def test_hanviet_keys_keep_every_press_spelling_of_a_name():
    assert set(hanviet_keys("武文赏")) == {"vu van thuong", "vo van thuong"}
    assert hanviet_keys("黄明政")[0] == "hoang minh chinh"
    assert "huynh minh chinh" in hanviet_keys("黄明政")


def test_keys_of_text_without_han_are_empty():
    assert pinyin_keys("Ha Vi") == ()
    assert hanviet_keys("") == ()


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from toolkit.chinese import hanviet_candidates  # noqa: E402

_MIXED = st.text(alphabet=st.one_of(st.characters(), st.sampled_from("何炜习近平曾单区重乐長樂𠀀〇 ·-'")), max_size=10)


@settings(max_examples=200, deadline=None)
@given(_MIXED)
def test_readings_never_crash_on_any_text(text):
    for function in (pinyin, hanviet):
        out = function(text)
        assert isinstance(out, str)
    assert all(isinstance(k, str) for k in pinyin_keys(text) + hanviet_keys(text))
    assert all(0 < p <= 1 for _, p in hanviet_candidates(text, k=3))


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="何炜习近平王毅李强梁苏林范明政陈青敏北京广西", min_size=1, max_size=5))
def test_every_han_character_gets_one_capitalised_hanviet_syllable(text):
    syllables = hanviet(text).split()
    assert len(syllables) == len(text)
    assert all(s[0].isupper() for s in syllables)


@pytest.mark.parametrize(("hanzi", "reading"), [
    ("张高丽", "Trương Cao Lệ"),    # 高丽 alone is Cao Ly (Goryeo); in a given name 丽 is lệ
    ("令计划", "Lệnh Kế Hoạch"),
    ("张允", "Trương Doãn"),
    ("周恩来", "Chu Ân Lai"),       # 周 is chu first, châu too (周星驰 = Châu Tinh Trì)
    ("蔡奇", "Thái Kỳ"),
])
def test_press_readings_of_name_characters(hanzi: str, reading: str):
    from toolkit import hanviet, match

    assert hanviet(hanzi, "name") == reading
    assert match("周星驰", "Châu Tinh Trì").same and match("蔡锷", "Sái Ngạc").same


@pytest.mark.parametrize(("hanzi", "expected"), [
    ("王岐山", "Wang Qishan"), ("刘云山", "Liu Yunshan"), ("李长江", "Li Changjiang"),  # people, though 山 and 江 end places
    ("马鞍山", "Ma'anshan"), ("黄山", "Huangshan"), ("张家界", "Zhangjiajie"),          # places the lexicon knows
])
def test_default_pinyin_tells_a_name_ending_like_a_place_from_a_place(hanzi: str, expected: str):
    from toolkit import pinyin

    assert pinyin(hanzi) == expected
