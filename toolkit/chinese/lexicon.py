"""A small name lexicon for matching: which Chinese names a rendering is known to stand for.

``match`` asks a lexicon one question, ``names_for(text)``: the Chinese (hanzi) names that
``text`` is a known rendering of. Any object with that method will do, so the full entity
lexicon can take this one's place. The default here is the curated exonym table
``lexicons/chinese/exonyms.tsv`` (Beijing / Bắc Kinh / 北京, China / Trung Quốc / 中国…),
which carries the names transliteration cannot reach (China, Hong Kong, Mỹ).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

from toolkit.chinese.tables import ChineseTableError, _rows
from toolkit.folding import fold
from toolkit.resources import lexicon_path
from toolkit.script import has_marks

_COLUMNS = ("id", "type", "zh", "vi", "en", "source")
_FOLDED = "\x00"  # prefix that keeps fold keys apart from written keys in one index


def _written_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


class NameLexicon(Protocol):
    def names_for(self, text: str) -> frozenset[str]:
        """The hanzi names ``text`` is a known rendering of (empty when unknown)."""


@dataclass(frozen=True, slots=True)
class Exonym:
    id: str
    type: str
    zh: tuple[str, ...]
    vi: tuple[str, ...]
    en: tuple[str, ...]
    source: str


class ExonymLexicon:
    """Names keyed by their hanzi forms and by the fold key of their Vietnamese and English forms."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path is not None else lexicon_path("chinese", "exonyms.tsv")
        self._index: dict[str, frozenset[str]] | None = None
        self._entries: tuple[Exonym, ...] = ()

    def __getstate__(self):
        return {"path": self.path}  # tables are rebuilt lazily in the receiving process

    def __setstate__(self, state):
        self.__init__(state["path"])

    def _load(self) -> dict[str, frozenset[str]]:
        if self._index is not None:
            return self._index
        index: dict[str, set[str]] = {}
        entries = []
        for number, cells in _rows(self.path, _COLUMNS):
            entry = Exonym(cells[0], cells[1], *(tuple(a.strip() for a in c.split("|") if a.strip()) for c in cells[2:5]),
                           cells[5])
            if not entry.zh or not entry.source.strip():
                raise ChineseTableError(f"{self.path}:{number}: an exonym needs a zh name and a source")
            entries.append(entry)
            hanzi = frozenset(entry.zh)
            for name in entry.zh + entry.vi + entry.en:
                for key in {_written_key(name), _FOLDED + fold(name)}:
                    index.setdefault(key, set()).update(hanzi)
        self._entries = tuple(entries)
        self._index = {key: frozenset(v) for key, v in index.items()}
        return self._index

    def names_for(self, text: str) -> frozenset[str]:
        """Known hanzi names of ``text``: as written when it has diacritics (Tần Cương is not
        Tân Cương), by its fold key when it has none (Tan Cuong, Ha Noi, HANOI)."""
        index = self._load()
        found = index.get(_written_key(text))
        if found is None and not has_marks(text):
            found = index.get(_FOLDED + fold(text))
        return found or frozenset()

    def entries(self) -> tuple[Exonym, ...]:
        self._load()
        return self._entries

    def chinese_names(self) -> frozenset[str]:
        return frozenset(name for entry in self.entries() for name in entry.zh)


@cache
def default_lexicon() -> ExonymLexicon:
    return ExonymLexicon()
