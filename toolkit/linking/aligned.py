"""The aligned key: a text's scan key with exactly one key character per text character.

Each character folds to its base letter (``ệ`` → ``e``, ``Đ`` → ``D``), to itself (a letter, a
digit, a Han character) or to a space (punctuation and spacing), and runs of spaces are left as
they are, so the key lines up with the text (``scan.AlignedLayout`` squashes the runs). A text
with a character that folds to none or to several (a combining mark, an invisible character, a
look-alike inside a Latin word, a ligature) has no aligned key.

It is made at C speed wherever it can be:

- ASCII text: one ``bytes.translate``;
- English quoting Vietnamese names: one ASCII encode and one ``bytes.translate``; the few other
  characters (each encoded as ``?``) are patched in one by one;
- Vietnamese: the same through a codec map that gives every ASCII character, every precomposed
  Vietnamese letter and the common punctuation of news a byte of its own;
- other text (Chinese, say): piece by piece, each distinct piece once, from a memo.
"""

from __future__ import annotations

import codecs
import functools
import unicodedata

from toolkit.text.characters import INVISIBLE, latin_lookalike
from toolkit.text.folding import _fold_characters, _merge_i_y, fold
from toolkit.text.wordcache import WordMemo

NOT_ALIGNED = "\uffff"  # a noncharacter: the aligned key never holds one otherwise (it folds to a space)

# ASCII: a letter or digit stays, anything else is punctuation or space (as fold has it)
_ASCII_KEY = bytes(c if chr(c).isalnum() else 32 for c in range(128)) + bytes(range(128, 256))
# vowel → the vowel marks Vietnamese writes on it: breve, circumflex, horn
_VOWEL_MARKS = {"a": "\u0306\u0302", "e": "\u0302", "o": "\u0302\u031b", "u": "\u031b", "i": "", "y": ""}
_TONE_MARKS = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
# the punctuation outside ASCII that news is full of: curly quotes, dashes, ellipsis, NBSP
COMMON_PUNCTUATION = "\u201c\u201d\u2018\u2019\u2013\u2014\u2026\u00a0"
_FEW_PATCHES = 32  # at most one character in this many patched one by one, or piece by piece is faster
_UNMAPPED = "\ufffe"  # a byte no character encodes to, in a codec's decoding table
_SAMPLE = 256  # characters whose UTF-8 length tells English from Vietnamese


def aligned_character(character: str) -> str:
    """One character's key character (a space for punctuation), or ``NOT_ALIGNED``."""
    if character in INVISIBLE or latin_lookalike(character) is not None:
        # fold deletes an invisible character (joining its neighbours), and repairs a look-alike
        # inside a Latin word only: neither is one character's business
        return NOT_ALIGNED
    folded = _fold_characters(character, keep_case=True)
    if folded and not any(map(str.isalnum, folded)):
        return " "  # punctuation, even when it expands ("…" → "...")
    if len(folded) != 1:
        return NOT_ALIGNED  # a mark (folds to none), a ligature (several)
    return folded  # one letter or digit


_ALIGNED_CHARACTERS = WordMemo(aligned_character)


def vietnamese_letters() -> list[str]:
    """The 134 precomposed letters of Vietnamese outside ASCII: each vowel with the vowel marks
    it takes and a tone mark, and đ, in both cases."""
    letters = []
    for vowel, vowel_marks in _VOWEL_MARKS.items():
        for vowel_mark in ("", *vowel_marks):
            for tone in _TONE_MARKS:
                letter = unicodedata.normalize("NFC", vowel + vowel_mark + tone)
                if not letter.isascii():
                    letters.append(letter)
    letters.append("đ")
    return letters + [letter.upper() for letter in letters]


@functools.cache
def _codec_tables():
    """The codec's encoding map and the translation of its bytes to key characters.

    ASCII keeps its own bytes. The letters and punctuation take the bytes above 127 and, as they
    do not fit there, some of the control characters' (a control character is then encoded as
    ``?`` and patched in like any other character outside the map)."""
    extra = vietnamese_letters() + list(COMMON_PUNCTUATION)
    # byte 0 must decode to U+0000 for a fast (C-level) encoding map
    spare = list(range(128, 256)) + [b for b in range(1, 32) if chr(b) not in "\t\n\r"] + [127]
    if len(extra) > len(spare):
        raise AssertionError(f"{len(extra)} characters for {len(spare)} spare bytes")
    decoding = [chr(b) if b < 128 else _UNMAPPED for b in range(256)]
    key = bytearray(_ASCII_KEY)
    for byte, character in zip(spare, extra):
        decoding[byte] = character
        folded = aligned_character(character)
        if len(folded) != 1 or not folded.isascii():
            raise AssertionError(f"{character!r} does not fold to one ASCII character")
        key[byte] = ord(folded)
    for byte in spare[len(extra):]:
        decoding[byte] = _UNMAPPED
    encoding_map = codecs.charmap_build("".join(decoding))
    if isinstance(encoding_map, dict):
        raise AssertionError("the codec map fell back to a dict (slow): see PyUnicode_BuildEncodingMap")
    return encoding_map, bytes(key)


def _aligned_by_encoding(text: str) -> str | None:
    """The aligned key by one encode (ASCII for English quoting a Vietnamese name, as its few
    other characters cost less patched in than the codec map costs on every character; the
    codec map otherwise), with the characters outside the encoding patched in; None when there
    are too many of those (Chinese, say)."""
    sample = text[:_SAMPLE]
    if (len(sample.encode("utf-8")) - len(sample)) * _FEW_PATCHES <= len(sample):
        key_bytes = _ASCII_KEY
        encoded = text.encode("ascii", "replace")  # one "?" per character it lacks
    else:
        encoding_map, key_bytes = _codec_tables()
        encoded = codecs.charmap_encode(text, "replace", encoding_map)[0]
    if encoded.count(b"?") * _FEW_PATCHES > len(encoded):
        return None
    aligned = encoded.translate(key_bytes).decode("ascii")
    parts: list[str] = []
    done = 0
    position = encoded.find(b"?")
    while position >= 0:
        character = text[position]
        if character != "?":
            key = _ALIGNED_CHARACTERS[character]
            if key == NOT_ALIGNED:
                return NOT_ALIGNED
            if key != " ":  # "?" is punctuation: a space already
                parts += (aligned[done:position], key)
                done = position + 1
        position = encoded.find(b"?", position + 1)
    parts.append(aligned[done:])
    # i/y merging swaps one letter for another: the key still lines up
    return _merge_i_y("".join(parts))


def _aligned_piece(piece: str) -> str:
    """The aligned key of a piece (no spaces in it), or ``NOT_ALIGNED`` when no such key gives
    the piece's scan key."""
    aligned = _merge_i_y("".join(map(_ALIGNED_CHARACTERS.__getitem__, piece)))
    if NOT_ALIGNED in aligned or " ".join(aligned.split()) != fold(piece, keep_case=True):
        return NOT_ALIGNED
    return aligned


_ALIGNED_PIECES = WordMemo(_aligned_piece)


def aligned_key(text: str) -> str | None:
    """``text``'s scan key with one character per text character (punctuation and spacing as
    spaces, runs not squashed), or None when some character does not fold to exactly one."""
    if text.isascii():
        return _merge_i_y(text.encode("ascii").translate(_ASCII_KEY).decode("ascii"))
    aligned = _aligned_by_encoding(text)
    if aligned is None:
        aligned = " ".join(map(_ALIGNED_PIECES.__getitem__, text.split(" ")))
    return None if NOT_ALIGNED in aligned else aligned


__all__ = ["COMMON_PUNCTUATION", "NOT_ALIGNED", "aligned_character", "aligned_key", "vietnamese_letters"]
