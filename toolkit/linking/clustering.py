"""Cluster keys for names no lexicon knows: one key for every rendering of one name.

The pivot is the name's characters, written as pinyin: 刘海星 reads ``liu hai xing``; ``Liu
Haixing`` is already pinyin; the Hán-Việt ``Lưu Hải Tinh`` goes back to its likeliest characters
in a name (Lưu → 刘, Hải → 海, Tinh → 星, each chosen by the Chinese bridge's name priors) and so
to the same pinyin. Pinyin is the pivot rather than Hán-Việt because going from Hán-Việt to a
character is the less ambiguous direction (the tones and the richer syllable set of Hán-Việt
narrow the characters more than toneless pinyin does). A Vietnamese syllable with no Chinese
character (``Phớc``) stays as its fold key. The price of a pinyin pivot: names apart only in
characters of the same sound (刘海星, 刘海兴: both Liu Haixing) share a key, as their pinyin
renderings do.
"""

from __future__ import annotations

import re
from functools import lru_cache

from toolkit.text.keys import search_key
from toolkit.text.script import has_marks, is_han_char

PREFIX = "nil:"
_SYLLABLES = re.compile(r"[^\W\d_]+")


def _role(position: int) -> str:
    return "surname" if position == 0 else "given"


def _hanzi_pinyin(name: str) -> list[str]:
    from toolkit.chinese.readings import read_chars, toneless
    from toolkit.chinese.script import simplified_chars

    chars = read_chars(simplified_chars(name), "name")
    return [toneless(c.pinyin).replace("v", "u") if c.pinyin else c.char for c in chars if is_han_char(c.char)]


def _hanviet_pinyin(syllables: list[str], toned: bool) -> list[str]:
    from toolkit.chinese.hanviet_index import hanviet_distribution

    out = []
    for position, syllable in enumerate(syllables):
        distribution = hanviet_distribution(syllable.lower(), _role(position), toned)
        if distribution:
            (char, pinyin), _ = max(distribution.items(), key=lambda item: (item[1], item[0]))
            out.append(pinyin.replace("v", "u"))
        else:
            out.append(search_key(syllable))
    return out


def _pinyin_reading(name: str) -> list[str] | None:
    from toolkit.chinese.romanised import romanised_syllables

    readings = romanised_syllables(name)
    return [s.replace("v", "u").replace("ü", "u") for s in readings[0]] if readings else None


@lru_cache(maxsize=16384)
def cluster_key(name: str) -> str:
    """``nil:liu-hai-xing`` for 刘海星, ``Liu Haixing`` and ``Lưu Hải Tinh`` alike."""
    name = name.strip()
    if not name:
        return PREFIX
    if any(is_han_char(c) for c in name):
        syllables = _hanzi_pinyin(name)
    elif has_marks(name):
        syllables = _hanviet_pinyin(_SYLLABLES.findall(name), toned=True)
    else:
        syllables = _pinyin_reading(name) or _hanviet_pinyin(_SYLLABLES.findall(name), toned=False)
    return PREFIX + "-".join(s for s in syllables if s)


__all__ = ["PREFIX", "cluster_key"]
