"""Synonym groups: what every export format is made of.

One group per entity: its written forms (names, aliases, abbreviations, transliterations, fold
keys), in table order without exact repeats. Weak forms (``Xi``, ``Lâm``) are not in the groups:
they only propose candidates, so formats that can say "one-way" map a weak form to the names it
may stand for, and formats that cannot leave them out.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass

from toolkit.lexicon.model import country_of
from toolkit.text.folding import fold


@dataclass(frozen=True)
class SynonymGroup:
    entity: str
    type: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class WeakMapping:
    """A weak form and the names of every entity it may stand for (a one-way rule)."""

    term: str
    entities: tuple[str, ...]
    targets: tuple[str, ...]


def _clean(term: str) -> str:
    # a rule is one line: line breaks and tabs inside a name become spaces
    return " ".join(term.split())


def synonym_groups(table, *, minimum: int = 2) -> list[SynonymGroup]:
    """Groups of at least ``minimum`` distinct terms (a group of one maps nothing)."""
    groups = []
    for entity, rows in table.by_entity().items():
        terms = tuple(dict.fromkeys(_clean(r.alias) for r in rows if r.kind != "weak" and _clean(r.alias)))
        if len(terms) >= minimum:
            groups.append(SynonymGroup(entity, rows[0].type, terms))
    return groups


def weak_mappings(table) -> list[WeakMapping]:
    """Each weak form (by fold key, first written form kept) -> the stored names of its entities.

    A Vietnamese person's one-syllable form that folds to a Vietnamese word is left out: a search
    engine folds the query too, so ``Lâm => …`` (or ``Lam``) would make the verb làm find Tô Lâm,
    and ``Trọng`` the word trong. A Chinese name's pinyin (``Xi``, ``Wang``) is kept."""
    by_key: dict[str, list] = defaultdict(list)
    for row in table:
        if row.kind == "weak":
            by_key[fold(row.alias)].append(row)
    words = _folded_vietnamese_syllables()
    by_key = {key: rows for key, rows in by_key.items()
              if " " in key or key not in words or not any(country_of(r.entity) == "vn" for r in rows)}
    groups = table.by_entity()
    out = []
    for key, rows in by_key.items():
        entities = tuple(dict.fromkeys(r.entity for r in rows))
        targets = tuple(dict.fromkeys(
            _clean(r.alias) for entity in entities for r in groups[entity]
            if r.kind in ("label", "alias", "transliteration") and fold(r.alias) != key))
        if targets:
            out.append(WeakMapping(_clean(rows[0].alias), entities, targets))
    return out


@functools.cache
def _folded_vietnamese_syllables() -> frozenset[str]:
    """The fold keys of the one-syllable words of underthesea's Viet74K list (làm, trong, xì…)."""
    from toolkit.vietnamese.underthesea_data import vietnamese_words

    return frozenset(fold(word) for word in vietnamese_words() if " " not in word)


TOKEN_PREFIX = "sv_"
# an id of lower-case words: parts joined by ":", words within a part by "-" (place:vn:ha-noi)
_PLAIN_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?::[a-z0-9]+(?:-[a-z0-9]+)*)*")


def entity_token(entity: str) -> str:
    """The one token an entity id is indexed and queried as in a search engine: ``sv_`` and
    [a-z0-9_] only, and never the token of another id.

    A plain id reads as itself, ":" as "__" and "-" as "_" (``place:vn:ha-noi`` →
    ``sv_place__vn__ha_noi``), which can be read back, so no two plain ids share a token. Any
    other id (``org:x:a.b``, capitals, other letters) is slugged and gets "___" and a digest of
    the id, which a plain id's token never contains.
    """
    if _PLAIN_ID.fullmatch(entity):
        return TOKEN_PREFIX + entity.replace(":", "__").replace("-", "_")
    digest = hashlib.blake2b(entity.encode("utf-8", "surrogatepass"), digest_size=5).hexdigest()
    return f"{TOKEN_PREFIX}{slug(entity)}___{digest}"


def slug(entity: str) -> str:
    """An identifier made of [a-z0-9_] for an entity id (``place:vn:ha-noi`` -> ``place_vn_ha_noi``)."""
    return re.sub(r"[^0-9a-z]+", "_", entity.lower()).strip("_") or "entity"


__all__ = ["SynonymGroup", "TOKEN_PREFIX", "WeakMapping", "entity_token", "slug", "synonym_groups", "weak_mappings"]
