"""Searching an index: the query is folded and segmented like the documents, every run of its
words that is a rendering of an entity (by the alias table) is expanded to all renderings of
that entity and to its linked-entity token, and the ranked documents come back with the matched
spans of the original text marked.

A rendering two entities share (``He Wei``: two ambassadors' names, 河内 aside) expands to both:
search is for recall, and the candidates are shown, not chosen. Weak forms (``Xi`` alone) are
searched as words, never expanded. A query that names no known entity also matches documents
where the linker clustered the same unknown name (``Lưu Hải Tinh`` finds ``刘海星`` when the
index was built with unknown names).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.exports.groups import entity_token
from toolkit.lexicon.model import needs_cue

MARK_OPEN, MARK_CLOSE = "«", "»"
SNIPPET_CONTEXT = 80
# word and phrase matches marked per document (linked mentions of the entities are all marked)
MAX_HIGHLIGHTS = 10
_BLOCK_LINES = 16
# A query is a few words or a name: past these it is refused (a 210 KB query made a
# 6.7M-character FTS expression, 44 s and 1.26 GB).
MAX_QUERY_WORDS = 64
MAX_QUERY_CHARS = 4096


@dataclass(frozen=True)
class Term:
    """One part of the query: its words, and the entities they name (empty: a plain word)."""

    words: str
    entities: tuple[str, ...] = ()


@dataclass(frozen=True)
class Expansion:
    terms: tuple[Term, ...]
    phrases: dict[str, tuple[str, ...]]  # entity -> companion keys of its renderings
    cluster: str | None = None
    fts_query: str = ""

    @property
    def entities(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e for term in self.terms for e in term.entities))


@dataclass(frozen=True)
class SearchHit:
    name: str
    score: float
    snippet: str
    highlights: tuple[tuple[int, int, str], ...]  # (start, end, text) in the original document
    entities: tuple[str, ...] = field(default=())  # matched entities the document mentions

    def to_dict(self) -> dict:
        return {"name": self.name, "score": round(self.score, 4), "snippet": self.snippet,
                "highlights": [{"start": s, "end": e, "text": t} for s, e, t in self.highlights],
                "entities": list(self.entities)}


def _quote(words: str) -> str:
    return '"' + words.replace('"', '""') + '"'


class SearchIndex:
    """An open index: the alias maps load once, then ``search`` runs per query."""

    def __init__(self, path: str | Path) -> None:
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no such index (make one with `sinoviet index build`)")
        self.path = path
        self.connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = self.connection.execute("SELECT key, entity, kind FROM aliases").fetchall()
        except sqlite3.DatabaseError as error:
            raise ValueError(f"{path}: not a sinoviet search index ({error})") from None
        self._by_key: dict[str, dict[str, None]] = defaultdict(dict)
        self._keys: dict[str, dict[str, None]] = defaultdict(dict)
        for key, entity, kind in rows:
            if kind == "weak":
                continue
            self._by_key[key][entity] = None
            self._keys[entity][key] = None
        # the longest rendering, in words: how far a query run is tried against the table
        self._max_words = max((key.count(" ") + 1 for key in self._by_key), default=1)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def expand(self, query: str) -> Expansion:
        from toolkit.search.segmenting import tokens as companion_tokens

        if len(query) > MAX_QUERY_CHARS:
            raise ValueError(f"query too long: {len(query):,} characters (at most {MAX_QUERY_CHARS:,})")
        words = companion_tokens(query)
        if len(words) > MAX_QUERY_WORDS:
            raise ValueError(f"query too long: {len(words):,} words (at most {MAX_QUERY_WORDS})")
        terms: list[Term] = []
        position = 0
        while position < len(words):
            for length in range(min(self._max_words, len(words) - position), 0, -1):
                key = " ".join(words[position:position + length])
                entities = self._by_key.get(key)
                if entities:
                    terms.append(Term(key, tuple(entities)))
                    position += length
                    break
            else:
                terms.append(Term(words[position]))
                position += 1
        phrases = {e: tuple(self._keys[e]) for term in terms for e in term.entities}
        cluster = None
        # a query that names no entity but perhaps a small unit (the county 海兴 in "Liu Haixing")
        # may be an unknown name the linker clustered
        if terms and len(terms) <= 4 and all(needs_cue(entity) for entity in phrases):
            cluster = _cluster_of(query)
        return Expansion(tuple(terms), phrases, cluster, _fts_query(terms, phrases, cluster))

    def search(self, query: str, limit: int = 10) -> list[SearchHit]:
        expansion = self.expand(query)
        if not expansion.fts_query:
            return []
        rows = self.connection.execute(
            "SELECT d.name, d.body, d.mentions, bm25(fts) AS rank FROM fts JOIN documents AS d ON d.id = fts.rowid "
            "WHERE fts MATCH ? ORDER BY rank LIMIT ?", (expansion.fts_query, limit)).fetchall()
        return [_hit(name, body, json.loads(mentions), -rank, expansion) for name, body, mentions, rank in rows]

    def count(self, query: str) -> int:
        expansion = self.expand(query)
        if not expansion.fts_query:
            return 0
        return self.connection.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (expansion.fts_query,)).fetchone()[0]


def _cluster_of(query: str) -> str | None:
    from toolkit.linking.clustering import cluster_key

    try:
        key = cluster_key(query)
    except Exception:  # a query that is no name at all has no cluster; the words still search
        return None
    return key if len(key) > len("nil:") else None


def _fts_query(terms: list[Term], phrases: dict[str, tuple[str, ...]], cluster: str | None) -> str:
    clauses = []
    for term in terms:
        if not term.entities:
            clauses.append(f"keys : {_quote(term.words)}")
            continue
        options = [f"entities : {_quote(entity_token(e))}" for e in term.entities]
        options += [f"keys : {_quote(key)}" for key in dict.fromkeys(k for e in term.entities for k in phrases[e])]
        clauses.append("(" + " OR ".join(options) + ")")
    query = " AND ".join(clauses)
    if cluster and query:
        query = f"({query}) OR entities : {_quote(entity_token(cluster))}"
    return query


_WORD_END = r"(?![^\W_])"


def _phrase_pattern(phrase: str) -> str:
    from toolkit.linking.keys import is_han_key

    if is_han_key(phrase):
        return re.escape(phrase.replace(" ", ""))
    # the start edge is checked on each match (_at_word_start): a lookbehind tried at every
    # position makes Python's regex engine several times slower than a literal first character
    return r"\s+".join(re.escape(w) for w in phrase.split()) + _WORD_END


def _at_word_start(text: str, match: re.Match) -> bool:
    start = match.start()
    if start == 0 or not (text[start - 1].isalnum()):
        return True
    from toolkit.text.script import is_han_char

    return is_han_char(text[start])  # Han phrases are found inside runs (the run has no spaces)


def _search(pattern: re.Pattern, text: str) -> bool:
    return any(_at_word_start(text, match) for match in pattern.finditer(text))


def _hit(name: str, body: str, mentions: list, score: float, expansion: Expansion) -> SearchHit:
    wanted = set(expansion.entities) | ({expansion.cluster} if expansion.cluster else set())
    spans = [(start, end) for start, end, entity in mentions if entity in wanted]
    linked = {entity for _start, _end, entity in mentions if entity in wanted}
    # plain words are found in the text; an entity the linker marked is shown by its mentions,
    # and only an entity it did not mark here (the document matched on a rendering) is searched for
    phrases = [term.words for term in expansion.terms if not term.entities]
    phrases += [key for entity, keys in expansion.phrases.items() if entity not in linked for key in keys]
    if phrases:
        spans += _phrase_spans(body, list(dict.fromkeys(phrases)))
    merged = _merge(spans)
    present = tuple(dict.fromkeys(entity for _s, _e, entity in mentions if entity in wanted))
    return SearchHit(name, score, _snippet(body, merged), tuple((s, e, body[s:e]) for s, e in merged), present)


def _phrase_spans(body: str, phrases: list[str]) -> list[tuple[int, int]]:
    """Where the folded phrases occur in ``body``, as spans of the original text.

    A regex alternation of many phrases is slow, so the work narrows in steps: the plain fold of
    the whole body says which phrases occur at all (a substring test, then the pattern), then blocks of lines, then
    lines, and only a matching line is mapped back (word by word, see _FoldedWords). At most
    MAX_HIGHLIGHTS spans are collected."""
    from toolkit.text.folding import fold
    from toolkit.linking.keys import is_han_key

    literals = {p: p.replace(" ", "") if is_han_key(p) else p for p in phrases}
    folded_body = fold(body)
    present = [p for p, literal in literals.items() if literal in folded_body]
    if not present:
        return []
    pattern = re.compile("|".join(_phrase_pattern(p) for p in sorted(present, key=len, reverse=True)))
    if not _search(pattern, folded_body):
        return []
    lines = body.splitlines(keepends=True)
    spans: list[tuple[int, int]] = []
    offset = 0
    for block_start in range(0, len(lines), _BLOCK_LINES):
        block = lines[block_start:block_start + _BLOCK_LINES]
        block_length = sum(map(len, block))
        folded_block = fold("".join(block))
        if _search(pattern, folded_block):
            line_offset = offset
            for line in block:
                if _search(pattern, fold(line)):
                    words = _FoldedWords(line)
                    for match in pattern.finditer(words.text):
                        if match.end() > match.start() and _at_word_start(words.text, match):
                            spans.append((line_offset + words.start(match.start()),
                                          line_offset + words.end(match.end())))
                    if len(spans) >= MAX_HIGHLIGHTS:
                        return spans
                line_offset += len(line)
        offset += block_length
    return spans


_WORD = re.compile(r"[^\W_]+")


class _FoldedWords:
    """A line folded word by word, with each folded word's place in the line.

    ``fold_with_offsets`` maps every character but costs ~30x the plain fold; a highlight needs
    only word edges (the phrase pattern matches whole words), and inside a Han run, which the fold
    leaves as it is, the characters themselves."""

    def __init__(self, line: str) -> None:
        from toolkit.text.folding import fold

        pieces, starts, position = [], [], 0
        self._spans: list[tuple[int, int, bool]] = []
        for match in _WORD.finditer(line):
            folded = fold(match.group())
            if not folded:
                continue
            pieces.append(folded)
            starts.append(position)
            self._spans.append((match.start(), match.end(), folded == match.group()))
            position += len(folded) + 1
        self.text = " ".join(pieces)
        self._starts = starts

    def _piece(self, offset: int) -> int:
        from bisect import bisect_right

        return max(0, bisect_right(self._starts, offset) - 1)

    def start(self, offset: int) -> int:
        index = self._piece(offset)
        start, _end, same = self._spans[index]
        return start + (offset - self._starts[index]) if same else start

    def end(self, offset: int) -> int:
        index = self._piece(offset - 1)
        start, end, same = self._spans[index]
        return start + (offset - self._starts[index]) if same else end


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _snippet(body: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return " ".join(body[:2 * SNIPPET_CONTEXT].split())
    left = max(0, spans[0][0] - SNIPPET_CONTEXT)
    right = min(len(body), spans[0][1] + SNIPPET_CONTEXT)
    parts, cursor = [], left
    for start, end in spans:
        if start >= right:
            break
        parts += [body[cursor:start], MARK_OPEN, body[start:min(end, right)], MARK_CLOSE]
        cursor = min(end, right)
    parts.append(body[cursor:right])
    text = " ".join("".join(parts).split())
    return ("…" if left > 0 else "") + text + ("…" if right < len(body) else "")


def search(index: str | Path, query: str, limit: int = 10) -> list[SearchHit]:
    """Ranked documents of ``index`` for ``query`` (best first), with highlighted matches."""
    with SearchIndex(index) as opened:
        return opened.search(query, limit)


__all__ = ["MAX_QUERY_CHARS", "MAX_QUERY_WORDS", "Expansion", "SearchHit", "SearchIndex", "Term", "search"]
