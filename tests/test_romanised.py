"""romanised_syllables: pinyin, Wade-Giles, Hong Kong / Taiwan spellings and exceptions -> pinyin."""

from __future__ import annotations

import csv

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.chinese.romanised import (
    is_pinyin_syllable,
    pinyin_syllables,
    romanised_syllables,
    scored_romanised_syllables,
    wade_giles_table,
)
from toolkit.resources import lexicon_path

ROMANISATION = lexicon_path("chinese", "romanisation")


def _tsv_rows(name: str) -> list[dict[str, str]]:
    with (ROMANISATION / name).open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


# --------------------------------------------------------------------------- the inventory


def test_inventory_is_the_standard_syllabary():
    syllables = pinyin_syllables()
    assert 395 <= len(syllables) <= 420
    for common in ("a", "xi", "jin", "ping", "zhuang", "shuang", "lv", "nve", "er", "yi", "wu", "yu"):
        assert common in syllables
    # interjections and readings only rare characters have would split names wrongly
    for noise in ("m", "n", "ng", "hm", "hng", "wong", "bong", "ê"):
        assert noise not in syllables


def test_is_pinyin_syllable():
    assert is_pinyin_syllable("zhang")
    assert is_pinyin_syllable("Zhāng")
    assert is_pinyin_syllable("lü") and is_pinyin_syllable("lv")
    assert not is_pinyin_syllable("zhangwei")
    assert not is_pinyin_syllable("hsiao")
    assert not is_pinyin_syllable("ng")
    assert not is_pinyin_syllable("")
    assert not is_pinyin_syllable("xi an")


# --------------------------------------------------------------------------- pinyin


def test_joined_given_name():
    assert romanised_syllables("Jinping") == [["jin", "ping"]]


def test_xian_is_one_syllable_or_two():
    assert romanised_syllables("Xian") == [["xian"], ["xi", "an"]]


@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "\u2018", "\u02bc", "`"])
def test_apostrophe_separates_pinyin_syllables(apostrophe):
    assert romanised_syllables(f"Xi{apostrophe}an") == [["xi", "an"]]


def test_full_name():
    assert romanised_syllables("Xi Jinping") == [["xi", "jin", "ping"]]


@pytest.mark.parametrize("text", ["XiJinping", "xijinping", "XIJINPING", "Xi  Jinping", "xi-jinping"])
def test_joined_and_cased_forms(text):
    assert ["xi", "jin", "ping"] in romanised_syllables(text)
    assert romanised_syllables(text)[0] == ["xi", "jin", "ping"]


@pytest.mark.parametrize("text", ["Xí Jìnpíng", "xi2 jin4 ping2", "Xi2 Jin4ping2", "XÍ JÌNPÍNG", "xi5 jin0 ping1"])
def test_tone_marks_and_numbers(text):
    assert romanised_syllables(text) == [["xi", "jin", "ping"]]


def test_tone_marks_mean_pinyin_only():
    # untoned "Chang" may be Wade-Giles for zhang; a tone mark says it is pinyin
    assert ["zhang"] in romanised_syllables("Chang")
    assert romanised_syllables("Cháng") == [["chang"]]
    assert romanised_syllables("chang2") == [["chang"]]


def test_one_tone_mark_per_syllable_splits():
    assert romanised_syllables("Xīān") == [["xi", "an"]]
    assert romanised_syllables("Xiān") == [["xian"], ["xi", "an"]]


def test_umlaut_spellings():
    assert romanised_syllables("Lü") == [["lv"]]
    assert romanised_syllables("Lǚ Xùn") == [["lv", "xun"]]
    assert romanised_syllables("Lyu") == [["lv"]]
    assert romanised_syllables("Lu") == [["lu"], ["lv"]]
    assert romanised_syllables("nüe")[0] == ["nve"]


def test_pinyin_split_needing_an_apostrophe_ranks_after():
    assert romanised_syllables("Tiananmen")[0] == ["tian", "an", "men"]
    assert romanised_syllables("Guangzhou") == [["guang", "zhou"], ["gu", "ang", "zhou"]]
    assert romanised_syllables("Fangan")[0] == ["fan", "gan"]


def test_pinyin_names_do_not_get_wade_giles_readings_inside_joined_words():
    assert romanised_syllables("Hu Jintao")[0] == ["hu", "jin", "tao"]
    assert all(reading[2] != "dao" for reading in romanised_syllables("Hu Jintao"))


# --------------------------------------------------------------------------- Wade-Giles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tse-tung", ["ze", "dong"]),
        ("Mao Tse-tung", ["mao", "ze", "dong"]),
        ("Teng Hsiao-p'ing", ["deng", "xiao", "ping"]),
        ("Teng Hsiao-p\u2019ing", ["deng", "xiao", "ping"]),
        ("Chou En-lai", ["zhou", "en", "lai"]),
        ("Chiang Ching-kuo", ["jiang", "jing", "guo"]),
        ("Lee Teng-hui", ["li", "deng", "hui"]),
        ("Kaohsiung", ["gao", "xiong"]),
    ],
)
def test_wade_giles_best_reading(text, expected):
    assert romanised_syllables(text)[0] == expected


def test_wade_giles_without_apostrophes_keeps_the_aspirated_reading():
    readings = romanised_syllables("Teng Hsiao-ping")
    assert ["deng", "xiao", "ping"] in readings
    assert ["deng", "xiao", "bing"] in readings  # strict Wade-Giles: unaspirated p is b


def test_wade_giles_umlaut_and_its_absence():
    assert romanised_syllables("Hsü")[0] == ["xu"]
    assert ["xu"] in romanised_syllables("Hsu")
    assert romanised_syllables("Yü")[0] == ["yu"]
    assert romanised_syllables("Yu-lan") == [["you", "lan"], ["yu", "lan"]]  # WG yu is you; yü written yu
    assert romanised_syllables("ch'üeh") == [["que"]]
    assert romanised_syllables("Jên")[0] == ["ren"]  # ê written with a circumflex


def test_hyphenated_wade_giles_pieces_are_single_syllables():
    # "Hsiao" inside a hyphenated given name is one syllable, never xi-ao
    for reading in romanised_syllables("Teng Hsiao-p'ing"):
        assert len(reading) == 3


@pytest.mark.parametrize(("pinyin", "wade_giles"), wade_giles_table())
def test_every_wade_giles_spelling_reads_back(pinyin, wade_giles):
    assert [pinyin] in romanised_syllables(wade_giles)
    loose = wade_giles.replace("'", "").replace("ü", "u")
    assert [pinyin] in romanised_syllables(loose)


def test_every_pinyin_syllable_reads_as_itself():
    for syllable in sorted(pinyin_syllables()):
        readings = romanised_syllables(syllable)
        assert readings[0] == [syllable], syllable


# --------------------------------------------------------------------------- Hong Kong and Taiwan


@pytest.mark.parametrize(
    ("spelling", "pinyin"),
    [
        ("Chan", "chen"),
        ("Wong", "huang"),
        ("Wong", "wang"),
        ("Cheung", "zhang"),
        ("Lau", "liu"),
        ("Ng", "wu"),
        ("Tsang", "zeng"),
        ("Leung", "liang"),
        ("Tsai", "cai"),
        ("Hsieh", "xie"),
        ("Chang", "zhang"),
        ("Chang", "chang"),
        ("Lai", "lai"),
        ("Hou", "hou"),
        ("Szeto", "si tu"),
        ("Kwok", "guo"),
    ],
)
def test_surname_spellings(spelling, pinyin):
    assert pinyin.split() in romanised_syllables(spelling)


@pytest.mark.parametrize(
    ("spelling", "best"),
    [("Cheung", "zhang"), ("Lau", "liu"), ("Ng", "wu"), ("Tsang", "zeng"), ("Leung", "liang"), ("Tsai", "cai"), ("Hsieh", "xie")],
)
def test_surname_spellings_that_are_not_pinyin_read_as_the_surname_first(spelling, best):
    assert romanised_syllables(spelling)[0] == [best]


def test_hong_kong_full_name():
    readings = romanised_syllables("Chan Kin-man")
    assert readings[0][:2] == ["chen", "jian"]
    assert ["chen", "jian", "wen"] in readings


def test_surname_spellings_only_match_a_whole_piece():
    # "ng" is the surname Ng (wu), never the tail of "Wang"
    assert romanised_syllables("Wang") == [["wang"]]


@pytest.mark.parametrize("table", ["surnames.tsv", "given_syllables.tsv"])
def test_regional_table_rows_read_back(table):
    rows = _tsv_rows(table)
    assert rows
    for row in rows:
        assert row["pinyin"].split() in romanised_syllables(row["spelling"]), row


def test_hong_kong_given_name_syllables():
    assert romanised_syllables("Tsang Yam-kuen")[0] == ["zeng", "ren", "juan"]
    assert ["sun", "ri", "sen"] in romanised_syllables("Sun Yat-sen")  # regular reading, after the exception


# --------------------------------------------------------------------------- exceptions


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("Chiang Kai-shek", "jiang jie shi"),
        ("Sun Yat-sen", "sun yi xian"),
        ("Kuomintang", "guo min dang"),
        ("Peking", "bei jing"),
        ("Canton", "guang zhou"),
        ("Hong Kong", "xiang gang"),
        ("chiang kai shek", "jiang jie shi"),
        ("ChiangKaishek", "jiang jie shi"),
        ("Tsai Ing-wen", "cai ying wen"),
        ("Hou Yu-ih", "hou you yi"),
    ],
)
def test_exceptions_come_first(text, best):
    assert romanised_syllables(text)[0] == best.split()


def test_exception_with_two_readings_and_a_different_name_is_not_a_reading():
    assert romanised_syllables("Canton")[:2] == [["guang", "zhou"], ["guang", "dong"]]
    assert ["sun", "zhong", "shan"] not in romanised_syllables("Sun Yat-sen")


def test_exception_inside_a_longer_name():
    assert romanised_syllables("Generalissimo Chiang Kai-shek") == []  # not a Chinese name
    assert romanised_syllables("Chiang Kai-shek")[0] == ["jiang", "jie", "shi"]


def test_every_exception_row_has_a_source_and_reads_back():
    rows = _tsv_rows("exceptions.tsv")
    assert len(rows) >= 20
    for row in rows:
        assert row["source"].strip(), row
        assert row["pinyin"].split() in romanised_syllables(row["spelling"]), row


# --------------------------------------------------------------------------- garbage and limits


@pytest.mark.parametrize("text", ["", "   ", "---", "'''", "@#!", "习近平", "Xi Jinping 习近平", "Москва", "Smith", "xyz", "q"])
def test_unreadable_input_gives_nothing(text):
    assert romanised_syllables(text) == []


def test_limit_bounds_the_readings():
    text = "an" * 20
    assert len(romanised_syllables(text)) == 32
    assert len(romanised_syllables(text, limit=5)) == 5
    assert romanised_syllables(text, limit=0) == []
    assert romanised_syllables("x" * 5000) == []


def test_non_string_is_a_type_error():
    with pytest.raises(TypeError):
        romanised_syllables(None)  # type: ignore[arg-type]


def test_scored_readings_rank_in_order():
    scored = scored_romanised_syllables("Xian")
    assert [syllables for syllables, _ in scored] == romanised_syllables("Xian")
    penalties = [penalty for _, penalty in scored]
    assert penalties[0] == 0.0 and penalties == sorted(penalties) and penalties[1] > 0


def test_results_are_fresh_lists():
    first = romanised_syllables("Xi Jinping")
    first[0].append("junk")
    assert romanised_syllables("Xi Jinping") == [["xi", "jin", "ping"]]


_NAME_LIKE = st.text(
    alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCHKLMNPSTWXYZ '-’`12345üāáǎàéīíǐìōóūú\u0301\u0308")),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), _NAME_LIKE))
def test_never_raises_and_returns_pinyin(text):
    readings = romanised_syllables(text)
    assert isinstance(readings, list)
    syllables = pinyin_syllables()
    for reading in readings:
        assert reading and all(s in syllables for s in reading)
    assert romanised_syllables(text) == readings  # pure: same answer twice
