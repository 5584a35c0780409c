"""Vietnamese letters as (base letter, tone) pairs, and back.

A Vietnamese vowel letter carries at most two marks: a quality mark that makes a different
letter (``ă â ê ô ơ ư``) and one of five tone marks. Only the tone mark ever moves, so every
letter is split here into a *base* (the letter with its quality mark, no tone) and a ``Tone``.

The tables are built once from Unicode composition, so they hold exactly the precomposed
characters NFC text can contain, including consonants that swallowed a misplaced tone mark
(``ñ`` = n + tilde, ``ṇ`` = n + dot below, ``ǹ`` = n + grave).
"""

from __future__ import annotations

import enum
import unicodedata


class Tone(enum.Enum):
    """The six Vietnamese tones; the value is the combining mark that writes it ('' for none)."""

    NONE = ""  # ngang
    GRAVE = "\u0300"  # huyền
    ACUTE = "\u0301"  # sắc
    HOOK = "\u0309"  # hỏi
    TILDE = "\u0303"  # ngã
    DOT = "\u0323"  # nặng

    @property
    def vietnamese_name(self) -> str:
        return _VIETNAMESE_NAMES[self]


_VIETNAMESE_NAMES = {
    Tone.NONE: "ngang",
    Tone.GRAVE: "huyền",
    Tone.ACUTE: "sắc",
    Tone.HOOK: "hỏi",
    Tone.TILDE: "ngã",
    Tone.DOT: "nặng",
}

MARKED_TONES: tuple[Tone, ...] = (Tone.GRAVE, Tone.ACUTE, Tone.HOOK, Tone.TILDE, Tone.DOT)
_TONE_BY_MARK = {tone.value: tone for tone in MARKED_TONES}

BASE_VOWELS = "aăâeêioôơuưy"
BASE_CONSONANTS = "bcdđghklmnpqrstvx"
# Letters that never occur in native Vietnamese spelling but can carry a stray tone mark in
# foreign words; they are decomposed so a token holding them is recognised and then rejected.
_FOREIGN_CONSONANTS = "fjwz"


def _build_tables() -> tuple[dict[str, tuple[str, Tone]], dict[tuple[str, Tone], str]]:
    decompose: dict[str, tuple[str, Tone]] = {}
    compose: dict[tuple[str, Tone], str] = {}
    for base in BASE_VOWELS + BASE_CONSONANTS + _FOREIGN_CONSONANTS:
        for cased_base in (base, base.upper()):
            decompose[cased_base] = (cased_base, Tone.NONE)
            compose[(cased_base, Tone.NONE)] = cased_base
            for tone in MARKED_TONES:
                letter = unicodedata.normalize("NFC", cased_base + tone.value)
                if len(letter) == 1:
                    decompose[letter] = (cased_base, tone)
                    compose[(cased_base, tone)] = letter
    return decompose, compose


#: every letter NFC text can hold for Vietnamese: letter -> (toneless letter, tone), case kept
DECOMPOSE, COMPOSE = _build_tables()

#: the precomposed letters that carry a tone mark (vowels and the few consonants Unicode has)
TONED_LETTERS: str = "".join(sorted(letter for letter, (_, tone) in DECOMPOSE.items() if tone is not Tone.NONE))

_ASCII_OF_BASE = {"ă": "a", "â": "a", "ê": "e", "ô": "o", "ơ": "o", "ư": "u", "đ": "d"}


def tone_of_mark(mark: str) -> Tone | None:
    """The tone a combining character writes, or None when it is not a tone mark."""
    return _TONE_BY_MARK.get(mark)


def compose(base: str, tone: Tone) -> str:
    """The single letter for ``base`` (case kept) carrying ``tone``; KeyError if Unicode has none."""
    return COMPOSE[(base, tone)]


def ascii_letter(letter: str) -> str | None:
    """The plain ASCII letter under a Vietnamese letter (``ậ`` -> ``a``, ``Đ`` -> ``D``), else None."""
    entry = DECOMPOSE.get(letter)
    if entry is None:
        return None
    base = entry[0]
    lower = base.lower()
    plain = _ASCII_OF_BASE.get(lower, lower)
    return plain.upper() if base.isupper() else plain
