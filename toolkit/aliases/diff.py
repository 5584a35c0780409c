"""What changed between two alias tables: rows added, removed, and changed (same entity, alias and
language, another kind, source or count)."""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.aliases.model import AliasRow, AliasTable


@dataclass(frozen=True)
class AliasDiff:
    added: tuple[AliasRow, ...]
    removed: tuple[AliasRow, ...]
    changed: tuple[tuple[AliasRow, AliasRow], ...]  # (old, new)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def lines(self) -> list[str]:
        """One line per change, like a unified diff: ``+``, ``-``, ``~ old -> new``."""
        out = [f"+ {_show(row)}" for row in self.added]
        out += [f"- {_show(row)}" for row in self.removed]
        out += [f"~ {_show(old)} -> {_changes(old, new)}" for old, new in self.changed]
        return out


def _identity(row: AliasRow) -> tuple[str, str, str]:
    return (row.entity, row.alias, row.lang)


def _show(row: AliasRow) -> str:
    count = f" ×{row.count}" if row.count else ""
    return f"{row.entity}\t{row.alias}\t{row.lang}\t{row.kind}{count}\t{row.source}"


def _changes(old: AliasRow, new: AliasRow) -> str:
    return ", ".join(f"{name}={getattr(new, name)!r}" for name in ("kind", "source", "count", "type")
                     if getattr(old, name) != getattr(new, name))


def diff_tables(old: AliasTable, new: AliasTable) -> AliasDiff:
    old_rows = {row.row_key: row for row in old}
    new_rows = {row.row_key: row for row in new}
    gone = [row for key, row in old_rows.items() if key not in new_rows or new_rows[key] != row]
    came = [row for key, row in new_rows.items() if key not in old_rows or old_rows[key] != row]
    # a row that left and a row that came with the same entity, alias and language is one change
    came_by_identity: dict[tuple, list[AliasRow]] = {}
    for row in came:
        came_by_identity.setdefault(_identity(row), []).append(row)
    changed, removed = [], []
    for row in gone:
        partners = came_by_identity.get(_identity(row))
        if partners:
            changed.append((row, partners.pop(0)))
        else:
            removed.append(row)
    added = [row for rows in came_by_identity.values() for row in rows]
    order = {key: i for i, key in enumerate(new_rows)}
    added.sort(key=lambda row: order[row.row_key])
    return AliasDiff(tuple(added), tuple(removed), tuple(changed))


__all__ = ["AliasDiff", "diff_tables"]
