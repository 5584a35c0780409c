"""The scan key, and mapping every hit in it back to the original characters.

The scan key is the fold key (``toolkit.fold``) without the case folding: marks stripped, đ→d,
i/y merged, punctuation squashed, but ``Hà Nội`` becomes ``Ha Noi`` and ``pháp luật`` stays
``phap luat``. Keeping case in the key lets the automaton itself tell the name ``Pháp`` (France)
from the word ``pháp`` (law): the alias index stores each name in the case forms a name is
written in (as in the lexicon, UPPER, and for long names any case), so lower-case words do not
even become hits. The linker then compares keys in lower case (``canonical``).

The text is cut at single spaces (C-level ``str.split``), each distinct piece is keyed once (a
memo), and the keys are laid out for the automaton (see ``automaton.py``). Only a hit is mapped
back: a bisection on the cumulative widths of the pieces in the scan string finds its piece,
and a memo per piece (keyed character by character once) gives the exact input span. So the
per-character cost stays in C, and Python work is paid per hit.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from toolkit.characters import INVISIBLE
from toolkit.folding import Folded, fold, fold_with_offsets
from toolkit.wordcache import WordMemo


def scan_fold(text: str) -> str:
    """``Hà Nội–Trung Quốc`` → ``Ha Noi Trung Quoc``: the fold key with its case kept."""
    return fold(text, keep_case=True)


def canonical(key: str) -> str:
    """The lower-case form every table of the linker is keyed by."""
    return key.lower()


def _segment(piece: str) -> str:
    """A piece as it stands in the scan string: its key, inner spaces doubled, then the separator."""
    key = scan_fold(piece)
    return key.replace(" ", "  ") + "  " if key else ""


_SEGMENTS = WordMemo(_segment)


def _segment_spans(piece: str) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """Per character of the piece's segment (its key as laid out, inner spaces doubled): the
    start and end of the piece characters it came from; None should the two keys disagree, or
    for a long piece (a run of Chinese without spaces), which ``Layout.original`` maps instead."""
    if len(piece) > _SPANNED_PIECE:
        return None
    offsets = piece_offsets(piece)
    if _SEGMENTS[piece][:-2] != offsets.text.replace(" ", "  "):
        return None
    starts: list[int] = []
    ends: list[int] = []
    for character, start, end in zip(offsets.text, offsets.starts, offsets.ends):
        copies = 2 if character == " " else 1
        starts += [start] * copies
        ends += [end] * copies
    return tuple(starts), tuple(ends)


# filled only for pieces a hit starts or ends in: far fewer than the words of a corpus
_SEGMENT_SPANS = WordMemo(_segment_spans)
_SPANNED_PIECE = 64  # longest piece whose spans are kept (memory stays small whatever the text)


@lru_cache(maxsize=65536)
def piece_offsets(piece: str) -> Folded:
    """``scan_fold(piece)`` character by character, keeping where each key character came from."""
    return fold_with_offsets(piece, keep_case=True)


@dataclass(slots=True)
class Hit:
    """A key found in the text: ``[start, end)`` in the original text; ``key`` is canonical."""

    start: int
    end: int
    key: str
    han: bool


class Layout:
    """A text, its keyed pieces, and the scan string the automaton runs over.

    The scan string is a space, then each non-empty piece's segment: its key with inner spaces
    doubled and two spaces after it, so every word boundary is two spaces. The cumulative
    segment lengths find a hit's piece by bisection.
    """

    __slots__ = ("text", "pieces", "segments", "_piece_ends", "_hay_ends", "hay")

    def __init__(self, text: str) -> None:
        self.text = text
        self.pieces: list[str] = text.split(" ")
        self.segments: list[str] = list(map(_SEGMENTS.__getitem__, self.pieces))
        # both summed on the first hit only: most documents have few hits, many none
        self._piece_ends: list[int] | None = None
        self._hay_ends: list[int] | None = None
        self.hay = " " + "".join(self.segments)

    @property
    def hay_ends(self) -> list[int]:
        """Where each piece's segment ends in the scan string (without its leading space)."""
        if self._hay_ends is None:
            self._hay_ends = list(accumulate(map(len, self.segments)))
        return self._hay_ends

    def piece_start(self, piece: int) -> int:
        """Where piece ``piece`` starts in the text (each piece is followed by one space)."""
        if self._piece_ends is None:
            self._piece_ends = list(accumulate(map(len, self.pieces)))
        return (self._piece_ends[piece - 1] + piece) if piece else 0

    def span(self, first: int, last: int) -> tuple[int, int]:
        """The original ``[start, end)`` of the key characters ``first..last`` of the scan string,
        by one memo lookup per end (``_SEGMENT_SPANS``)."""
        return self._original_edge(first, 0), self._original_edge(last, 1)

    def _original_edge(self, hay_position: int, side: int) -> int:
        """The original start (``side`` 0) or end (``side`` 1) of the key character at ``hay_position``."""
        hay_ends = self.hay_ends
        piece = bisect_right(hay_ends, hay_position - 1)
        spans = _SEGMENT_SPANS[self.pieces[piece]]
        if spans is None:
            return self.original(hay_position, side == 1)
        within = hay_position - 1 - (hay_ends[piece - 1] if piece else 0)
        return self.piece_start(piece) + spans[side][within]

    def original(self, hay_position: int, at_end: bool) -> int:
        """The original offset of the key character at ``hay_position`` (its start, or its end)."""
        inner = hay_position - 1
        piece = bisect_right(self.hay_ends, inner)
        in_segment = inner - (self.hay_ends[piece - 1] if piece else 0)
        segment = self.segments[piece]
        original = self.pieces[piece]
        base = self.piece_start(piece)
        if len(segment) == len(original) + 2 and segment.startswith(original):
            return base + in_segment + (1 if at_end else 0)  # the common case: a plain word keys to itself
        key = segment[:-2].replace("  ", " ")
        position = in_segment
        if " " in key:
            position -= key.replace(" ", "  ").count(" ", 0, in_segment) // 2
        offsets = piece_offsets(original)
        if offsets.text != key or position >= len(offsets.text):
            return base + (len(original) if at_end else 0)  # not reached while both keys agree
        return base + (offsets.ends[position] if at_end else offsets.starts[position])


def scan(layout: Layout, automata, deferred: str | None = None, put_off: list | None = None) -> list[Hit]:
    """Every key occurrence (overlapping ones included), in order of start.

    Keys starting with ``deferred`` are not mapped back: their (first, last, key) scan positions
    go to ``put_off``, for the caller to map (``Layout.original``) only the ones it needs.
    ``automata``: one automaton or several (their hits are merged)."""
    if not isinstance(automata, (tuple, list)):
        automata = (automata,)
    hay = layout.hay
    text = layout.text
    found = []
    for end_index, (length, key) in (hit for automaton in automata for hit in automaton.iter(hay)):
        han = hay[end_index] != " "
        if han:
            first, last = end_index - length + 1, end_index
        else:
            first, last = end_index - length + 2, end_index - 1
        if deferred is not None and key[0] == deferred:
            put_off.append((first, last, key[1:]))
            continue
        start, end = layout.span(first, last)
        while end > start + 1 and text[end - 1] in INVISIBLE:
            end -= 1  # a zero-width space after a name folds into its span; it is not part of the name
        found.append(Hit(start, end, key, han))
    found.sort(key=lambda h: (h.start, -h.end))
    return found


__all__ = ["Hit", "Layout", "canonical", "piece_offsets", "scan", "scan_fold"]
