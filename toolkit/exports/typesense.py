"""Typesense synonyms: a synonym set for Typesense 30 and later (``synonym_set.json``, the body of
``PUT /synonym_sets/sinoviet``, which a collection then names in ``synonym_sets``), or, for
servers before 30, one JSON object a line for ``PUT /collections/<c>/synonyms/<id>``
(format ``typesense-v29``).

A multi-way item per entity (``{"id", "synonyms": [...]}``) and a one-way item per weak form
(``{"id", "root", "synonyms"}``), the same in both. Typesense's ``vi`` locale keeps diacritics, so ``Hà Nội`` and
``Ha Noi`` are different tokens there: the accent-free rows of the table are included on purpose.
"""

from __future__ import annotations

import json

from toolkit.exports.groups import slug, synonym_groups, weak_mappings


def synonym_objects(table) -> list[dict]:
    objects, used = [], set()

    def unique(base: str) -> str:
        name, number = base, 1
        while name in used:
            number += 1
            name = f"{base}_{number}"
        used.add(name)
        return name

    for group in synonym_groups(table):
        objects.append({"id": unique(slug(group.entity)), "synonyms": list(group.terms)})
    for weak in weak_mappings(table):
        objects.append({"id": unique("weak_" + slug(weak.term) if slug(weak.term) != "entity" else "weak"),
                        "root": weak.term, "synonyms": list(weak.targets)})
    return objects


def export(table) -> dict[str, str]:
    """Typesense 30 and later: one synonym set (``PUT /synonym_sets/sinoviet``)."""
    body = {"items": synonym_objects(table)}
    return {"synonym_set.json": json.dumps(body, ensure_ascii=False, indent=1) + "\n"}


def export_v29(table) -> dict[str, str]:
    """Typesense before 30: one object a line, each for ``PUT /collections/<c>/synonyms/<id>``."""
    return {"synonyms.jsonl": "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in synonym_objects(table))}


__all__ = ["export", "export_v29", "synonym_objects"]
