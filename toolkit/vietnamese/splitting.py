"""Cutting run-together forms (``Hanoi``, ``Hochiminh``, ``Saigon``) into Vietnamese syllables.

Every cut whose pieces are all syllables is a candidate; a piece counts as a syllable when
some well-formed Vietnamese syllable folds to it (the syllable model, ``syllable.py``,
enumerates them), so the splitter also handles forms its word list never saw. Candidates are
ranked by a syllable-bigram model whose counts come from underthesea's Viet74K word list
(``lexicons/vietnamese/syllable_priors.tsv``, built by the script beside it): a pair of
syllables seen together in real words (``ha noi``) beats a cut into two common syllables
that never meet (``han oi``), and fewer, more frequent syllables beat many rare ones.

The table and the inventory load on first use.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import cache

from toolkit.resources import lexicon_path
from toolkit.tables import TableError
from toolkit.vietnamese.letters import ascii_letter
from toolkit.vietnamese.syllable import ONSETS, segment_letters, written_rimes
from toolkit.vietnamese.tones import place_tones

PRIORS_FILE = ("vietnamese", "syllable_priors.tsv")

_LONGEST_SYLLABLE = 7  # nghieng
_BEAM = 256  # partial cuts kept per position; real words have far fewer, so this is exhaustive
_UNSEEN_COUNT = 0.5  # add-half smoothing for syllables the word list never shows
_UNSEEN_WRITTEN = 0.1  # a written form the word list never shows is rare, not impossible
_PAIR_CONFIDENCE = 20.0  # sightings of a syllable before its observed followers dominate (word-list pairs
# are dictionary compounds, not names, so they are trusted only for well-attested syllables)


@dataclass(frozen=True)
class _Priors:
    unigrams: dict[str, int]  # folded syllable -> count
    bigrams: dict[str, int]  # "first second" (folded) -> count
    written: dict[str, int]  # syllable as written (lower case, old style) -> count
    total: int
    inventory: frozenset[str]

    def log_unigram(self, syllable: str) -> float:
        count = self.unigrams.get(syllable, 0) + _UNSEEN_COUNT
        return math.log(count / (self.total + _UNSEEN_COUNT * len(self.inventory)))

    def log_next(self, previous: str, syllable: str) -> float:
        """log P(syllable | previous): the pair's share of ``previous``'s occurrences, mixed with
        the unigram in proportion to how often ``previous`` was seen at all."""
        unigram = math.exp(self.log_unigram(syllable))
        seen = self.unigrams.get(previous, 0)
        if not seen:
            return math.log(unigram)
        trust = seen / (seen + _PAIR_CONFIDENCE)
        pair = self.bigrams.get(f"{previous} {syllable}", 0) / seen
        return math.log(trust * pair + (1 - trust) * unigram)

    def log_written(self, piece: str, syllable: str) -> float:
        """log P(written this way | folded syllable): ``thuận`` is how ``thuan`` is often
        written, ``ận`` almost never how ``an`` is, so marks steer the cut when present."""
        form = place_tones(piece.lower(), "old")
        return math.log((self.written.get(form, 0) + _UNSEEN_WRITTEN) / (self.unigrams.get(syllable, 0) + 1))


def fold_syllable(text: str) -> str | None:
    """Toneless ASCII lower case, one letter per letter (``Đà`` -> ``da``); None for a non-letter."""
    letters = [ascii_letter(letter) for letter in text]
    if None in letters:
        return None
    return "".join(letters).lower()  # type: ignore[arg-type]


@cache
def folded_inventory() -> frozenset[str]:
    """Every string some well-formed Vietnamese syllable folds to (``nguyen``, ``ha``, ``oi``...)."""
    found: set[str] = set()
    for onset in ONSETS:
        for rime in written_rimes():
            letters = onset + rime
            if segment_letters(letters) is not None:
                folded = fold_syllable(letters)
                assert folded is not None  # onset and rime are letters
                found.add(folded)
    return frozenset(found)


_KINDS = ("bigram", "unigram", "written")


@cache
def _priors() -> _Priors:
    path = lexicon_path(*PRIORS_FILE)
    text = path.read_text(encoding="utf-8")
    header_end = text.find("kind\tsyllables\tcount\n")
    if header_end < 0:
        raise TableError("the header line 'kind<TAB>syllables<TAB>count' is missing", path)
    body_start = header_end + len("kind\tsyllables\tcount\n")
    # the whole table in one C-level split: kind, syllables, count, kind, syllables, count, ...
    cells = text[body_start:].rstrip("\n").replace("\n", "\t").split("\t")
    kinds, grams, counts = cells[0::3], cells[1::3], cells[2::3]
    tables: dict[str, dict[str, int]] = {}
    try:
        if len(cells) % 3:
            raise ValueError
        values = list(map(int, counts))
        position = 0
        for kind in _KINDS:  # rows come grouped by kind, in this order
            end = position + kinds.count(kind)
            if set(kinds[position:end]) - {kind}:
                raise ValueError
            tables[kind] = dict(zip(grams[position:end], values[position:end]))
            position = end
        if position != len(kinds):
            raise ValueError
    except ValueError:
        _raise_first_bad_row(path, text[:body_start].count("\n"), text[body_start:])
        raise
    return _Priors(
        unigrams=tables["unigram"],
        bigrams=tables["bigram"],
        written=tables["written"],
        total=sum(tables["unigram"].values()),
        inventory=folded_inventory() | frozenset(tables["unigram"]),
    )


def _raise_first_bad_row(path, lines_before: int, body: str) -> None:
    order = {kind: rank for rank, kind in enumerate(_KINDS)}
    rank = 0
    for number, line in enumerate(body.splitlines(), start=lines_before + 1):
        fields = line.split("\t")
        if len(fields) != 3 or fields[0] not in order or not fields[2].isdigit():
            raise TableError(f"expected '{'|'.join(_KINDS)}<TAB>syllables<TAB>count', got {line!r}", path, number)
        if order[fields[0]] < rank:
            raise TableError(f"rows must be grouped by kind in the order {', '.join(_KINDS)}", path, number)
        rank = order[fields[0]]
    raise TableError("malformed table", path)


def split_syllables(word: str, limit: int | None = None) -> list[tuple[list[str], float]]:
    """Every way to cut ``word`` into Vietnamese syllables, most probable first.

    ``word`` is one run of letters with or without diacritics (``Hanoi``, ``HOCHIMINH``,
    ``Đànẵng``; NFD is composed first); anything else (spaces, digits, punctuation, letters
    Vietnamese does not use such as ``f`` ``j`` ``w`` ``z``) gives ``[]``. Each result is
    ``(pieces, probability)``: the pieces are slices of the (NFC) word, so they keep its letters
    and case exactly (``Hanoi`` -> ``["Ha", "noi"]``; title-case them for display if wanted),
    and the probabilities of all returned cuts sum to 1. A capital after a small letter
    (``HaNoi``, ``LongAn``) marks a cut, unless no cut honours every such capital. Marks, when
    present, count as evidence (``Thuận`` stays whole rather than ``Thu`` + ``ận``). A word that
    is already one syllable comes back whole first when that is the likeliest reading.
    ``limit`` keeps only the best cuts; words with a huge number of cuts return the best 256.
    """
    if not isinstance(word, str) or not word or len(word) > 64:
        return []
    if not word.isascii() and not unicodedata.is_normalized("NFC", word):
        word = unicodedata.normalize("NFC", word)
    folded = fold_syllable(word)
    if folded is None:
        return []
    capitals = frozenset(i for i in range(1, len(word)) if word[i].isupper() and word[i - 1].islower())
    results = _cuts(word, folded, capitals) or (_cuts(word, folded, frozenset()) if capitals else [])
    return results[:limit] if limit is not None else results


def _cuts(word: str, folded: str, capitals: frozenset[int]) -> list[tuple[list[str], float]]:
    priors = _priors()
    inventory = priors.inventory
    marked = not word.isascii()
    # beams[i]: partial cuts covering folded[:i] as (log probability, cut positions)
    beams: list[list[tuple[float, tuple[int, ...]]]] = [[] for _ in range(len(folded) + 1)]
    beams[0] = [(0.0, (0,))]
    for start in range(len(folded)):
        if not beams[start]:
            continue
        beams[start].sort(reverse=True)
        del beams[start][_BEAM:]
        for end in range(start + 1, min(len(folded), start + _LONGEST_SYLLABLE) + 1):
            if end - 1 in capitals and end - 1 > start:
                break  # a piece may not run over a capital that starts a syllable
            syllable = folded[start:end]
            if syllable not in inventory:
                continue
            emission = priors.log_written(word[start:end], syllable) if marked else 0.0
            for log_probability, cuts in beams[start]:
                if len(cuts) == 1:
                    step = priors.log_unigram(syllable)
                else:
                    step = priors.log_next(folded[cuts[-2] : start], syllable)
                beams[end].append((log_probability + step + emission, (*cuts, end)))
    finished = sorted(beams[len(folded)], reverse=True)[:_BEAM]
    if not finished:
        return []
    best = finished[0][0]
    weights = [math.exp(log_probability - best) for log_probability, _ in finished]
    total = sum(weights)
    return [
        ([word[a:b] for a, b in zip(cuts, cuts[1:])], weight / total)
        for (_, cuts), weight in zip(finished, weights)
    ]
