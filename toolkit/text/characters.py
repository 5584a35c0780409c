"""Layer 2 of the repair pipeline: characters.

Text that decoded correctly can still carry characters that look right and compare wrong:
invisible characters inside words, look-alike letters from other scripts (the Icelandic eth
where ``đ`` belongs, a Cyrillic ``о`` inside a Latin word), combining marks in an order that
NFC cannot compose, fullwidth punctuation from a Chinese input method, Unicode line
separators from PDF extraction. This module repairs those and nothing else: layout
(newlines, indentation, spacing) is kept, and so is punctuation inside Han text, where
fullwidth forms are the norm.

Every repair is a small pure function over a table; ``repair_characters`` chains them and
skips all work for text that has nothing to repair.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter

import regex

# Characters with no visible form that split words for a search engine: zero-width space,
# word joiner, byte order mark (also used as zero-width no-break space), soft hyphen
# (PDF hyphenation residue), and the invisible math operators. ZWJ/ZWNJ are kept: emoji
# sequences and several scripts need them.
INVISIBLE = "\u200b\u2060\ufeff\u00ad\u2061\u2062\u2063\u2064\u180e"

# One character each, so every repair below keeps string length (and offsets) unchanged.
LINE_SEPARATORS = {"\u2028": "\n", "\u2029": "\n", "\u0085": "\n"}

# Cyrillic and Greek letters whose glyphs are indistinguishable from Latin ones. They are
# replaced only inside words that otherwise use Latin letters: a Russian or Greek word
# is left alone.
LATIN_LOOKALIKES = {
    # Cyrillic
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
    "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "У": "Y", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S", "Ԛ": "Q",
    "Ԝ": "W",
    # Greek
    "ο": "o", "α": "a", "ν": "v", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H",
    "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y",
    "Χ": "X",
}

# Vietnamese đ only ever starts a syllable, Icelandic ð almost never starts a word: so an
# eth at the start of a word is a đ drawn with the wrong font table.
ETH_TO_D_STROKE = {"\u00f0": "\u0111", "\u00d0": "\u0110"}

# Marks that change a Vietnamese vowel's quality must precede the tone mark for NFC to
# compose them (ê + grave = ề; e + grave + circumflex composes only to è + a loose mark).
# Circumflex and breve share combining class 230 with the tone marks, so canonical
# ordering leaves them as typed.
VOWEL_MODIFIERS = frozenset("\u0302\u0306\u031b")

_WORD = r"[\p{L}\p{M}]"
_HAN_CONTEXT = r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Bopomofo}\u3000-\u303f\uff00-\uffef]"

# Everything any repair below acts on, as a plain `re` character class: a stdlib charset
# scan runs at C speed (~150 MB/s) and lets clean text skip every repair.
_ANY_SUSPECT = re.compile(
    "[" + INVISIBLE + "".join(LINE_SEPARATORS) + "\u00d0\u00f0\uff01-\uff5e"
    "\u0300-\u036f\u0370-\u03ff\u1f00-\u1fff\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]"
)
_INVISIBLE_RE = re.compile("[" + INVISIBLE + "]")
_LINE_SEPARATOR_RE = re.compile("[" + "".join(LINE_SEPARATORS) + "]")
_STRAY_MARK = re.compile("[\u0300-\u036f]")
_ETH_AT_WORD_START = regex.compile(rf"(?<!{_WORD})[\u00d0\u00f0](?={_WORD})")
# A word with a Cyrillic or Greek character in it is found from that character outwards,
# with possessive runs over its letters (never a pattern that may start at every letter
# of a run and scan it again: that took the square of the run's length).
_FOREIGN = regex.compile(r"[\p{Cyrillic}\p{Greek}]")
_WORD_RUN = regex.compile(rf"{_WORD}*+")
_WORD_RUN_BACK = regex.compile(rf"(?r){_WORD}*+")
_LATIN_LETTER = regex.compile(r"\p{Latin}")
_NON_LATIN_LETTER = regex.compile(r"[\p{Cyrillic}\p{Greek}]")
# Fullwidth letters and digits are plain ASCII drawn wide; fullwidth punctuation is
# ASCII only outside Han text.
_FULLWIDTH_ALNUM = regex.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_FULLWIDTH_PUNCT = regex.compile(
    rf"(?<!{_HAN_CONTEXT}\s*)[\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff5e](?!\s*{_HAN_CONTEXT})"
)
_MARK_RUN = regex.compile(r"\p{M}{2,}")


def remove_invisible(text: str) -> str:
    if "\u00ad" in text:
        from toolkit.decoding.mojibake import utf8_read_as_chars

        # 0xAD is also a UTF-8 continuation byte: in mojibake (chí written chÃ\xad) the soft
        # hyphen is part of a letter, and removing it would leave the text beyond repair
        misread = utf8_read_as_chars(text)
        if misread:
            kept = {i for start, end in misread for i in range(start, end) if text[i] == "\u00ad"}
            return _INVISIBLE_RE.sub(lambda m: m.group() if m.start() in kept else "", text)
    return _INVISIBLE_RE.sub("", text)


def replace_line_separators(text: str) -> str:
    return _LINE_SEPARATOR_RE.sub(lambda m: LINE_SEPARATORS[m.group()], text)


def replace_eth(text: str) -> str:
    return _ETH_AT_WORD_START.sub(lambda m: ETH_TO_D_STROKE[m.group()], text)


@functools.cache
def latin_lookalike(letter: str) -> str | None:
    """The Latin letter that ``letter`` (Cyrillic or Greek) cannot be told from, marks included.

    ``о`` → ``o``, and Greek ``Ὸ`` (omicron with varia) → ``Ò``: the letter is compared
    without its marks, and the answer is one character, so replacing keeps offsets.
    """
    if letter in LATIN_LOOKALIKES:
        return LATIN_LOOKALIKES[letter]
    base, *marks = list(unicodedata.normalize("NFD", letter))
    if not marks or base not in LATIN_LOOKALIKES:
        return None
    latin = unicodedata.normalize("NFC", LATIN_LOOKALIKES[base] + "".join(marks))
    return latin if len(latin) == 1 else None


def _unmask_word(match: regex.Match) -> str:
    return _unmask_word_text(match.group())


def _unmask_word_text(word: str) -> str:
    if not _LATIN_LETTER.search(word):
        return word
    foreign = _NON_LATIN_LETTER.findall(word)
    if any(latin_lookalike(ch) is None for ch in foreign):
        # A real Cyrillic or Greek letter in the word: mixed on purpose, or we cannot tell.
        return word
    return "".join(latin_lookalike(ch) or ch for ch in word)


def _mixed_script_words(text: str):
    r"""The spans ``regex.sub`` of ``[\p{L}\p{M}]*[\p{Cyrillic}\p{Greek}][\p{L}\p{M}]*`` would
    replace, in order, in linear time: each character is covered by at most one backward
    and one forward run (spans never overlap, and a hit inside the last span is skipped).

    A Cyrillic or Greek character that is no letter (``͵``, ``҂``) may stand between two
    runs, once, as the pattern's middle character did.
    """
    end = 0
    for hit in _FOREIGN.finditer(text):
        at = hit.start()
        if at < end:
            continue
        start = _WORD_RUN_BACK.match(text, end, at).start()
        end = _WORD_RUN.match(text, start).end()
        if end < len(text) and _FOREIGN.match(text, end):  # not a letter: the middle character
            end = _WORD_RUN.match(text, end + 1).end()
        yield start, end


def replace_lookalikes(text: str) -> str:
    parts: list[str] = []
    done = 0
    for start, end in _mixed_script_words(text):
        word = text[start:end]
        unmasked = _unmask_word_text(word)
        if unmasked != word:
            parts.append(text[done:start])
            parts.append(unmasked)
            done = end
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


def replace_fullwidth(text: str) -> str:
    text = _FULLWIDTH_ALNUM.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)
    return _FULLWIDTH_PUNCT.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)


def _vowel_modifiers_first(match: regex.Match) -> str:
    marks = match.group()
    return "".join(sorted(marks, key=lambda mark: mark not in VOWEL_MODIFIERS))


def compose(text: str) -> str:
    """NFC, after putting vowel-quality marks before tone marks so that they compose."""
    composed = unicodedata.normalize("NFC", text)
    if not _STRAY_MARK.search(composed):
        return composed  # every mark found its letter: nothing was out of order
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _MARK_RUN.sub(_vowel_modifiers_first, decomposed))


def _needs_composition(text: str) -> bool:
    # The mark scan is cheap and settles NFD text without a full NFC check.
    return _STRAY_MARK.search(text) is not None or not unicodedata.is_normalized("NFC", text)


# (report name, when it may apply, repair); applied in this order. The triggers are
# plain `re` scans, far cheaper than the repairs, so each repair runs only where needed.
CHARACTER_REPAIRS = (
    ("invisible", _INVISIBLE_RE.search, remove_invisible),
    ("line_separator", _LINE_SEPARATOR_RE.search, replace_line_separators),
    ("eth", re.compile("[\u00d0\u00f0]").search, replace_eth),
    ("lookalike", re.compile("[\u0370-\u03ff\u1f00-\u1fff\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]").search, replace_lookalikes),
    ("fullwidth", re.compile("[\uff01-\uff5e]").search, replace_fullwidth),
    # Last: a letter that a repair above made Latin may now compose with its marks.
    ("composition", _needs_composition, compose),
)


def needs_character_repair(text: str) -> bool:
    return not text.isascii() and _ANY_SUSPECT.search(text) is not None


def repair_characters(text: str) -> str:
    """Repair invisible, look-alike, mis-ordered, fullwidth and separator characters."""
    if text.isascii():
        return text
    if _ANY_SUSPECT.search(text) is None:  # one scan settles clean text
        return text if unicodedata.is_normalized("NFC", text) else compose(text)
    if _needs_composition(text):
        # Decomposed text is suspect for its marks alone; once composed, it is usually clean.
        text = compose(text)
        if _ANY_SUSPECT.search(text) is None:
            return text
    for _, applies, repair in CHARACTER_REPAIRS:
        if applies(text):
            text = repair(text)
    return text


def repair_characters_counted(text: str) -> tuple[str, Counter]:
    """``repair_characters`` that also counts the characters each repair changed."""
    counts: Counter = Counter()
    if text.isascii():
        return text, counts
    for name, applies, repair in CHARACTER_REPAIRS:
        if applies(text):
            repaired = repair(text)
            if repaired != text:
                counts[name] += _changed_characters(text, repaired)
            text = repaired
    return text, counts


def _changed_characters(before: str, after: str) -> int:
    if len(before) == len(after):
        return sum(a != b for a, b in zip(before, after))
    return abs(len(before) - len(after))
