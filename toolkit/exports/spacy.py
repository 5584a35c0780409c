"""spaCy EntityRuler patterns, one JSON object a line: ``{"label", "pattern", "id"}``.

Phrase patterns (strings), so a name is matched token by token as spaCy's own tokenizer cuts it;
load them with ``nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})`` so that
``HÀ NỘI`` matches ``Hà Nội``. ``id`` is the entity id (``ent.ent_id_``). Weak forms are left out:
they never decide an identity alone.
"""

from __future__ import annotations

import json

LABELS = {"person": "PERSON", "place": "GPE", "org": "ORG", "other": "MISC"}


def patterns(table) -> list[dict]:
    out, seen = [], set()
    for row in table:
        if row.kind == "weak":
            continue
        pattern = " ".join(row.alias.split())
        if not pattern or (row.entity, pattern) in seen:
            continue
        seen.add((row.entity, pattern))
        out.append({"label": LABELS.get(row.type, "MISC"), "pattern": pattern, "id": row.entity})
    return out


def export(table) -> dict[str, str]:
    return {"patterns.jsonl": "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in patterns(table))}


__all__ = ["LABELS", "export", "patterns"]
