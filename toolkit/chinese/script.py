"""Simplified ↔ traditional conversion that leaves people's names intact.

OpenCC converts by word and by the commonest sense, which is right for running text and wrong
for names: it writes the surname 余 (Yu) as 餘 ("surplus"), 干宝 as 幹寶, 范 as 範 and 于 as
於. With ``name=True`` the text is one person's name and its surname is kept as written when
the character is a standing form in its own right (Unihan lists it as its own variant and the
traditional-keyed reading table has an entry for it). Given-name characters follow OpenCC:
馬雲 is the usual traditional form of 马云, so guarding 云 there would be the error. A few
characters are written otherwise in names than either rule gives (the surname 叶 as 葉, 曹冲 as
曹沖): ``lexicons/chinese/name_conversions.tsv`` says how.
"""

from __future__ import annotations

from functools import cache

from toolkit.chinese.tables import compound_surnames, name_conversions, own_entry_chars, variants_table
from toolkit.text.script import has_han


@cache
def _converter(config: str):
    import opencc  # heavy: loaded on first conversion only

    return opencc.OpenCC(config)


@cache
def _self_standing(direction: str) -> frozenset[str]:
    """Characters that are their own form in ``direction`` ("traditional" or "simplified")."""
    own = own_entry_chars()
    return frozenset(
        char for char, variants in variants_table().items()
        if char in getattr(variants, direction) and char in own
    )


def surname_length(name: str) -> int:
    """1, or 2 for a compound surname (欧阳, 司马, 诸葛…) at the start of ``name``."""
    return 2 if len(name) > 2 and name[:2] in compound_surnames() else 1


def _convert(text: str, config: str, direction: str, name: bool) -> str:
    if not has_han(text):
        return text
    converted = _converter(config).convert(text)
    if not name or len(converted) != len(text):
        return converted
    keep = _self_standing(direction)
    guarded = surname_length(text)
    written = name_conversions() if direction == "traditional" else {}
    out = []
    for i, (orig, new) in enumerate(zip(text, converted)):
        role = "surname" if i < guarded else "given"
        if (orig, role) in written:
            out.append(written[(orig, role)])  # 叶剑英 -> 葉劍英, 曹冲 -> 曹沖 (name_conversions.tsv)
        else:
            out.append(orig if role == "surname" and orig in keep else new)
    return "".join(out)


def to_traditional(text: str, *, name: bool = False) -> str:
    """Traditional characters; with ``name=True``, 余秋雨 stays 余秋雨 and 干宝 becomes 干寶."""
    return _convert(text, "s2t", "traditional", name)


def to_simplified(text: str, *, name: bool = False) -> str:
    """Simplified characters; with ``name=True``, characters that are also simplified forms stay."""
    return _convert(text, "t2s", "simplified", name)


def simplified_shadow(text: str) -> str | None:
    """``text`` with its traditional characters simplified position by position (every other
    character kept, the length the same, so an offset in one is an offset in the other); None
    when nothing would change. OpenCC converts by phrase; where a phrase changes length, the
    text is simplified character by character instead (``simplified_chars``). Idempotent:
    the shadow has no shadow of its own."""
    shadow = text
    # OpenCC's table is not closed under itself (薴 → 苧 → 苎): converting until nothing changes
    # makes the shadow of a shadow the shadow itself
    for _ in range(_MOST_ROUNDS):
        step = to_simplified(shadow)
        if len(step) != len(shadow):
            step = simplified_chars(shadow)
        if step == shadow:
            break
        shadow = step
    return shadow if shadow != text else None


_MOST_ROUNDS = 4


def simplified_chars(text: str) -> str:
    """Character by character, the simplified form where one is certain (習 → 习, 乾 stays)."""
    return "".join(canonical_chars(c)[0] for c in text)


def canonical_chars(char: str) -> tuple[str, ...]:
    """The characters ``char`` stands for in the simplified universe: 煒 → (炜,), 乾 → (乾,)."""
    variants = variants_table().get(char)
    if variants is None or not variants.simplified or char in variants.simplified:
        return (char,)
    return tuple(variants.simplified)
