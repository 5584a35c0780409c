"""The Chinese bridge: hanzi ↔ pinyin ↔ Hán-Việt, with the characters as the pivot.

Names are exported lazily: ``import toolkit.chinese`` loads no table and no heavy library
(pypinyin, OpenCC and jieba load inside the functions that need them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit.lazy import lazy_exports

if TYPE_CHECKING:  # what type checkers and IDEs see; at run time each name is imported on first use
    from toolkit.chinese.candidates import candidate_keys, hanviet_candidates
    from toolkit.chinese.readings import hanviet, hanviet_keys, hanviet_readings, pinyin, pinyin_keys
    from toolkit.chinese.romanised import romanised_syllables
    from toolkit.chinese.script import to_simplified, to_traditional

_EXPORTS: dict[str, str] = {
    "pinyin": "toolkit.chinese.readings",
    "hanviet": "toolkit.chinese.readings",
    "pinyin_keys": "toolkit.chinese.readings",
    "hanviet_keys": "toolkit.chinese.readings",
    "hanviet_readings": "toolkit.chinese.readings",
    "to_simplified": "toolkit.chinese.script",
    "to_traditional": "toolkit.chinese.script",
    "romanised_syllables": "toolkit.chinese.romanised",
    "hanviet_candidates": "toolkit.chinese.candidates",
    "candidate_keys": "toolkit.chinese.candidates",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, globals(), _EXPORTS)
