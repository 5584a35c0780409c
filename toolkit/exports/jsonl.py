"""The table itself as JSONL, one row object a line (``toolkit.aliases.read_table`` reads it back)."""

from __future__ import annotations


def export(table) -> dict[str, str]:
    from toolkit.aliases.tableio import dumps

    return {"aliases.jsonl": dumps(table, "jsonl")}


__all__ = ["export"]
