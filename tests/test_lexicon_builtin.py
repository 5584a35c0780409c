"""The shipped lexicons: size, provenance, structure, the 2025 merger, homographs, and the seed articles' entities."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from toolkit.lexicon import Lexicon, builtin_paths
from toolkit.lexicon.model import needs_cue
from toolkit.lexicon.tsv import read_rows
from toolkit.resources import lexicon_path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.builtin()


def ids(entities) -> list[str]:
    return [entity.id for entity in entities]


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_builtin_has_at_least_800_entities_of_every_type(lexicon):
    assert len(lexicon) >= 800
    assert all(count > 0 for count in lexicon.counts().values())


def test_every_builtin_row_has_a_source_and_every_file_says_where_it_comes_from():
    paths = builtin_paths()
    assert len(paths) >= 8
    for path in paths:
        rows = read_rows(path)
        assert rows, path
        assert all(row.sources and row.sources[0].strip() for row in rows), path
        assert path.read_text(encoding="utf-8").startswith("# "), f"{path.name} lacks a header comment"


def test_builtin_ids_are_unique_and_defined_once(lexicon):
    defining_rows = [row.id for path in builtin_paths() for row in read_rows(path) if row.mode == ""]
    assert len(defining_rows) == len(set(defining_rows)) == len(lexicon)


def test_builtin_parents_and_successors_resolve(lexicon):
    for entity in lexicon:
        for target in (entity.parent, entity.successor):
            assert target is None or target in lexicon, entity.id


def test_generated_countries_table_is_reproducible(tmp_path):
    import babel

    table = lexicon_path("entities", "10-countries.tsv")
    if f"babel {babel.__version__}." not in table.read_text(encoding="utf-8").split("\nid\t", 1)[0]:
        pytest.skip(f"10-countries.tsv was generated with another babel than {babel.__version__}")
    script = lexicon_path("entities", "make_countries.py")
    sys.path.insert(0, str(script.parent))
    try:
        spec = importlib.util.spec_from_file_location("make_countries", script)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.OUTPUT = tmp_path / "countries.tsv"
        module.main()
    finally:
        sys.path.remove(str(script.parent))
    assert module.OUTPUT.read_bytes() == table.read_bytes()


def test_countries_in_three_languages_with_exonyms(lexicon):
    for name in ("Việt Nam", "Vietnam", "Viet Nam", "越南"):
        assert ids(lexicon.lookup(name)) == ["place:vn"], name
    for name in ("China", "PRC", "Trung Quốc", "Trung Hoa", "中国", "中华人民共和国"):
        assert ids(lexicon.lookup(name)) == ["place:cn"], name
    for name in ("US", "USA", "Hoa Kỳ", "Mỹ", "美国", "United States"):
        assert ids(lexicon.lookup(name)) == ["place:us"], name


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_vietnamese_provinces_34_current_and_63_before_the_merger(lexicon):
    from vietnam_provinces import Province

    current = [e for e in lexicon.by_type("place") if e.parent == "place:vn" and e.valid_to is None]
    assert len(current) == 34
    for province in Province.iter_all():
        entity = lexicon.get(f"place:vn:{province.codename.replace('_', '-')}")
        assert entity is not None and entity in current, province.name
        assert province.name.endswith(entity.name("vi"))
        assert entity.name("zh"), f"{entity.id} lacks a Chinese name"
    merged_away = [e for e in lexicon if e.id.startswith("place:vn:pre2025:")]
    unchanged = [e for e in current if e.valid_from is None]
    assert len(merged_away) == 52 and len(unchanged) == 11
    assert len(merged_away) + len(unchanged) == 63
    for old in merged_away:
        assert str(old.valid_to) == "2025-06-30"
        assert lexicon.get(old.successor) in current
    assert lexicon.get("place:vn:pre2025:ha-giang").successor == "place:vn:tuyen-quang"
    assert lexicon.get("place:vn:pre2025:ba-ria-vung-tau").successor == "place:vn:ho-chi-minh"


def test_vietnamese_places_answer_to_their_english_and_chinese_names(lexicon):
    assert "place:vn:ha-noi" in ids(lexicon.lookup("Hanoi"))
    assert "place:vn:ha-noi" in ids(lexicon.lookup("河内"))
    for name in ("Ho Chi Minh City", "HCMC", "Saigon", "Sài Gòn", "胡志明市"):
        assert "place:vn:ho-chi-minh" in ids(lexicon.lookup(name)), name
    assert "place:vn:da-nang" in ids(lexicon.lookup("Da Nang"))
    assert "place:vn:da-nang" in ids(lexicon.lookup("岘港"))
    for gate in ("Cửa khẩu Hữu Nghị", "Cửa khẩu Móng Cái", "Cửa khẩu Lào Cai", "Cửa khẩu Tà Lùng"):
        (entity,) = lexicon.lookup(gate)
        assert entity.id.startswith("place:vn:gate:") and lexicon.get(entity.parent).parent == "place:vn"


def test_chinas_34_province_level_divisions(lexicon):
    provinces = [e for e in lexicon if e.parent == "place:cn" and e.id.count(":") == 2]
    assert len(provinces) == 31
    assert {"place:hk", "place:mo", "place:tw"} <= {e.id for e in lexicon}
    guangxi = lexicon.get("place:cn:guangxi")
    assert (guangxi.name("vi"), guangxi.name("en"), guangxi.name("zh")) == ("Quảng Tây", "Guangxi", "广西")


def test_border_cities_and_gates_on_the_chinese_side(lexicon):
    for zh, en, vi in [("凭祥", "Pingxiang", "Bằng Tường"), ("东兴", "Dongxing", "Đông Hưng"),
                       ("河口", "Hekou", "Hà Khẩu"), ("南宁", "Nanning", "Nam Ninh"), ("昆明", "Kunming", "Côn Minh")]:
        # counties elsewhere share some of these names (东兴区 in Sichuan, 河口区 in Shandong): they
        # are small units of the generated gazetteer, linked only with a cue
        (by_zh,) = [entity for entity in lexicon.lookup(zh) if not needs_cue(entity.id)]
        assert by_zh.name("en") == en and by_zh.name("vi") == vi
    assert ids(lexicon.lookup("友谊关")) == ["place:cn:gate:youyiguan"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("太原", {"place:cn:taiyuan", "place:vn:thai-nguyen"}),
        ("重庆", {"place:cn:chongqing", "place:vn:district:trung-khanh"}),
        ("He Wei", {"person:cn:he-wei-ambassador", "person:cn:he-wei-cppcc"}),
    ],
)
def test_homographs_are_kept_as_distinct_entities_and_reported(lexicon, name, expected):
    assert expected <= set(ids(lexicon.lookup(name)))
    reported = {a.key: set(a.entity_ids) for a in lexicon.ambiguities}
    assert expected <= reported[name.casefold()]


def test_chinese_people_store_the_characters_and_vietnamese_people_the_diacritics(lexicon):
    xi = lexicon.get("person:cn:xi-jinping")
    assert (xi.name("zh"), xi.name("en"), xi.name("vi")) == ("习近平", "Xi Jinping", None)
    to_lam = lexicon.get("person:vn:to-lam")
    assert (to_lam.name("vi"), to_lam.name("en"), to_lam.name("zh")) == ("Tô Lâm", "To Lam", "苏林")
    assert lexicon.get("person:cn:he-wei-ambassador").name("zh") == "何炜"
    assert lexicon.get("person:cn:he-wei-cppcc").name("zh") == "何维"


# names exactly as the seed articles write them (quotation marks left out), and the entity each must reach
SEED_NAMES: dict[str, str] = {
    "Việt Nam": "place:vn",
    "Vietnam": "place:vn",
    "China": "place:cn",
    "Hà Nội": "place:vn:ha-noi",
    "HÀ NỘI": "place:vn:ha-noi",
    "Sóc Sơn": "place:vn:district:soc-son",
    "Beijing": "place:cn:beijing",
    "BEIJING": "place:cn:beijing",
    "Southeast Asia": "place:region:035",
    "He Wei": "person:cn:he-wei-ambassador",
    "Ha Vi": "person:cn:he-wei-ambassador",
    "Xi Jinping": "person:cn:xi-jinping",
    "Shi Zhongjun": "person:cn:shi-zhongjun",
    "Tô Lâm": "person:vn:to-lam",
    "Wang Yi": "person:cn:wang-yi",
    "Lương Cường": "person:vn:luong-cuong",
    "Phạm Minh Chính": "person:vn:pham-minh-chinh",
    "Trần Thanh Mẫn": "person:vn:tran-thanh-man",
    "Ho Chi Minh": "person:vn:ho-chi-minh",
    "Communist Party of China": "org:cn:cpc",
    "CPC": "org:cn:cpc",
    "Communist Party of Việt Nam": "org:vn:cpv",
    "National Assembly": "org:vn:national-assembly",
    "VNA": "org:vn:vna",
    "Vietnam News Agency": "org:vn:vna",
    "VNS": "org:vn:vns",
    "ASEAN": "org:asean",
    "ASEAN-China Centre": "org:asean:acc",
    "ACC": "org:asean:acc",
    "Chinese Customs": "org:cn:gacc",
    "Belt and Road": "other:bri",
    "Belt and Road Initiative": "other:bri",
    "Two Corridors, One Belt": "other:two-corridors-one-belt",
    "China – Indochina Peninsula Economic Corridor": "other:china-indochina-corridor",
    "new western land - sea route": "other:new-western-land-sea-corridor",
    "China-ASEAN Free Trade Area 3.0": "other:acfta",
    "Regional Comprehensive Economic Partnership": "other:rcep",
    "RCEP": "other:rcep",
    "Comprehensive Strategic Cooperative Partnership": "other:comprehensive-strategic-cooperative-partnership",
    "Việt Nam -China community with a shared future": "other:community-shared-future-vn-cn",
    "China – Việt Nam community with a shared future": "other:community-shared-future-vn-cn",
    "Việt Nam–China Year of Humanistic Exchange": "other:year-humanistic-exchange-2025",
    "Year of Việt Nam - China Humanistic Exchange": "other:year-humanistic-exchange-2025",
    "Year of China – Việt Nam Humanistic Exchange": "other:year-humanistic-exchange-2025",
    "ASEAN - China Cultural Exchange Year": "other:asean-china-cultural-exchange-year",
    "Red Journey": "other:red-journey",
    "3+3 Strategic Dialogue Mechanism": "other:3-plus-3-strategic-dialogue",
    "14th National Party Congress": "other:cpv-14th-congress",
    "China's 14th Five-Year Plan": "other:cn-14th-five-year-plan",
    "15th five-year plan": "other:cn-15th-five-year-plan",
    "Indochina Peninsula": "other:indochina-peninsula",
}


@pytest.fixture(scope="module")
def seed_text() -> str:
    paths = sorted(SEEDS.glob("*.txt"))
    if len(paths) != 4:
        pytest.skip("the four seed articles are not in seeds/")
    return "\n".join(path.read_text(encoding="utf-8").replace('"', "") for path in paths)


@pytest.mark.parametrize("name", sorted(SEED_NAMES))
def test_every_seed_entity_resolves_by_exact_name_or_alias(lexicon, seed_text, name):
    assert name in seed_text, f"{name!r} is not written that way in the seeds"
    assert SEED_NAMES[name] in ids(lexicon.lookup(name))


def test_lookup_on_a_date_picks_the_unit_in_force_then(lexicon):
    from datetime import date

    assert ids(lexicon.lookup("Tỉnh Lào Cai", on=date(2025, 1, 1))) == ["place:vn:pre2025:lao-cai"]
    assert ids(lexicon.lookup("Tỉnh Lào Cai", on=date(2025, 8, 1))) == ["place:vn:lao-cai"]
    assert ids(lexicon.lookup("Hà Giang", on=date(2025, 8, 1))) == ["place:vn:city:ha-giang"]
    assert len(lexicon.lookup("Tỉnh Lào Cai")) == 2
