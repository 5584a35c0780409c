"""The companion text a search index stores beside a document: folded, with Chinese runs cut into
words, so that ``河内`` is a token of ``越南河内市长`` and ``ha noi`` a phrase of ``HÀ NỘI``.

SQLite's ``unicode61`` tokenizer (and PostgreSQL's parser) treat an unspaced run of Han characters
as one token, and do not fold ``đ``; the fold key (``toolkit.fold``) and jieba (taught every Chinese
name in the lexicon, so a known name stays whole) fix both before the engine tokenizes.
"""

from __future__ import annotations

import re

from toolkit.text.folding import fold
from toolkit.text.script import HAN_RANGES

_HAN_RUN = re.compile(f"[{HAN_RANGES}]+")
_TAUGHT = False


def _jieba():
    global _TAUGHT
    from toolkit.linking.boundaries import _jieba, teach_jieba

    if not _TAUGHT:
        from toolkit.lexicon import Lexicon

        teach_jieba(Lexicon.builtin())
        _TAUGHT = True
    return _jieba()


def segment_han(text: str) -> str:
    """``text`` with every Han run cut into words by spaces (other text unchanged)."""
    if text.isascii() or not _HAN_RUN.search(text):
        return text
    jieba = _jieba()
    return _HAN_RUN.sub(lambda run: " " + " ".join(jieba.cut(run.group(), HMM=False)) + " ", text)


def companion(text: str) -> str:
    """The folded, segmented search text of ``text``.

    Folded before it is segmented, as folding can make Han characters (NFKC: 🈐 is 手), then
    simplified (traditional and simplified Chinese share one key), and folded again after, to
    squash the spaces segmenting put in (only where it put some)."""
    folded = fold(text)
    if not folded.isascii():
        from toolkit.chinese.script import simplified_shadow

        # one script for Chinese in the index and in queries: 習近平 is found by 习近平
        folded = simplified_shadow(folded) or folded
    segmented = segment_han(folded)
    return folded if segmented is folded else fold(segmented)


def tokens(text: str) -> list[str]:
    """The words of ``companion(text)``."""
    return companion(text).split()


__all__ = ["companion", "segment_han", "tokens"]
