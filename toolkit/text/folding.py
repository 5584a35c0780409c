"""The fold key: one search key shared by every Vietnamese and English rendering of a text.

``fold("Hà Nội") == fold("Ha Noi") == fold("HÀ NỘI") == "ha noi"``. The key is casefolded,
carries no tone or vowel marks, writes ``đ`` as ``d``, merges the i/y spelling variants
(``Lý``/``Lí``, ``Mỹ``/``Mĩ``), and separates words by exactly one space whatever
punctuation or spacing stood between them. Han characters pass through as they are.

Two entry points compute the same key: ``fold`` with C-level string operations (the hot
path), and ``fold_with_offsets``, which also maps every key character back to the input
character it came from, so that a match found in the key points at the original text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from toolkit.text.wordcache import WordMemo
from toolkit.text.characters import (
    INVISIBLE,
    needs_character_repair,
    remove_invisible,
    replace_lookalikes,
)

_PUNCTUATION = re.compile(r"[^\w\s]|_")


@functools.cache
def _combining_marks() -> re.Pattern[str]:
    """Every character with a non-zero combining class, as one C-level character class.

    These are the diacritics, and the only characters canonical reordering moves: so
    stripping them makes folding one character at a time agree with folding a string.
    Built from this Python's own Unicode tables, once (about 15 ms), on first use.
    """
    marks = [c for c in range(_LAST_COMBINING_PLANE) if unicodedata.combining(chr(c))]
    ranges: list[list[int]] = []
    for code in marks:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]+")


_LAST_COMBINING_PLANE = 0x20000  # no character beyond plane 1 has a combining class


# Letters whose accent is part of the letter itself (no canonical decomposition), in both
# cases (the scan key of the linker keeps case).
_BASE_LETTERS = str.maketrans(
    {
        "đ": "d", "ð": "d", "ø": "o", "ł": "l", "ı": "i", "ħ": "h", "ŧ": "t",
        "ƀ": "b", "ɨ": "i", "ʉ": "u", "ɗ": "d", "ƶ": "z", "ȥ": "z",
        "Đ": "D", "Ð": "D", "Ø": "O", "Ł": "L", "Ħ": "H", "Ŧ": "T", "Ɨ": "I", "Ɗ": "D", "Ƶ": "Z",
    }
)

# A syllable whose only vowel is a final y after a consonant onset is spelled with i as
# well (Lý/Lí, Mỹ/Mĩ, kỹ/kĩ, quý/quí): fold writes i. ay/uy/ây are other rimes and stay.
# In a key, every non-space character is a word character, so \b is a word edge. The
# pattern starts with its letter, so the regex engine skips to each y at C speed (a whole
# text is merged in about a millisecond per megabyte), and the onset is a look-behind.
_ONSET_BEFORE_Y = r"(?i:(?<=\b[bcdghklmnprstvx][yY])|(?<=\b(?:ch|gh|kh|ng|nh|ph|qu|th|tr)[yY])|(?<=\bngh[yY]))\b"
_ONSET_Y_LOWER = re.compile("y" + _ONSET_BEFORE_Y)
_ONSET_Y_UPPER = re.compile("Y" + _ONSET_BEFORE_Y)


@dataclass(frozen=True, slots=True)
class Folded:
    """A fold key with, for each key character, the input span it was folded from."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The input span ``[s, e)`` that the key span ``[start, end)`` was folded from."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) is not inside a key of length {len(self.text)}")
        return self.starts[start], self.ends[end - 1]


# The scripts the toolkit does not read itself (Greek, Cyrillic, Armenian, Hebrew, Arabic,
# Indic, Thai, Lao, Georgian, Khmer, kana, Hangul…): unidecode romanises them, one character
# at a time (so fold and fold_with_offsets agree), before marks are stripped, since their
# vowel signs are combining characters (ภูเก็ต) that stripping would drop. Latin, with its
# Vietnamese letters (U+1E00–U+1EFF), and Han are the toolkit's own and never reach it.
_OTHER_SCRIPTS = re.compile("[\u0370-\u1aaf\u1b00-\u1dbf\u2c00-\u2dff\ua640-\ua69f\u3040-\u30ff\u3130-\u318f\uac00-\ud7af]+")


def _romanised(found: re.Match[str]) -> str:
    from unidecode import unidecode  # GPL-2.0+, the fallback for scripts the toolkit does not read

    return "".join(unidecode(char) for char in found.group())


def _fold_characters(text: str, keep_case: bool = False) -> str:
    """Case, marks and letter variants, character by character (no context)."""
    if text.isascii():
        return text if keep_case else text.lower()
    folded = unicodedata.normalize("NFKD", text)
    if not keep_case:
        folded = unicodedata.normalize("NFKD", folded.casefold())
    if _OTHER_SCRIPTS.search(folded):
        folded = _OTHER_SCRIPTS.sub(_romanised, folded)
        if not keep_case:
            folded = folded.lower()
    return _combining_marks().sub("", folded).translate(_BASE_LETTERS)


_GREEK_OR_CYRILLIC = re.compile("[\u0370-\u03ff\u1f00-\u1fff\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]")


def _lookalikes_without_marks(key: str) -> str:
    """Look-alikes once more on the mark-free key: a Greek ``ὀ`` is no Latin letter with its
    breathing mark, but its bare ``ο`` is, so ``Aὀ`` folds to ``ao`` the first time, as
    ``aο`` would the second (one character for one: offsets stay aligned)."""
    return replace_lookalikes(key) if _GREEK_OR_CYRILLIC.search(key) else key


def _merge_i_y(key: str) -> str:
    if "y" in key:
        key = _ONSET_Y_LOWER.sub("i", key)
    if "Y" in key:
        key = _ONSET_Y_UPPER.sub("I", key)
    return key


def _prepare(text: str) -> str:
    """The character repairs that can change a fold key (the others vanish in folding)."""
    if needs_character_repair(text):
        return replace_lookalikes(remove_invisible(text))
    return text


def _fold_chunk(text: str, keep_case: bool = False) -> str:
    key = _fold_characters(_prepare(text), keep_case)
    # Punctuation becomes space, then split/join squashes every run of space at C speed.
    key = " ".join(_PUNCTUATION.sub(" ", key).split())
    return _merge_i_y(_lookalikes_without_marks(key))


def _fold_chunk_keeping_case(text: str) -> str:
    return _fold_chunk(text, keep_case=True)


_CHUNK_KEYS = WordMemo(_fold_chunk)
_CASED_CHUNK_KEYS = WordMemo(_fold_chunk_keeping_case)


def fold(text: str, *, keep_case: bool = False) -> str:
    """The search key of ``text``: casefolded, mark-free, đ→d, i/y merged, punctuation squashed.

    ``keep_case=True`` gives the same key with its case kept (``Hà Nội`` → ``Ha Noi``): the
    linker scans that, so that the name ``Pháp`` is told from the word ``pháp``.
    """
    # Nothing in folding looks across whitespace, so each whitespace-separated chunk
    # folds on its own, and is folded once however often it recurs.
    memo = _CASED_CHUNK_KEYS if keep_case else _CHUNK_KEYS
    return memo.map_whitespace_separated(text)


def fold_with_offsets(text: str, *, keep_case: bool = False) -> Folded:
    """``fold(text, keep_case=...)`` with a map from every key character back to its span in ``text``.

    A key character's span covers its input character and the marks and invisible
    characters that follow it (they fold to nothing), so that a key span maps back to a
    whole input span even in NFD text.
    """
    kept = [i for i, ch in enumerate(text) if ch not in INVISIBLE]
    visible = "".join(text[i] for i in kept)
    # Look-alike replacement maps one character to one, so `kept` stays aligned.
    visible = replace_lookalikes(visible) if needs_character_repair(visible) else visible
    characters: list[str] = []
    starts: list[int] = []
    separator_start: int | None = None
    for source_index, ch in zip(kept, visible):
        folded = _fold_characters(ch, keep_case)
        if not folded and _combining_marks().fullmatch(ch):
            continue  # a mark: part of the preceding character's span
        for out in folded:
            if not out.isalnum():
                if separator_start is None:
                    separator_start = source_index
                continue
            if separator_start is not None and characters:
                characters.append(" ")
                starts.append(separator_start)
            separator_start = None
            characters.append(out)
            starts.append(source_index)
    key = _lookalikes_without_marks("".join(characters))
    merged = _merge_i_y(key)
    # i/y merging replaces one letter by one letter, so the spans still line up.
    assert len(merged) == len(key)
    return Folded(merged, tuple(starts), tuple(_span_ends(text, starts)))


def _span_ends(text: str, starts: list[int]) -> list[int]:
    """Each key character's span ends where the next character that folds to something begins."""
    ends = []
    for start in starts:
        end = start + 1
        while end < len(text) and (text[end] in INVISIBLE or unicodedata.combining(text[end])):
            end += 1
        ends.append(end)
    return ends


__all__ = ["Folded", "fold", "fold_with_offsets"]
