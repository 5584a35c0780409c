"""``link(text)``: every mention of a lexicon entity in a text, with offsets into the original.

1. Scan: the folded text against the alias automaton (all keys of all entities).
2. Check each hit's written form against each candidate (an abbreviation in capitals, a
   capitalised name capitalised, a one-syllable Vietnamese name with its marks) and each Chinese
   hit against jieba's words; keep the longest hits that do not overlap.
3. Resolve names several entities share by context: titles and offices, a place word
   (``tỉnh``, ``province``, ``县``), the entities the document names without doubt (their
   countries and parents), the document's language, and how prominent each candidate is.
4. Short forms: a surname or given name (``Xi``, ``ông Tập``, ``Lâm``, ``习主席``) reaches a person
   named in full elsewhere in the document, or, after a title, the one office-holder it fits.
5. Unknown names (``unknown.py``): proposed, linked through their Hán-Việt reading when the
   lexicon knows it (苏林 → Tô Lâm), otherwise given a cluster key (``clustering.py``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import replace as with_changes
from functools import lru_cache
from typing import TYPE_CHECKING, Callable

from toolkit.text import script
from toolkit.designators import place_words
from toolkit.text.keys import marked_key, search_key
from toolkit.linking import context
from toolkit.linking.automaton import AliasIndex, alias_index
from toolkit.linking.boundaries import (
    COMMON_WORD, chinese_hits_on_word_edges, dictionary_frequency, is_everyday_word, is_own_word, suffix_belongs,
)
from toolkit.lexicon.model import country_of, is_country, needs_cue, unit_level
from toolkit.linking.keys import ORIGIN_WEIGHTS, Candidate
from toolkit.linking.mentions import Mention
from toolkit.linking.scan import Hit, layout_of, scan
from toolkit.linking.spans import TakenSpans
from toolkit.text.script import HAN_CHARACTER, has_marks, is_han_char

if TYPE_CHECKING:
    from toolkit.lexicon import Lexicon

_FITTING_CACHE = 200_000  # (written form, key) → candidates that fit, kept per index
SHORT_FORM_MARK = "\x00"  # as in shortforms.py (imported only once a short form may be there)

LANGS = ("vi", "en", "zh")


def detect_language(text: str, has_han: bool | None = None) -> str:
    """``zh`` when Han characters make up a tenth of the letters, ``vi`` when one letter in twelve
    is not ASCII (a marked Vietnamese letter), else ``en``. ``has_han=False`` (the caller knows
    the text has no Han character) skips counting them."""
    sample = text[:2000]
    if sample.isascii():
        return "en"
    letters = max(len(sample) - sample.count(" ") - sample.count("\n"), 1)
    if has_han is not False and len(HAN_CHARACTER.findall(sample)) * 10 >= letters:
        return "zh"
    # about one letter in four of Vietnamese carries a mark (a non-ASCII letter); English quoting
    # Vietnamese names, one in fifty
    non_ascii = len(sample) - len(sample.encode("ascii", "ignore"))
    return "vi" if non_ascii * 12 >= letters else "en"


# ----------------------------------------------------------------------------- written-form checks

# punctuation a name may not straddle unless the name itself is written with it: "(CPC) Central
# Committee" is two names, "China-ASEAN Free Trade Area 3.0" one
_BREAKS = frozenset("()[]{}.,;:!?。，；：！？、")
# a key of this many words or more is a name whatever its case ("the new western land-sea route")
_CASELESS_WORDS = 3


@lru_cache(maxsize=65536)
def written_form_fits(written: str, candidate: Candidate, key: str) -> bool:
    """Whether the text as written can be this candidate's name (not just its fold key)."""
    if is_han_char(written[:1]):
        return True
    surface = candidate.surface
    if not _BREAKS.isdisjoint(written) and any(c in _BREAKS and c not in surface for c in written):
        return False
    if candidate.origin == "abbr":
        return written == candidate.surface or (written.isupper() and written == candidate.surface.upper())
    words = key.count(" ") + 1
    first = surface[:1]
    if words == 1 and not (first.isupper() or is_han_char(first)):
        return False  # a one-word name in lower case is a common noun ("world")
    if words < _CASELESS_WORDS and (first.isupper() or is_han_char(first)) and not written[:1].isupper():
        return False  # "china" the porcelain, "my" the pronoun
    if words == 1 and has_marks(surface) and not written.isupper():
        # one syllable with its marks: Mỹ, not My; Huế, not Hue in a sentence
        return marked_key(written) == marked_key(surface)
    if has_marks(written) and (has_marks(surface) or candidate.lang == "vi") and _marks_disagree(written, surface):
        return False  # marks written are evidence: Lương is not Luồng, whatever their fold
    if candidate.origin == "hanviet" and has_marks(written):
        # the same for a reading of a Chinese name: "Thường vụ Bộ" is not 商务部's Thương Vụ Bộ
        return _marks_fit_reading(written, candidate)
    return True


_WORD = re.compile(r"[^\W\d_]+")


def _marks_disagree(written: str, surface: str) -> bool:
    """Whether a word written with marks has other marks than the name's word in its place
    (punctuation and spacing aside: "Việt Nam -China" is "Việt Nam–China"); a Vietnamese name
    written without marks has none (Vinh is not Vĩnh)."""
    written_words, surface_words = _WORD.findall(written), _WORD.findall(surface)
    if len(written_words) != len(surface_words):
        return False
    return any(has_marks(a) and marked_key(a) != marked_key(b) for a, b in zip(written_words, surface_words)
               if has_marks(b) or b.isascii())


def _marks_fit_reading(written: str, candidate: Candidate) -> bool:
    syllables = written.split()
    readings = _reading_options(candidate.readings)
    if len(syllables) != len(readings):
        return True  # the reading does not line up with the words: the marks say nothing
    return all(not has_marks(s) or marked_key(s) in options for s, options in zip(syllables, readings))


@lru_cache(maxsize=16384)
def _reading_options(readings: str) -> tuple[frozenset[str], ...]:
    """``Candidate.readings`` ("tập|tạp cận bình") as one set of syllables per character."""
    return tuple(frozenset(options.split("|")) for options in readings.split(" ")) if readings else ()


# characters that never glue a name to a neighbour (the common case, settled without ``glued``)
_APART = frozenset(["", " ", "\n", "\t", "\r", ",", ".", ";", ":", "!", "?", "(", ")", "\"", "'", "“", "”", "‘", "’", "-", "–", "—"])


def glued(text: str, start: int, end: int) -> bool:
    """A Latin hit that is only part of a written token: ``US`` in ``US$3.4``."""
    after = text[end:end + 1]
    before = text[start - 1:start] if start else ""
    return after == "$" or (after.isalnum() and not is_han_char(after)) or (before.isalnum() and not is_han_char(before))


# ----------------------------------------------------------------------------- choosing hits

def longest_first(hits: list[tuple[Hit, tuple[Candidate, ...]]]) -> list[tuple[Hit, tuple[Candidate, ...]]]:
    """The longest hits that do not overlap (ties: the leftmost), in text order (``hits`` come
    in order of start)."""
    # a hit competes only with the hits it overlaps, directly or through others: each such
    # group is settled on its own, and a hit that overlaps nothing (most) is simply kept
    chosen: list[tuple[Hit, tuple[Candidate, ...]]] = []
    group: list[tuple[Hit, tuple[Candidate, ...]]] = []
    group_end = -1
    for entry in hits:
        if entry[0].start >= group_end:
            if len(group) == 1:
                chosen.append(group[0])
            elif group:
                chosen += _longest_in_group(group)
            group = [entry]
            group_end = entry[0].end
        else:
            group.append(entry)
            group_end = max(group_end, entry[0].end)
    if len(group) == 1:
        chosen.append(group[0])
    elif group:
        chosen += _longest_in_group(group)
    return chosen


def _longest_in_group(hits):
    chosen = []
    taken = TakenSpans()
    for hit, candidates in sorted(hits, key=lambda h: (-(h[0].end - h[0].start), h[0].start)):
        if not taken.overlaps(hit.start, hit.end):
            chosen.append((hit, candidates))
            taken.add(hit.start, hit.end)
    return sorted(chosen, key=lambda h: h[0].start)


# ----------------------------------------------------------------------------- resolving homographs

def prominence(entity_id: str) -> float:
    """How often news means this entity when the name is shared: a province over its pre-2025
    namesake, over a city, over a district; a person over a place named after them."""
    parts = entity_id.split(":")
    if parts[0] == "place":
        if len(parts) <= 3:
            return 1.0
        return {"pre2025": 0.8, "city": 0.7, "gate": 0.6, "district": 0.55, "prefecture": 0.5, "county": 0.45,
                "commune": 0.45}.get(parts[2], 0.75)
    return 0.95 if parts[0] == "person" else 0.9


class _Document:
    """What the document says without doubt: entities, their countries and their ancestors."""

    def __init__(self, lexicon, sure: list[str], possible: dict[str, list[int]], lang: str) -> None:
        self.lang = lang
        self.entities = set(sure)
        # entity → sorted starts of the hits it is a candidate of: a parent may itself be a homograph
        self.possible = possible
        self.ancestors: set[str] = set()
        for entity_id in set(sure):
            self.ancestors.update(_ancestors(lexicon, entity_id))
        self.countries = Counter(c for c in map(country_of, sure) if c)
        self.resolved: dict[str, str] = {}  # key → entity chosen with confidence
        self.country_mentions: list[tuple[int, int, str]] = []  # (start, end, country code)
        # (start, country code) of every mention settled without doubt that belongs to a country
        # (its people, places, bodies): what the sentence around a homograph is about
        self.sure_countries: list[tuple[int, str]] = []
        self._lexicon = lexicon
        self._units_under: Counter | None = None

    def units_under(self, parent: str) -> int:
        """How many entities the document may name have ``parent`` as their parent."""
        if self._units_under is None:
            parents = (getattr(self._lexicon.get(e), "parent", None) for e in self.possible)
            self._units_under = Counter(p for p in parents if p)
        return self._units_under[parent]

    def countries_near(self, hit: Hit) -> Counter:
        """The countries of the sure mentions within a sentence's reach of the hit (not itself)."""
        reach = _NEAR_HAN if hit.han else _SENTENCE_REACH
        low = bisect_left(self.sure_countries, (hit.start - reach,))
        high = bisect_right(self.sure_countries, (hit.end + reach, "~"))
        return Counter(code for start, code in self.sure_countries[low:high] if start != hit.start)

    def country_near(self, text: str, hit: Hit, country: str) -> bool:
        """A country written as part of the place's phrase: right before it (越南太原省, ``Việt Nam's``)
        or right after a comma or bracket (``Thái Nguyên, Việt Nam``, ``Taiyuan (China)``)."""
        if not self.country_mentions:
            return False
        i = bisect_left(self.country_mentions, (hit.start - _ADJACENT - 60,))
        mentions = self.country_mentions
        for k in range(i, len(mentions)):
            start, end, code = mentions[k]
            if start > hit.end + _ADJACENT:
                break
            if code != country:
                continue
            if 0 <= hit.start - end <= _ADJACENT and not text[end:hit.start].strip(" '’s"):
                return True
            if 0 <= start - hit.end <= _ADJACENT and _LIST_SEPARATOR.fullmatch(text[hit.end:start]):
                return True
        return False


# characters between a name and a cue that still make them one phrase
_ADJACENT = 3
_LIST_SEPARATOR = re.compile(r"\s*[,(（，]\s*")
_NEAR = 40
_NEAR_HAN = 8  # Chinese says in a few characters what takes a line in Vietnamese or English
_SENTENCE_REACH = 60  # characters either side: about the sentence a Latin homograph stands in


def _other_start_within(starts: list[int], start: int, reach: int) -> bool:
    """Whether a sorted list holds a value other than ``start`` within ``reach`` of it (by
    bisection: a long document names a province thousands of times)."""
    low = bisect_left(starts, start - reach)
    high = bisect_right(starts, start + reach)
    return high - low > 1 or (high - low == 1 and starts[low] != start)


def _is_local_unit(lexicon, entity_id: str) -> bool:
    """A unit below a province (a city or county), by its parent."""
    entity = lexicon.get(entity_id)
    return entity is not None and entity.parent is not None and not is_country(entity.parent)


def _ancestors(lexicon, entity_id: str) -> list[str]:
    found = []
    entity = lexicon.get(entity_id)
    while entity is not None and entity.parent:
        found.append(entity.parent)
        entity = lexicon.get(entity.parent)
    return found


def _place_word(text: str, start: int, end: int, hit: Hit | None = None) -> str | None:
    """The administrative word written with a place name, before it, after it, or inside the hit."""
    words = place_words()
    if hit is not None:
        if hit.han and hit.key[-1] in words.han_place_suffixes:
            return hit.key[-1]
        for designator in words.designator_keys:
            if hit.key.startswith(designator):
                return words.designator_words[designator.strip()]
    before = words.place_before.search(text[max(0, start - 20):start])
    if before:
        return before.group(1).lower()
    after = words.place_after.match(text[end:end + 15])
    if after:
        return (after.group(1) or after.group(2)).lower()
    return None


def _offices_at(text: str, hit: Hit) -> tuple[str, ...] | None:
    """The offices a title written with the hit names (before it, or for Chinese after it)."""
    offices = context.title_before(text, hit.start)
    if offices is None and hit.han:
        offices = context.title_after(text, hit.end)
    return offices


def _context_weight(hit: Hit, candidate: Candidate, document: _Document, lexicon, text: str,
                    offices: tuple[str, ...] | None, place_word: str | None, sharing: frozenset[str] = frozenset()) -> float:
    """How well the candidate fits the hit's context: ``offices`` and ``place_word`` are the
    title and the administrative word written with the hit (the same for every candidate);
    ``sharing``, the entities the hit may name."""
    weight = candidate.weight * prominence(candidate.entity)
    if offices is not None:
        weight += context.office_fit(candidate.entity, offices) if candidate.type == "person" else -0.3
    if place_word is not None and candidate.type == "place":
        weight += 0.2
        local = _is_local_unit(lexicon, candidate.entity)
        if place_word in place_words().district_words:
            weight += 0.4 if local else -0.3
        if place_word in place_words().province_words:
            weight += 0.4 if not local else -0.3
        if place_word in place_words().city_words and not hit.han and ":city:" in candidate.entity:
            weight += 0.4  # "thành phố Hà Giang", "Yen Bai city": the city, not the province
    ancestors = [a for a in _ancestors(lexicon, candidate.entity) if not is_country(a)]
    entity = lexicon.get(candidate.entity)
    if entity is not None and entity.successor and entity.successor not in sharing:
        # a unit merged in 2025 lies inside its successor as a county lies inside its province:
        # "Yên Bái giáp Lào Cai" names the old province as much as the city of the new one
        ancestors.append(entity.successor)
    for ancestor in ancestors:
        # a county named near its province (Trùng Khánh with Cao Bằng; 太原 with 山西) or in the same text
        places = document.possible.get(ancestor, [])
        reach = _NEAR_HAN if hit.han else _NEAR
        if _other_start_within(places, hit.start, reach):
            weight += 0.5
            break
        if places and (len(places) > 1 or places[0] != hit.start):
            weight += 0.2
            break
    country = country_of(candidate.entity)
    if country and candidate.type in ("place", "org") and document.country_near(text, hit, country):
        weight += 0.6  # 越南太原省, "Thái Nguyên, Việt Nam", "China's Foreign Ministry"
    total = sum(document.countries.values())
    if country and total:
        weight += 0.3 * document.countries[country] / total
    # (places have their own, closer cues: a designator, a country written beside them)
    near = document.countries_near(hit) if country and candidate.type != "place" and document.sure_countries else None
    if near:
        # "Ủy viên Bộ Chính trị Thái Kỳ", "China's Politburo": the sentence's own country
        weight += 0.5 * near[country] / sum(near.values())
    if country and {"zh": "cn", "vi": "vn"}.get(document.lang) == country:
        weight += 0.05
    if document.resolved.get(hit.key) == candidate.entity:
        weight += 0.6  # the document already settled this name
    return weight


def _family(lexicon, entity_id: str) -> set[str]:
    """The entity, its ancestors below its country and its successor: names shared within a family
    are no homographs (two places of one country are not one family: 鼓楼区 of Nanjing and of Fuzhou)."""
    entity = lexicon.get(entity_id)
    family = {entity_id, *(a for a in _ancestors(lexicon, entity_id) if not is_country(a))}
    if entity is not None and entity.successor:
        family.add(entity.successor)
    return family


def _resolve(text: str, hit: Hit, candidates: tuple[Candidate, ...], document: _Document, lexicon) -> tuple[Candidate, float]:
    if len(candidates) == 1:
        return candidates[0], candidates[0].weight
    offices = _offices_at(text, hit)
    place_word = _place_word(text, hit.start, hit.end, hit)
    sharing = frozenset(c.entity for c in candidates)
    weights = [max(_context_weight(hit, c, document, lexicon, text, offices, place_word, sharing), 0.01) for c in candidates]
    if hit.han and place_word is None and len({c.type for c in candidates}) > 1:
        # a place whose Chinese name carries its place word (红河州), written without it (红河):
        # the other thing so named, the river, comes first
        suffixes = place_words().han_place_suffixes
        weights = [w - _PLACE_WITHOUT_WORD if c.type == "place" and _primary_han_name_ends_in(lexicon, c.entity, suffixes) else w
                   for c, w in zip(candidates, weights)]
    if hit.han and place_word is None and any(c.type == "person" for c in candidates):
        # Chinese writes a place named after a person with its place word (胡志明市): without
        # one, the name is the person's
        weights = [max(w - _PLACE_WITHOUT_WORD, 0.01) if c.type == "place" else w for c, w in zip(candidates, weights)]
    written = text[hit.start:hit.end]
    if has_marks(written):
        # marks the fold key drops still tell names apart: written Lương, a name written Luồng
        # is another one (a name without marks, or in Chinese characters, says nothing)
        written = marked_key(written)
        # (search_key, as ever: it agrees with the hit's link key but on a few letters such as ß and ς)
        weights = [
            w - _OTHER_MARKS
            if has_marks(c.surface) and marked_key(c.surface) != written and search_key(c.surface) == hit.key else w
            for c, w in zip(candidates, weights)
        ]
    best = max(range(len(candidates)), key=lambda i: (weights[i], -i))
    chosen = candidates[best]
    # the score weighs the choice against the strongest rival that is another thing altogether,
    # not against the same place before the 2025 merger or its capital city
    family = _family(lexicon, chosen.entity)
    rivals = [w for c, w in zip(candidates, weights) if c.entity not in family and not (_family(lexicon, c.entity) & family)]
    share = weights[best] / (weights[best] + max(rivals, default=0.0))
    if share >= _SETTLED_SHARE:
        document.resolved[hit.key] = chosen.entity
    return chosen, round(chosen.weight * share, 3)


def _primary_han_name_ends_in(lexicon, entity_id: str, suffixes: frozenset[str]) -> bool:
    entity = lexicon.get(entity_id)
    name = entity.name("zh") if entity is not None else None
    return name is not None and len(name) >= 3 and name[-1] in suffixes


_OTHER_MARKS = 0.4  # a candidate written with other marks than the text's
_SETTLED_SHARE = 0.6  # a choice with this share of the weight against its strongest rival is settled
_PLACE_WITHOUT_WORD = 0.3


def _bare_span(text: str, hit: Hit) -> tuple[int, int] | None:
    """Where the bare name sits inside a hit written with its administrative word."""
    if hit.han:
        if hit.end - hit.start >= 3 and hit.key[-1] in place_words().han_place_suffixes:
            return hit.start, hit.end - 1
        return None
    words_of_places = place_words()
    for designator in words_of_places.designator_keys:
        if hit.key.startswith(designator):
            if words_of_places.designator_words[designator.strip()] not in words_of_places.ranked_words:
                return None  # "quần đảo Trường Sa" names islands, which no city of that name is
            words = len(designator.split())
            pieces = text[hit.start:hit.end].split(None, words)
            if len(pieces) > words:
                return hit.end - len(pieces[-1]), hit.end
    return None


def _with_bare_place_names(text: str, found):
    """A hit written with its administrative word also stands for the entities of the bare name:
    太原市 and ``thành phố Thái Nguyên`` name the Vietnamese city, but Taiyuan (太原, ``Thái
    Nguyên``) is written so as well."""
    by_span = {(h.start, h.end): c for h, c in found}
    extended = []
    for hit, candidates in found:
        bare_span = _bare_span(text, hit)
        if bare_span is not None:
            known = {c.entity for c in candidates}
            extra = tuple(
                Candidate(c.entity, c.type, "bare", c.lang, c.surface)
                for c in by_span.get(bare_span, ()) if c.type == "place" and c.entity not in known
            )
            candidates = candidates + extra
        extended.append((hit, candidates))
    return extended


# ----------------------------------------------------------------------------- the linker

def link(text: str, lang: str | None = None, lexicon: Lexicon | AliasIndex | None = None, *, unknown: bool = True,
         ner: bool = False) -> list[Mention]:
    """Every entity mention in ``text``: known ones with their id, unknown names with a cluster.

    ``lang`` (``vi``, ``en``, ``zh``) is detected when None; ``lexicon`` defaults to the built-in
    lexicons; ``unknown=False`` skips proposing names the lexicon lacks (the fastest path);
    ``ner=True`` proposes Vietnamese names with underthesea's NER instead of capitalised
    syllable runs (about five times slower once its model is loaded; see ``unknown.py``).
    """
    if not isinstance(text, str):
        raise TypeError(f"link() takes a str, not {type(text).__name__}")
    if lang is not None and lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)} or None, not {lang!r}")
    if not text.strip():
        return []
    index = lexicon if isinstance(lexicon, AliasIndex) else alias_index(lexicon)
    layout = layout_of(text)
    # Han characters fold to themselves, and nothing else in a key is outside ASCII but other scripts
    has_han = script.has_han(layout.hay)
    lang = lang or detect_language(text, has_han)
    if has_han:
        from toolkit.chinese.script import simplified_shadow

        # The lexicon, jieba and the readings know Chinese in simplified characters: traditional
        # text is linked through its simplified shadow, which has the same offsets.
        shadow = simplified_shadow(text)
        if shadow is not None:
            found = _linked(shadow, lang, index, layout_of(shadow), has_han, unknown, ner)
            return [with_changes(m, text=text[m.start:m.end]) for m in found]
    return _linked(text, lang, index, layout, has_han, unknown, ner)


def _linked(text: str, lang: str, index: AliasIndex, layout, has_han: bool, unknown: bool, ner: bool) -> list[Mention]:
    """The mentions of ``text`` laid out as ``layout`` (``link`` once its arguments are settled)."""
    mentions, short_hits, unsettled = _known_mentions(text, layout, index, lang, has_han)
    if has_han or lang == "vi":
        from toolkit.linking.compounds import compound_mentions

        mentions += compound_mentions(text, mentions, has_han)
    if lang in ("vi", "en") or has_han:
        from toolkit.linking.gates import bare_gate_mentions

        mentions += bare_gate_mentions(text, index, mentions)
    if any(m.type == "org" for m in mentions):
        from toolkit.linking.bodies import countries_with_their_bodies

        mentions = countries_with_their_bodies(text, mentions)
    if unknown and (has_han or lang in ("vi", "en")):
        from toolkit.linking.bodies import organisations_of_places

        mentions = organisations_of_places(text, lang, mentions, has_han)
    if unknown and lang in ("vi", "en"):
        from toolkit.linking.whole_names import people_over_places

        mentions = people_over_places(text, lang, mentions)
    if unknown:
        from toolkit.linking.unknown import unknown_mentions

        mentions += unknown_mentions(text, lang, index, mentions, ner=ner)
    # short forms last: a surname or given name stands for the one person of the document,
    # known or not, named in full with it (Wang after Wang Ning, Doc after Nguyen Van Doc)
    if short_hits or lang == "zh" or any(m.type == "person" for m in mentions):
        from toolkit.linking.shortforms import short_form_mentions

        mentions += short_form_mentions(text, index, mentions, short_hits, has_han, lang)
    if unsettled:
        # a small unit's name without a cue is the weakest reading of its span: a person (王东明),
        # a compound (中方) or a body found there by the other passes comes first
        taken = TakenSpans()
        for mention in mentions:
            taken.add(mention.start, mention.end)
        mentions += [m for m in unsettled if not taken.overlaps(m.start, m.end)]
    return sorted(mentions, key=lambda m: (m.start, m.end))


class Linker:
    """``link`` with its lexicon and settings held: made once, called for every text.

    The lexicon's alias index is built (or restored from the disk cache) at the first call and
    kept. A linker pickles as its settings and lexicon, never its index, so it ships to worker
    processes, which make their own. For pandas, Dask and Spark, ``toolkit.corpus.batch.MentionFinder``
    gives mentions as dicts.
    """

    def __init__(self, lexicon=None, lang: str | None = None, *, unknown: bool = True, ner: bool = False) -> None:
        if lang is not None and lang not in LANGS:
            raise ValueError(f"lang must be one of {', '.join(LANGS)} or None, not {lang!r}")
        self.lexicon = lexicon
        self.lang = lang
        self.unknown = unknown
        self.ner = ner
        self._index: AliasIndex | None = None

    @property
    def index(self) -> AliasIndex:
        if self._index is None:
            self._index = self.lexicon if isinstance(self.lexicon, AliasIndex) else alias_index(self.lexicon)
        return self._index

    def link(self, text: str) -> list[Mention]:
        """Every entity mention in ``text`` (see :func:`link`)."""
        return link(text, self.lang, self.index, unknown=self.unknown, ner=self.ner)

    __call__ = link

    def __getstate__(self) -> dict:
        return {"lexicon": self.lexicon, "lang": self.lang, "unknown": self.unknown, "ner": self.ner}

    def __setstate__(self, state: dict) -> None:
        self.lexicon, self.lang, self.unknown, self.ner = state["lexicon"], state["lang"], state["unknown"], state["ner"]
        self._index = None

    def __repr__(self) -> str:
        return f"Linker(lexicon={self.lexicon!r}, lang={self.lang!r}, unknown={self.unknown}, ner={self.ner})"


def _known_mentions(text: str, layout, index: AliasIndex, lang: str, has_han: bool):
    """Mentions of lexicon names, and (layout, first, last, key) of the people's short forms the
    scan found (mapped back only when the document gives them someone to stand for)."""
    found = []
    short_forms: list[tuple[int, int, str]] = []
    fitting_cache = index.fitting
    candidates_of = index.table.get
    for hit in scan(layout, index.automata(text, has_han), SHORT_FORM_MARK, short_forms):
        start, end = hit.start, hit.end
        if not hit.han and (text[end:end + 1] not in _APART or (start and text[start - 1] not in _APART)):
            if glued(text, start, end):
                continue
        cache_key = (text[start:end], hit.key)
        fitting = fitting_cache.get(cache_key)
        if fitting is None:
            written = cache_key[0]
            fitting = tuple(c for c in candidates_of(hit.key, ()) if written_form_fits(written, c, hit.key))
            if len(fitting_cache) < _FITTING_CACHE:
                fitting_cache[cache_key] = fitting
        if fitting:
            found.append((hit, fitting))
    if has_han:
        han_spans = [(h.start, h.end) for h, _ in found if h.han]
        if han_spans:
            on_edges = chinese_hits_on_word_edges(text, han_spans, index.lexicon)
            found = [(h, c) for h, c in found if not h.han or ((h.start, h.end) in on_edges and not _everyday_place(text, h, c))]
    if not index.designated_keys.isdisjoint([h.key for h, _ in found]):
        found = _with_bare_place_names(text, found)
    lexicon = index.lexicon
    unsettled: list[Mention] = []
    if any(needs_cue(c.entity) for _, candidates in found for c in candidates):
        # a small unit is a candidate only with a cue, settled before the longest hits are
        # chosen: an uncued commune (Châu Hồng) must not hide the name it overlaps (Hồng Hà)
        found = _cued_hits(text, found, lexicon, lang, unsettled)
    chosen = longest_first(found)
    # the document's evidence is gathered only when a name several entities share needs it
    document = _document(text, chosen, lexicon, lang) if any(len(c) > 1 for _, c in chosen) else None
    mentions = []
    for hit, candidates in chosen:
        if len(candidates) == 1:
            candidate = candidates[0]
            score = ORIGIN_WEIGHTS[candidate.origin]
        else:
            assert document is not None  # gathered when a hit has several candidates
            candidate, score = _resolve(text, hit, candidates, document, lexicon)
        start, end = hit.start, hit.end
        if candidate.type == "place":
            start, end = _with_designator(text, start, end, hit.han)
            rank = _unit_rank(candidate.entity)
            if rank is not None:
                start = _with_unit_word(text, start, rank)
        if needs_cue(candidate.entity) and score < candidate.weight * _SETTLED_SHARE:
            # small units of one name that the context does not tell apart (鼓楼区 in four cities)
            unsettled.append(_unsettled_place(text, start, end, hit, candidates))
            continue
        mentions.append(Mention(start, end, text[start:end], candidate.entity, candidate.type, score, candidate.entity))
    return mentions, [(layout, first, last, key) for first, last, key in short_forms], unsettled


def _cued_hits(text: str, found, lexicon, lang: str, unsettled: list[Mention]):
    """``found`` with the small units that have no cue taken out of each hit's candidates; a hit
    left with none is proposed into ``unsettled`` when it still reads as a place name."""
    gathered: list[_Document] = []

    def document() -> _Document:  # gathered only when a unit's parent or sibling is asked for
        if not gathered:
            gathered.append(_document(text, found, lexicon, lang))
        return gathered[0]

    kept = []
    for hit, candidates in found:
        if any(needs_cue(c.entity) for c in candidates):
            cued = tuple(c for c in candidates if not needs_cue(c.entity) or _cued(text, hit, c, candidates, document, lexicon))
            if not cued:
                if _worth_proposing(text, hit, candidates, lang):
                    start, end = _with_designator(text, hit.start, hit.end, hit.han)
                    unsettled.append(_unsettled_place(text, start, end, hit, candidates))
                continue
            candidates = cued
        kept.append((hit, candidates))
    return kept


def _cued(text: str, hit: Hit, candidate: Candidate, candidates: tuple[Candidate, ...],
          document: Callable[[], "_Document"], lexicon) -> bool:
    """Whether the text says which small unit it names: a designator written with it (砚山县,
    ``huyện Mường Tè``, ``Maguan county``), its province or prefecture or a sibling unit named in
    the document, or a name that only this entity has and that is no everyday word (Chinese
    characters, or pinyin of two syllables or more). A commune or ward takes only its own word:
    Vietnamese writes it (xã Hải Sơn, phường Móng Cái 1), and a province holds a hundred of them,
    many named like people, streets and everyday phrases (Quang Trung, Hòa Bình, Tân Lập)."""
    rank = _unit_rank(candidate.entity)
    if rank is not None:
        if rank == "district" and _place_word(text, hit.start, hit.end, hit) in place_words().district_words:
            return True  # huyện Hải Hà, thị xã Sa Pa, Hai Ha district
        return _unit_word_with(text, hit, rank)
    if hit.han:
        if hit.key[-1] in place_words().han_place_suffixes:
            return True  # the full name, 砚山县 (a unit word that is not its own, 合作区 for 合作市, is none)
    elif _place_word(text, hit.start, hit.end, hit) is not None:
        return True
    entity = lexicon.get(candidate.entity)
    written = text[hit.start:hit.end]
    if entity is None or (hit.han and dictionary_frequency(written) >= COMMON_WORD):
        return False  # a word people write (资源 "resources", the county 资源县) needs its unit word
    gathered = document()
    for ancestor in _ancestors(lexicon, candidate.entity):
        starts = gathered.possible.get(ancestor, ())
        if not is_country(ancestor) and any(start != hit.start for start in starts):
            return True
    if entity.parent and gathered.units_under(entity.parent) - (candidate.entity in gathered.possible) > 0:
        return True  # a sibling: Mường Tè named with Sìn Hồ, 马关 with 麻栗坡
    if len({c.entity for c in candidates}) > 1:
        return False
    if hit.han:
        # two characters are too often a given name or a word (东明 in 王东明, 宁强 in 王宁强)
        return len(written) >= 3 and dictionary_frequency(written) < COMMON_WORD
    # a place's pinyin is written as one word (Huanghua): "Huang Hua" is a person
    return candidate.origin == "pinyin" and " " not in written and len(written) >= _DISTINCT_PINYIN


# the small units whose own word cues them, by level: the rank of that word in designators.tsv
_UNIT_WORD_RANKS = {"commune": "commune", "pre2025-district": "district"}


def _unit_rank(entity_id: str) -> str | None:
    """The rank of a Vietnamese small unit's own word (commune: xã, phường; district: quận)."""
    level = unit_level(entity_id)
    return _UNIT_WORD_RANKS.get(level) if level is not None else None


def _unit_word_with(text: str, hit: Hit, rank: str) -> bool:
    words = place_words()
    return bool(words.unit_before[rank].search(text[max(0, hit.start - _UNIT_WORD_REACH):hit.start])
                or words.unit_after[rank].match(text[hit.end:hit.end + _UNIT_WORD_REACH])
                or words.unit_before_list[rank].search(text[max(0, hit.start - _UNIT_LIST_REACH):hit.start]))


def _with_unit_word(text: str, start: int, rank: str) -> int:
    """Where a unit's mention starts: at its word, when one is written before it (xã Hải Sơn)."""
    before = place_words().unit_before[rank].search(text[max(0, start - _UNIT_WORD_REACH):start])
    if before is None or text[max(0, start - len(before.group(0)) - 4):start - len(before.group(0))].lower() == "các ":
        return start  # "các phường Móng Cái 2": the plural word belongs to the list, not to one name
    return start - len(before.group(0))


def _worth_proposing(text: str, hit: Hit, candidates: tuple[Candidate, ...], lang: str) -> bool:
    """Whether a small unit's name that the text gives no cue for still reads as a place name: in
    Chinese characters, or in pinyin standing alone in non-Vietnamese text. A Hán-Việt reading
    (Tân Thành, Hữu Nghị: also the names of Vietnamese places and people) or a word of a longer
    capitalised name (Youyi in "Youyi Guan") is not."""
    if hit.han:
        # not a word people write (友谊 "friendship", 河东), nor part of one (和政 in 党和政府)
        return dictionary_frequency(text[hit.start:hit.end]) < COMMON_WORD and is_own_word(text, hit.start, hit.end)
    if lang == "vi" or not any(c.origin == "pinyin" for c in candidates):
        return False
    before = text[max(0, hit.start - 2):hit.start]
    after = text[hit.end:hit.end + 2]
    return not (before[-1:] == " " and before[:1].isupper()) and not (after[:1] == " " and after[1:].isupper())


def _unsettled_place(text: str, start: int, end: int, hit: Hit, candidates: tuple[Candidate, ...]) -> Mention:
    """A place name without a cue: proposed with the small units it may be, linked to none."""
    from toolkit.linking.clustering import cluster_key

    entities = tuple(dict.fromkeys(c.entity for c in candidates if c.type == "place"))
    return Mention(start, end, text[start:end], None, "place", _UNSETTLED, cluster_key(text[hit.start:hit.end]), entities)


_UNSETTLED = 0.4  # the score of a place proposed without a cue
_UNIT_WORD_REACH = 16  # characters either side of a name in which its commune's word is looked for
_UNIT_LIST_REACH = 120  # characters before a name in which a list it ends may begin with the word
_DISTINCT_PINYIN = 6  # letters from which a pinyin name that one entity has is not a chance sound (Sansha, not Napo)


def _everyday_place(text: str, hit: Hit, candidates: tuple[Candidate, ...]) -> bool:
    """A Chinese place name that is also an everyday word (和平 "peace", the former province Hòa
    Bình), written without its place word (和平省): the word, not the place."""
    return (all(c.type == "place" for c in candidates) and is_everyday_word(text[hit.start:hit.end])
            and not suffix_belongs(text, hit.start, hit.end))


def _document(text: str, chosen, lexicon, lang: str) -> "_Document":
    starts: dict[str, set[int]] = {}
    for hit, candidates in chosen:
        for candidate in candidates:
            starts.setdefault(candidate.entity, set()).add(hit.start)
    possible = {entity_id: sorted(entity_starts) for entity_id, entity_starts in starts.items()}
    document = _Document(lexicon, [c[0].entity for _, c in chosen if len(c) == 1], possible, lang)
    document.country_mentions = sorted(
        (h.start, h.end, c[0].entity.split(":")[1]) for h, c in chosen if len(c) == 1 and is_country(c[0].entity)
    )
    document.sure_countries = sorted(
        (h.start, code) for h, c in chosen if len(c) == 1 for code in (country_of(c[0].entity),) if code
    )
    return document


def _with_designator(text: str, start: int, end: int, han: bool) -> tuple[int, int]:
    """A place mention takes in the administrative word written with it: ``tỉnh Thái Nguyên``,
    ``huyện Trùng Khánh``, ``太原市``, ``重庆县`` (not 河内 in 河内市长: 市长 is another word)."""
    if han:
        return (start, end + 1) if suffix_belongs(text, start, end) else (start, end)
    words = place_words()
    if start < 3 or not text[start - 1].isspace() or text[start - 2] not in words.designator_last_characters:
        return start, end  # no administrative word can end right before the name
    before = words.designator_before.search(text[max(0, start - 12):start])
    if before:
        return start - len(before.group(0)), end
    return start, end


__all__ = ["detect_language", "link", "longest_first", "prominence", "written_form_fits"]
