"""Generate 20-vn-provinces.tsv: Việt Nam's provinces before and after the 2025 merger, and its cities.

Facts come from two releases of the ``vietnam-provinces`` package (data of the General Statistics
Office of Việt Nam):
  * the installed release (2025.x): the 34 province-level units in force from 2025-07-01;
  * release 0.6.0 (January 2025): the 63 earlier units with their districts, from which the
    provincial cities and a few districts the news names are taken.
Which old units formed which new one is not in either release: ``MERGED_INTO`` below records it
from Resolution 202/2025/QH15 of the National Assembly (adopted 2025-06-12; the new provincial
governments took office on 2025-07-01, the day district-level units were abolished).

Run:  python lexicons/entities/make_vn_provinces.py [--old-wheel PATH]
Without --old-wheel the 0.6.0 wheel is fetched with ``pip download`` (PyPI). Output is byte-stable.
Chinese names and common English spellings are curated in 21-vn-places-names.tsv (mode=extend).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

import vietnam_provinces
from vietnam_provinces import Province

from tsvwrite import join_items, write_table

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "20-vn-provinces.tsv"
OLD_RELEASE = "0.6.0"
MERGER_SOURCE = "Resolution 202/2025/QH15"
MERGER_START, MERGER_END = "2025-07-01", "2025-06-30"

# new unit's GSO code -> GSO codes of the pre-2025 units it was formed from (Resolution 202/2025/QH15)
MERGED_INTO: dict[int, tuple[int, ...]] = {
    1: (1,), 4: (4,), 11: (11,), 12: (12,), 14: (14,), 20: (20,), 22: (22,), 38: (38,), 40: (40,),
    42: (42,), 46: (46,),
    8: (8, 2), 15: (10, 15), 19: (19, 6), 25: (25, 26, 17), 24: (27, 24), 33: (33, 34), 31: (31, 30),
    37: (37, 35, 36), 44: (45, 44), 48: (48, 49), 51: (51, 62), 52: (64, 52), 56: (56, 58),
    68: (68, 67, 60), 66: (66, 54), 79: (79, 74, 77), 75: (75, 70), 80: (72, 80), 92: (92, 94, 93),
    86: (86, 83, 84), 82: (87, 82), 96: (96, 95), 91: (89, 91),
}

# districts (huyện, thị xã) kept although their level was abolished: named in the news, on the
# border with China, or a homograph the linker must know (Trùng Khánh 重庆 vs Chongqing)
DISTRICTS: dict[int, tuple[str, ...]] = {  # pre-2025 province code -> district codenames
    1: ("huyen_soc_son",),
    2: ("huyen_dong_van", "huyen_meo_vac", "huyen_yen_minh", "huyen_vi_xuyen", "huyen_xin_man",
        "huyen_hoang_su_phi", "huyen_quan_ba"),
    4: ("huyen_trung_khanh", "huyen_ha_quang", "huyen_thach_an", "huyen_bao_lac", "huyen_bao_lam",
        "huyen_ha_lang"),
    10: ("huyen_bat_xat", "huyen_muong_khuong", "huyen_si_ma_cai", "thi_xa_sa_pa"),
    11: ("huyen_muong_nhe",),
    12: ("huyen_phong_tho", "huyen_muong_te", "huyen_sin_ho"),
    20: ("huyen_cao_loc", "huyen_van_lang", "huyen_trang_dinh", "huyen_loc_binh", "huyen_dinh_lap"),
    22: ("huyen_hai_ha", "huyen_binh_lieu", "huyen_van_don", "huyen_co_to"),
    31: ("huyen_bach_long_vi",),
    48: ("huyen_hoang_sa",),
    56: ("huyen_truong_sa",),
    77: ("huyen_con_dao",),
}
UNIT_PREFIXES = ("Thành phố ", "Thành Phố ", "Tỉnh ", "Thị xã ", "Huyện ")


def ascii_form(text: str) -> str:
    """The diacritic-free spelling English-language text often uses (``Hà Nội`` -> ``Ha Noi``)."""
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def short_name(full: str) -> str:
    for prefix in UNIT_PREFIXES:
        if full.startswith(prefix):
            return full[len(prefix):]
    return full


def slug(codename: str) -> str:
    for prefix in ("thanh_pho_", "tinh_", "thi_xa_", "huyen_"):
        if codename.startswith(prefix):
            codename = codename[len(prefix):]
            break
    return codename.replace("_", "-")


def full_alias(full: str, short: str, is_city: bool) -> list[tuple[str, str]]:
    forms = [full] if full != short else []
    forms.append(("Thành phố " if is_city else "Tỉnh ") + short)
    return [("vi", form) for form in forms]


def load_old_release(wheel: Path | None) -> list[dict]:
    if wheel is None:
        folder = Path(tempfile.mkdtemp(prefix="vietnam-provinces-"))
        subprocess.run(
            [sys.executable, "-m", "pip", "download", f"vietnam-provinces=={OLD_RELEASE}", "--no-deps",
             "--quiet", "-d", str(folder)], check=True,
        )
        wheel = next(folder.glob("*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        return json.loads(archive.read("vietnam_provinces/data/nested-divisions.json"))


def rows(old_units: list[dict]) -> list[dict[str, str]]:
    new_source = f"vietnam-provinces {vietnam_provinces.__version__} (GSO data {vietnam_provinces.__data_version__})"
    old_source = f"vietnam-provinces {OLD_RELEASE} (GSO data)"
    old_by_code = {unit["code"]: unit for unit in old_units}
    covered = sorted(code for codes in MERGED_INTO.values() for code in codes)
    if covered != sorted(old_by_code):
        raise SystemExit("MERGED_INTO does not cover each pre-2025 unit exactly once")

    new_id: dict[int, str] = {}
    old_to_new: dict[int, int] = {}
    table: list[dict[str, str]] = []
    for province in sorted(Province.iter_all(), key=lambda p: int(p.code)):
        code = int(province.code)
        members = MERGED_INTO[code]
        merged = members != (code,)
        short = short_name(province.name)
        new_id[code] = f"place:vn:{province.codename.replace('_', '-')}"
        is_city = province.division_type.value == "thành phố trung ương"
        table.append({
            "id": new_id[code], "type": "place", "vi": short, "en": ascii_form(short),
            "aliases": join_items(full_alias(province.name, short, is_city)),
            "parent": "place:vn", "valid_from": MERGER_START if merged else "",
            "source": f"{new_source}: code {code:02d}" + (f"; {MERGER_SOURCE}" if merged else ""),
        })
        for old_code in members:
            old_to_new[old_code] = code

    for unit in old_units:
        code = unit["code"]
        if MERGED_INTO.get(code) == (code,):
            continue  # unchanged by the merger: the current entity covers it
        short = short_name(unit["name"])
        table.append({
            "id": f"place:vn:pre2025:{slug(unit['codename'])}", "type": "place", "vi": short,
            "en": ascii_form(short),
            "aliases": join_items(full_alias(unit["name"], short, unit["name"].startswith("Thành phố"))),
            "parent": "place:vn", "successor": new_id[old_to_new[code]], "valid_to": MERGER_END,
            "source": f"{old_source}: code {code:02d}; {MERGER_SOURCE}",
        })

    for unit in old_units:
        province_id = new_id[old_to_new[unit["code"]]]
        for district in unit["districts"]:
            name = district["name"]
            is_city = name.startswith(("Thành phố ", "Thành Phố "))
            if not is_city and district["codename"] not in DISTRICTS.get(unit["code"], ()):
                continue
            kind = "city" if is_city else "district"
            short = short_name(name)
            table.append({
                "id": f"place:vn:{kind}:{district['short_codename'].replace('_', '-')}", "type": "place",
                "vi": short, "en": ascii_form(short), "aliases": join_items([("vi", name)]),
                "parent": province_id,
                "source": f"{old_source}: district-level unit {district['code']:03d} of province {unit['code']:02d}",
            })
    ids = [row["id"] for row in table]
    if len(ids) != len(set(ids)):
        raise SystemExit("generated ids collide")
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--old-wheel", type=Path, help=f"a local vietnam_provinces-{OLD_RELEASE} wheel")
    args = parser.parse_args()
    header = [
        "Việt Nam's province-level units: the 34 in force from 2025-07-01 (place:vn:*), the pre-2025 units",
        "merged into them (place:vn:pre2025:*, valid_to and successor), the cities that were district-level",
        "units until 2025 (place:vn:city:*) and a few districts (place:vn:district:*), parented to today's province.",
        f"Generated by make_vn_provinces.py from vietnam-provinces {vietnam_provinces.__version__} and {OLD_RELEASE}",
        "(data of the General Statistics Office of Việt Nam; the package declares no licence) and, for which",
        f"old unit became which new one, {MERGER_SOURCE}. Do not edit by hand: rerun the script.",
    ]
    write_table(OUTPUT, header, rows(load_old_release(args.old_wheel)))


if __name__ == "__main__":
    main()
