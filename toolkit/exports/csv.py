"""The table itself as CSV (RFC 4180 quoting; ``toolkit.aliases.read_table`` reads it back)."""

from __future__ import annotations


def export(table) -> dict[str, str]:
    from toolkit.aliases.tableio import dumps

    return {"aliases.csv": dumps(table, "csv")}


__all__ = ["export"]
