"""Hanzi → pinyin and hanzi → Hán-Việt, surname-aware, with polyphones chosen by the pinyin.

The pinyin of a character in context comes from pypinyin (phrase-aware; imported on first use),
except a surname, which reads as the curated table says (曾 Zeng, 单 Shan, 区 Ou). The Hán-Việt
reading is then looked up by (character, pinyin), so 重 reads Trùng as chóng and Trọng as
zhòng; in a person's name the press readings of ``name_readings.tsv`` come first (戴 Đới).
"""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from toolkit.chinese.script import canonical_chars, simplified_chars, surname_length
from toolkit.chinese.tables import name_frequencies, name_readings, readings_table
from toolkit.designators import place_words
from toolkit.text.folding import fold
from toolkit.text.script import has_han, is_han_char

# a surname this rare (ppm of names) does not make a two-to-four character string a person's name
_MIN_SURNAME_PPM = 20.0
# a surname and a given-name character this common outweigh a place's final character (王岐山)
_COMMON_SURNAME_PPM = 1000.0
_COMMON_GIVEN_PPM = 500.0
# a pinyin syllable starting with one of these needs an apostrophe after another syllable
_APOSTROPHE_INITIALS = ("a", "o", "e")

KINDS = ("auto", "name", "place", "text")


def toneless(numbered: str) -> str:
    """``zhong4`` → ``zhong``; ``lv3`` → ``lv``."""
    return numbered.rstrip("012345")


@cache
def _tone3(marked: str) -> str:
    from pypinyin.contrib.tone_convert import to_tone3

    return to_tone3(marked, neutral_tone_with_five=True)


@cache
def _pinyin_dictionary() -> dict[int, str]:
    from pypinyin.pinyin_dict import pinyin_dict

    return pinyin_dict


@cache
def char_pinyins(char: str) -> tuple[str, ...]:
    """Every numbered pinyin reading of ``char`` (pypinyin's dictionary, then the reading table's)."""
    marked = _pinyin_dictionary().get(ord(char), "") if len(char) == 1 else ""
    found = [_tone3(p) for p in marked.split(",") if p]
    found = [p for p in dict.fromkeys(found) if p.isascii() and p[:1].isalpha()]
    for key in readings_table().get(char, {}):
        if key != "*" and key not in found:
            found.append(key)
    if not found:
        for variant in canonical_chars(char):
            if variant != char:
                found.extend(p for p in char_pinyins(variant) if p not in found)
    return tuple(found)


def _curated(char: str, role: str | None, syllable: str | None):
    if role is None:
        return ()
    rows = name_readings().get(char) or name_readings().get(simplified_chars(char), ())
    return tuple(
        row for row in rows
        if row.role in (role, "any") and (syllable is None or toneless(row.pinyin) == syllable)
    )


def surname_pinyin(char: str) -> str | None:
    """The numbered pinyin a character takes as a surname, when the curated table says so."""
    rows = _curated(char, "surname", None)
    return rows[0].pinyin if rows else None


@cache
def hanviet_readings(char: str, pinyin: str | None = None, role: str | None = None) -> tuple[str, ...]:
    """Hán-Việt readings of ``char`` (lower case, preferred first) for a numbered or toneless pinyin.

    ``role`` ("surname" / "given") puts the curated press readings of names first.
    """
    syllable = toneless(pinyin) if pinyin else None
    found: list[str] = []
    for row in _curated(char, role, syllable):
        found.extend(r for r in row.readings if r not in found)
    if found:  # the press reading of a name is the name's reading: no dictionary alternatives
        return tuple(found)
    entries = readings_table().get(char)
    if entries is None:
        for variant in canonical_chars(char):
            if variant != char:
                found.extend(r for r in hanviet_readings(variant, pinyin, role) if r not in found)
        return tuple(found)
    keys: list[str] = []
    if pinyin and pinyin in entries:
        keys.append(pinyin)
    if syllable:
        keys.extend(k for k in sorted(entries) if k != "*" and toneless(k) == syllable and k not in keys)
    if "*" in entries:
        keys.append("*")
    if not keys and not found:
        keys = sorted(entries)  # the pinyin is not one the table knows: every reading is a candidate
    for key in keys:
        found.extend(r for r in entries[key] if r not in found)
    return tuple(found)


def sound_readings(char: str, syllable: str) -> tuple[str, ...]:
    """Hán-Việt readings the tables give ``char`` for exactly this toneless sound (or for any
    sound), curated name readings included; no fallback to the character's other sounds."""
    found: list[str] = []
    for role in ("surname", "given"):
        for row in _curated(char, role, syllable):
            found.extend(r for r in row.readings if r not in found)
    entries = readings_table().get(char)
    if entries is None:
        for variant in canonical_chars(char):
            if variant != char:
                found.extend(r for r in sound_readings(variant, syllable) if r not in found)
        return tuple(found)
    for key in sorted(entries):
        if key == "*" or toneless(key) == syllable:
            found.extend(r for r in entries[key] if r not in found)
    return tuple(found)


# --------------------------------------------------------------------------- names and places

@dataclass(frozen=True, slots=True)
class ReadChar:
    """One character of a text with its reading in context."""

    char: str
    pinyin: str | None  # numbered, None for a non-Han character
    role: str | None  # "surname", "given" or None (not part of a person's name)


@cache
def _known_places() -> frozenset[str]:
    # the Chinese names of every place, organisation and other non-person entity the lexicon knows
    from toolkit.lexicon import builtin_lexicon

    return frozenset(
        simplified_chars(name.text)
        for entity in builtin_lexicon() if entity.type != "person"
        for name in entity.names if name.lang == "zh"
    )


def _surname_ppm(chars: str) -> float:
    return name_frequencies()["surname"].get((chars, ""), 0.0)


@cache
def _given_ppm_by_char() -> dict[str, float]:
    table: dict[str, float] = {}
    for (chars, _), ppm in name_frequencies()["given"].items():
        table[chars] = table.get(chars, 0.0) + ppm
    return table


@lru_cache(maxsize=65536)
def surname_ppm(chars: str) -> float:
    """Parts per million of Chinese names with this surname (one or two characters; 0 if none)."""
    return _surname_ppm(simplified_chars(chars))


@lru_cache(maxsize=65536)
def given_ppm(char: str) -> float:
    """Parts per million of Chinese given names with this character (0 for one never seen there)."""
    return _given_ppm_by_char().get(simplified_chars(char), 0.0)


@lru_cache(maxsize=65536)
def looks_like_person(hanzi: str) -> bool:
    """A short all-Han string that starts with a surname and is not a known or suffixed place."""
    if not 2 <= len(hanzi) <= 4 or not all(is_han_char(c) for c in hanzi):
        return False
    simplified = simplified_chars(hanzi)
    if hanzi in _known_places() or simplified in _known_places():
        return False
    n = surname_length(simplified)
    if hanzi[-1] in place_words().han_place_finals:
        # 王岐山, 刘云山, 李长江: a common surname, then a given name whose last character is one
        # names use as much as places do (山 江 城 京 路); a place so named is in the lexicon
        return (len(hanzi) >= 3 and _surname_ppm(simplified[:n]) >= _COMMON_SURNAME_PPM
                and given_ppm(hanzi[-1]) >= _COMMON_GIVEN_PPM)
    return _surname_ppm(simplified[:n]) >= _MIN_SURNAME_PPM


def context_pinyin(text: str) -> list[str | None]:
    from pypinyin import Style, lazy_pinyin

    out: list[str | None] = []
    for run_is_han, chars in itertools.groupby(text, key=is_han_char):
        run = "".join(chars)
        if not run_is_han:
            out.extend([None] * len(run))
            continue
        # pypinyin's hints say errors= returns a str; a list (one item per character) is documented too
        readings: list[str | None] = list(lazy_pinyin(run, style=Style.TONE3, neutral_tone_with_five=True,
                                                      errors=lambda chunk: list(chunk)))  # type: ignore[arg-type, return-value]
        if len(readings) != len(run):  # pypinyin merged a chunk it could not read
            readings = [(char_pinyins(c) or (None,))[0] for c in run]
        out.extend(r if r and r.isascii() else ((char_pinyins(c) or (None,))[0]) for r, c in zip(readings, run))
    return out


def _resolve_kind(hanzi: str, kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if kind != "auto":
        return kind
    if looks_like_person(hanzi):
        return "name"
    if 0 < len(hanzi) <= 4 and all(is_han_char(c) for c in hanzi):
        return "place"
    return "text"


def read_chars(hanzi: str, kind: str = "auto") -> list[ReadChar]:
    """Each character with its pinyin in context and its role in a person's name."""
    return list(_read_chars(hanzi, _resolve_kind(hanzi, kind)))


@lru_cache(maxsize=65536)
def _read_chars(hanzi: str, kind: str) -> tuple[ReadChar, ...]:
    # a name is read several times over (its pinyin, its keys, its Hán-Việt keys) when an index
    # is built, and pypinyin's reading in context is most of that cost
    pinyins = context_pinyin(hanzi)
    if kind != "name":
        return tuple(ReadChar(c, p, None) for c, p in zip(hanzi, pinyins))
    n = surname_length(simplified_chars(hanzi))
    chars = []
    for i, (c, p) in enumerate(zip(hanzi, pinyins)):
        role = "surname" if i < n else "given"
        if role == "surname" and n == 1:
            p = surname_pinyin(c) or p
        chars.append(ReadChar(c, p, role))
    return tuple(chars)


def _display_syllable(numbered: str) -> str:
    return toneless(numbered).replace("v", "ü")


def _join_syllables(syllables: list[str]) -> str:
    word = ""
    for syllable in syllables:
        if word and syllable.startswith(_APOSTROPHE_INITIALS):
            word += "'"
        word += syllable
    return word.capitalize()


def _words(hanzi: str) -> list[str]:
    import jieba  # only for running text longer than a name

    jieba.setLogLevel(60)
    return list(jieba.cut(hanzi))


def pinyin(hanzi: str, kind: str = "auto") -> str:
    """``习近平`` → ``Xi Jinping``; ``曾庆红`` → ``Zeng Qinghong``; ``西安`` → ``Xi'an``.

    ``kind`` is "name" (surname, then the given name joined), "place" (one joined word),
    "text" (words joined, split by jieba), or "auto" to tell a name from a place.
    """
    if not has_han(hanzi):
        return hanzi
    kind = _resolve_kind(hanzi, kind)
    chars = read_chars(hanzi, kind)
    if kind == "name":
        surname = [_display_syllable(c.pinyin or c.char) for c in chars if c.role == "surname"]
        given = [_display_syllable(c.pinyin or c.char) for c in chars if c.role == "given"]
        return " ".join(w for w in (_join_syllables(surname), _join_syllables(given)) if w)
    if kind == "place":
        return _place_or_word(chars)
    out: list[str] = []
    position = 0
    for word in _words(hanzi):
        piece = chars[position:position + len(word)]
        position += len(word)
        if all(c.pinyin is None for c in piece):
            out.append(word)
        else:
            out.append(_place_or_word(piece))
    return _tidy_spacing(out)


def _place_or_word(chars: list[ReadChar]) -> str:
    parts: list[str] = []
    run: list[str] = []
    for c in chars:
        if c.pinyin is None:
            if run:
                parts.append(_join_syllables(run))
                run = []
            parts.append(c.char)
        else:
            run.append(_display_syllable(c.pinyin))
    if run:
        parts.append(_join_syllables(run))
    return "".join(parts)


def _tidy_spacing(words: list[str]) -> str:
    text = ""
    for word in words:
        if text and word and text[-1].isalnum() and word[0].isalnum():
            text += " "
        text += word
    return text


def _hanviet_syllable(c: ReadChar) -> str:
    if c.pinyin is None and not is_han_char(c.char):
        return c.char
    readings = hanviet_readings(c.char, c.pinyin, c.role)
    return readings[0] if readings else c.char


def hanviet(hanzi: str, kind: str = "auto") -> str:
    """``习近平`` → ``Tập Cận Bình``; ``重庆`` → ``Trùng Khánh``; ``戴秉国`` → ``Đới Bỉnh Quốc``."""
    if not has_han(hanzi):
        return hanzi
    text = ""
    previous_han = False
    for c in read_chars(hanzi, kind):
        han = is_han_char(c.char)
        piece = _capitalise(_hanviet_syllable(c)) if han else c.char
        # Hán-Việt is written one syllable per word: space between syllables and before a word
        if text and (han or previous_han) and text[-1].isalnum() and piece[:1].isalnum():
            text += " "
        text += piece
        previous_han = han
    return unicodedata.normalize("NFC", text)


def _capitalise(syllable: str) -> str:
    return syllable[:1].upper() + syllable[1:]


def _fold_key(syllables: list[str]) -> str:
    return fold(" ".join(syllables))


def pinyin_keys(hanzi: str, kind: str = "auto") -> tuple[str, ...]:
    """Exact fold-space keys of the pinyin: ``何炜`` → (``he wei``,); ``习近平`` → (``xi jin ping``, ``xi jinping``)."""
    if not has_han(hanzi):
        return ()
    chars = read_chars(hanzi, kind)
    spaced = _fold_key([_display_syllable(c.pinyin) if c.pinyin else c.char for c in chars])
    keys = [spaced]
    displayed = fold(pinyin(hanzi, kind))
    if displayed not in keys:
        keys.append(displayed)
    return tuple(keys)


_MAX_KEYS = 8


def marked_readings(hanzi: str, kind: str = "auto") -> tuple[tuple[str, ...], ...]:
    """For each Han character of ``hanzi``, every Hán-Việt syllable it may be read as there, marks
    kept and in lower case (``习近平`` → (("tập",), ("cận",), ("bình",))): what a reading written
    with marks must agree with."""
    from toolkit.text.keys import marked_key

    return tuple(
        tuple(dict.fromkeys(marked_key(r) for r in hanviet_readings(c.char, c.pinyin, c.role) or (c.char,)))
        for c in read_chars(hanzi, kind) if is_han_char(c.char)
    )


def hanviet_keys(hanzi: str, kind: str = "auto") -> tuple[str, ...]:
    """Exact fold-space keys of the Hán-Việt reading, the preferred first: ``黄明政`` → (``hoang minh chinh``, ``huynh minh chinh``)."""
    if not has_han(hanzi):
        return ()
    options: list[tuple[str, ...]] = []
    for c in read_chars(hanzi, kind):
        if c.pinyin is None and not is_han_char(c.char):
            options.append((c.char,))
            continue
        readings = hanviet_readings(c.char, c.pinyin, c.role) or (c.char,)
        # in a name every curated alternative is a real spelling; elsewhere the preferred one is the key
        options.append(readings if c.role else readings[:1])
    keys: list[str] = []
    for combo in itertools.islice(itertools.product(*options), _MAX_KEYS):
        key = _fold_key(list(combo))
        if key not in keys:
            keys.append(key)
    return tuple(keys)
