"""The scan key, laid out so that every hit in it maps back to the original characters.

The scan key is the fold key (``toolkit.fold``) without the case folding: marks stripped, đ→d,
i/y merged, punctuation squashed, but ``Hà Nội`` becomes ``Ha Noi`` and ``pháp luật`` stays
``phap luat``. Keeping case in the key lets the automaton itself tell the name ``Pháp`` (France)
from the word ``pháp`` (law): the alias index stores each name in the case forms a name is
written in (as in the lexicon, UPPER, and for long names any case), so lower-case words do not
even become hits. The linker then compares keys in lower case (``toolkit.text.keys.link_key``).

The automaton runs over the *scan string*: the key with a space before and after it (every
pattern is a key between two spaces, so a hit starts and ends on a word edge). Two layouts build
it, and map a hit's scan positions back to the text:

- :class:`AlignedLayout`, nearly always: each text character is folded to exactly one character
  (its base letter, or a space for punctuation), so the aligned key lines up with the text, and
  squashing its runs of spaces is the only shift. A hit is found at its place in the unsquashed
  key by one search from the previous hit's place.
  The aligned key is made at C speed (``aligned.py``).
- :class:`PieceLayout`, for text with a character that folds to none or several (marks in NFD,
  invisible characters, ligatures, look-alikes): each piece keyed on its own, and a hit mapped
  back through its piece's character spans.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from toolkit.text.characters import INVISIBLE
from toolkit.text.folding import Folded, fold_with_offsets
from toolkit.text.keys import scan_key
from toolkit.linking.aligned import aligned_key
from toolkit.text.wordcache import WordMemo


# ----------------------------------------------------------------------------- aligned layout

def _squashed(padded: str) -> str:
    """Runs of spaces as one space. Most runs are two spaces (``, ``, ``. ``), so a few C-speed
    replacements do it faster than a regex pass."""
    while "  " in padded:
        padded = padded.replace("   ", " ").replace("  ", " ")
    return padded


def _removed_spaces(padded: str, start: int, end: int) -> int:
    """How many spaces squashing takes out of ``padded[start:end]`` (whole runs only): r - 1 for
    a run of r, which two counts give for runs of up to four."""
    if padded.find("     ", start, end) < 0:
        return padded.count("  ", start, end) + padded.count("   ", start, end)
    piece = padded[start:end]
    return len(piece) - len(_squashed(piece))


def _search(hay: str, padded: str, first: int, last: int, han: bool, lowest: int) -> int:
    """Where the key characters ``first..last`` of the scan string are first found in ``padded``
    from ``lowest`` on (0: nowhere, as ``padded`` starts with a space)."""
    if han:  # a Chinese key, stored bare
        return max(padded.find(hay[first:last + 1], lowest), 0)
    return padded.find(hay[first - 1:last + 2], lowest - 1) + 1  # between its spaces: a whole word


def _place_after(padded: str, start: int, distance: int) -> int:
    """Where in ``padded`` the key character ``distance`` characters after the one at ``start``
    stands in the scan string: each round counts the spaces taken out before the place the last
    round reached, until no more are found."""
    place = start + distance
    while (further := start + distance + _removed_spaces(padded, start, place)) != place:
        place = further
    while padded[place] == " ":
        place += 1  # the count stopped inside a run: the character is after it
    return place


class AlignedLayout:
    """The scan string of a text whose aligned key exists: ``padded``, the aligned key with a
    space either side (the text's own layout, one character on), with its runs of spaces
    squashed to one.

    Scan positions map back in order, each from the one before it, whose place in ``padded`` is
    known: squashing only takes spaces out, so a key character lies at least as far on as it
    does in the scan string, and further by the spaces taken out in between."""

    __slots__ = ("text", "hay", "padded")

    def __init__(self, text: str, aligned: str) -> None:
        self.text = text
        self.padded = " " + aligned + " "
        self.hay = _squashed(self.padded)

    def hits(self, positions) -> list[Hit]:
        """The automaton's hits ((first, last, key, han) scan positions) in the text, in order of
        their first key character."""
        positions = sorted(positions)
        found = self._found_in_order(positions)
        return found if found is not None else self._checked(positions)

    def _found_in_order(self, positions) -> list[Hit] | None:
        """Each hit looked for in ``padded`` by a C-speed search from the previous hit's place plus
        the distance between the two in the scan string (squashing only takes spaces out).

        The first occurrence from there is the hit's own place, as an earlier one would be a hit
        in between. A hit with a run squashed inside it (``Bà Rịa - Vũng Tàu``) is not in
        ``padded`` as the scan string has it: its search lands on a later hit's place, every
        later search then starts beyond its own hit, and the last one finds nothing. So all are
        in place when every search finds its hit (None when one does not)."""
        hay = self.hay
        padded = self.padded
        found: list[Hit] = []
        append = found.append
        previous_first = previous_start = 0  # a key character in the scan string, and in ``padded``
        for first, last, key, han in positions:
            start = _search(hay, padded, first, last, han, previous_start + first - previous_first)
            if not start:
                return None
            previous_first, previous_start = first, start
            append(Hit(start - 1, start + last - first, key, han))  # the text is ``padded`` without its first space
        return found

    def _checked(self, positions, of_hits: bool = True) -> list[Hit]:
        """The same searches, each place checked on its own. A hit of one word (or of Chinese) is
        in ``padded`` as the scan string has it, so the first occurrence from the previous hit's
        place is its own (``of_hits``: every occurrence of a position's text is among the
        positions). Any other place is right when the spaces squashing took out in between
        (those of ``padded`` less those of the scan string) make up the difference (were it
        further on, a letter of the scan string would be missing). Otherwise the hit's ends are
        walked to, counting the spaces taken out."""
        hay = self.hay
        padded = self.padded
        found: list[Hit] = []
        append = found.append
        previous_first = previous_start = 0
        for first, last, key, han in positions:
            lowest = previous_start + first - previous_first
            start = _search(hay, padded, first, last, han, lowest)
            if start and (
                (of_hits and hay.find(" ", first, last) < 0)
                or padded.count(" ", previous_start, start) - hay.count(" ", previous_first, first) == start - lowest
            ):
                end = start + last - first + 1
            else:
                start = _place_after(padded, previous_start, first - previous_first)
                end = _place_after(padded, start, last - first) + 1
            previous_first, previous_start = first, start
            append(Hit(start - 1, end - 1, key, han))
        return found

    def spans(self, pairs) -> list[tuple[int, int]]:
        """The text ``[start, end)`` of the key characters ``first..last`` of each pair, for pairs
        that are whole hits of keys (every occurrence of their text in the scan string among them)."""
        return [(hit.start, hit.end) for hit in self.hits((first, last, "", False) for first, last in pairs)]

    def span(self, first: int, last: int) -> tuple[int, int]:
        """The text ``[start, end)`` of the key characters ``first..last`` (any two)."""
        hit = self._checked([(first, last, "", False)], of_hits=False)[0]
        return hit.start, hit.end

    def original(self, hay_position: int, at_end: bool) -> int:
        """The text offset of the key character at ``hay_position`` (its start, or its end)."""
        return self.span(hay_position, hay_position)[at_end]


# ----------------------------------------------------------------------------- piece layout

def _segment(piece: str) -> str:
    """A piece as it stands in the piece layout's scan string: its key, then the separator."""
    key = scan_key(piece)
    return key + " " if key else ""


_SEGMENTS = WordMemo(_segment)


def _segment_spans(piece: str) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """Per character of the piece's key: the start and end of the piece characters it came
    from; None should the two keys disagree, or for a long piece (a run of Chinese without
    spaces), which ``PieceLayout.original`` maps instead."""
    if len(piece) > _SPANNED_PIECE:
        return None
    offsets = piece_offsets(piece)
    if _SEGMENTS[piece][:-1] != offsets.text:
        return None
    return offsets.starts, offsets.ends


# filled only for pieces a hit starts or ends in: far fewer than the words of a corpus
_SEGMENT_SPANS = WordMemo(_segment_spans)
_SPANNED_PIECE = 64  # longest piece whose spans are kept (memory stays small whatever the text)
_BLOCK = 1 << 16  # characters of text split into pieces at a time


@lru_cache(maxsize=65536)
def piece_offsets(piece: str) -> Folded:
    """``scan_key(piece)`` character by character, keeping where each key character came from."""
    return fold_with_offsets(piece, keep_case=True)


class PieceLayout:
    """A text, its keyed pieces, and the scan string: a space, then each non-empty piece's key
    followed by a space. The cumulative piece and key lengths find a hit's piece by bisection.

    Only the scan string and the two cumulative lengths (4 bytes each a piece, in arrays) are kept:
    a piece and its key are cut from the text and the scan string when a hit needs them. The
    pieces are split a block at a time, so no list of every word of a long text is ever made
    (a list of 2 million words and their keys took 35 times the text's size)."""

    __slots__ = ("text", "_piece_ends", "_hay_ends", "hay")

    def __init__(self, text: str) -> None:
        self.text = text
        width = "i" if 2 * len(text) < 2**31 else "q"  # 4 bytes a number while the offsets fit in them
        piece_ends, hay_ends = array(width), array(width)
        parts: list[str] = [" "]
        piece_total = hay_total = 0
        block_start = 0
        while True:
            block_end = text.find(" ", block_start + _BLOCK) if len(text) - block_start > _BLOCK else -1
            pieces = (text[block_start:] if block_end < 0 else text[block_start:block_end]).split(" ")
            segments = list(map(_SEGMENTS.__getitem__, pieces))
            for ends, lengths, total in ((piece_ends, map(len, pieces), piece_total), (hay_ends, map(len, segments), hay_total)):
                running = accumulate(lengths, initial=total)
                next(running)  # the total the block starts from, already there
                ends.extend(running)
            piece_total, hay_total = piece_ends[-1], hay_ends[-1]
            parts.append("".join(segments))
            if block_end < 0:
                break
            block_start = block_end + 1
        self._piece_ends, self._hay_ends = piece_ends, hay_ends
        self.hay = "".join(parts)

    @property
    def hay_ends(self) -> array:
        """Where each piece's segment ends in the scan string (without its leading space)."""
        return self._hay_ends

    def piece_start(self, piece: int) -> int:
        """Where piece ``piece`` starts in the text (each piece is followed by one space)."""
        return (self._piece_ends[piece - 1] + piece) if piece else 0

    def piece(self, piece: int) -> str:
        """Piece ``piece`` of the text, as split at spaces."""
        start = self.piece_start(piece)
        return self.text[start:start + self._piece_ends[piece] - (self._piece_ends[piece - 1] if piece else 0)]

    def segment(self, piece: int) -> str:
        """The key of piece ``piece`` as the scan string holds it (with its trailing space, if any)."""
        start = self._hay_ends[piece - 1] if piece else 0
        return self.hay[1 + start:1 + self._hay_ends[piece]]

    def hits(self, positions) -> list[Hit]:
        """The automaton's hits ((first, last, key, han) scan positions) in the text."""
        text = self.text
        found = []
        for first, last, key, han in positions:
            start, end = self.span(first, last)
            while end > start + 1 and text[end - 1] in INVISIBLE:
                end -= 1  # a zero-width space after a name folds into its span; it is not part of the name
            found.append(Hit(start, end, key, han))
        return found

    def spans(self, pairs) -> list[tuple[int, int]]:
        return [self.span(first, last) for first, last in pairs]

    def span(self, first: int, last: int) -> tuple[int, int]:
        """The original ``[start, end)`` of the key characters ``first..last`` of the scan string,
        by one memo lookup per end (``_SEGMENT_SPANS``)."""
        return self._original_edge(first, 0), self._original_edge(last, 1)

    def _original_edge(self, hay_position: int, side: int) -> int:
        """The original start (``side`` 0) or end (``side`` 1) of the key character at ``hay_position``."""
        hay_ends = self.hay_ends
        piece = bisect_right(hay_ends, hay_position - 1)
        spans = _SEGMENT_SPANS[self.piece(piece)]
        if spans is None:
            return self.original(hay_position, side == 1)
        within = hay_position - 1 - (hay_ends[piece - 1] if piece else 0)
        return self.piece_start(piece) + spans[side][within]

    def original(self, hay_position: int, at_end: bool) -> int:
        """The original offset of the key character at ``hay_position`` (its start, or its end)."""
        inner = hay_position - 1
        piece = bisect_right(self.hay_ends, inner)
        in_segment = inner - (self.hay_ends[piece - 1] if piece else 0)
        segment = self.segment(piece)
        original = self.piece(piece)
        base = self.piece_start(piece)
        if len(segment) == len(original) + 1 and segment.startswith(original):
            return base + in_segment + (1 if at_end else 0)  # the common case: a plain word keys to itself
        offsets = piece_offsets(original)
        if offsets.text != segment[:-1] or in_segment >= len(offsets.text):
            return base + (len(original) if at_end else 0)  # not reached while both keys agree
        return base + (offsets.ends[in_segment] if at_end else offsets.starts[in_segment])


def layout_of(text: str) -> AlignedLayout | PieceLayout:
    """The scan string of ``text`` and its map back to the text (aligned whenever it can be)."""
    aligned = aligned_key(text)
    return PieceLayout(text) if aligned is None else AlignedLayout(text, aligned)


@dataclass(slots=True)
class Hit:
    """A key found in the text: ``[start, end)`` in the original text; ``key`` is its link key (lower case)."""

    start: int
    end: int
    key: str
    han: bool


def scan(layout, automata, deferred: str | None = None, put_off: list | None = None) -> list[Hit]:
    """Every key occurrence (overlapping ones included), in order of start.

    Keys starting with ``deferred`` are not mapped back: their (first, last, key) scan positions
    go to ``put_off``, for the caller to map (``layout.span``) only the ones it needs.
    ``automata``: one automaton or several (their hits are merged)."""
    if not isinstance(automata, (tuple, list)):
        automata = (automata,)
    hay = layout.hay
    hits = automata[0].iter(hay) if len(automata) == 1 else (hit for automaton in automata for hit in automaton.iter(hay))
    found = layout.hits(_key_positions(hay, hits, deferred, put_off))
    found.sort(key=lambda h: (h.start, -h.end))
    return found


def _key_positions(hay: str, hits, deferred: str | None, put_off: list | None):
    """(first, last, key, han) of each automaton hit: its first and last key characters in the scan
    string; a key starting with ``deferred`` goes to ``put_off`` instead."""
    for end_index, (length, key) in hits:
        if hay[end_index] != " ":  # a Chinese key: stored bare
            first, last, han = end_index - length + 1, end_index, True
        else:
            first, last, han = end_index - length + 2, end_index - 1, False
        if deferred is not None and key[0] == deferred:
            assert put_off is not None  # given with deferred
            put_off.append((first, last, key[1:]))
            continue
        yield first, last, key, han


__all__ = ["AlignedLayout", "Hit", "PieceLayout", "layout_of", "piece_offsets", "scan"]
