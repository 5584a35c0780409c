"""What a Lucene field of StandardTokenizer → LowerCaseFilter → ASCIIFoldingFilter makes of a text.

Solr parses a synonyms file with a whitespace tokenizer of its own, not with the field's chain, so
a rule must already be written as the tokens the field produces (``Hà Nội`` as ``ha noi``, ``何炜``
as ``何 炜``). This module computes those tokens in Python, the way ``postgres.parser_words`` does
for PostgreSQL's parser:

- words are cut at Unicode word boundaries (UAX #29, which StandardTokenizer implements): spaces,
  punctuation and hyphens separate words; ``O'Neil``, ``U.S.A``, ``3.5`` and ``1,000`` stay one
  word; every Han ideograph and every hiragana is a word of its own; a run of Thai, Lao, Khmer or
  Myanmar letters is one word, as StandardTokenizer keeps it; a piece with no letter or digit
  (``—``, ``#``, ``_``, ``①``) is no word;
- each character is lower-cased alone, as Java's ``Character.toLowerCase`` does (``İ`` → ``i``,
  a final ``Σ`` → ``σ``);
- Latin letters lose their marks and ``đ``, ``ø``, ``ł``, ``ß``, ``æ``, ``ɓ``, ``ǆ``… become ASCII,
  as ``ASCIIFoldingFilter`` does; other scripts are left as they are. The filter's table also
  folds IPA, small-capital and medieval letters (``ɔ``, ``ʀ``, ``ꝛ``), which are kept here.

The text is NFC-normalised first: Lucene folds a precomposed ``à`` but keeps a combining grave
after ``a``, so a decomposed name would otherwise never meet the precomposed text most documents
carry. ``tests/test_exports.py`` compares the result with real Lucene for every term of the
built-in table where a Lucene jar is at hand.

>>> field_tokens("Hà Nội")
['ha', 'noi']
>>> field_tokens("何炜")
['何', '炜']
>>> field_tokens("Đà Nẵng — O'Neil, e-mail")
['da', 'nang', "o'neil", 'e', 'mail']
"""

from __future__ import annotations

import unicodedata

import regex

# UAX #29 word boundaries (the regex module's WORD flag); V1 lets split() cut at empty matches
_WORD_BOUNDARY = regex.compile(r"(?wV1)\b")
# what makes a piece between two boundaries a token of StandardTokenizer
_TOKEN_CONTENT = regex.compile(r"[\p{Alphabetic}\p{Nd}\p{Extended_Pictographic}\p{Regional_Indicator}]")
# scripts written without spaces that StandardTokenizer keeps as one token per run (UAX #29 would
# cut them into characters): line-break class SA, "complex context"
_COMPLEX_CONTEXT_RUN = regex.compile(r"\p{Line_Break=Complex_Context}+")

# letters ASCIIFoldingFilter folds that have no decomposition to strip marks from
_FOLDED_LETTERS = {
    "đ": "d", "ð": "d", "ø": "o", "ł": "l", "ŀ": "l", "ħ": "h", "ŧ": "t", "ı": "i", "ĸ": "q",
    "ŋ": "n", "ŉ": "n", "ƀ": "b", "ƒ": "f", "ɨ": "i", "ʉ": "u", "ə": "a", "ǝ": "e", "ɛ": "e",
    "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ſ": "s", "ɵ": "o",
    "ǧ": "G", "ǥ": "G",  # sic: upper case in Lucene's table
    # the punctuation a word can hold (M’Drắk, 1，2) that ASCIIFoldingFilter turns into ASCII
    "‘": "'", "’": "'", "＇": "'", "．": ".", "，": ",", "：": ":", "；": ";", "＿": "_", "⁄": "/",
}
# names of characters ASCIIFoldingFilter replaces by their compatibility form
_COMPATIBILITY_FOLDED = ("LATIN SMALL LIGATURE", "FULLWIDTH LATIN", "FULLWIDTH DIGIT", "CIRCLED LATIN")
# a Latin letter with a hook, stroke, bar, curl… (ɓ, ƙ, ɗ) or a digraph letter (ǆ, ǉ, ꜳ) folds
# to the letters its name spells, if Lucene's table is older than the letter (up to U+A78D)
_SPELLED_LATIN_LETTER = regex.compile(
    r"LATIN (?:SMALL|CAPITAL) LETTER (?:([A-Z]) WITH .*|(AA|AE|AO|AU|AV|AY|DZ|HV|LJ|NJ|OE|OO|OU|TZ|UE|VY)(?: WITH .*)?)")
_LAST_SPELLED_LETTER = 0xA78D


def field_tokens(text: str) -> list[str]:
    """The tokens of ``text`` after StandardTokenizer, LowerCaseFilter and ASCIIFoldingFilter."""
    return [_fold(_lower(word)) for word in _words(unicodedata.normalize("NFC", text))]


def analysed_term(text: str) -> str:
    """``text`` as a synonym-rule term that a whitespace tokenizer reads as the field's tokens."""
    return " ".join(field_tokens(text))


def _words(text: str) -> list[str]:
    words: list[str] = []
    position = 0
    for run in _COMPLEX_CONTEXT_RUN.finditer(text):
        words.extend(_boundary_words(text[position:run.start()]))
        words.append(run.group())
        position = run.end()
    words.extend(_boundary_words(text[position:]))
    return words


def _boundary_words(text: str) -> list[str]:
    return [piece for piece in _WORD_BOUNDARY.split(text) if _TOKEN_CONTENT.search(piece)]


def _lower(word: str) -> str:
    # one character at a time, keeping one character: Java lower-cases code points, not strings
    return "".join(char.lower()[0] for char in word)


def _fold(word: str) -> str:
    return word if word.isascii() else "".join(_fold_char(char) for char in word)


def _fold_char(char: str) -> str:
    if char.isascii():
        return char
    if char in _FOLDED_LETTERS:
        return _FOLDED_LETTERS[char]
    name = unicodedata.name(char, "")
    if name.startswith(_COMPATIBILITY_FOLDED):
        return unicodedata.normalize("NFKC", char).lower()
    if "LATIN" in name:
        bare = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        if bare.isascii():
            return bare
        if bare in _FOLDED_LETTERS:
            return _FOLDED_LETTERS[bare]
        spelled = _SPELLED_LATIN_LETTER.fullmatch(name)
        if spelled and ord(char) <= _LAST_SPELLED_LETTER:
            return (spelled.group(1) or spelled.group(2)).lower()
    return char


__all__ = ["analysed_term", "field_tokens"]
