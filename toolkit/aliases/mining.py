"""Mining a corpus: the spellings its documents really use for each entity, and the names no
lexicon knows, clustered across scripts.

Per document (``document_names``, picklable, so a process pool or the CLI runner can map it over
files): link the text and count (entity or cluster, written form). Over the corpus
(``mine_names``): known entities get a row per written form with its count; unknown names are
grouped by the linker's cluster key (the pinyin pivot: ``Lưu Hải Tinh``, ``Liu Haixing``,
``刘海星`` share one) and by fold key (``Lưu Hải Tinh`` and ``Luu Hai Tinh``), joined
transitively. A written form linked to several entities, or linked only with a score that says
the context could not choose (a homograph), is reported as ambiguous and gets no row.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from toolkit.aliases.model import AliasRow, AliasTable
from toolkit.text.folding import fold

# a linked mention at or below this score was a coin toss between homographs (see Mention.score)
UNSETTLED_SCORE = 0.55
CORPUS_SOURCE = "corpus"


@dataclass
class DocumentNames:
    """What one document says: (entity id or nil cluster, written form, type) -> count."""

    known: Counter = field(default_factory=Counter)
    unknown: Counter = field(default_factory=Counter)
    unsettled: Counter = field(default_factory=Counter)  # (written form, entity) the linker guessed

    def update(self, other: DocumentNames) -> None:
        self.known.update(other.known)
        self.unknown.update(other.unknown)
        self.unsettled.update(other.unsettled)


def names_in_text(text: str, lexicon=None) -> DocumentNames:
    from toolkit.linking import link

    found = DocumentNames()
    for mention in link(text, lexicon=lexicon):
        if mention.entity is None:
            found.unknown[(mention.cluster, mention.text, mention.type)] += 1
        elif mention.score <= UNSETTLED_SCORE:
            found.unsettled[(mention.text, mention.entity)] += 1
        else:
            found.known[(mention.entity, mention.text, mention.type)] += 1
    return found


def document_names(name: str, data: bytes) -> DocumentNames:
    """The names of one file's bytes (decoded with ``toolkit.decode``); built-in lexicon."""
    from toolkit.decoding import decode

    return names_in_text(decode(data).text)


@dataclass(frozen=True)
class MinedAmbiguity:
    """A written form the corpus uses for several entities, or that the context could not settle."""

    alias: str
    entities: tuple[str, ...]
    count: int
    reason: str

    def to_dict(self) -> dict:
        return {"alias": self.alias, "entities": list(self.entities), "count": self.count, "reason": self.reason}


@dataclass(frozen=True)
class Mined:
    table: AliasTable
    ambiguities: tuple[MinedAmbiguity, ...]


def _written_lang(text: str) -> str:
    from toolkit.linking.keys import is_han_key
    from toolkit.text.script import has_marks

    return "zh" if is_han_key(text) else "vi" if has_marks(text) else "en"


def _kind(alias: str, entity: str, known: AliasTable | None) -> str:
    if known is not None:
        for row in known.by_entity().get(entity, ()):
            if row.alias == alias:
                return row.kind
        if entity in known.lookup(alias, weak=True) and entity not in known.lookup(alias):
            return "weak"
    if alias.isupper() and " " not in alias and len(alias) <= 8 and alias.isascii():
        return "abbreviation"
    return "alias"


def _clusters(unknown: Counter) -> dict[str, str]:
    """nil cluster key -> the cluster it joins, merging clusters whose names share a fold key."""
    parent: dict[str, str] = {}

    def find(item: str) -> str:
        while parent.setdefault(item, item) != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for cluster, text, _type in unknown:
        left, right = find(cluster), find("fold:" + fold(text))
        if left != right:
            # the linker's cluster key names the group; a bare fold key only joins groups
            root, child = sorted((left, right), key=lambda item: (item.startswith("fold:"), item))
            parent[child] = root
    return {cluster: find(cluster) for cluster, _text, _type in unknown}


def mine_names(found: DocumentNames, known: AliasTable | None = None) -> Mined:
    """Rows for what ``found`` counted; ``known`` (the lexicon's table) supplies the kinds of known forms."""
    rows: list[AliasRow] = []
    for (entity, text, entity_type), count in sorted(found.known.items(), key=lambda item: (item[0][0], -item[1])):
        rows.append(AliasRow(entity, text, _written_lang(text), _kind(text, entity, known), CORPUS_SOURCE, count,
                             entity_type))
    joined = _clusters(found.unknown)
    by_cluster: dict[str, Counter] = defaultdict(Counter)
    types: dict[str, str] = {}
    for (cluster, text, entity_type), count in found.unknown.items():
        by_cluster[joined[cluster]][text] += count
        types.setdefault(joined[cluster], entity_type)
    for cluster in sorted(by_cluster):
        forms = by_cluster[cluster].most_common()
        for position, (text, count) in enumerate(forms):
            kind = "label" if position == 0 else "alias"
            rows.append(AliasRow(cluster, text, _written_lang(text), kind, CORPUS_SOURCE + " unknown name", count,
                                 types[cluster]))
    return Mined(AliasTable(rows), tuple(_ambiguities(found)))


def _ambiguities(found: DocumentNames) -> list[MinedAmbiguity]:
    entities_by_key: dict[str, Counter] = defaultdict(Counter)
    written: dict[str, str] = {}
    for (entity, text, _type), count in found.known.items():
        key = fold(text)
        entities_by_key[key][entity] += count
        written.setdefault(key, text)
    out = [MinedAmbiguity(written[key], tuple(sorted(entities)), sum(entities.values()),
                          "linked to several entities in the corpus")
           for key, entities in sorted(entities_by_key.items()) if len(entities) > 1]
    unsettled: dict[str, Counter] = defaultdict(Counter)
    for (text, entity), count in found.unsettled.items():
        unsettled[text][entity] += count
    out += [MinedAmbiguity(text, tuple(sorted(entities)), sum(entities.values()),
                           "the context could not choose between homographs")
            for text, entities in sorted(unsettled.items())]
    return out


def mine_corpus(documents: Iterable[tuple[str, bytes]], known: AliasTable | None = None) -> Mined:
    """Mine (name, bytes) documents in this process."""
    total = DocumentNames()
    for name, data in documents:
        total.update(document_names(name, data))
    return mine_names(total, known)


__all__ = ["CORPUS_SOURCE", "DocumentNames", "Mined", "MinedAmbiguity", "document_names", "mine_corpus",
           "mine_names", "names_in_text"]
