"""How often the pinyin → Hán-Việt ranking puts a name character's own reading first / in the top 3.

For every character of sinonym's name-frequency tables (lexicons/chinese/name_frequencies.tsv),
by role: take its toneless pinyin syllable (what a romanised name gives), rank the Hán-Việt
readings ``hanviet_candidates`` would rank for that syllable in that role, and check where the
character's own reading (``hanviet_readings(char, pinyin, role)[0]``) lands. Accuracy is
reported weighted by the character's frequency in names (ppm; what a reader of names meets)
and per character. The priors come from the same tables, so this is an in-sample figure; the
"no priors" rows rank with every character weighted alike, to show what the frequencies add.

    .venv/bin/python bench/eval_chinese_hanviet.py
"""

from __future__ import annotations

from collections import defaultdict

from toolkit.chinese.candidates import _reading_weights, atom_readings, reading_distribution
from toolkit.chinese.priors import surname_syllable, syllable_index
from toolkit.chinese.readings import hanviet_readings, toneless
from toolkit.chinese.tables import name_frequencies


def _uniform_ranking(syllable: str, role: str) -> list[str]:
    scores: dict[str, float] = defaultdict(float)
    for char in syllable_index().get(syllable, ()):
        for reading, share in _reading_weights(atom_readings((char, syllable), role)):
            scores[reading] += share
    return [r for r, _ in sorted(scores.items(), key=lambda item: (-item[1], item[0]))]


def _cases(role: str):
    """(character, toneless syllable, numbered pinyin, ppm) for every single character of a role."""
    for (chars, pinyin), ppm in sorted(name_frequencies()[role].items()):
        if len(chars) != 1:
            continue
        if role == "surname":
            syllable = surname_syllable(chars)
            if syllable is None:
                continue
            yield chars, syllable, syllable, ppm
        else:
            yield chars, toneless(pinyin), pinyin, ppm


def evaluate(role: str) -> dict[str, float]:
    totals = defaultdict(float)
    for char, syllable, pinyin, ppm in _cases(role):
        truth = hanviet_readings(char, pinyin, role)
        if not truth:
            totals["no reading"] += 1
            continue
        truth = truth[0]
        ranked = [r for r, _, _ in reading_distribution(syllable, role)]
        uniform = _uniform_ranking(syllable, role)
        totals["chars"] += 1
        totals["ppm"] += ppm
        for name, ranking in (("", ranked), ("no priors ", uniform)):
            for k in (1, 3):
                hit = truth in ranking[:k]
                totals[f"{name}top{k} ppm"] += ppm * hit
                totals[f"{name}top{k} chars"] += hit
    return totals


def main() -> None:
    print("pinyin syllable -> Hán-Việt reading, by role (sinonym 0.5.1 ORCID name characters)")
    print(f"{'role':8} {'ranking':10} {'top-1 (ppm)':>12} {'top-3 (ppm)':>12} {'top-1 (chars)':>14} {'top-3 (chars)':>14} {'chars':>6}")
    for role in ("surname", "given"):
        t = evaluate(role)
        for name, label in (("", "priors"), ("no priors ", "no priors")):
            print(
                f"{role:8} {label:10} "
                f"{100 * t[f'{name}top1 ppm'] / t['ppm']:11.1f}% {100 * t[f'{name}top3 ppm'] / t['ppm']:11.1f}% "
                f"{100 * t[f'{name}top1 chars'] / t['chars']:13.1f}% {100 * t[f'{name}top3 chars'] / t['chars']:13.1f}% "
                f"{int(t['chars']):6d}"
            )
        if t["no reading"]:
            print(f"{role:8} ({int(t['no reading'])} characters without any Hán-Việt reading left out)")


if __name__ == "__main__":
    main()
