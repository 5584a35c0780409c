"""Hán-Việt syllable → the (character, pinyin) atoms that read so, with and without tones.

With diacritics the key keeps the vowel letters and the tone (``tần`` ≠ ``tân``), whatever the
tone-mark placement (``hoà`` = ``hòa``) and i/y spelling (``lý`` = ``lí``); without them it is
the project's fold key (``tan``), which is all an accent-free text can say.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from functools import lru_cache

import regex

from toolkit.cache import stored_derivation, strings
from toolkit.text.folding import fold
from toolkit.chinese.priors import Atom, prior, universe
from toolkit.chinese.readings import char_pinyins, hanviet_readings, sound_readings, toneless

# combining marks that carry a Vietnamese tone; the other marks (breve, circumflex, horn) are letters
_TONE_MARKS = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}
# a final y alone after an onset is spelled i as well (lý/lí, kỳ/kì)
_ONSET_Y = regex.compile(r"^(b|ch|c|d|đ|gh|g|h|kh|k|l|m|ngh|ng|nh|n|ph|p|qu|r|s|th|tr|t|v|x)y$")
# marks Vietnamese uses and pinyin never does: breve, circumflex, horn, hook above, tilde, dot below
_VIETNAMESE_ONLY_MARKS = frozenset("\u0306\u0302\u031b\u0309\u0303\u0323")
# marks pinyin uses and Vietnamese never does: macron, caron, diaeresis (ü)
_PINYIN_ONLY_MARKS = frozenset("\u0304\u030c\u0308")


def toned_key(syllable: str) -> str:
    """``Tần`` → ``tân2``; ``hoà`` and ``hòa`` → ``hoa2``; ``Lý`` and ``Lí`` → ``li1``."""
    decomposed = unicodedata.normalize("NFD", syllable.casefold())
    tone = "0"
    letters = []
    for ch in decomposed:
        if ch in _TONE_MARKS:
            tone = _TONE_MARKS[ch]
        else:
            letters.append(ch)
    base = unicodedata.normalize("NFC", "".join(letters))
    if _ONSET_Y.match(base):
        base = base[:-1] + "i"
    return base + tone


def marks_in(text: str) -> frozenset[str]:
    """The combining marks ``text`` carries (after canonical decomposition), plus ``đ`` if present."""
    found = {ch for ch in unicodedata.normalize("NFD", text) if unicodedata.combining(ch)}
    if "đ" in text.casefold():
        found.add("đ")
    return frozenset(found)


def script_of_marks(text: str) -> set[str]:
    """Which Latin renderings a string's marks allow: {"hanviet", "pinyin"} or one of them;
    an unmarked string allows both (as toneless forms)."""
    marks = marks_in(text)
    if marks & (_VIETNAMESE_ONLY_MARKS | {"đ"}):
        return {"hanviet"}
    if marks & _PINYIN_ONLY_MARKS:
        return {"pinyin"}
    return {"hanviet", "pinyin"}


def _atom_lists(value: object) -> tuple[dict[str, tuple[Atom, ...]], dict[str, tuple[Atom, ...]]]:
    """The two indexes from their kept form: key → atoms written as the character then its syllable."""
    if type(value) is not list or len(value) != 2:
        raise TypeError("not a pair of indexes")
    indexes = []
    for index in value:
        if type(index) is not dict:
            raise TypeError("not an index")
        indexes.append({key: tuple((atom[0], atom[1:]) for atom in strings(atoms)) for key, atoms in index.items()})
    return indexes[0], indexes[1]


@stored_derivation("hanviet-index", _atom_lists)
def _indexes() -> list[dict[str, list[str]]]:
    """Toned and folded Hán-Việt syllable → every (character, toneless pinyin) read so (derived
    from the reading tables once per installation: going through every character takes a second)."""
    toned: dict[str, set[Atom]] = defaultdict(set)
    folded: dict[str, set[Atom]] = defaultdict(set)
    keys: dict[str, tuple[str, str]] = {}
    for char in universe():
        syllables = tuple(dict.fromkeys(toneless(p) for p in char_pinyins(char)))
        for i, syllable in enumerate(syllables):
            readings = sound_readings(char, syllable)
            if not readings and i == 0:
                # the tables know this character only under sounds pypinyin does not list
                readings = hanviet_readings(char, None, None)
            for reading in readings:
                if reading not in keys:
                    keys[reading] = (toned_key(reading), fold(reading))
                toned_key_, folded_key = keys[reading]
                toned[toned_key_].add((char, syllable))
                folded[folded_key].add((char, syllable))
    return [{k: [c + s for c, s in sorted(v)] for k, v in index.items()} for index in (toned, folded)]


@lru_cache(maxsize=8192)
def hanviet_distribution(syllable: str, role: str, toned: bool) -> dict[Atom, float]:
    """P(character, pinyin | Hán-Việt syllable, role): 何 for ``hà`` as a surname, and so on."""
    toned_index, folded_index = _indexes()
    atoms = toned_index.get(toned_key(syllable), ()) if toned else folded_index.get(fold(syllable), ())
    weights = {atom: prior(atom, role) for atom in atoms}
    total = sum(weights.values())
    return {atom: w / total for atom, w in weights.items()} if total else {}
