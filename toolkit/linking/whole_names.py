"""A person's name is read whole before its parts: Nguyễn **Văn Sơn**, Kiều **Hải Nam**, Peng **Qing
Hua**, Hoang Xuan **Anh**, Huang **Kunming** are people, not Wenshan, Hainan, Thanh Hóa, Britain
and Kunming.

In Vietnamese and English text a capitalised run that reads as a personal name (a common
Vietnamese surname or, in pinyin, a common Chinese one, then given-name syllables: the same
proposals ``unknown.py`` makes) and strictly contains a known place is the person: the place
mention inside it goes, and the run is proposed as an unknown person. A run that is itself a
known name (``Hà Nội``, ``Lam Dong``, ``Ho Chi Minh City``) is left alone, as is one that
overlaps a known person or organisation.
"""

from __future__ import annotations


from toolkit.cache import stored_derivation, strings
from toolkit.linking import context
from toolkit.linking.mentions import Mention
from toolkit.text.keys import search_key

# a Chinese surname this common (parts per million of names, summed over the characters read
# so) starts a pinyin run that is a name for sure: Huang, Peng, Wang; not Guang
_COMMON_SURNAME_PPM = 1000.0


@stored_derivation("common-surname-syllables", lambda value: frozenset(strings(value)))
def common_surname_syllables() -> list[str]:
    """The pinyin syllables of the common Chinese surnames (kept once per installation: working
    them out reads the Chinese reading tables)."""
    from toolkit.chinese.priors import _surname_ppm

    totals: dict[str, float] = {}
    for (_, syllable), ppm in _surname_ppm().items():
        totals[syllable] = totals.get(syllable, 0.0) + ppm
    return sorted(s for s, ppm in totals.items() if ppm >= _COMMON_SURNAME_PPM)


def _person_runs(text: str, lang: str) -> list[tuple[int, int]]:
    from toolkit.linking.unknown import VIETNAMESE_SURNAMES, english_names, vietnamese_capitalised_names

    if lang == "vi":
        # a surname first, or an honorific or title before (bà Phương Nga)
        return [(s, e) for s, e, kind, _ in vietnamese_capitalised_names(text)
                if kind == "person" or context.title_before(text, s) is not None]
    runs = []
    for start, end, _, _ in english_names(text):
        first = search_key(text[start:end].split()[0])
        if first in VIETNAMESE_SURNAMES or first in common_surname_syllables():
            runs.append((start, end))
    return runs


def people_over_places(text: str, lang: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` without the places found inside a run that reads as a person's name."""
    if lang not in ("vi", "en") or not any(m.type == "place" for m in mentions):
        return mentions
    spans = {(m.start, m.end) for m in mentions}
    dropped: set[tuple[int, int]] = set()
    for start, end in _person_runs(text, lang):
        if (start, end) in spans:
            continue
        inside = [m for m in mentions if m.start < end and start < m.end]
        if not inside or any(m.type != "place" or m.start < start or m.end > end for m in inside):
            continue
        dropped.update((m.start, m.end) for m in inside)
    if not dropped:
        return mentions
    return [m for m in mentions if (m.start, m.end) not in dropped]


__all__ = ["common_surname_syllables", "people_over_places"]
