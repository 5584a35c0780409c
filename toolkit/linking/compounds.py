"""Countries named by abbreviations inside compounds: 中越, 驻华, 访越, 中方; ``Việt - Trung``.

Chinese news names the two countries this way more often than by their full names, and an
abbreviation alone is an everyday character (中 middle, 美 beautiful, 日 day). So a character
of ``lexicons/linking/compounds.tsv`` is a country only in one of the table's shapes: two or
more abbreviations in a row (中越, 美日韩: each its own mention), a verb that takes a country as
its object before it (驻华, 访越, 对越), or 方 after it (中方, the mention covering both). A
compound that jieba's dictionary reads as part of a longer common word (中美洲, 中老年, 越来越,
华人) names no country; nor does an abbreviation after a numeral (25日, 两国).

Vietnamese joins abbreviations by a hyphen or a dash (``Việt - Trung``, ``Việt-Mỹ``): a word
beside a dash that is an abbreviation is a mention when the word on the dash's other side is
one too, or a country the linker found (``Việt Nam - Trung``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from toolkit.lexicon.model import is_country
from toolkit.linking.mentions import Mention
from toolkit.linking.unknown import COUNTING_CHARACTERS
from toolkit.text.script import JOINING_DASHES
from toolkit.linking.spans import TakenSpans
from toolkit.resources import lexicon_path
from toolkit.tables import TableError, read_tsv

_COLUMNS = ("word", "lang", "kind", "entity")
_KINDS = ("country", "alone", "before", "after")
COMPOUND_SCORE = 0.8
# a count before an abbreviation makes it a date or a count (25日, 两国), full-width and zero too
_COUNTING = COUNTING_CHARACTERS | frozenset("０１２３４５６７８９〇零")


@dataclass(frozen=True)
class CompoundWords:
    han_countries: dict[str, str]  # character → entity id
    han_before: frozenset[str]
    han_after: frozenset[str]
    han_alone: dict[str, str]  # word → entity id
    vietnamese_countries: dict[str, str]  # word as written (NFC) → entity id


@cache
def compound_words() -> CompoundWords:
    path = lexicon_path("linking", "compounds.tsv")
    han_countries: dict[str, str] = {}
    han_before: set[str] = set()
    han_after: set[str] = set()
    han_alone: dict[str, str] = {}
    vietnamese: dict[str, str] = {}
    for number, (word, lang, kind, entity) in read_tsv(path, _COLUMNS):
        if kind not in _KINDS:
            raise TableError(f"unknown kind {kind!r} (known: {', '.join(_KINDS)})", path, number, "kind")
        if lang not in ("zh", "vi"):
            raise TableError(f"expected zh or vi, got {lang!r}", path, number, "lang")
        if (kind in ("country", "alone")) != bool(entity):
            raise TableError("a country or alone row names its entity, and only those", path, number, "entity")
        if kind == "alone":
            if lang != "zh":
                raise TableError("alone rows are Chinese", path, number, "lang")
            han_alone[word] = entity
            continue
        if lang == "zh" and len(word) != 1:
            raise TableError("a Chinese abbreviation or cue is one character", path, number, "word")
        if lang == "vi":
            if kind != "country":
                raise TableError("Vietnamese rows are countries", path, number, "kind")
            vietnamese[unicodedata.normalize("NFC", word)] = entity
        elif kind == "country":
            han_countries[word] = entity
        else:
            (han_before if kind == "before" else han_after).add(word)
    return CompoundWords(han_countries, frozenset(han_before), frozenset(han_after), han_alone, vietnamese)


def compound_mentions(text: str, known: list[Mention], has_han: bool) -> list[Mention]:
    """The countries ``text`` names by abbreviations in compounds, outside the ``known`` mentions."""
    words = compound_words()
    taken = TakenSpans((m.start, m.end) for m in known)
    found: list[Mention] = []
    if has_han and not words.han_countries.keys().isdisjoint(text):
        found += _han_compounds(text, taken, words)
        found += _han_alone(text, TakenSpans([*((m.start, m.end) for m in known), *((m.start, m.end) for m in found)]), words)
    if not text.isascii() and any(c in text for c in JOINING_DASHES):
        found += _vietnamese_chains(text, taken, known, words)
    return found


def _free(text: str, i: int, taken: TakenSpans, characters) -> bool:
    return 0 <= i < len(text) and text[i] in characters and not taken.overlaps(i, i + 1)


def _han_compounds(text: str, taken: TakenSpans, words: CompoundWords) -> list[Mention]:
    countries = words.han_countries
    found: list[Mention] = []
    i = 0
    while i < len(text):
        if not _free(text, i, taken, countries) or (i and text[i - 1] in _COUNTING):
            i += 1
            continue
        run_end = i + 1
        while _free(text, run_end, taken, countries):
            run_end += 1
        if run_end - i >= 2:  # 中越, 美日韩
            if not _in_common_word(text, i, run_end):
                found += [_mention(text, k, k + 1, countries[text[k]]) for k in range(i, run_end)]
        elif _free(text, i + 1, taken, words.han_after):  # 中方
            if not _in_common_word(text, i, i + 2):
                found.append(_mention(text, i, i + 2, countries[text[i]]))
            run_end = i + 2
        elif _free(text, i - 1, taken, words.han_before):  # 驻华, 访越
            if not _in_common_word(text, i - 1, i + 1):
                found.append(_mention(text, i, i + 1, countries[text[i]]))
        i = run_end
    return found


def _han_alone(text: str, taken: TakenSpans, words: CompoundWords) -> list[Mention]:
    found = []
    for word, entity in words.han_alone.items():
        start = text.find(word)
        while start >= 0:
            end = start + len(word)
            # right after a name it is that name's land (欧洲大陆 the European continent)
            after_a_name = start > 0 and taken.overlaps(start - 1, start)
            if not after_a_name and not taken.overlaps(start, end) and not _in_common_word(text, start, end):
                found.append(_mention(text, start, end, entity))
            start = text.find(word, end)
    return found


def _in_common_word(text: str, start: int, end: int) -> bool:
    """Whether an everyday word of jieba's dictionary overlaps ``[start, end)`` and runs past it."""
    from toolkit.linking.boundaries import COMMON_WORD, dictionary_frequency

    for word_start in range(max(0, start - 3), end):
        for word_end in range(max(word_start + 2, start + 1), min(len(text), word_start + 4) + 1):
            if (word_start < start or word_end > end) and dictionary_frequency(text[word_start:word_end]) >= COMMON_WORD:
                return True
    return False


def _vietnamese_chains(text: str, taken: TakenSpans, known: list[Mention], words: CompoundWords) -> list[Mention]:
    """Each dash between two countries (an abbreviation, or a country the linker found) makes
    the abbreviations beside it mentions: Việt - Trung, Việt-Mỹ, Việt Nam - Trung."""
    country_ends = {m.end for m in known if is_country(m.entity)}
    country_starts = {m.start for m in known if is_country(m.entity)}
    abbreviations = words.vietnamese_countries
    found: dict[tuple[int, int], Mention] = {}
    for dash in _DASH.finditer(text):
        left = _WORD_BEFORE.search(text, max(0, dash.start() - _LONGEST_WORD), dash.start())
        right = _WORD_AFTER.match(text, dash.end())
        if left is None or right is None:
            continue
        sides = []
        for side in (left, right):
            start, end = side.span()
            word = unicodedata.normalize("NFC", side.group(0))
            if word in abbreviations and not taken.overlaps(start, end):
                sides.append((start, end, abbreviations[word]))
            elif not (end in country_ends if side is left else start in country_starts):
                break
        else:
            for start, end, entity in sides:
                found[(start, end)] = _mention(text, start, end, entity)
    return list(found.values())


_DASH = re.compile(rf"[ \u00a0]*[{JOINING_DASHES}][ \u00a0]*")
_WORD_BEFORE = re.compile(r"(?<![^\W\d_])[^\W\d_]+$")
_WORD_AFTER = re.compile(r"[^\W\d_]+(?![^\W\d_])")
_LONGEST_WORD = 12


def _mention(text: str, start: int, end: int, entity: str) -> Mention:
    entity_type = entity.split(":", 1)[0]
    return Mention(start, end, text[start:end], entity, entity_type, COMPOUND_SCORE, entity)


__all__ = ["COMPOUND_SCORE", "CompoundWords", "compound_mentions", "compound_words"]
