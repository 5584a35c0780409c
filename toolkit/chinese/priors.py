"""Which characters a toneless pinyin syllable can be, and how likely each is in a name.

An *atom* is a (character, toneless pinyin) pair: 乐 read ``yue`` and 乐 read ``le`` are
different atoms, so a reading can only meet another through one character *and* one sound.
Its prior weight is the character's frequency in that role of a Chinese name (sinonym's ORCID
counts, parts per million), with a small floor for characters never seen in names.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache, lru_cache

from toolkit.cache import stored_derivation
from toolkit.chinese.readings import context_pinyin, char_pinyins, surname_pinyin, toneless
from toolkit.chinese.tables import char_counts, compound_surnames, name_frequencies, readings_table, traditional_only

Atom = tuple[str, str]

# ppm given to a character never counted in names (the rarest counted surname has 0.1)
FLOOR_PPM = 0.05
# count given to a character absent from the general word list
FLOOR_COUNT = 1.0
# roles: a slot of a person's name, either slot ("any"), or a syllable of a place or word ("text")
ROLES = ("surname", "given", "any", "text")


def normalise_syllable(syllable: str) -> str:
    """Pinyin ü is written ``v`` in every key of this package."""
    return syllable.casefold().replace("ü", "v").replace("u:", "v")


@cache
def universe() -> tuple[str, ...]:
    """Characters a name can be written with here: every character with a Hán-Việt reading,
    traditional-only forms left out (煒 is 炜 for matching)."""
    excluded = traditional_only()
    return tuple(sorted(c for c in readings_table() if c not in excluded))


@cache
def syllable_index() -> dict[str, tuple[str, ...]]:
    """toneless pinyin syllable -> the characters that can read so."""
    index: dict[str, list[str]] = defaultdict(list)
    for char in universe():
        for syllable in dict.fromkeys(toneless(p) for p in char_pinyins(char)):
            index[syllable].append(char)
    return {syllable: tuple(chars) for syllable, chars in index.items()}


def surname_syllable(char: str) -> str | None:
    """The toneless pinyin a single-character surname is counted under."""
    curated = surname_pinyin(char)
    if curated:
        return toneless(curated)
    readings = char_pinyins(char)
    return toneless(readings[0]) if readings else None


@cache
def _given_tones() -> dict[Atom, str]:
    """(character, toneless syllable) -> the numbered pinyin it mostly has in given names."""
    best: dict[Atom, tuple[float, str]] = {}
    for (chars, pinyin), ppm in name_frequencies()["given"].items():
        atom = (chars, toneless(pinyin))
        if atom not in best or ppm > best[atom][0]:
            best[atom] = (ppm, pinyin)
    return {atom: pinyin for atom, (_, pinyin) in best.items()}


@lru_cache(maxsize=65536)
def atom_tone(atom: Atom, role: str) -> str:
    """The numbered pinyin an atom most likely has in a role: 丽 li → li4 (Lệ), not li2 (Ly)."""
    char, syllable = atom
    if role == "surname":
        curated = surname_pinyin(char)
        if curated and toneless(curated) == syllable:
            return curated
    elif role in ("given", "any"):
        named = _given_tones().get(atom)
        if named:
            return named
    for pinyin in char_pinyins(char):
        if toneless(pinyin) == syllable:
            return pinyin
    return syllable


@cache
def _given_ppm() -> dict[Atom, float]:
    table: dict[Atom, float] = defaultdict(float)
    for (chars, pinyin), ppm in name_frequencies()["given"].items():
        table[(chars, toneless(pinyin))] += ppm
    return dict(table)


def _atom_weights(value: object) -> dict[Atom, float]:
    """``_surname_ppm`` from its kept form: [character + syllable, ppm] pairs."""
    if type(value) is not list:
        raise TypeError("not a list")
    table: dict[Atom, float] = {}
    for atom, ppm in value:
        if type(atom) is not str or len(atom) < 2 or type(ppm) not in (int, float):
            raise TypeError(f"not an atom and its weight: {atom!r}, {ppm!r}")
        table[(atom[0], atom[1:])] = float(ppm)
    return table


@stored_derivation("surname-ppm", _atom_weights)
def _surname_ppm() -> list[tuple[str, float]]:
    """(surname character + its syllable, parts per million), kept once per installation: the
    syllables come from the reading tables, which a Vietnamese or English text need not load."""
    table: list[tuple[str, float]] = []
    for (chars, _), ppm in name_frequencies()["surname"].items():
        if len(chars) == 1:
            syllable = surname_syllable(chars)
            if syllable:
                table.append((chars + syllable, ppm))
    return table


def prior(atom: Atom, role: str) -> float:
    """Parts per million of names with this character, read so, in this role (floored); for
    ``text``, the character's count in general Chinese words."""
    if role == "text":
        return max(float(char_counts().get(atom[0], 0)), FLOOR_COUNT)
    if role == "surname":
        ppm = _surname_ppm().get(atom, 0.0)
    elif role == "given":
        ppm = _given_ppm().get(atom, 0.0)
    else:
        ppm = _surname_ppm().get(atom, 0.0) + _given_ppm().get(atom, 0.0)
    return max(ppm, FLOOR_PPM)


@lru_cache(maxsize=8192)
def syllable_distribution(syllable: str, role: str, tone: int | None = None) -> dict[Atom, float]:
    """P(character | toneless syllable, role) over every character that reads so; a ``tone``
    (1-4, from a marked pinyin) keeps the characters that have that tone, when any does."""
    syllable = normalise_syllable(syllable)
    chars = syllable_index().get(syllable, ())
    if tone is not None:
        toned = f"{syllable}{tone}"
        chars = tuple(c for c in chars if toned in char_pinyins(c)) or chars
    weights = {(c, syllable): prior((c, syllable), role) for c in chars}
    total = sum(weights.values())
    return {atom: w / total for atom, w in weights.items()} if total else {}


@lru_cache(maxsize=8192)
def syllable_mass(syllable: str, role: str) -> float:
    """How much of a role's name mass (ppm) this syllable carries: ranks segmentations."""
    syllable = normalise_syllable(syllable)
    return sum(prior((c, syllable), role) for c in syllable_index().get(syllable, ()))


@cache
def compound_surname_index() -> dict[tuple[str, str], tuple[tuple[str, float], ...]]:
    """(syllable, syllable) -> two-character surnames that read so, with their ppm: ou yang → 欧阳."""
    index: dict[tuple[str, str], list[tuple[str, float]]] = defaultdict(list)
    for chars, ppm in sorted(compound_surnames().items()):
        readings = context_pinyin(chars)
        if all(readings):
            first, second = readings[0], readings[1]
            assert first is not None and second is not None
            index[(toneless(first), toneless(second))].append((chars, ppm))
    return {key: tuple(v) for key, v in index.items()}
