"""The alias table: one row per (entity, alias, language, kind, source), reviewed like code.

A row says "this written form names this entity" and how sure that is: ``label``, ``alias``,
``abbreviation`` and ``transliteration`` rows are names; ``fold`` rows (accent-free keys,
run-together forms, toneless pinyin) and ``weak`` rows (a surname or given name alone: ``Xi``,
``Lâm``) only propose candidates, so consumers expand a query with them but never decide an
identity on them alone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from toolkit.text.folding import fold

KINDS: tuple[str, ...] = ("label", "alias", "abbreviation", "transliteration", "fold", "weak")
# kinds that name an entity; the others only generate candidates
NAMING_KINDS: frozenset[str] = frozenset(("label", "alias", "abbreviation", "transliteration"))
FIELDS: tuple[str, ...] = ("entity", "alias", "lang", "kind", "source", "count", "type")


@dataclass(frozen=True, slots=True)
class AliasRow:
    entity: str
    alias: str
    lang: str
    kind: str
    source: str
    count: int = 0  # how often a corpus used this form (0: not counted)
    type: str = ""  # the entity's type: person, place, org, other

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"alias kind {self.kind!r} is not one of {', '.join(KINDS)}")
        if not self.alias.strip():
            raise ValueError(f"empty alias for {self.entity}")

    @property
    def row_key(self) -> tuple[str, str, str, str, str]:
        return (self.entity, self.alias, self.lang, self.kind, self.source)

    @property
    def key(self) -> str:
        """The search key of the alias (``toolkit.fold``)."""
        return fold(self.alias)

    def to_dict(self) -> dict[str, str | int]:
        return {name: getattr(self, name) for name in FIELDS}


@dataclass(frozen=True)
class AliasAmbiguity:
    """One alias (compared by fold key) that several entities claim."""

    key: str
    entities: tuple[str, ...]
    aliases: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "entities": list(self.entities), "aliases": list(self.aliases)}


@dataclass
class AliasTable:
    """Rows in a stable order; duplicate rows (same row key) are merged, counts added."""

    rows: list[AliasRow] = field(default_factory=list)

    def __post_init__(self) -> None:
        merged: dict[tuple, AliasRow] = {}
        for row in self.rows:
            kept = merged.get(row.row_key)
            if kept is None:
                merged[row.row_key] = row
            elif row.count:
                merged[row.row_key] = AliasRow(*row.row_key[:4], row.source, kept.count + row.count, kept.type or row.type)
        self.rows = list(merged.values())
        self._by_key: dict[str, list[AliasRow]] | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[AliasRow]:
        return iter(self.rows)

    def __add__(self, other: AliasTable) -> AliasTable:
        return AliasTable(self.rows + other.rows)

    def entities(self) -> list[str]:
        return list(dict.fromkeys(row.entity for row in self.rows))

    def by_entity(self) -> dict[str, list[AliasRow]]:
        groups: dict[str, list[AliasRow]] = defaultdict(list)
        for row in self.rows:
            groups[row.entity].append(row)
        return dict(groups)

    def by_key(self) -> dict[str, list[AliasRow]]:
        """Rows by fold key: what a search for any rendering of the key can reach."""
        if self._by_key is None:
            index: dict[str, list[AliasRow]] = defaultdict(list)
            for row in self.rows:
                index[row.key].append(row)
            self._by_key = dict(index)
        return self._by_key

    def lookup(self, text: str, *, weak: bool = False) -> list[str]:
        """Entity ids a written form can stand for (candidates: fold keys meet), best kind first.

        Weak rows (a surname alone) are left out unless ``weak`` is set."""
        rows = self.by_key().get(fold(text), [])
        ranked = sorted((r for r in rows if weak or r.kind != "weak"), key=lambda r: KINDS.index(r.kind))
        return list(dict.fromkeys(r.entity for r in ranked))

    def renderings(self, entity: str, *, weak: bool = False) -> list[str]:
        """Every written form of one entity, names first, without exact repeats."""
        rows = sorted((r for r in self.by_entity().get(entity, []) if weak or r.kind != "weak"),
                      key=lambda r: KINDS.index(r.kind))
        return list(dict.fromkeys(r.alias for r in rows))

    def ambiguities(self, kinds: Iterable[str] = NAMING_KINDS) -> list[AliasAmbiguity]:
        """Aliases of the given kinds that two or more entities claim (by fold key), sorted by key."""
        wanted = frozenset(kinds)
        found = []
        for key, rows in sorted(self.by_key().items()):
            named = [r for r in rows if r.kind in wanted]
            entities = tuple(dict.fromkeys(r.entity for r in named))
            if len(entities) > 1:
                found.append(AliasAmbiguity(key, entities, tuple(dict.fromkeys(r.alias for r in named))))
        return found

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(KINDS, 0)
        for row in self.rows:
            counts[row.kind] += 1
        return counts


__all__ = ["FIELDS", "KINDS", "NAMING_KINDS", "AliasAmbiguity", "AliasRow", "AliasTable"]
