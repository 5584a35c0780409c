"""Are two renderings the same name? Hanzi, pinyin, Hán-Việt and exonyms compared through the characters.

Each rendering is read into one or more *readings*: a sequence of slots, one per syllable, each
a weighted set of atoms (a character with one pinyin sound). Hanzi give exact slots (何 is 何);
a pinyin syllable gives every character that sounds so, weighted by how often it stands in
that role of a name; a Hán-Việt syllable gives every character that reads so, keeping its tone
when the text has diacritics. Two readings meet when every slot shares atoms: 何炜 and
``Ha Vi`` meet through 何 (he, hà) and 炜 (wei, vĩ). Different characters never meet, so
何炜 ≠ 何伟 and ``Lý Cường`` ≠ ``Lương Cường`` whatever the strings share.

A slot's score is the share of the more specific side's weight that lies in the meeting atoms:
for a hanzi character, how well the meeting sound fits it (1 for its sound in context, 0.4 for
another of its sounds); otherwise the larger of the two sides' probability mass in the meeting
atoms. The match score is the product over slots, maximised over the ways each side can be
read (each romanised segmentation; as a person's name and as a place or word).

The knowledge base is the entity lexicon (``toolkit.Lexicon``, the built-in one by default). Two
renderings that are names of one entity are the same (``Thái Lan`` = 泰国, ``Xinhua`` = 新华社,
``Da Nang`` = ``Đà Nẵng``); names of two different entities that share no rendering are
different (``Li Qiang`` ≠ ``Li Keqiang``). A name the lexicon knows on one side only lends the
readings of its entity's Chinese names, where ``reads_chinese`` says they are read (``China`` =
中国 = ``Trung Hoa``); names no lexicon knows are compared by transliteration alone. Any other
object with ``names_for(text)`` (→ hanzi names) can stand in for the lexicon.
"""

from __future__ import annotations

import heapq
import itertools
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import regex

from toolkit.chinese.hanviet_index import hanviet_distribution, script_of_marks
from toolkit.chinese.pinyin_tones import has_pinyin_tones, syllable_tones
from toolkit.chinese.priors import Atom, syllable_distribution
from toolkit.chinese.readings import char_pinyins, read_chars, toneless
from toolkit.chinese.script import canonical_chars, simplified_chars
from toolkit.chinese.romanised import romanised_syllables
from toolkit.lexicon.model import reads_chinese
from toolkit.text.script import has_han, has_marks, is_han_char

__all__ = ["DEFAULT_LEXICON", "LexiconChoice", "Match", "NameLexicon", "SAME_THRESHOLD", "match"]

SAME_THRESHOLD = 0.5
# a hanzi character read with one of its other sounds (曾 as ceng) still fits, at this weight
_OTHER_SOUND_WEIGHT = 0.4
_WORD_SPLIT = regex.compile(r"[\s\-‐‑–—_·・.,]+")
_MAX_EXPLAINED_CHARS = 3
# run-together Vietnamese words: how many cuts to try, and the least likely one worth trying
_MAX_CUTS = 4
_MIN_CUT_PROBABILITY = 0.01


class NameLexicon(Protocol):
    """What ``match`` asks of a lexicon: the hanzi names a rendering is known to stand for
    (``toolkit.Lexicon`` also answers ``entities_for``, which ``match`` uses when it is there)."""

    def names_for(self, text: str) -> frozenset[str]: ...


class _DefaultLexicon:
    """Marker for "use the built-in entity lexicon" (picklable, resolved at call time)."""

    def __repr__(self) -> str:
        return "DEFAULT_LEXICON"

    def __reduce__(self):
        return "DEFAULT_LEXICON"


DEFAULT_LEXICON = _DefaultLexicon()
# what match's ``lexicon`` takes: a lexicon, the built-in one (the default), or None (none at all)
LexiconChoice = NameLexicon | _DefaultLexicon | None


@dataclass(frozen=True, slots=True)
class Match:
    """The verdict on two renderings: ``same`` when ``score`` reaches the threshold; ``why`` says
    which keys met through which characters (or why none did)."""

    same: bool
    score: float
    why: str


@dataclass(frozen=True, slots=True, eq=False)
class _Slot:
    label: str
    weights: dict[Atom, float]
    exact: bool  # hanzi: weights are fits of one character; otherwise a probability distribution

    def share(self, atoms) -> float:
        values = [self.weights[a] for a in atoms]
        if not values:
            return 0.0
        return max(values) if self.exact else min(1.0, sum(values))


@dataclass(frozen=True, slots=True, eq=False)
class _Reading:
    kind: str
    slots: tuple[_Slot, ...]


# --------------------------------------------------------------------------- reading renderings

def _hanzi_reading(text: str, kind: str = "hanzi") -> _Reading | None:
    # read the sounds on the simplified form: pypinyin knows 重庆 as chong qing, not 重慶
    chars = [c for c in read_chars(simplified_chars(text)) if is_han_char(c.char)]
    if not chars or any(ch.isalnum() and not is_han_char(ch) for ch in text):
        return None
    slots = []
    for c in chars:
        usual = toneless(c.pinyin) if c.pinyin else None
        weights: dict[Atom, float] = {}
        for char in canonical_chars(c.char):
            for pinyin in char_pinyins(char):
                syllable = toneless(pinyin)
                weight = 1.0 if usual in (None, syllable) else _OTHER_SOUND_WEIGHT
                weights[(char, syllable)] = max(weight, weights.get((char, syllable), 0.0))
        if not weights:
            return None
        slots.append(_Slot(c.char, weights, exact=True))
    return _Reading(kind, tuple(slots))


# a rendering is read as a person's name (surname, then given name) and as a place or word
_ROLE_PLANS = ("name", "text")


def _role(plan: str, position: int) -> str:
    if plan == "text":
        return "text"
    return "surname" if position == 0 else "given"


def _pinyin_readings(text: str) -> list[_Reading]:
    readings = []
    marked = has_pinyin_tones(text)
    for syllables in romanised_syllables(text):
        tones = (syllable_tones(text, syllables) if marked else None) or (None,) * len(syllables)
        for plan in _ROLE_PLANS:
            slots = tuple(
                _Slot(s, syllable_distribution(s, _role(plan, i), tone), exact=False)
                for i, (s, tone) in enumerate(zip(syllables, tones))
            )
            if slots and all(slot.weights for slot in slots):
                readings.append(_Reading(f"pinyin ({plan})", slots))
    return readings


def _word_options(word: str, role_of_first: str, toned: bool) -> list[list[str]]:
    """A word as one Hán-Việt syllable, or else cut into syllables when run together (Hanoi → Ha noi)."""
    if hanviet_distribution(word, role_of_first, toned):
        return [[word]]
    from toolkit.vietnamese import split_syllables  # the project's syllable model, loaded on demand

    options = []
    for pieces, probability in split_syllables(word, limit=_MAX_CUTS):
        if len(pieces) > 1 and probability >= _MIN_CUT_PROBABILITY:
            options.append(pieces)
    return options


def _hanviet_readings(text: str, toned: bool) -> list[_Reading]:
    words = [w for w in _WORD_SPLIT.split(unicodedata.normalize("NFC", text)) if w]
    kind = "Hán-Việt" if toned else "Hán-Việt without diacritics"
    per_word = [_word_options(w, "surname" if i == 0 else "given", toned) for i, w in enumerate(words)]
    if not words or not all(per_word):
        return []
    readings = []
    for combo in itertools.islice(itertools.product(*per_word), _MAX_CUTS):
        syllables = [piece for pieces in combo for piece in pieces]
        for plan in _ROLE_PLANS:
            slots = [_Slot(w, hanviet_distribution(w, _role(plan, i), toned), exact=False)
                     for i, w in enumerate(syllables)]
            if all(slot.weights for slot in slots):
                readings.append(_Reading(f"{kind} ({plan})", tuple(slots)))
    return readings


def _lexicon_names(text: str, entities, lexicon) -> frozenset[str]:
    """The hanzi names whose readings stand for ``text``: of its entities' Chinese names, those the
    one rule reads (not 安哥拉 for Angola); a plain ``names_for`` lexicon's names as they come."""
    if entities is None:
        return lexicon.names_for(text)
    return frozenset(
        name.text for entity in entities if reads_chinese(entity) for name in entity.names if name.lang == "zh"
    )


def _readings(text: str, lexicon, entities=None) -> list[_Reading]:
    readings = list(_transliteration_readings(text))
    if lexicon is not None:
        seen = set()
        for name in sorted(_lexicon_names(text, entities, lexicon)):
            simplified = simplified_chars(name)
            if simplified in seen:
                continue
            seen.add(simplified)
            reading = _lexicon_reading(name)
            if reading:
                readings.append(reading)
    return readings


@lru_cache(maxsize=16384)
def _lexicon_reading(name: str) -> _Reading | None:
    return _hanzi_reading(name, kind=f"lexicon name {name}")


@lru_cache(maxsize=16384)
def _transliteration_readings(text: str) -> tuple[_Reading, ...]:
    readings: list[_Reading] = []
    if has_han(text):
        hanzi = _hanzi_reading(text)
        if hanzi:
            readings.append(hanzi)
    else:
        scripts = script_of_marks(text)
        marked = has_marks(text)
        if "hanviet" in scripts:
            readings.extend(_hanviet_readings(text, toned=marked))
        if "pinyin" in scripts:
            readings.extend(_pinyin_readings(text))
    return tuple(readings)


# --------------------------------------------------------------------------- comparing readings

def _slot_fit(a: _Slot, b: _Slot) -> tuple[float, list[Atom]]:
    small, large = (a, b) if len(a.weights) <= len(b.weights) else (b, a)
    common = [atom for atom in small.weights if atom in large.weights]
    if not common:
        return 0.0, []
    if a.exact or b.exact:
        # a character as written is the most specific evidence there is: its own fit decides
        # (重 in 重庆 reads chong, so Trọng, the zhong reading, fits it only weakly)
        score = min(slot.share(common) for slot in (a, b) if slot.exact)
    else:
        score = max(a.share(common), b.share(common))
    return score, common


def _compare(a: _Reading, b: _Reading) -> tuple[float, list]:
    """The score of two readings and, per slot, what met (explained only for the winner)."""
    if len(a.slots) != len(b.slots):
        return 0.0, [f"{len(a.slots)} syllables against {len(b.slots)}"]
    score = 1.0
    met = []
    for sa, sb in zip(a.slots, b.slots):
        fit, atoms = _slot_fit(sa, sb)
        if fit == 0.0:
            return 0.0, [f"no character reads both {sa.label!r} and {sb.label!r}"]
        score *= fit
        met.append((sa, sb, atoms))
    return score, met


def _explain(met: list) -> str:
    if met and isinstance(met[0], str):
        return met[0]
    parts = []
    for sa, sb, atoms in met:
        ranked = heapq.nlargest(_MAX_EXPLAINED_CHARS + 1, atoms, key=lambda atom: sa.weights[atom] * sb.weights[atom])
        chars = ",".join(f"{char}({sound})" for char, sound in ranked[:_MAX_EXPLAINED_CHARS])
        more = f"+{len(atoms) - _MAX_EXPLAINED_CHARS}" if len(atoms) > _MAX_EXPLAINED_CHARS else ""
        parts.append(f"{sa.label}={sb.label} via {chars}{more}")
    return "; ".join(parts)


def _resolve(lexicon):
    if lexicon is DEFAULT_LEXICON:
        from toolkit.lexicon import builtin_lexicon

        return builtin_lexicon()
    return lexicon


def _entities(text: str, lexicon):
    """The entities ``text`` names, or None when the lexicon cannot say (no ``entities_for``)."""
    entities_for = getattr(lexicon, "entities_for", None)
    return None if entities_for is None else entities_for(text.strip())


def _by_entities(a: str, b: str, entities_a, entities_b) -> Match | None:
    """The verdict of the knowledge base when it knows both sides, else None."""
    if not entities_a or not entities_b:
        return None
    ids_b = {entity.id for entity in entities_b}
    shared = [entity.id for entity in entities_a if entity.id in ids_b]
    if shared:
        return Match(True, 1.0, f"lexicon: {a!r} and {b!r} are names of {', '.join(shared)}")
    return Match(False, 0.0, f"lexicon: {a!r} names {', '.join(e.id for e in entities_a)}, "
                             f"{b!r} names {', '.join(e.id for e in entities_b)}")


def match(a: str, b: str, lexicon: LexiconChoice = DEFAULT_LEXICON) -> Match:
    """Whether ``a`` and ``b`` render the same name, with a score in [0, 1] and the reason.

    With a lexicon (``toolkit.Lexicon``; the built-in one by default), names of one entity are the
    same and ``why`` names the entity id; names of different entities are different; otherwise
    the renderings are compared through the characters, with the readings of a known side's
    Chinese names. ``lexicon=None`` decides on transliteration alone; any object with
    ``names_for(text)`` (the hanzi names a rendering is known to stand for) lends readings only.
    """
    if not isinstance(a, str) or not isinstance(b, str):
        raise TypeError("match() compares two strings")
    lexicon = _resolve(lexicon)
    if unicodedata.normalize("NFC", a).strip().casefold() == unicodedata.normalize("NFC", b).strip().casefold():
        return Match(bool(a.strip()), 1.0 if a.strip() else 0.0, "identical text" if a.strip() else "empty text")
    entities_a = entities_b = None
    if lexicon is not None:
        entities_a, entities_b = _entities(a, lexicon), _entities(b, lexicon)
        verdict = _by_entities(a, b, entities_a, entities_b)
        if verdict is not None:
            return verdict
    readings_a, readings_b = _readings(a, lexicon, entities_a), _readings(b, lexicon, entities_b)
    if not readings_a or not readings_b:
        unread = [repr(t) for t, r in ((a, readings_a), (b, readings_b)) if not r]
        return Match(False, 0.0, f"no Chinese, pinyin or Hán-Việt reading of {' or '.join(unread)}")
    best_score, best = -1.0, None
    for ra in readings_a:
        for rb in readings_b:
            score, met = _compare(ra, rb)
            if score > best_score:
                best_score, best = score, (ra, rb, met)
    assert best is not None  # both sides have readings, so some pair was compared
    ra, rb, met = best
    best_score = min(1.0, max(0.0, best_score))
    why = f"{ra.kind} {a!r} ~ {rb.kind} {b!r}: {_explain(met)}"
    return Match(best_score >= SAME_THRESHOLD, round(best_score, 6), why)
