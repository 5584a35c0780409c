"""One regex per style that finds every tone mark that may sit on the wrong letter.

Most real text is already spelled in one style, so the fast question is "is there anything
to move at all?". Where the mark goes depends only on the syllable's vowel cluster (the run
of vowel letters holding the mark), whether the letter before it is ``q`` or ``g`` (the
``qu``/``gi`` onsets lend it a letter) and whether a consonant follows. Enumerating every
syllable the model allows gives, per (context, cluster), the one right position; a mark in
any other position of a cluster, a mark typed twice, or a mark on a consonant is what the
regex matches. A word it does not match is one ``place_token_tone`` would leave unchanged
(tests check the two agree).

The stdlib ``re`` engine is used on purpose: a pattern that opens with a character set lets
it skip in C from one candidate letter to the next (a marked a e i o u ư y, or a marked
consonant), and most candidates fail on the first test (no vowel beside them). On clean text
the search runs several times faster than visiting every word (bench/bench_tones.py).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from toolkit.vietnamese.letters import BASE_VOWELS, DECOMPOSE, MARKED_TONES, TONED_LETTERS, compose
from toolkit.vietnamese.syllable import ONSETS, segment_letters, tone_position, written_rimes

_VOWELS = frozenset(BASE_VOWELS)
_ALL_VOWEL_LETTERS = "".join(sorted(c for c, (base, _) in DECOMPOSE.items() if base.lower() in _VOWELS))
_TONED_VOWELS = "".join(c for c in _ALL_VOWEL_LETTERS if c in TONED_LETTERS)
_TONED_CONSONANTS = "".join(c for c in TONED_LETTERS if c not in _ALL_VOWEL_LETTERS)

_AV = f"[{_ALL_VOWEL_LETTERS}]"
_LETTER = r"[^\W\d_]"
_BEFORE = {  # the letter before the cluster
    "": rf"(?<!{_LETTER})",
    "q": "(?<=[qQ])",
    "g": "(?<=[gG])",
    "c": r"(?<=[^\W\d_qQgG])",
}
_AFTER = {True: rf"(?={_LETTER})", False: rf"(?!{_LETTER})"}  # a coda consonant follows or not


def _before_class(letters: str, start: int) -> str:
    if start == 0:
        return ""
    letter = letters[start - 1]
    return letter if letter in "qg" else "c"


@cache
def right_positions(style: str) -> dict[tuple[str, str, bool], frozenset[int]]:
    """(letter-before class, vowel cluster, consonant follows) -> where the mark goes in the cluster."""
    table: dict[tuple[str, str, bool], set[int]] = defaultdict(set)
    for onset in ONSETS:
        for rime in written_rimes():
            letters = onset + rime
            parts = segment_letters(letters)
            if parts is None:
                continue
            position = tone_position(*parts, style=style)
            start = end = position
            while start > 0 and letters[start - 1] in _VOWELS:
                start -= 1
            while end < len(letters) and letters[end] in _VOWELS:
                end += 1
            table[(_before_class(letters, start), letters[start:end], end < len(letters))].add(position - start)
    return {key: frozenset(positions) for key, positions in table.items()}


def _letter_class(base: str, toned: bool) -> str:
    if toned:
        return "[" + "".join(compose(b, tone) for b in (base, base.upper()) for tone in MARKED_TONES) + "]"
    return f"[{base}{base.upper()}]"


def _wrong_mark_branches(style: str) -> dict[str, dict[tuple[str, str], list[str]]]:
    """Marked base vowel -> (vowel before it, vowel after it) -> patterns of wrong spots.

    Each pattern is read from just after the marked letter: a lookbehind for the cluster up
    to the mark and the context before it, then the rest of the cluster and the context after.
    """
    contexts: dict[str, dict[tuple[str, bool], frozenset[int]]] = defaultdict(dict)
    for (before, cluster, coda_follows), positions in right_positions(style).items():
        if len(cluster) > 1:
            contexts[cluster][(before, coda_follows)] = positions
    branches: dict[str, dict[tuple[str, str], list[str]]] = defaultdict(lambda: defaultdict(list))
    for cluster, by_context in sorted(contexts.items()):
        for index, base in enumerate(cluster):
            wrong = sorted(context for context, positions in by_context.items() if index not in positions)
            if not wrong:
                continue
            behind = "".join(_letter_class(letter, False) for letter in cluster[:index]) + _letter_class(base, True)
            ahead = "".join(_letter_class(letter, False) for letter in cluster[index + 1 :]) + f"(?!{_AV})"
            everywhere = len(wrong) == len(by_context)
            neighbours = (cluster[index - 1 : index], cluster[index + 1 : index + 2])
            for before, coda_follows in [("", False)] if everywhere else wrong:  # everywhere: no context used
                look_before = "" if everywhere else _BEFORE[before]
                look_after = "" if everywhere else _AFTER[coda_follows]
                branches[base][neighbours].append(f"(?<=(?<!{_AV}){look_before}{behind}){ahead}{look_after}")
    return branches


def _neighbour_guard(before: str, after: str) -> str:
    guard_before = f"(?<={_letter_class(before, False)}.)" if before else f"(?<!{_AV}.)"
    guard_after = f"(?={_letter_class(after, False)})" if after else f"(?!{_AV})"
    return guard_before + guard_after


@cache
def misplaced_mark(style: str) -> re.Pattern[str]:
    """The compiled regex that finds a mark that may need moving in ``style`` ("old"/"new").

    It opens on the marked letters that can be wrong: a mark on ă â ê ô ơ is always where it
    belongs, and every cluster of a real syllable that could hold two marks has one of
    a e i o u ư y among the marked letters, so those and the marked consonants suffice.
    """
    branches = _wrong_mark_branches(style)
    movable = "".join(
        compose(cased, tone) for base in sorted(branches) for cased in (base, base.upper()) for tone in MARKED_TONES
    )
    toned = f"[{_TONED_VOWELS}]"
    cases = [
        rf"(?={_AV}*{toned})|(?<={toned}.)|(?<={toned}{_AV}.)|(?<={toned}{_AV}{_AV}.)",  # a mark typed twice
    ]
    for base, by_neighbours in sorted(branches.items()):
        spots = "|".join(
            _neighbour_guard(*neighbours) + f"(?:{'|'.join(patterns)})"
            for neighbours, patterns in sorted(by_neighbours.items())
        )
        cases.append(f"(?<={_letter_class(base, True)})(?:{spots})")
    beside_a_vowel = f"(?:(?={_AV})|(?<={_AV}.))"
    return re.compile(
        f"[{movable}{_TONED_CONSONANTS}](?:(?<=[{_TONED_CONSONANTS}])|{beside_a_vowel}(?:{'|'.join(cases)}))"
    )
