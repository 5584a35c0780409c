"""What script a character is in, and whether a text carries Vietnamese marks: the one home of
these predicates (the linker, the matcher, the Chinese readings and search all ask here).

A Han character is a CJK ideograph: CJK Unified Ideographs Extension A (U+3400–U+4DBF), the
Unified Ideographs block (U+4E00–U+9FFF), the Compatibility Ideographs (U+F900–U+FAFF) and
planes 2 and 3 (U+20000–U+3FFFF: Extensions B–H and the Compatibility Supplement). The block
between Extension A and the Unified Ideographs, U+4DC0–U+4DFF, is the Yijing hexagram symbols
(䷀): symbols, not ideographs, so they are not Han. The ranges are tested as numbers, not by
Unicode name, so the answer does not depend on the Python's Unicode version and costs no
``unicodedata.name`` call per character.
"""

from __future__ import annotations

import re
import unicodedata

# the Han ranges as the body of a regex character class
HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
HAN_CHARACTER = re.compile(f"[{HAN_RANGES}]")
# the hyphens and dashes that join two names in text (Việt - Trung, Huu Nghi–Youyi Guan)
JOINING_DASHES = "-\u2010\u2011\u2013\u2014"


def is_han_char(char: str) -> bool:
    """True for one CJK ideograph (any block; not the Yijing hexagrams U+4DC0–U+4DFF)."""
    code = ord(char)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF
            or 0x20000 <= code <= 0x3FFFF)


def has_han(text: str) -> bool:
    """Whether ``text`` has at least one Han character."""
    return not text.isascii() and HAN_CHARACTER.search(text) is not None


def has_marks(text: str) -> bool:
    """Whether ``text`` carries a diacritic or đ (a Vietnamese spelling, not a bare Latin one)."""
    if text.isascii():
        return False
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", text)) or "đ" in text.casefold()


__all__ = ["HAN_CHARACTER", "HAN_RANGES", "JOINING_DASHES", "has_han", "has_marks", "is_han_char"]
