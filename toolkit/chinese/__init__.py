"""The Chinese bridge: hanzi ↔ pinyin ↔ Hán-Việt, with the characters as the pivot.

Names are exported lazily: ``import toolkit.chinese`` loads no table and no heavy library
(pypinyin, OpenCC and jieba load inside the functions that need them).
"""

from __future__ import annotations

import importlib

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
    "ExonymLexicon": "toolkit.chinese.lexicon",
    "default_lexicon": "toolkit.chinese.lexicon",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'toolkit.chinese' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
