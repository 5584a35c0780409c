"""Place and designator words (``lexicons/linking/designators.tsv``), read once, in the forms
their users need: the linker's cues and mention edges, and the Chinese readings' place test.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from toolkit.text.keys import search_key
from toolkit.resources import lexicon_path
from toolkit.tables import TableError, read_tsv

_COLUMNS = ("word", "lang", "kind", "rank")
_KINDS = ("before", "after", "suffix", "final", "body", "gate", "unit")
_RANKS = ("province", "city", "district", "commune", "")


@dataclass(frozen=True, slots=True)
class Designator:
    word: str  # as written, without the optional final "."
    lang: str
    kind: str
    rank: str
    optional_dot: bool  # "tp." may be written "tp"


@dataclass(frozen=True)
class PlaceWords:
    """The table's words, grouped as the linker and the readings ask for them."""

    # a written place word (lower case) → what it says of the place's rank
    province_words: frozenset[str]
    district_words: frozenset[str]
    city_words: frozenset[str]
    ranked_words: frozenset[str]  # the words that name a unit's rank: administrative ones
    # a word before the name ("tỉnh", "province of") or after it ("province", 省), in text
    place_before: re.Pattern
    place_after: re.Pattern
    # the Vietnamese words before a name, as the lexicon writes them into names ("tỉnh Lào Cai")
    designator_before: re.Pattern
    designator_keys: tuple[str, ...]  # their fold keys with a space after ("tinh ")
    designator_words: dict[str, str]  # fold key → written word ("tinh" → "tỉnh")
    designator_last_characters: frozenset[str]  # what such a word can end with, NFC or NFD, any case
    # Chinese characters a place name is written ending with (太原市, 云南省, 广州)
    han_place_suffixes: frozenset[str]
    # every Chinese character place names end with (also 江, 山, 岛…): a name read as a place
    han_place_finals: frozenset[str]
    # the words written with a border gate's name (cửa khẩu, border gate, 口岸), longest first
    gate_words: tuple[str, ...]
    # the words Chinese organisations' names end with, after their place (省委, 外交部, 学院)
    han_bodies: frozenset[str]
    # a body word (lower case) → the kind of body it names, in every language alike
    body_kinds: dict[str, str]
    # a Vietnamese body's words right before its place ("Ủy ban nhân dân " before "tỉnh Cao Bằng")
    vietnamese_body_before: re.Pattern
    # an English body right after its place (" Party Committee", "'s People's Committee") or
    # before it with "of" ("People's Committee of ")
    english_body_after: re.Pattern
    english_body_before: re.Pattern
    # by rank (commune, district): a small unit's word, as written, before its name (xã, phường,
    # quận) or after it (commune), and before a list of names the hit ends ("các phường Móng
    # Cái 2, Móng Cái 3")
    unit_before: dict[str, re.Pattern]
    unit_after: dict[str, re.Pattern]
    unit_before_list: dict[str, re.Pattern]


def _alternation(rows: list[Designator]) -> str:
    return "|".join(re.escape(r.word) + (r"\.?" if r.optional_dot else "") for r in rows)


def _body_alternation(rows: list[Designator], lang: str) -> str:
    bodies = sorted((r.word for r in rows if r.kind == "body" and r.lang == lang), key=len, reverse=True)
    return "|".join(re.escape(b).replace("'", "['’]").replace(r"\ ", r"[ \u00a0]+") for b in bodies)


def designator_rows() -> list[Designator]:
    """The rows of ``designators.tsv``, in its order."""
    path = lexicon_path("linking", "designators.tsv")
    rows = []
    for number, (word, lang, kind, rank) in read_tsv(path, _COLUMNS):
        if kind not in _KINDS:
            raise TableError(f"unknown kind {kind!r} (known: {', '.join(_KINDS)})", path, number, "kind")
        if kind == "body":
            if not rank or rank != rank.lower() or " " in rank:
                raise TableError(f"a body word names its kind of body (lower case, hyphens), got {rank!r}", path, number, "rank")
        elif rank not in _RANKS:
            raise TableError(f"unknown rank {rank!r}", path, number, "rank")
        if not word.strip(".") or word != word.lower():
            raise TableError(f"expected a word in lower case, got {word!r}", path, number, "word")
        if lang == "zh" and len(word) != 1 and kind not in ("body", "gate"):
            raise TableError("a Chinese place word is one character", path, number, "word")
        dot = word.endswith(".")
        rows.append(Designator(word.removesuffix("."), lang, kind, rank, dot))
    return rows


def _unit_ranks(rows: list[Designator]) -> list[str]:
    return sorted({r.rank for r in rows if r.kind == "unit"})


def _unit_pattern(rows: list[Designator], rank: str, where: str) -> re.Pattern:
    """A unit word of ``rank`` right before a name (Vietnamese), right after it (English), or
    before a list of names that the name ends."""
    vietnamese = _alternation([r for r in rows if r.kind == "unit" and r.rank == rank and r.lang == "vi"]) or "(?!)"
    english = _alternation([r for r in rows if r.kind == "unit" and r.rank == rank and r.lang == "en"]) or "(?!)"
    if where == "after":
        return re.compile(rf"^[ \u00a0]+({english})\b", re.IGNORECASE)
    items = r"(?:[^\W\d_][\w]*(?:[ \u00a0][\w]+){0,3}(?:,|[ \u00a0]và)[ \u00a0]+){1,4}" if where == "list" else ""
    return re.compile(rf"(?:^|(?<=[\s(\"“]))({vietnamese})[ \u00a0]+{items}$", re.IGNORECASE)


@cache
def place_words() -> PlaceWords:
    rows = designator_rows()
    before = [r for r in rows if r.kind == "before"]
    vietnamese = [r for r in before if r.lang == "vi"]
    after_words = [r for r in rows if r.kind == "after" and r.lang != "zh"]
    after_han = [r for r in rows if r.kind == "after" and r.lang == "zh"]
    last: set[str] = set()
    for r in vietnamese:
        for form in (r.word, unicodedata.normalize("NFD", r.word)):
            last |= {form[-1], form[-1].upper()}
        if r.optional_dot:
            last.add(".")
    cues = [r for r in rows if r.kind in ("before", "after")]
    return PlaceWords(
        province_words=frozenset(r.word for r in cues if r.rank == "province"),
        district_words=frozenset(r.word for r in cues if r.rank == "district"),
        city_words=frozenset(r.word for r in cues if r.rank == "city"),
        ranked_words=frozenset(r.word for r in cues if r.rank),
        place_before=re.compile(rf"(?:^|\s)({_alternation(before)})\s*$", re.IGNORECASE),
        place_after=re.compile(rf"^\s*({_alternation(after_words)})\b|^({_alternation(after_han)})", re.IGNORECASE),
        designator_before=re.compile(rf"(?:^|(?<=[\s(\"“]))({_alternation(vietnamese)})\s+$", re.IGNORECASE),
        designator_keys=tuple(search_key(r.word) + " " for r in vietnamese),
        designator_words={search_key(r.word): r.word for r in vietnamese},
        designator_last_characters=frozenset(last),
        han_place_suffixes=frozenset(r.word for r in rows if r.lang == "zh" and r.kind in ("after", "suffix")),
        han_place_finals=frozenset(r.word for r in rows if r.lang == "zh" and r.kind not in ("body", "gate")),
        gate_words=tuple(sorted((r.word for r in rows if r.kind == "gate"), key=len, reverse=True)),
        han_bodies=frozenset(r.word for r in rows if r.lang == "zh" and r.kind == "body"),
        body_kinds={r.word: r.rank for r in rows if r.kind == "body"},
        vietnamese_body_before=re.compile(
            rf"(?:^|(?<=[\s(\"“]))({_body_alternation(rows, 'vi')})(?:[ \u00a0]+[^\W\d_][\w]*){{0,4}}[ \u00a0]+$",
            re.IGNORECASE),
        english_body_after=re.compile(
            r"(?:['’]s)?[ \u00a0]+(?:(?:provincial|city|municipal|district|county|prefecture|province|city['’]s|"
            rf"district['’]s|county['’]s|province['’]s)[ \u00a0]+)?({_body_alternation(rows, 'en')})\b", re.IGNORECASE),
        english_body_before=re.compile(
            rf"(?:^|(?<=\s))({_body_alternation(rows, 'en')})[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?"
            r"(?:(?:China|Vietnam|Viet Nam)['’]s[ \u00a0]+)?$", re.IGNORECASE),
        unit_before={rank: _unit_pattern(rows, rank, "before") for rank in _unit_ranks(rows)},
        unit_after={rank: _unit_pattern(rows, rank, "after") for rank in _unit_ranks(rows)},
        unit_before_list={rank: _unit_pattern(rows, rank, "list") for rank in _unit_ranks(rows)},
    )


__all__ = ["Designator", "PlaceWords", "designator_rows", "place_words"]
