"""The facts a lexicon holds: entities, their names, and the names two entities share."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from toolkit.text.keys import name_key  # the exact-match key of a name (exported here as ever)

ENTITY_TYPES: tuple[str, ...] = ("person", "place", "org", "other")


def country_of(entity_id: str) -> str | None:
    """The country an entity id belongs to: ``place:vn:ha-noi`` → ``vn``; ``place:vn`` → ``vn``;
    ``org:asean`` → None."""
    parts = entity_id.split(":")
    return parts[1] if len(parts) > 1 and len(parts[1]) == 2 else None


def is_country(entity_id: str | None) -> bool:
    """Whether the id is a country's own (``place:vn``), not one of its places or bodies."""
    return entity_id is not None and entity_id.startswith("place:") and entity_id.count(":") == 1


# Units that generated tables hold by the thousand (place:cn:county:532622, place:vn:commune:…,
# place:vn:pre2025-district:…):
# many share a name with one another, with everyday words and with people's given names
_SMALL_UNITS = frozenset({"prefecture", "county", "commune", "pre2025-district"})


def unit_level(entity_id: str) -> str | None:
    """The level of a small unit of a generated gazetteer (``county``, ``commune``,
    ``pre2025-district``…), or None for any other entity."""
    parts = entity_id.split(":", 3)
    return parts[2] if len(parts) == 4 and parts[0] == "place" and parts[2] in _SMALL_UNITS else None


def needs_cue(entity_id: str) -> bool:
    """Whether a name alone is too weak to link this entity: a unit of a generated gazetteer, which
    the linker takes only with a cue (its designator, its parent or a sibling named, a name no
    other entity or everyday word has)."""
    return unit_level(entity_id) is not None

# The three kinds of name an entity row can carry: one primary name per language (the
# ``vi``/``en``/``zh`` columns), any number of aliases, any number of abbreviations.
NAME_KINDS: tuple[str, ...] = ("name", "alias", "abbr")


@dataclass(frozen=True)
class Name:
    text: str
    lang: str
    kind: str = "name"

    def __str__(self) -> str:
        return f"{self.lang}:{self.text}"


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    names: tuple[Name, ...]
    sources: tuple[str, ...]
    parent: str | None = None
    successor: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    # "file:line" of the row that defined the entity, then of every row that extended it
    origins: tuple[str, ...] = ()

    def name(self, lang: str) -> str | None:
        """The primary name in ``lang``, or None when the lexicon has none."""
        for name in self.names:
            if name.kind == "name" and name.lang == lang:
                return name.text
        return None

    @property
    def label(self) -> str:
        """A display name: Vietnamese, else English, else Chinese, else the first name known."""
        for lang in ("vi", "en", "zh"):
            text = self.name(lang)
            if text is not None:
                return text
        return self.names[0].text if self.names else self.id

    @property
    def aliases(self) -> tuple[Name, ...]:
        return tuple(name for name in self.names if name.kind == "alias")

    @property
    def abbreviations(self) -> tuple[Name, ...]:
        return tuple(name for name in self.names if name.kind == "abbr")

    @property
    def source(self) -> str:
        return "; ".join(self.sources)

    def valid_on(self, day: date) -> bool:
        """True when the entity existed under these names on ``day`` (open ends are unbounded)."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        if self.valid_to is not None and day > self.valid_to:
            return False
        return True


@dataclass(frozen=True)
class Ambiguity:
    """One name claimed by several entities: all of them are kept, for the linker to choose."""

    key: str
    entity_ids: tuple[str, ...]
    names: tuple[Name, ...]


# Which Chinese names are read aloud into pinyin and Hán-Việt keys: the names of Chinese people,
# places and organisations and the names of Vietnamese ones written in Chinese (习近平 Tập Cận
# Bình, 胡志明 Hồ Chí Minh). A foreign name in Chinese is itself a transcription (安哥拉 Angola,
# 阿富汗 Afghanistan, 默克尔 Merkel): reading it back gives forms nobody writes (Afuhan, An Ca Lạp)
# and false friends (Angela). The region is the id's second part (place:cn:..., person:vn:...,
# and the territories place:tw, place:hk, place:mo).
READ_REGIONS: tuple[str, ...] = ("cn", "vn", "tw", "hk", "mo")
READ_TYPES: tuple[str, ...] = ("person", "place", "org")


def reads_chinese(entity: Entity) -> bool:
    """Whether ``entity``'s Chinese names get derived pinyin and Hán-Việt keys and readings.

    The one rule the linker's key table, the alias table and ``match`` follow.
    """
    parts = entity.id.split(":")
    return entity.type in READ_TYPES and len(parts) > 1 and parts[1] in READ_REGIONS


def entities_digest(entities: Iterable[Entity]) -> str:
    """A digest of the entities' ids, types, parents and names, whatever their order."""
    digest = hashlib.blake2b(digest_size=16)
    for entity in sorted(entities, key=lambda e: e.id):
        digest.update(f"{entity.id}\t{entity.type}\t{entity.parent}".encode())
        for name in entity.names:
            digest.update(f"\t{name.kind}:{name.lang}:{name.text}".encode())
        digest.update(b"\n")
    return digest.hexdigest()
