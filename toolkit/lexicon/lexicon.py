"""A set of entities loaded from lexicon files, checked as a whole, with its shared names listed."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace as with_changes
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.lexicon.errors import LexiconError
from toolkit.lexicon.model import ENTITY_TYPES, Ambiguity, Entity, Name, entities_digest, name_key
from toolkit.lexicon.tsv import Row, read_file, read_rows
from toolkit.text.script import has_marks

if TYPE_CHECKING:
    from toolkit.linking.automaton import AliasIndex

BUILTIN_SUBDIR = "entities"


def builtin_paths() -> list[Path]:
    """The shipped entity files, in load order (file names start with a number that sets it)."""
    from toolkit.resources import lexicon_path

    return sorted(lexicon_path(BUILTIN_SUBDIR).glob("*.tsv"))


class Lexicon:
    """Entities by id, plus an exact-name index and the ambiguities it holds.

    Files load in order. A row with an empty ``mode`` defines a new id (a second definition is an
    error); ``mode=replace`` redefines an id an earlier file defined; ``mode=extend`` adds names,
    aliases and abbreviations to one. Parents and successors must resolve once every file is in.
    """

    def __init__(self, entities: Iterable[Entity], files: Iterable[str] = ()) -> None:
        self._entities: dict[str, Entity] = {entity.id: entity for entity in entities}
        self.files: tuple[str, ...] = tuple(files)
        # the name index and the ambiguities it shows, built on the first question (the linker
        # asks neither, and building them is a fifth of a command's start-up)
        self._names: dict[str, tuple[str, ...]] | None = None
        self._ambiguities: tuple[Ambiguity, ...] | None = None
        # written and fold keys of every name, for entities_for: built on the first question
        self._lookup: _Lookup | None = None
        # the linker's alias index of this lexicon (``toolkit.linking.alias_index``), made on first
        # use: kept here, so that it lives exactly as long as the lexicon does
        self.alias_index: AliasIndex | None = None
        self._digest: str | None = None

    @classmethod
    def restored(cls, entities: Mapping[str, Entity], files: Iterable[str], digest: str) -> Lexicon:
        """A lexicon of ``entities`` by id (``toolkit.lexicon.snapshot``), already checked when it
        was first loaded from ``files``, whose ``digest`` is known."""
        lexicon = cls((), files)
        lexicon._entities = entities  # type: ignore[assignment]  # a read-only mapping: the lexicon never changes it
        lexicon._digest = digest
        return lexicon

    @property
    def digest(self) -> str:
        """A digest of the entities' ids, types, parents and names: equal lexicons share it (and
        the linker's index, which is derived from nothing else)."""
        if self._digest is None:
            self._digest = entities_digest(self._entities.values())
        return self._digest

    _DERIVED = ("_lookup", "alias_index", "_names", "_ambiguities")  # rebuilt on first use, not shipped

    @property
    def _index(self) -> dict[str, tuple[str, ...]]:
        if self._names is None:
            self._names = _name_index(self._entities.values())
        return self._names

    @property
    def ambiguities(self) -> tuple[Ambiguity, ...]:
        """Names (compared by ``name_key``) that several entities claim."""
        if self._ambiguities is None:
            self._ambiguities = _ambiguities(self._entities, self._index)
        return self._ambiguities

    def __getstate__(self) -> dict:
        return {key: (None if key in self._DERIVED else value) for key, value in self.__dict__.items()}

    # -- loading -------------------------------------------------------------------------
    @classmethod
    def load(cls, *paths: str | Path) -> Lexicon:
        """Load lexicon files in the order given; raise LexiconError at the first bad row."""
        from toolkit.lexicon import snapshot

        contents = [read_file(path) for path in paths]
        kept = snapshot.restore(paths, contents)
        if kept is not None:
            rows, digest = kept
            return cls.restored(rows, files=[str(path) for path in paths], digest=digest)
        entities: dict[str, Entity] = {}
        for path, content in zip(paths, contents):
            for row in read_rows(path, content):
                _apply(entities, row)
        _check_references(entities)
        lexicon = cls(entities.values(), files=[str(path) for path in paths])
        if sum(map(len, contents)) >= snapshot.WORTH_KEEPING_BYTES:  # (the digest costs a pass over every name)
            snapshot.keep(lexicon, lexicon.digest, paths, contents)
        return lexicon

    @classmethod
    def builtin(cls, *extra_paths: str | Path) -> Lexicon:
        """The shipped lexicons, then the user's files on top of them."""
        return cls.load(*builtin_paths(), *extra_paths)

    # -- access ----------------------------------------------------------------------------
    def get(self, entity_id: str, default: Entity | None = None) -> Entity | None:
        return self._entities.get(entity_id, default)

    def __getitem__(self, entity_id: str) -> Entity:
        return self._entities[entity_id]

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._entities

    def __iter__(self) -> Iterator[Entity]:
        return iter(self._entities.values())

    def __len__(self) -> int:
        return len(self._entities)

    def ids(self) -> Iterator[str]:
        """The entities' ids, in load order (without reading the entities themselves)."""
        return iter(self._entities)

    def by_type(self, entity_type: str) -> list[Entity]:
        if entity_type not in ENTITY_TYPES:
            raise ValueError(f"unknown entity type {entity_type!r} (expected one of {', '.join(ENTITY_TYPES)})")
        return [entity for entity in self._entities.values() if entity.type == entity_type]

    def names(self, entity_id: str) -> tuple[Name, ...]:
        return self._entities[entity_id].names

    def lookup(self, text: str, on: date | None = None) -> list[Entity]:
        """Every entity with ``text`` as a name, alias or abbreviation (exact, case-insensitive).

        With ``on``, only the entities that existed under their names that day (``Lào Cai`` on
        2025-01-01 is the pre-merger province, on 2025-08-01 the merged one).
        """
        found = [self._entities[i] for i in self._index.get(name_key(text), ())]
        return found if on is None else [entity for entity in found if entity.valid_on(on)]

    def entities_for(self, text: str) -> tuple[Entity, ...]:
        """The entities ``text`` is a name of: the one question ``match`` (and any other reader of
        names) asks the knowledge base.

        Text with marks is looked up as written (``Tần Cương`` is not ``Tân Cương``; the tone
        mark's place does not count: ``Thanh Hoá`` is ``Thanh Hóa``); text without
        marks by its fold key as well (``Da Nang`` is ``Đà Nẵng``, ``HUE`` is ``Huế``); Chinese by
        its Simplified form (``中國`` is ``中国``). Empty when no entity has the name.
        """
        if self._lookup is None:
            self._lookup = _Lookup(self._entities.values())
        return tuple(self._entities[i] for i in self._lookup.ids(text))

    def lookup_ambiguities(self) -> tuple[Ambiguity, ...]:
        """The renderings ``entities_for`` reads as names of several entities, beside
        ``ambiguities`` (same ``name_key``): a written key shared once the tone mark's place is
        unified (``Hoà Bình`` the old province, ``Hòa Bình`` the city) or Chinese simplified, and
        the fold key of a name written without marks (``Trung Khanh`` the district, and ``Trùng
        Khánh`` for Chongqing; ``Ha Nam`` the province, and ``Hà Nam`` for Henan)."""
        if self._lookup is None:
            self._lookup = _Lookup(self._entities.values())
        found = []
        for table, key_of in ((self._lookup.written, _written_key), (self._lookup.folded, _fold_key)):
            for key, ids in table.items():
                if len(ids) < 2:
                    continue
                names = tuple(name for i in ids for name in self._entities[i].names if key_of(name.text) == key)
                if table is self._lookup.written or any(not has_marks(name.text) for name in names):
                    found.append(Ambiguity(key=key, entity_ids=ids, names=names))
        return tuple(sorted(found, key=lambda ambiguity: ambiguity.key))

    def names_for(self, text: str) -> frozenset[str]:
        """The Chinese names of the entities ``text`` is a name of (empty when unknown)."""
        return frozenset(
            name.text for entity in self.entities_for(text) for name in entity.names if name.lang == "zh"
        )

    def counts(self) -> dict[str, int]:
        """Entities per type, every type listed."""
        tally = Counter(entity.type for entity in self._entities.values())
        return {entity_type: tally.get(entity_type, 0) for entity_type in ENTITY_TYPES}

    def counts_by_file(self) -> dict[str, dict[str, int]]:
        """Entities per type, by the file whose row defined them (extensions are not counted)."""
        tally: dict[str, Counter[str]] = {path: Counter() for path in self.files}
        for entity in self._entities.values():
            defining_file = entity.origins[0].rsplit(":", 1)[0] if entity.origins else "?"
            tally.setdefault(defining_file, Counter())[entity.type] += 1
        return {path: {t: counts.get(t, 0) for t in ENTITY_TYPES} for path, counts in tally.items()}

    def extensions_by_file(self) -> dict[str, int]:
        """How many entities each file extended (``mode=extend`` rows that took effect)."""
        tally: Counter[str] = Counter()
        for entity in self._entities.values():
            for origin in entity.origins[1:]:
                tally[origin.rsplit(":", 1)[0]] += 1
        return dict(tally)

    def __repr__(self) -> str:
        return f"<Lexicon {len(self)} entities from {len(self.files)} files, {len(self.ambiguities)} ambiguous names>"


_BUILTIN: list[Lexicon] = []


def builtin_lexicon() -> Lexicon:
    """The shipped lexicons, loaded once per process and shared (do not mutate)."""
    if not _BUILTIN:
        _BUILTIN.append(Lexicon.builtin())
    return _BUILTIN[0]


_ASKED_LIMIT = 65536


class _Lookup:
    """Entity ids by the written key (``name_key``, Chinese simplified) and by the fold key of
    every name; a fold key is asked only for text without marks."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        written: dict[str, list[str]] = defaultdict(list)
        folded: dict[str, list[str]] = defaultdict(list)
        for entity in entities:
            for name in entity.names:
                for table, key in ((written, _written_key(name.text)), (folded, _fold_key(name.text))):
                    if key and entity.id not in table[key]:
                        table[key].append(entity.id)
        self.written = {key: tuple(ids) for key, ids in written.items()}
        self.folded = {key: tuple(ids) for key, ids in folded.items()}

        self._asked: dict[str, tuple[str, ...]] = {}  # match asks about the same texts in loops

    def ids(self, text: str) -> tuple[str, ...]:
        found = self._asked.get(text)
        if found is not None:
            return found
        found = self.written.get(_written_key(text), ())
        if not has_marks(text):
            extra = self.folded.get(_fold_key(text), ())
            found = found + tuple(i for i in extra if i not in found)
        if len(self._asked) >= _ASKED_LIMIT:
            self._asked.clear()
        self._asked[text] = found
        return found


def _written_key(text: str) -> str:
    from toolkit.chinese.script import to_simplified
    from toolkit.text.script import has_han

    if has_han(text):
        return name_key(to_simplified(text))
    if has_marks(text):
        from toolkit.text.normalisation import normalise

        text = normalise(text, tone_style="old")  # Thanh Hoá is Thanh Hóa: one tone placement
    return name_key(text)


def _fold_key(text: str) -> str:
    from toolkit.text.folding import fold

    return _DASH_OR_SPACE.sub(" ", fold(text)).strip()




_DASH_OR_SPACE = re.compile(r"[\s\-\u2010-\u2015\u2212]+")


def _apply(entities: dict[str, Entity], row: Row) -> None:
    existing = entities.get(row.id)
    if row.mode == "":
        if existing is not None:
            raise LexiconError(
                f"duplicate id {row.id} (first defined at {existing.origins[0]}); "
                "to redefine it on purpose set the column mode=replace",
                row.path, row.line,
            )
        entities[row.id] = _entity_from(row)
        return
    if existing is None:
        raise LexiconError(f"mode={row.mode} names {row.id}, which no earlier file defines", row.path, row.line)
    if existing.type != row.type:
        raise LexiconError(f"{row.id} is a {existing.type}, not a {row.type}", row.path, row.line)
    if row.mode == "replace":
        entities[row.id] = _entity_from(row)
    else:
        entities[row.id] = _extended(existing, row)


def _entity_from(row: Row) -> Entity:
    return Entity(
        id=row.id, type=row.type, names=row.names, sources=row.sources, parent=row.parent,
        successor=row.successor, valid_from=row.valid_from, valid_to=row.valid_to, origins=(row.where,),
    )


def _extended(entity: Entity, row: Row) -> Entity:
    names = list(entity.names)
    for name in row.names:
        if name.kind == "name":
            current = entity.name(name.lang)
            if current is not None and current != name.text:
                raise LexiconError(
                    f"{row.id} already has the {name.lang} name {current!r} "
                    f"(from {entity.origins[0]}); add {name.text!r} as an alias, or use mode=replace",
                    row.path, row.line,
                )
        if name not in names:
            names.append(name)
    return with_changes(
        entity, names=tuple(names), sources=entity.sources + row.sources, origins=entity.origins + (row.where,)
    )


def _check_references(entities: dict[str, Entity]) -> None:
    for entity in entities.values():
        for column in ("parent", "successor"):
            target = getattr(entity, column)
            if target is not None and target not in entities:
                path, line = entity.origins[0].rsplit(":", 1)
                raise LexiconError(f"unknown {column} id {target} for {entity.id}", path, int(line))
    for entity in entities.values():
        seen = {entity.id}
        parent = entity.parent
        while parent is not None:
            if parent in seen:
                path, line = entity.origins[0].rsplit(":", 1)
                raise LexiconError(f"parent chain of {entity.id} loops back to {parent}", path, int(line))
            seen.add(parent)
            parent = entities[parent].parent


def _name_index(entities: Iterable[Entity]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = defaultdict(list)
    for entity in entities:
        for name in entity.names:
            ids = index[name_key(name.text)]
            if entity.id not in ids:
                ids.append(entity.id)
    return {key: tuple(ids) for key, ids in index.items()}


def _ambiguities(entities: dict[str, Entity], index: dict[str, tuple[str, ...]]) -> tuple[Ambiguity, ...]:
    found = []
    for key, ids in index.items():
        if len(ids) < 2:
            continue
        names = tuple(
            name for entity_id in ids for name in entities[entity_id].names if name_key(name.text) == key
        )
        found.append(Ambiguity(key=key, entity_ids=ids, names=names))
    return tuple(sorted(found, key=lambda ambiguity: ambiguity.key))
