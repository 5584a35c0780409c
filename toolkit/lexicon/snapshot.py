"""A loaded lexicon kept between processes, so a process reads back entities instead of parsing TSV.

Parsing and checking the built-in files (8,600 rows) is the largest part of a short
``sinoviet link``; most processes then look at a few dozen entities. A snapshot keeps every
entity of a lexicon that loaded without error as one JSON string each, under a name made from
the files' paths and bytes (``files_key``) and this installation's code (``toolkit.cache``): the
same bytes checked by the same code load the same entities, so nothing is checked again, and
a changed byte anywhere is another name. An entity is decoded from its string when it is first
asked for (``EntityRows``).

Nothing stored is code: each entity is a JSON list of strings (and nulls), and a string of any
other shape makes the snapshot unreadable, which only costs the parse.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from toolkit.cache import JsonStore
from toolkit.lexicon.model import Entity, Name

# Below this many bytes of TSV, parsing is about as quick as reading a snapshot back, and a
# user's small lexicons (and every test's) would only fill the cache folder.
WORTH_KEEPING_BYTES = 256 * 1024
_STORE = JsonStore("lexicon-", 4)


def files_key(paths: Sequence[str | Path], contents: Sequence[bytes]) -> str:
    """A digest of the files' resolved paths and bytes, in load order."""
    digest = hashlib.blake2b(digest_size=16)
    for path, content in zip(paths, contents):
        digest.update(f"{Path(path).resolve()}\t{len(content)}\n".encode())
        digest.update(content)
    return digest.hexdigest()


def entity_row(entity: Entity) -> str:
    """One entity as the JSON string a snapshot keeps (its id is the key it is kept under)."""
    names = [part for name in entity.names for part in (name.text, name.lang, name.kind)]
    return json.dumps(
        [entity.type, names, list(entity.sources), entity.parent, entity.successor,
         _day(entity.valid_from), _day(entity.valid_to), list(entity.origins)],
        ensure_ascii=False, separators=(",", ":"),
    )


def _day(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def entity_from_row(entity_id: str, row: str) -> Entity:
    """The entity ``entity_row`` wrote; ValueError when ``row`` is of another shape."""
    try:
        entity_type, names, sources, parent, successor, valid_from, valid_to, origins = json.loads(row)
        if len(names) % 3 or not all(type(part) is str for part in (*names, *sources, *origins)):
            raise TypeError("names, sources and origins are strings")
        return Entity(
            id=entity_id, type=_text(entity_type),
            names=tuple(Name(*names[i:i + 3]) for i in range(0, len(names), 3)),
            sources=tuple(sources), parent=_optional(parent), successor=_optional(successor),
            valid_from=_optional_day(valid_from), valid_to=_optional_day(valid_to), origins=tuple(origins),
        )
    except (TypeError, ValueError) as error:
        raise ValueError(f"not a stored entity {entity_id!r}: {error}") from None


def _text(value: object) -> str:
    if type(value) is not str:
        raise TypeError(f"{value!r} is not a string")
    return value


def _optional(value: object) -> str | None:
    return None if value is None else _text(value)


def _optional_day(value: object) -> date | None:
    return None if value is None else date.fromisoformat(_text(value))


class EntityRows(Mapping[str, Entity]):
    """Entities by id, each decoded from its stored row on first use and then kept.

    A row that turns out to be of another shape raises ``ValueError`` when it is asked for; the
    rows were checked for type on reading, and a snapshot is only ever written from entities."""

    def __init__(self, rows: dict[str, str]) -> None:
        self._rows = rows
        self._decoded: dict[str, Entity] = {}

    def __getitem__(self, entity_id: str) -> Entity:
        entity = self._decoded.get(entity_id)
        if entity is None:
            entity = self._decoded[entity_id] = entity_from_row(entity_id, self._rows[entity_id])
        return entity

    def get(self, entity_id: str, default: Entity | None = None) -> Entity | None:  # type: ignore[override]
        entity = self._decoded.get(entity_id)
        if entity is not None:
            return entity
        return self[entity_id] if entity_id in self._rows else default

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __reduce__(self):
        return (EntityRows, (self._rows,))


def restore(paths: Sequence[str | Path], contents: Sequence[bytes]) -> tuple[EntityRows, str] | None:
    """The entities these files loaded as before, and their digest (None: no snapshot of them, or
    one of another shape)."""
    if sum(map(len, contents)) < WORTH_KEEPING_BYTES:
        return None
    stored = _STORE.load(files_key(paths, contents))
    if stored is None:
        return None
    rows, digest = stored.get("entities"), stored.get("content_digest")
    if type(rows) is not dict or type(digest) is not str:
        return None
    try:
        "".join(rows.values())  # every row a string (checked at C speed: join takes strings only)
    except TypeError:
        return None
    return EntityRows(rows), digest


def keep(entities: Iterable[Entity], digest: str, paths: Sequence[str | Path], contents: Sequence[bytes]) -> None:
    """Store the entities loaded from these files, in load order, and their ``digest``
    (``entities_digest``), for the next process (when worth it)."""
    if sum(map(len, contents)) < WORTH_KEEPING_BYTES:
        return
    rows = {entity.id: entity_row(entity) for entity in entities}
    _STORE.store(files_key(paths, contents), {"entities": rows, "content_digest": digest})


__all__ = ["EntityRows", "WORTH_KEEPING_BYTES", "entity_from_row", "entity_row", "files_key", "keep", "restore"]
