"""Normalisers as small picklable objects, for ``map`` on pandas, Dask and Spark.

A :class:`Normaliser`, :class:`Folder` or :class:`MentionFinder` holds only its settings, so it pickles in a few
bytes and ships to any worker process; the tables behind it (tone placement, word memos)
are built in that process on first use, never sent over. Each works three ways::

    normaliser = Normaliser("new")
    normaliser("Thủy")                                  # one string
    normaliser.map(texts)                               # a list, a generator, a pandas Series
    normaliser.map_records(records, "text")             # dicts: adds "text_normalised"
    series.map(normaliser)                              # pandas
    bag.map_partitions(normaliser.map_partition)        # dask.bag
    df.mapInPandas(normaliser.frames("text"), schema)   # Spark (see examples/)

``None`` and missing values pass through unchanged, so a column with gaps maps cleanly.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from toolkit.linking import Mention

R = TypeVar("R")  # what a function object gives for one text


class _TextFunction(Generic[R]):
    """The batch forms shared by every text → text function object below."""

    suffix = "processed"  # a record's default output field: f"{field}_{suffix}"

    def __call__(self, text: str) -> R:
        """The function of one text; anything else (None, NaN) comes back as it was, so
        ``series.map(function)`` keeps a column's gaps."""
        return self._of(text) if isinstance(text, str) else text

    def _of(self, text: str) -> R:  # pragma: no cover - each subclass defines it
        raise NotImplementedError

    def apply(self, value: Any) -> Any:
        """``self(value)``: kept as the name the batch forms call."""
        return self(value)

    def map(self, texts: Any) -> Any:
        """Every text of a pandas Series (a Series back, same index) or of any iterable (a list
        back), in order; missing values (None, NaN) pass through: ``Folder().map(df.name)``."""
        if hasattr(texts, "map") and hasattr(texts, "index"):  # a pandas Series (or Index)
            return texts.map(self.apply)
        return [self.apply(text) for text in texts]

    def map_partition(self, texts: Iterable[Any]) -> list[Any]:
        """For ``dask.bag.Bag.map_partitions``: every text of a partition, in order."""
        return [self.apply(text) for text in texts]

    def map_records(self, records: Iterable[dict], field: str = "text", to: str | None = None) -> list[dict]:
        """Records (dicts) with ``to`` (default ``f"{field}_{suffix}"``) set from ``field``; others unchanged."""
        target = to or f"{field}_{self.suffix}"
        return [with_field(record, target, self.apply(record.get(field))) for record in records]

    def frames(self, column: str = "text", to: str | None = None) -> Callable[[Iterator[Any]], Iterator[Any]]:
        """A function for Spark's ``DataFrame.mapInPandas``: adds column ``to`` computed from ``column``."""
        return _FrameMapper(self, column, to or f"{column}_{self.suffix}")


def with_field(record: dict, field: str, value: Any) -> dict:
    """A copy of ``record`` with ``field`` set (added last when new: key order is kept)."""
    result = dict(record)
    result[field] = value
    return result


@dataclass(frozen=True)
class _FrameMapper:
    function: _TextFunction[Any]
    column: str
    to: str

    def __call__(self, frames: Iterator[Any]) -> Iterator[Any]:
        for frame in frames:
            frame = frame.copy()
            frame[self.to] = frame[self.column].map(self.function.apply)
            yield frame


@dataclass(frozen=True)
class Normaliser(_TextFunction[str]):
    """``toolkit.normalise`` with its settings, as a picklable callable."""

    tone_style: str = "old"
    suffix = "normalised"

    def __post_init__(self) -> None:
        from toolkit.text.normalisation import TONE_STYLES

        if self.tone_style not in TONE_STYLES:
            raise ValueError(f"tone_style must be one of {', '.join(TONE_STYLES)}, not {self.tone_style!r}")

    def _of(self, text: str) -> str:
        from toolkit.text.normalisation import normalise

        return normalise(text, self.tone_style)

    def counted(self, text: str) -> tuple[str, Counter[str]]:
        """The normalised text and the characters each repair changed."""
        from toolkit.text.normalisation import normalise_counted

        return normalise_counted(text, self.tone_style)


@dataclass(frozen=True)
class Folder(_TextFunction[str]):
    """``toolkit.fold`` as a picklable callable (it has no settings)."""

    suffix = "folded"

    def _of(self, text: str) -> str:
        from toolkit.text.folding import fold

        return fold(text)


@dataclass(frozen=True)
class MentionFinder(_TextFunction[list[dict[str, Any]]]):
    """``toolkit.linking.link`` as a picklable callable: text → list of mention dicts.

    It travels as lexicon file paths (empty: the built-in lexicons) and options; each
    process loads the lexicon and builds its alias automaton once, on first use.
    """

    lexicon_paths: tuple[str, ...] = ()
    lang: str | None = None
    unknown: bool = True
    ner: bool = False  # Vietnamese unknown names by underthesea's NER (slow) instead of capitalised runs
    suffix = "mentions"

    def _of(self, text: str) -> list[dict[str, Any]]:
        return [mention.to_dict() for mention in self.mentions(text)]

    def mentions(self, text: str) -> list[Mention]:
        """``toolkit.linking.link`` with these settings: the Mention objects."""
        from toolkit.linking import link

        return link(text, self.lang, _alias_index(self.lexicon_paths), unknown=self.unknown, ner=self.ner)

    def map_documents(self, records: Iterable[dict], field: str = "text", to: str | None = None,
                      document: str = "file") -> list[dict]:
        """``map_records`` for the lines of text files: consecutive records of one file (the same
        ``document`` value, line numbers in a row) are linked together as one document, as
        ``sinoviet link`` links a file, so a short form on one line reaches the full name on
        another (``Wang`` after ``Wang Ning``). Each record gets the mentions of its own text,
        offsets into it. Records without ``document`` and ``line`` (JSONL objects) are each their
        own document."""
        target = to or f"{field}_{self.suffix}"
        out: list[dict] = []
        for group in _consecutive_lines(records, field, document):
            if len(group) == 1:
                out.append(with_field(group[0], target, self.apply(group[0].get(field))))
                continue
            texts = [record[field] for record in group]
            starts, at = [], 0
            for text in texts:
                starts.append(at)
                at += len(text) + 1
            found: list[list[dict[str, Any]]] = [[] for _ in group]
            for mention in self.mentions("\n".join(texts)):
                i = bisect_right(starts, mention.start) - 1
                if mention.end <= starts[i] + len(texts[i]):  # (a name does not run over a line's end)
                    moved = replace(mention, start=mention.start - starts[i], end=mention.end - starts[i])
                    found[i].append(moved.to_dict())
            out += [with_field(record, target, mentions) for record, mentions in zip(group, found)]
        return out


def _consecutive_lines(records: Iterable[dict], field: str, document: str) -> Iterator[list[dict]]:
    """Runs of records that are lines in a row of one document, with text in ``field``."""
    group: list[dict] = []
    for record in records:
        text, line = record.get(field), record.get("line")
        joins = (
            group and isinstance(text, str) and "\n" not in text and isinstance(line, int)
            and record.get(document) is not None and record.get(document) == group[-1].get(document)
            and line == group[-1]["line"] + 1 and isinstance(group[-1].get(field), str)
        )
        if joins:
            group.append(record)
            continue
        if group:
            yield group
        group = [record]
    if group:
        yield group


_INDEXES: dict[tuple, Any] = {}
_LEXICONS: dict[tuple, Any] = {}


def _files_state(paths: tuple[str, ...]) -> tuple:
    """The paths with each file's modification time and size: a file edited since is loaded afresh."""
    import os

    state: list[tuple[str, int | None, int | None]] = []
    for path in paths:
        try:
            stat = os.stat(path)
            state.append((path, stat.st_mtime_ns, stat.st_size))
        except OSError:
            state.append((path, None, None))  # Lexicon.load names the missing file
    return tuple(state)


def load_lexicon(paths: tuple[str, ...]):
    """``Lexicon.load(*paths)``, once per process while the files stay as they are (raises
    ``LexiconError`` on a bad file): a command checks the user's files with it, and an
    in-process run then reuses the result."""
    key = _files_state(paths)
    lexicon = _LEXICONS.get(key)
    if lexicon is None:
        from toolkit.lexicon import Lexicon

        lexicon = _LEXICONS[key] = Lexicon.load(*paths)
        _CHECKED.pop(paths, None)  # the files changed: the next _alias_index looks again
    return lexicon


_RECHECK_SECONDS = 1.0  # how often a process looks whether the lexicon files changed
_CHECKED: dict[tuple[str, ...], tuple[float, Any]] = {}


def _alias_index(paths: tuple[str, ...]):
    """The alias index of the lexicon in ``paths`` (built-in when empty), built once per process
    (and again should the files change: they are looked at no more than once a second)."""
    import time

    now = time.monotonic()
    checked = _CHECKED.get(paths)
    if checked is not None and now - checked[0] < _RECHECK_SECONDS:
        return checked[1]
    key = _files_state(paths)
    index = _INDEXES.get(key)
    if index is None:
        from toolkit.linking import alias_index

        index = alias_index(load_lexicon(paths) if paths else None)
        _INDEXES[key] = index
    _CHECKED[paths] = (now, index)
    return index


__all__ = ["Folder", "MentionFinder", "Normaliser", "load_lexicon", "with_field"]
