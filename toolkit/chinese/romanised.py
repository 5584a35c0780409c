"""Romanised Chinese names -> toneless pinyin syllables, every reading, most plausible first.

A name reaches us as Hanyu Pinyin (toned ``Xí Jìnpíng``, tone-numbered ``xi2 jin4 ping2``,
toneless, joined ``XiJinping``), as Wade-Giles with or without its apostrophes and umlauts
(``Teng Hsiao-p'ing``, ``Teng Hsiao-ping``), as a Hong Kong or Taiwan surname spelling
(``Chan``, ``Tsai``), or as an irregular historical spelling (``Chiang Kai-shek``).
:func:`romanised_syllables` maps all of them into one space: lists of toneless, lower-case
pinyin syllables (``ü`` written ``v``, as pypinyin writes it).

Ambiguity is returned, not resolved: ``Xian`` is ``xian`` or ``xi an``, ``Chang`` is pinyin
``chang`` or Wade-Giles ``zhang``. Readings are ranked by a small additive cost so the
caller (which knows the characters and their name frequencies) can weigh them:

- the name's *mode*: a name whose every piece reads as pinyin ranks pinyin readings first;
  any other name ranks Wade-Giles / Hong Kong / Taiwan readings first. A hyphen inside a
  word is Wade-Giles evidence (pinyin joins given names, Wade-Giles hyphenates them, one
  syllable per piece). Tone marks or numbers mean pinyin and nothing else.
- Wade-Giles writes one syllable per hyphen-separated piece, so inside a clean-pinyin name
  its readings are offered only for a piece that is a single spelling (``Chang``), never
  inside a joined pinyin word (``Jinping`` stays ``jin ping``). Hong Kong / Taiwan spellings
  are likewise matched only as a whole piece (``Ng`` is wu, but ``Wang`` never wa-ng), and an
  attested surname spelling ranks first where a surname stands (first word, one piece).
- a syllable that starts with a vowel inside a joined piece would have needed an apostrophe
  in pinyin (``Xi'an``) or a hyphen in Wade-Giles, so such splits rank after the unsplit one.
- curated exceptions (``Chiang Kai-shek`` -> jiang jie shi) come before everything else.

Data: ``lexicons/chinese/romanisation/`` (Wade-Giles table from pypinyin; Hong Kong, Taiwan
and Wade-Giles surname spellings and Hong Kong given-name syllables from sinonym; curated
exceptions); each is loaded once, lazily. pypinyin is imported lazily.

Segmentation is a k-best dynamic programme over the positions of each piece (never an
exhaustive recursion), memoised per piece and per name; at most ``limit`` readings survive.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from toolkit.cache import stored_derivation, strings
from toolkit.tables import TableError, read_tsv_by_name

__all__ = [
    "romanised_syllables",
    "scored_romanised_syllables",
    "is_pinyin_syllable",
    "is_toned_pinyin",
    "pinyin_syllables",
    "wade_giles_table",
]

DEFAULT_LIMIT = 32
# A name is short; longer input is not a name and would only cost time.
_MAX_TEXT_CHARS = 512
_MAX_PIECE_LETTERS = 48

_VOWELS = frozenset("aeiouv")
# Letters a Wade-Giles aspiration apostrophe follows (ch' ts' tz' k' p' t'); no pinyin syllable
# ends in one of them, so an apostrophe after any other letter separates pinyin syllables.
_ASPIRATED_BEFORE_APOSTROPHE = frozenset("hszkpt")
_APOSTROPHES = frozenset("'\u2019\u2018\u02bc\u02bb`\u00b4\u2032")
_HYPHENS = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
# Combining marks: pinyin tones 1-4 (macron, acute, caron, grave).
_TONE_MARKS = frozenset("\u0304\u0301\u030c\u0300")
_DIAERESIS = "\u0308"
_TONE_DIGITS = frozenset("012345")
# Stands for a character no romanisation contains: the piece then cannot segment.
_UNREADABLE = "#"

# Reading kinds.
PINYIN = "pinyin"
PINYIN_VARIANT = "pinyin-variant"  # lu for lü, lyu for lü
WADE_GILES = "wade-giles"
WADE_GILES_LOOSE = "wade-giles-loose"  # apostrophe or umlaut dropped
REGIONAL = "regional"  # Hong Kong / Taiwan / Hokkien / Wade-Giles name spelling (sinonym)
_PINYIN_KINDS = frozenset({PINYIN, PINYIN_VARIANT})

# Plain spellings of ü syllables seen in names (passports write lyu, the press writes lu).
_UMLAUT_SPELLINGS = {"lu": "lv", "nu": "nv", "lue": "lve", "nue": "nve", "lyu": "lv", "nyu": "nv"}


def _romanisation_dir() -> Path:
    from toolkit.resources import lexicon_path

    return lexicon_path("chinese", "romanisation")


# --------------------------------------------------------------------------- syllable inventory


@stored_derivation("pinyin-syllables", lambda value: frozenset(strings(value)))
def pinyin_syllables() -> list[str]:
    """Every toneless pinyin syllable (``ü`` as ``v``), derived from pypinyin's dictionary (once
    per installation: reading that dictionary takes most of a second).

    A syllable counts when it is the first (usual) reading of at least one character of the
    CJK Unified Ideographs block and has a vowel: this keeps the ~410 syllables of standard
    Mandarin and leaves out interjections (``m``, ``ng``, ``hm``, ``ê``) and readings only
    rare characters have (``wong``, ``bong``), which would otherwise split names wrongly.
    """
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    syllables: set[str] = set()
    for code_point, readings in pinyin_dict.items():
        if 0x4E00 <= code_point <= 0x9FFF:
            syllable = to_normal(readings.split(",", 1)[0])
            if syllable.isascii() and syllable.isalpha() and _VOWELS.intersection(syllable):
                syllables.add(syllable)
    return sorted(syllables)


def is_pinyin_syllable(s: str) -> bool:
    """True when ``s`` (any case, tone marks and ``ü`` allowed) is one toneless pinyin syllable."""
    if not isinstance(s, str) or not s:
        return False
    words = _parse(s)
    if len(words) != 1 or len(words[0].pieces) != 1:
        return False
    return words[0].pieces[0].letters in pinyin_syllables()


# pinyin's four tone marks (first to fourth tone); the diaeresis of ü is a letter, not a tone
_PINYIN_TONE_MARKS = frozenset("\u0304\u0301\u030c\u0300")
_DIAERESIS = "\u0308"


def is_toned_pinyin(word: str) -> bool:
    """True when ``word`` is one pinyin syllable with one tone mark where pinyin writes it: on
    ``a`` or ``e``, on the ``o`` of ``ou``, otherwise on the last vowel (``liú``, ``huì``,
    ``xià``, not ``líu``)."""
    import unicodedata

    letters: list[str] = []
    toned: list[int] = []
    for char in unicodedata.normalize("NFD", word.lower()):
        if char in _PINYIN_TONE_MARKS:
            toned.append(len(letters) - 1)
        elif char == _DIAERESIS and letters and letters[-1] == "u":
            letters[-1] = "v"
        elif unicodedata.combining(char) or not char.isascii() or not char.isalpha():
            return False
        else:
            letters.append(char)
    bare = "".join(letters)
    if len(toned) != 1 or bare not in pinyin_syllables():
        return False
    if "a" in bare:
        expected = bare.index("a")
    elif "e" in bare:
        expected = bare.index("e")
    elif "ou" in bare:
        expected = bare.index("o")
    else:
        expected = max(i for i, letter in enumerate(bare) if letter in _VOWELS)
    return toned[0] == expected


# --------------------------------------------------------------------------- data tables


def _read_tsv(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a ``#``-commented TSV with a header line (``toolkit.tables``: a malformed row
    raises TableError naming file and line)."""
    return list(read_tsv_by_name(path, columns))


def _spelling_key(spelling: str) -> str:
    """A table spelling in the form the parser produces (lower case, ``ü`` as ``v``, an
    aspiration apostrophe as ``'``)."""
    pieces = [piece.letters for word in _parse(spelling) for piece in word.pieces]
    return "".join(pieces)


def _pinyin_tuple(cell: str, path: Path, line_number: int) -> tuple[str, ...]:
    syllables = tuple(cell.split())
    unknown = [s for s in syllables if s not in pinyin_syllables()]
    if not syllables or unknown:
        raise TableError(f"not toneless pinyin syllables: {cell!r}", path, line_number)
    return syllables


@cache
def wade_giles_table() -> tuple[tuple[str, str], ...]:
    """(pinyin, Wade-Giles) pairs, one per pinyin syllable, as ``wade_giles.tsv`` states them."""
    path = _romanisation_dir() / "wade_giles.tsv"
    pairs = []
    for line_number, row in _read_tsv(path, ("pinyin", "wade_giles", "source")):
        (syllable,) = _pinyin_tuple(row["pinyin"], path, line_number)
        pairs.append((syllable, row["wade_giles"]))
    return tuple(pairs)


@dataclass(frozen=True, slots=True)
class _Reading:
    syllables: tuple[str, ...]
    kind: str
    attested: bool = True  # regional spellings: sinonym attests it as a surname as written


@cache
def _lexicon() -> dict[str, tuple[_Reading, ...]]:
    """Spelling (as parsed) -> its readings, pinyin first, in table order."""
    table: dict[str, list[_Reading]] = {}

    def add(spelling: str, reading: _Reading) -> None:
        readings = table.setdefault(spelling, [])
        if reading not in readings:
            readings.append(reading)

    for syllable in sorted(pinyin_syllables()):
        add(syllable, _Reading((syllable,), PINYIN))
    for spelling, syllable in _UMLAUT_SPELLINGS.items():
        add(spelling, _Reading((syllable,), PINYIN_VARIANT))

    for syllable, wade_giles in wade_giles_table():
        add(_spelling_key(wade_giles), _Reading((syllable,), WADE_GILES))
    for syllable, wade_giles in wade_giles_table():
        exact = _spelling_key(wade_giles)
        for loose in (exact.replace("'", ""), exact.replace("v", "u"), exact.replace("'", "").replace("v", "u")):
            if loose != exact:
                add(loose, _Reading((syllable,), WADE_GILES_LOOSE))

    path = _romanisation_dir() / "surnames.tsv"
    for line_number, row in _read_tsv(path, ("spelling", "pinyin", "system", "share", "source")):
        try:
            attested = float(row["share"]) >= 1.0
        except ValueError:
            raise TableError(f"share is not a number: {row['share']!r}", path, line_number) from None
        syllables = _pinyin_tuple(row["pinyin"], path, line_number)
        add(_spelling_key(row["spelling"]), _Reading(syllables, REGIONAL, attested))
    path = _romanisation_dir() / "given_syllables.tsv"
    for line_number, row in _read_tsv(path, ("spelling", "pinyin", "system", "source")):
        syllables = _pinyin_tuple(row["pinyin"], path, line_number)
        add(_spelling_key(row["spelling"]), _Reading(syllables, REGIONAL, attested=False))
    return {spelling: tuple(readings) for spelling, readings in table.items()}


@cache
def _longest_spelling() -> int:
    return max(len(spelling) for spelling in _lexicon())


@cache
def _exceptions() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Folded spelling of a whole word span -> its readings, in table order."""
    path = _romanisation_dir() / "exceptions.tsv"
    table: dict[str, list[tuple[str, ...]]] = {}
    for line_number, row in _read_tsv(path, ("spelling", "pinyin", "hanzi", "source")):
        if not row["source"].strip():
            raise TableError("every exception needs a source", path, line_number)
        key = _word_span_key(_parse(row["spelling"]))
        if not key:
            raise TableError(f"spelling has no letters: {row['spelling']!r}", path, line_number)
        readings = table.setdefault(key, [])
        syllables = _pinyin_tuple(row["pinyin"], path, line_number)
        if syllables not in readings:
            readings.append(syllables)
    return {key: tuple(readings) for key, readings in table.items()}


@cache
def _longest_exception_span() -> int:
    path = _romanisation_dir() / "exceptions.tsv"
    return max(
        (len(_parse(row["spelling"])) for _, row in _read_tsv(path, ("spelling",))),
        default=1,
    )


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True, slots=True)
class _Piece:
    letters: str  # lower-case a-z, "v" for ü, "'" for a Wade-Giles aspiration mark
    toned: tuple[int, ...]  # positions of letters that carried a tone mark


@dataclass(frozen=True, slots=True)
class _Word:
    pieces: tuple[_Piece, ...]
    hyphenated: bool
    tone_numbers: bool


def _word_span_key(words) -> str:
    return "".join(piece.letters.replace("'", "").replace("v", "u") for word in words for piece in word.pieces)


def _parse(text: str) -> list[_Word]:
    """Words (split on spaces and punctuation) of pieces (split on hyphens, syllable apostrophes,
    tone numbers and camel case), letters folded to lower case with tones recorded apart."""
    words: list[_Word] = []
    pieces: list[_Piece] = []
    letters: list[str] = []
    toned: list[int] = []
    hyphenated = False
    tone_numbers = False
    previous_lower = False  # last character added was a lower-case letter (camel-case split)

    def close_piece() -> None:
        nonlocal letters, toned, previous_lower
        if letters and any(ch != "'" for ch in letters):
            pieces.append(_Piece("".join(letters).strip("'"), tuple(toned)))
        letters, toned, previous_lower = [], [], False

    def close_word() -> None:
        nonlocal pieces, hyphenated, tone_numbers
        close_piece()
        if pieces:
            words.append(_Word(tuple(pieces), hyphenated and len(pieces) > 1, tone_numbers))
        pieces, hyphenated, tone_numbers = [], False, False

    for ch in unicodedata.normalize("NFD", text):
        if "a" <= ch <= "z":
            letters.append(ch)
            previous_lower = True
        elif "A" <= ch <= "Z":
            if previous_lower:
                close_piece()
            letters.append(ch.lower())
            previous_lower = False
        elif unicodedata.combining(ch):
            if not letters or letters[-1] == "'":
                continue
            if ch in _TONE_MARKS:
                position = len(letters) - 1
                if position not in toned:
                    toned.append(position)
            elif ch == _DIAERESIS and letters[-1] == "u":
                letters[-1] = "v"
            # other marks (breve of ŭ, circumflex of ê) carry no distinction we keep
        elif ch in _APOSTROPHES:
            if letters and letters[-1] in _ASPIRATED_BEFORE_APOSTROPHE:
                letters.append("'")
            else:
                close_piece()
        elif ch in _HYPHENS:
            close_piece()
            hyphenated = True
        elif ch in _TONE_DIGITS and letters:
            close_piece()
            tone_numbers = True
        elif ch.isalnum():
            letters.append(_UNREADABLE)  # another script, or a stray digit: not a romanisation
            previous_lower = False
        else:
            close_word()
    close_word()
    return words


# --------------------------------------------------------------------------- segmentation


@dataclass(frozen=True, slots=True)
class _Context:
    """What the rest of the name says about how to read one piece."""

    mode: str  # "toned" (tone marks or numbers: pinyin only), "pinyin" or "romanised"
    surname_slot: bool  # first word, a single piece: where a surname stands
    single_spelling: bool  # a piece of a hyphenated word: Wade-Giles writes one syllable per piece


def _reading_cost(reading: _Reading, context: _Context, whole_piece: bool) -> float | None:
    """Cost of reading one spelling this way here; None when the reading does not apply."""
    kind = reading.kind
    if context.mode == "toned":
        return {PINYIN: 0.0, PINYIN_VARIANT: 0.5}.get(kind)
    if kind == REGIONAL and not whole_piece:
        return None
    first_word = context.surname_slot
    if context.mode == "pinyin":
        if kind == PINYIN:
            return 0.0
        if kind == PINYIN_VARIANT:
            return 0.5
        if not whole_piece:
            return None
        if kind == REGIONAL:
            return 0.9 if reading.attested else 1.5
        return 1.0 if kind == WADE_GILES else 1.2
    if kind == WADE_GILES:
        return 0.15 if first_word else 0.0
    if kind == WADE_GILES_LOOSE:
        return 0.35 if first_word else 0.2
    if kind == REGIONAL:
        if reading.attested:
            return 0.0 if first_word else 0.3
        return 0.5
    return 1.0 if kind == PINYIN else 1.5


_Scored = tuple[tuple[float, tuple[str, ...]], ...]


def _keep_best(candidates: dict[tuple[str, ...], float], limit: int) -> _Scored:
    if len(candidates) == 1:
        ((syllables, cost),) = candidates.items()
        return ((cost, syllables),)
    # sorted() is stable: equal costs keep the (deterministic) order they were found in.
    ranked = sorted(candidates.items(), key=lambda item: item[1])[:limit]
    return tuple((cost, syllables) for syllables, cost in ranked)


@lru_cache(maxsize=1 << 14)
def _spelling_readings(spelling: str, context: _Context, whole_piece: bool) -> tuple[tuple[tuple[str, ...], float], ...]:
    """The readings of one spelling that apply here, each with its cost (best cost per reading)."""
    costs: dict[tuple[str, ...], float] = {}
    for reading in _lexicon().get(spelling, ()):
        cost = _reading_cost(reading, context, whole_piece)
        if cost is not None:
            cost += 0.1 * len(reading.syllables)  # fewer, longer syllables first: xian before xi an
            if cost < costs.get(reading.syllables, float("inf")):
                costs[reading.syllables] = cost
    return tuple(costs.items())


@lru_cache(maxsize=1 << 16)
def _piece_readings(piece: _Piece, context: _Context, limit: int) -> _Scored:
    """k-best segmentations of one piece: a DP over positions, right to left."""
    letters = piece.letters
    size = len(letters)
    if not size or size > _MAX_PIECE_LETTERS or _UNREADABLE in letters:
        return ()
    if context.single_spelling:
        whole = _spelling_readings(letters, context, True)
        return _keep_best({syllables: cost for syllables, cost in whole}, limit) if whole else ()
    lexicon = _lexicon()
    longest = _longest_spelling()
    toned = set(piece.toned)
    best: list[_Scored] = [()] * (size + 1)
    best[size] = ((0.0, ()),)
    for start in range(size - 1, -1, -1):
        candidates: dict[tuple[str, ...], float] = {}
        # pinyin writes an apostrophe before an inner a-, o-, e- syllable; Wade-Giles a hyphen
        split_penalty = 1.0 if start > 0 and letters[start] in _VOWELS else 0.0
        for end in range(start + 1, min(size, start + longest) + 1):
            tails = best[end]
            if not tails or letters[start:end] not in lexicon:
                continue
            # one syllable carries at most one tone mark: "Xīān" is xi an, never xian
            if toned and len(toned.intersection(range(start, end))) > 1:
                continue
            for head, cost in _spelling_readings(letters[start:end], context, start == 0 and end == size):
                cost += split_penalty
                for tail_cost, tail in tails:
                    syllables = head + tail
                    total = cost + tail_cost
                    if total < candidates.get(syllables, float("inf")):
                        candidates[syllables] = total
        best[start] = _keep_best(candidates, limit)
    return best[0]


@lru_cache(maxsize=1 << 16)
def _reads_as_pinyin(letters: str) -> bool:
    """A segmentation into pinyin syllables exists."""
    if not letters or len(letters) > _MAX_PIECE_LETTERS:
        return False
    lexicon = _lexicon()
    longest = _longest_spelling()
    reachable = [False] * (len(letters) + 1)
    reachable[0] = True
    for start in range(len(letters)):
        if not reachable[start]:
            continue
        for end in range(start + 1, min(len(letters), start + longest) + 1):
            readings = lexicon.get(letters[start:end], ())
            if any(reading.kind in _PINYIN_KINDS for reading in readings):
                reachable[end] = True
    return reachable[-1]


def _combine(left: _Scored, right: _Scored, limit: int) -> _Scored:
    candidates: dict[tuple[str, ...], float] = {}
    for left_cost, left_syllables in left:
        for right_cost, right_syllables in right:
            syllables = left_syllables + right_syllables
            total = left_cost + right_cost
            if total < candidates.get(syllables, float("inf")):
                candidates[syllables] = total
    return _keep_best(candidates, limit)


def _mode(words: list[_Word]) -> str:
    if any(word.tone_numbers or any(piece.toned for piece in word.pieces) for word in words):
        return "toned"
    lexicon = _lexicon()
    if any(word.hyphenated and all(piece.letters in lexicon for piece in word.pieces) for word in words):
        return "romanised"  # syllables hyphenated one by one, as Wade-Giles writes given names
    readable = all(_reads_as_pinyin(piece.letters) for word in words for piece in word.pieces)
    return "pinyin" if readable else "romanised"


def _word_readings(word: _Word, mode: str, first_word: bool, limit: int) -> _Scored:
    surname_slot = first_word and len(word.pieces) == 1
    scored = _pieces_readings(word.pieces, _Context(mode, surname_slot, word.hyphenated), limit)
    if not scored and word.hyphenated:
        # a slug ("xi-jinping") hyphenates words, not syllables
        scored = _pieces_readings(word.pieces, _Context(mode, surname_slot, False), limit)
    return scored


def _pieces_readings(pieces: tuple[_Piece, ...], context: _Context, limit: int) -> _Scored:
    scored: _Scored = ((0.0, ()),)
    for piece in pieces:
        scored = _combine(scored, _piece_readings(piece, context, limit), limit)
        if not scored:
            return ()
    return scored


# Exception readings rank before every regular reading of the same words.
_EXCEPTION_COST = -100.0


@lru_cache(maxsize=1 << 16)
def _name_readings(text: str, limit: int) -> _Scored:
    if len(text) > _MAX_TEXT_CHARS:
        return ()
    words = _parse(text)
    if not words:
        return ()
    mode = _mode(words)
    exceptions = {} if mode == "toned" else _exceptions()
    longest_span = _longest_exception_span() if exceptions else 1
    word_keys = [_word_span_key((word,)) for word in words]
    count = len(words)
    # best[i]: k-best readings of words[i:], each a cover by single words and exception spans
    best: list[_Scored] = [()] * (count + 1)
    best[count] = ((0.0, ()),)
    for start in range(count - 1, -1, -1):
        options: list[_Scored] = []
        span_key = ""
        for end in range(start + 1, min(count, start + longest_span) + 1):
            span_key += word_keys[end - 1]
            if not best[end]:
                continue
            span: list[tuple[float, tuple[str, ...]]] = [
                (_EXCEPTION_COST, syllables) for syllables in exceptions.get(span_key, ())
            ]
            if end == start + 1:
                span.extend(_word_readings(words[start], mode, start == 0, limit))
            if span:
                options.append(_combine(tuple(span), best[end], limit))
        merged: dict[tuple[str, ...], float] = {}
        for scored in options:
            for cost, syllables in scored:
                if cost < merged.get(syllables, float("inf")):
                    merged[syllables] = cost
        best[start] = _keep_best(merged, limit)
    return best[0]


def romanised_syllables(text: str, *, limit: int = DEFAULT_LIMIT) -> list[list[str]]:
    """Every reading of a romanised Chinese name as toneless pinyin syllables, best first.

    >>> romanised_syllables("Xian")
    [['xian'], ['xi', 'an']]
    >>> romanised_syllables("Teng Hsiao-p'ing")[0]
    ['deng', 'xiao', 'ping']

    Accepts pinyin (toned, tone-numbered, toneless, joined), Wade-Giles (with or without
    apostrophes and umlauts), Hong Kong and Taiwan surname spellings, and the curated
    historical exceptions. At most ``limit`` readings are returned; ``[]`` when nothing reads
    (including text longer than a name, ~500 characters). Never raises on a string.
    """
    if not isinstance(text, str):
        raise TypeError(f"romanised_syllables expects str, not {type(text).__name__}")
    if limit < 1:
        return []
    return [list(syllables) for _, syllables in _name_readings(text, limit)]


def scored_romanised_syllables(text: str, *, limit: int = DEFAULT_LIMIT) -> list[tuple[list[str], float]]:
    """:func:`romanised_syllables` with each reading's penalty: 0.0 for the best reading, more
    for each step away from it (about 1.0 for a reading of the other romanisation system, or
    for a split pinyin would have marked with an apostrophe). For weighing readings, e.g.
    ``exp(-penalty)``; the scale is a ranking device, not a calibrated probability."""
    if not isinstance(text, str):
        raise TypeError(f"scored_romanised_syllables expects str, not {type(text).__name__}")
    if limit < 1:
        return []
    scored = _name_readings(text, limit)
    if not scored:
        return []
    best = scored[0][0]
    return [(list(syllables), round(cost - best, 6)) for cost, syllables in scored]
