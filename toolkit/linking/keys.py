"""Every search key of an entity, derived through the normalisers.

A key is a link key (``toolkit.text.keys.link_key``: the scan key in lower case): ``Hà Nội``,
``Ha Noi`` and ``HÀ NỘI`` all give ``ha noi``. Beside the folded names, aliases and abbreviations an entity gets derived keys:
run-together forms of short place names (``hanoi``, ``vietnam``), the pinyin and Hán-Việt keys
of its Chinese name (习近平 → ``xi jinping``, ``tap can binh``) when ``reads_chinese`` says the
name is read so (not 安哥拉, Angola's transcription), and the hanzi themselves.
Each key remembers where it came from (a :class:`Candidate`), so that the linker can check the
written form (an abbreviation must be written in capitals) and weigh a derived key below a
stored one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from toolkit.lexicon.model import needs_cue, reads_chinese
from toolkit.text.keys import link_key, scan_key
from toolkit.text.script import has_han


# How much a key is worth by where it came from: a stored name beats a derived reading.
ORIGIN_WEIGHTS: dict[str, float] = {
    "name": 1.0,
    "alias": 0.95,
    "abbr": 0.9,
    "joined": 0.9,
    "hanviet": 0.85,
    "pinyin": 0.85,
    # the bare name inside a name written with its administrative word (Thái Nguyên in "thành
    # phố Thái Nguyên" may be Taiyuan): as likely as an alias, until context chooses
    "bare": 0.95,
}

# run-together forms are made for names of at most this many syllables (Ha Noi → hanoi)
_MAX_JOINED_SYLLABLES = 3


class Candidate(NamedTuple):
    """One entity a key can stand for, and the written name the key was derived from (a named
    tuple: a restored index makes tens of thousands of them, and a tuple is made at C speed)."""

    entity: str
    type: str
    origin: str  # a key of ORIGIN_WEIGHTS
    lang: str
    surface: str
    # for a Hán-Việt reading: the marked syllables each character of ``surface`` may be read as
    # ("tập|tạp cận bình"), worked out with the index so that linking never reads Chinese
    readings: str = ""

    @property
    def weight(self) -> float:
        return ORIGIN_WEIGHTS[self.origin]


def is_han_key(key: str) -> bool:
    """A key scanned on characters (Chinese) rather than on words: it has a Han character."""
    return has_han(key)


def _joined(key: str) -> str | None:
    words = key.split(" ")
    if 2 <= len(words) <= _MAX_JOINED_SYLLABLES and all(w.isascii() and w.isalpha() for w in words):
        return "".join(words)
    return None


def chinese_kind(entity_type: str, hanzi: str) -> str:
    if entity_type == "person":
        return "name"
    return "place" if len(hanzi) <= 4 else "text"


def entity_keys(entity) -> Iterator[tuple[str, Candidate]]:
    """(key, candidate) for every search key of one lexicon entity, stored names first. A small
    unit of a generated gazetteer (``needs_cue``) has its stored names only: its table already
    holds the one pinyin and Hán-Việt form the press writes (Yanshan, Nghiễn Sơn), and the
    spaced, run-together and alternative readings would double the index for thousands of
    names that are linked only with a cue."""
    small = needs_cue(entity.id)
    for name in entity.names:
        key = link_key(name.text)
        if len(key) < 2 and not is_han_key(key):
            continue
        yield key, Candidate(entity.id, entity.type, name.kind, name.lang, name.text)
        if small:
            continue
        if is_han_key(key):
            yield from _chinese_keys(entity, name)
        elif entity.type != "person" and name.kind != "abbr":
            joined = _joined(key)
            if joined:
                yield joined, Candidate(entity.id, entity.type, "joined", name.lang, name.text)


def _chinese_keys(entity, name) -> Iterator[tuple[str, Candidate]]:
    if name.kind == "abbr" or not reads_chinese(entity):
        return
    from toolkit.chinese.readings import hanviet_keys, marked_readings, pinyin_keys

    kind = chinese_kind(entity.type, name.text)
    for key in pinyin_keys(name.text, kind):
        if _long_enough(key):
            yield key, Candidate(entity.id, entity.type, "pinyin", name.lang, name.text)
    readings = ""
    for key in hanviet_keys(name.text, kind):
        if _long_enough(key):
            readings = readings or " ".join("|".join(options) for options in marked_readings(name.text, kind))
            yield key, Candidate(entity.id, entity.type, "hanviet", name.lang, name.text, readings)


def _long_enough(key: str) -> bool:
    return " " in key or len(key) > 5  # a one-syllable reading is a word, not a name


def written_forms(key: str, candidate: Candidate) -> set[str]:
    """The case forms of a key the automaton looks for: a name as the lexicon writes it (marks
    stripped), in capitals, in headline case; a long or lower-case name in any case; an
    abbreviation exactly as written; a derived reading as a name (``Tap Can Binh``)."""
    if is_han_key(key):
        return {key}
    if candidate.origin == "abbr":
        return {scan_key(candidate.surface)}
    if candidate.origin in ("pinyin", "hanviet") or is_han_key(candidate.surface):
        base = " ".join(word.capitalize() for word in key.split(" "))
    elif candidate.origin == "joined":
        base = key.capitalize()
    else:
        base = scan_key(candidate.surface)
    if base.lower() != key:
        base = key
    words = base.split(" ")
    forms = {base, base.upper(), " ".join(w[:1].upper() + w[1:] for w in words)}
    # English press writes long names in any case ("the new western land-sea route"); Vietnamese
    # writes a name's case as the lexicon does, so its names get no lower-case forms (fewer
    # partial matches in running Vietnamese text, which is all lower-case syllables)
    caseless = candidate.lang != "vi" and len(words) >= 3
    if caseless or base[:1].islower():
        forms |= {key, key[:1].upper() + key[1:]}
    designator = _leading_designator(key)
    if designator:
        # a name stored with its administrative word, which running text writes in lower case:
        # "quần đảo Trường Sa" for "Quần đảo Trường Sa", "huyện Hoàng Sa" for "Huyện Hoàng Sa"
        forms |= {designator + form[len(designator):] for form in set(forms) if form.lower().startswith(designator)}
    if caseless:
        # the press lower-cases a word of a long name now and then: "the Belt and Road initiative"
        for i, word in enumerate(words):
            if word[:1].isupper():
                forms.add(" ".join(words[:i] + [word.lower()] + words[i + 1:]))
    return forms


def _leading_designator(key: str) -> str | None:
    from toolkit.designators import place_words

    for designator in place_words().designator_keys:  # ("tinh ", "quan dao "…)
        if key.startswith(designator):
            return designator.strip()
    return None


def key_table(entities: Iterable) -> dict[str, tuple[Candidate, ...]]:
    """Every key of every entity, with the candidates that share it (best origin first per entity)."""
    table: dict[str, dict[str, Candidate]] = defaultdict(dict)
    for entity in entities:
        for key, candidate in entity_keys(entity):
            kept = table[key].get(candidate.entity)
            if kept is None or candidate.weight > kept.weight:
                table[key][candidate.entity] = candidate
    return {key: tuple(by_entity.values()) for key, by_entity in table.items()}


__all__ = ["Candidate", "ORIGIN_WEIGHTS", "entity_keys", "is_han_key", "key_table"]
