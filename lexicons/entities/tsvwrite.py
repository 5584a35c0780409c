"""Writing a generated entity table: fixed column order, header comment, byte-stable output."""

from __future__ import annotations

from pathlib import Path

COLUMNS = ("id", "type", "vi", "en", "zh", "aliases", "abbr", "parent", "successor", "valid_from", "valid_to", "source")


def join_items(items: list[tuple[str, str]]) -> str:
    """``lang:text`` items for the aliases/abbr cells, duplicates dropped, order kept."""
    seen: list[str] = []
    for lang, text in items:
        item = f"{lang}:{text}"
        if text and item not in seen:
            seen.append(item)
    return "|".join(seen)


def write_table(path: Path, header_lines: list[str], rows: list[dict[str, str]]) -> None:
    lines = [f"# {line}" if line else "#" for line in header_lines]
    lines.append("\t".join(COLUMNS))
    for row in rows:
        cells = [row.get(column, "") for column in COLUMNS]
        for cell in cells:
            if "\t" in cell or "\n" in cell or cell != cell.strip():
                raise ValueError(f"cell {cell!r} of {row.get('id')} would break the table")
        lines.append("\t".join(cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
