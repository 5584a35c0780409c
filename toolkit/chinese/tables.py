"""The Chinese-side data tables of ``lexicons/chinese/``, each loaded once, on first use.

Every loader is a cached pure function of the shipped files, so a pickled object that refers to
them carries nothing but the function's name, and a worker process loads its own copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from toolkit.resources import lexicon_path
from toolkit.tables import TableError, read_tsv

ROLES = ("surname", "given")


# the one table error and reader (toolkit.tables), under the names this module has exported
ChineseTableError = TableError
_rows = read_tsv


@cache
def _readings_file() -> tuple[dict[str, dict[str, tuple[str, ...]]], frozenset[str]]:
    table: dict[str, dict[str, tuple[str, ...]]] = {}
    own_entries: set[str] = set()
    path = lexicon_path("chinese", "hanviet_readings.tsv")
    for number, (char, pinyin, readings, source) in read_tsv(path, ("char", "pinyin", "readings", "source")):
        if len(char) != 1 or not readings:
            raise TableError("expected one character and at least one reading", path, number)
        table.setdefault(char, {})[pinyin] = tuple(readings.split(","))
        if source == "hpw":
            own_entries.add(char)
    return table, frozenset(own_entries)


def readings_table() -> dict[str, dict[str, tuple[str, ...]]]:
    """character -> numbered pinyin (or ``*``) -> Hán-Việt readings, preferred first."""
    return _readings_file()[0]


def own_entry_chars() -> frozenset[str]:
    """Characters the traditional-keyed source lists under their own form (余, 干, 范 — not 宝)."""
    return _readings_file()[1]


@dataclass(frozen=True, slots=True)
class Variants:
    simplified: str
    traditional: str


@cache
def variants_table() -> dict[str, Variants]:
    path = lexicon_path("chinese", "variants.tsv")
    return {char: Variants(simp, trad) for _, (char, simp, trad) in read_tsv(path, ("char", "simplified", "traditional"))}


@cache
def traditional_only() -> frozenset[str]:
    """Characters that only ever stand for another (simplified) character: 習, 煒, 餘."""
    return frozenset(c for c, v in variants_table().items() if v.simplified and c not in v.simplified)


@cache
def name_frequencies() -> dict[str, dict[tuple[str, str], float]]:
    """role -> (characters, numbered pinyin or '') -> parts per million of names."""
    table: dict[str, dict[tuple[str, str], float]] = {role: {} for role in ROLES}
    path = lexicon_path("chinese", "name_frequencies.tsv")
    for number, (chars, role, pinyin, ppm) in read_tsv(path, ("chars", "role", "pinyin", "ppm")):
        if role not in table:
            raise TableError(f"unknown role {role!r}", path, number)
        table[role][(chars, pinyin)] = float(ppm)
    return table


@dataclass(frozen=True, slots=True)
class NameReading:
    pinyin: str
    role: str
    readings: tuple[str, ...]
    source: str


@cache
def name_readings() -> dict[str, tuple[NameReading, ...]]:
    """character -> curated name readings (press usage), in file order."""
    table: dict[str, list[NameReading]] = {}
    path = lexicon_path("chinese", "name_readings.tsv")
    for number, (char, pinyin, role, readings, source) in read_tsv(
        path, ("char", "pinyin", "role", "readings", "source")
    ):
        if role not in ("surname", "given", "any") or not source.strip() or len(char) != 1:
            raise TableError("need one character, a role surname/given/any and a source", path, number)
        table.setdefault(char, []).append(NameReading(pinyin, role, tuple(readings.split(",")), source))
    return {char: tuple(rows) for char, rows in table.items()}


@cache
def name_conversions() -> dict[tuple[str, str], str]:
    """(character, role) -> its traditional form in a person's name (name_conversions.tsv)."""
    table: dict[tuple[str, str], str] = {}
    path = lexicon_path("chinese", "name_conversions.tsv")
    for number, (char, traditional, role, source) in read_tsv(path, ("char", "traditional", "role", "source")):
        if role not in ("surname", "given") or not source.strip() or len(char) != 1 or len(traditional) != 1:
            raise TableError("need one character, its one traditional form, a role surname/given and a source",
                             path, number)
        table[(char, role)] = traditional
    return table


@cache
def compound_surnames() -> dict[str, float]:
    """Two-character surnames (欧阳, 司马, 诸葛…) with their ppm."""
    return {chars: ppm for (chars, _), ppm in name_frequencies()["surname"].items() if len(chars) == 2}


@cache
def char_counts() -> dict[str, int]:
    """character -> weighted count in jieba's word list (general text, place names)."""
    path = lexicon_path("chinese", "char_frequencies.tsv")
    table = {}
    for number, (char, count) in read_tsv(path, ("char", "count")):
        if len(char) != 1 or not count.isdigit():
            raise TableError("expected one character and a whole count", path, number)
        table[char] = int(count)
    return table
