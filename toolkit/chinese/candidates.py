"""Romanised name → ranked Hán-Việt renderings, through the characters each syllable can be.

``He Wei``: the surname syllable ``he`` can be 何, 贺, 和, 赫…, the given syllable ``wei`` 伟,
维, 炜, 威…; each character is weighted by how often it stands in that role of a name, and
carries its Hán-Việt reading for that sound (何 hà, 贺 hạ; 伟 vĩ, 维 duy). Readings are
summed over characters and multiplied across syllables: ``Hà Vĩ`` comes first.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from functools import lru_cache

from toolkit.text.folding import fold
from toolkit.chinese.pinyin_tones import has_pinyin_tones, syllable_tones
from toolkit.chinese.priors import (
    Atom,
    atom_tone,
    compound_surname_index,
    normalise_syllable,
    syllable_distribution,
    syllable_mass,
)
from toolkit.chinese.readings import hanviet_readings
from toolkit.chinese.romanised import romanised_syllables

# a character's later readings for one sound (曾 zeng: tằng, tăng) share this much of its weight
_ALTERNATE_READING_SHARE = 0.1
# per-syllable readings kept before multiplying syllables together
_PER_SLOT = 24
# the name mass of the commonest role entries: ranks one segmentation against another
_ROLE_TOTAL_PPM = {"surname": 1_000_000.0, "given": 1_000_000.0, "any": 2_000_000.0}


def atom_readings(atom: Atom, role: str) -> tuple[str, ...]:
    """Hán-Việt readings of a character for one sound, in a role; the preferred first (for the
    tone the character mostly has in that role: 丽 li4 Lệ before li2 Ly)."""
    return hanviet_readings(atom[0], atom_tone(atom, role), role if role in ("surname", "given") else None)


def _reading_weights(readings: tuple[str, ...]) -> list[tuple[str, float]]:
    if not readings:
        return []
    raw = [1.0] + [_ALTERNATE_READING_SHARE] * (len(readings) - 1)
    total = sum(raw)
    return [(r, w / total) for r, w in zip(readings, raw)]


@lru_cache(maxsize=8192)
def reading_distribution(
    syllable: str, role: str, tone: int | None = None
) -> tuple[tuple[str, float, tuple[str, ...]], ...]:
    """(Hán-Việt reading, probability, characters giving it) for one syllable in a role, best first."""
    by_reading: dict[str, float] = defaultdict(float)
    chars_of: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for atom, p in syllable_distribution(syllable, role, tone).items():
        for reading, share in _reading_weights(atom_readings(atom, role)):
            by_reading[reading] += p * share
            chars_of[reading].append((p * share, atom[0]))
    ranked = sorted(by_reading.items(), key=lambda item: (-item[1], item[0]))
    return tuple((r, p, tuple(c for _, c in sorted(chars_of[r], reverse=True))) for r, p in ranked)


def _compound_distribution(first: str, second: str) -> list[tuple[str, float]]:
    found: dict[str, float] = defaultdict(float)
    entries = compound_surname_index().get((first, second), ())
    total = sum(ppm for _, ppm in entries)
    for chars, ppm in entries:
        parts = [atom_readings((c, s), "surname")[:1] for c, s in zip(chars, (first, second))]
        if all(parts):
            found[" ".join(p[0] for p in parts)] += ppm / total
    return sorted(found.items(), key=lambda item: -item[1])


def _slot_options(syllables: list[str], tones: tuple[int | None, ...]):
    """Ways to read a syllable sequence as a name: (segment weight, [per-slot reading lists])."""
    syllables = [normalise_syllable(s) for s in syllables]
    if not syllables:
        return
    if len(syllables) >= 3 and (syllables[0], syllables[1]) in compound_surname_index():
        entries = compound_surname_index()[(syllables[0], syllables[1])]
        weight = sum(ppm for _, ppm in entries) / _ROLE_TOTAL_PPM["surname"]
        slots = [_compound_distribution(syllables[0], syllables[1])]
        for syllable, tone in zip(syllables[2:], tones[2:]):
            weight *= syllable_mass(syllable, "given") / _ROLE_TOTAL_PPM["given"]
            slots.append([(r, p) for r, p, _ in reading_distribution(syllable, "given", tone)[:_PER_SLOT]])
        yield weight, slots
    weight = 1.0
    slots = []
    for i, (syllable, tone) in enumerate(zip(syllables, tones)):
        role = "surname" if i == 0 else "given"
        weight *= syllable_mass(syllable, role) / _ROLE_TOTAL_PPM[role]
        slots.append([(r, p) for r, p, _ in reading_distribution(syllable, role, tone)[:_PER_SLOT]])
    yield weight, slots


def _top_products(slots: list[list[tuple[str, float]]], k: int) -> list[tuple[tuple[str, ...], float]]:
    """The k most probable reading sequences, one reading per slot (a beam that stays exact:
    a top-k sequence never has a prefix outside the top k prefixes)."""
    beam: list[tuple[tuple[str, ...], float]] = [((), 1.0)]
    for slot in slots:
        if not slot:
            return []
        # both lists are sorted best first, so the i-th prefix with the j-th reading is beaten by
        # at least (i + 1) * (j + 1) - 1 others: only pairs with (i + 1) * (j + 1) <= k can place
        extended = [
            (readings + (r,), p * q)
            for i, (readings, p) in enumerate(beam)
            for r, q in slot[: k // (i + 1)]
        ]
        beam = heapq.nlargest(k, extended, key=lambda item: item[1])
    return beam


def _render(readings: tuple[str, ...]) -> str:
    return " ".join(" ".join(w[:1].upper() + w[1:] for w in r.split(" ")) for r in readings)


def hanviet_candidates(romanised: str, k: int = 10) -> list[tuple[str, float]]:
    """Ranked Hán-Việt renderings of a romanised Chinese name with their probabilities.

    The first syllable is the surname (or the first two, for 欧阳-type surnames), the rest the
    given name; every segmentation of the spelling is weighed by how much name mass it carries.
    Tone marks of plain pinyin (``Hé Wěi``) keep only the characters with those tones.
    ``hanviet_candidates("He Wei")[0][0] == "Hà Vĩ"``.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, not {k}")
    scores: dict[str, float] = defaultdict(float)
    marked = has_pinyin_tones(romanised)
    for syllables in romanised_syllables(romanised):
        tones = (syllable_tones(romanised, syllables) if marked else None) or (None,) * len(syllables)
        for weight, slots in _slot_options(syllables, tones):
            if weight <= 0:
                continue
            for readings, p in _top_products(slots, max(k, _PER_SLOT)):
                scores[_render(readings)] += weight * p
    total = sum(scores.values())
    if not total:
        return []
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:k]
    return [(name, p / total) for name, p in ranked]


def candidate_keys(romanised: str, k: int = 10) -> list[tuple[str, float]]:
    """Fold-space keys of the Hán-Việt candidates (``ha vi``), probabilities merged per key."""
    merged: dict[str, float] = defaultdict(float)
    for name, p in hanviet_candidates(romanised, k):
        merged[fold(name)] += p
    return sorted(merged.items(), key=lambda item: (-item[1], item[0]))
