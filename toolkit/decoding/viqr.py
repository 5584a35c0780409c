"""VIQR (RFC 1456): Vietnamese written in ASCII with mnemonic marks after the vowel.

Vowel marks ``a( a^ e^ o^ o+ u+`` (``o* u*`` too), tone marks ``' ` ? ~ .`` after them,
``dd``/``DD`` for đ/Đ, and a backslash before a mark character to keep it literal.

VIQR shares its mark characters with punctuation, and RFC 1456 leaves the clashes to the
writer's escapes; these readings keep ordinary punctuation intact without them:
- ``dd`` is đ at the start of a word (đ is always a syllable onset), and ``DD`` anywhere in a
  word written all in capitals (``QDD`` = QĐ, ``HDDND`` = HĐND: abbreviations).
- A modifier that the vowel before it cannot take (``i^``) stays literal.
- A word-final ``.`` or ``?`` is a tone when a lower-case word follows on the same line or
  a comma, semicolon or colon follows (``ca? nha`` = cả nhà), or when a capital follows and
  the toned word is a common function word (``o+? Ha` No^.i`` = ở Hà Nội); otherwise, and at
  a line end or the end of the text, it is sentence punctuation. A text that escapes its
  punctuation anywhere (``giao\\.``, as RFC 1456 asks) is read that way throughout: each
  unescaped ``.`` or ``?`` after a vowel is a tone.
"""

from __future__ import annotations

import re
import unicodedata

from toolkit.decoding.evidence import FUNCTION_WORDS

_MODIFIERS = {"(": "\u0306", "^": "\u0302", "+": "\u031b", "*": "\u031b"}
_TAKES = {"(": "aA", "^": "aAeEoO", "+": "oOuU", "*": "oOuU"}
_TONES = {"'": "\u0301", "`": "\u0300", "?": "\u0309", "~": "\u0303", ".": "\u0323"}
_VOWELS = "aeiouyAEIOUY"

_TOKEN = re.compile(
    r"\\(?P<esc>[(^+*'`?~.\\])"
    r"|(?<![A-Za-z])(?P<dd>[dD][dD])"
    r"|(?<=[A-Z])(?P<capital_dd>DD)(?=[A-Z]*(?![A-Za-z]))"  # inside an abbreviation in capitals: QDD, HDDND
    rf"|(?P<vowel>[{_VOWELS}])(?P<mod>[(^+*]?)(?P<tone>['`?~.]?)"
)
_TONE_MAY_END_WORD = re.compile(r"[ \t]+[a-z]|[,;:\\]")  # a backslash escapes the punctuation after the tone


# a text that escapes its punctuation (``giao\\.``) writes every unescaped mark as a mark
_ESCAPED = re.compile(r"\\[.?]")


def _replace(match: re.Match, escaped: bool = False) -> str:
    if match.group("esc") is not None:
        return match.group("esc")
    if match.group("dd") is not None:
        return "Đ" if match.group("dd")[0] == "D" else "đ"
    if match.group("capital_dd") is not None:
        return "Đ"
    vowel, modifier, tone = match.group("vowel", "mod", "tone")
    if not modifier and not tone:
        return vowel
    letter, tail = vowel, ""
    if modifier:
        if vowel in _TAKES[modifier]:
            letter += _MODIFIERS[modifier]
        else:
            return vowel + modifier + tone  # not a VIQR vowel: leave it all alone
    if tone:
        text, end = match.string, match.end()
        word_final = end >= len(text) or not text[end].isalpha()
        if tone in ".?" and word_final and (
            _toned_before(text, match.start()) if escaped
            else not _TONE_MAY_END_WORD.match(text, end) and not _is_known_word(match, letter + _TONES[tone])
        ):
            tail = tone
        else:
            letter += _TONES[tone]
    return unicodedata.normalize("NFC", letter) + tail


_TONE_AFTER_VOWEL = re.compile(rf"[{_VOWELS}][(^+*]?['`?~.]")


def _toned_before(text: str, start: int) -> bool:
    """Whether the word ending at ``start`` already has its tone (``No^.i.``: the final . is a full stop)."""
    word_start = start
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] in "(^+*'`?~."):
        word_start -= 1
    return _TONE_AFTER_VOWEL.search(text, word_start, start) is not None


def _is_known_word(match: re.Match, toned_vowel: str) -> bool:
    """Before a capital (``o+? Ha` No^.i``) a common word ending in that tone wins over punctuation."""
    text, end = match.string, match.end()
    if not re.match(r"[ \t]+[A-Z]", text[end : end + 8]):
        return False
    start = match.start()
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    word = decode_viqr(text[start : match.start()]) + unicodedata.normalize("NFC", toned_vowel)
    return word.lower() in FUNCTION_WORDS


def decode_viqr(text: str) -> str:
    """VIQR ASCII text -> NFC Vietnamese (non-VIQR characters pass through)."""
    if _ESCAPED.search(text):
        return _TOKEN.sub(lambda match: _replace(match, escaped=True), text)
    return _TOKEN.sub(_replace, text)


_MARK_AFTER_VOWEL = {"^": "aAeEoO", "(": "aA", "+": "oOuU", "`": _VOWELS, "~": _VOWELS}
_MARK = re.compile(r"[\^(+`~]")


def looks_like_viqr(text: str) -> bool:
    """Cheap pre-check before scoring a VIQR reading of ASCII text: a vowel carrying a
    modifier or a grave/tilde tone (rare in English, unlike ' . ?)."""
    if not any(mark in text for mark in _MARK_AFTER_VOWEL):
        return False
    for match in _MARK.finditer(text):
        start = match.start()
        if start and text[start - 1] in _MARK_AFTER_VOWEL[match.group()]:
            return True
    return False
