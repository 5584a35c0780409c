"""Typesense synonym objects, one JSON object a line (``PUT /collections/<c>/synonyms/<id>``).

A multi-way object per entity (``{"id", "synonyms": [...]}``) and a one-way object per weak form
(``{"id", "root", "synonyms"}``). Typesense's ``vi`` locale keeps diacritics, so ``Hà Nội`` and
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
    return {"synonyms.jsonl": "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in synonym_objects(table))}


__all__ = ["export", "synonym_objects"]
