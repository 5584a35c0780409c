"""Test cases kept as data: each file here is a table of inputs and expected outputs, read by one
runner test. ``parametrize(name)`` gives that runner one test per row, its id the row's file:line.

``*.tsv``: ``#`` lines are comments; the first other line names the columns (the runner's
arguments); each later line is one case, its cells separated by tabs. A cell may write
``\\t``, ``\\n``, ``\\\\`` and ``\\uXXXX`` for what a TSV cell cannot show plainly (tabs, line
breaks, combining marks, invisible characters); an empty cell is the empty string.

``*.jsonl``: ``#`` lines are comments; each other line is one JSON object, the runner's ``case``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent

_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|(.))")
_ESCAPED = {"t": "\t", "n": "\n", "\\": "\\"}


def _unescape(cell: str, where: str) -> str:
    def one(found: re.Match[str]) -> str:
        if found.group(1):
            return chr(int(found.group(1), 16))
        if found.group(2) not in _ESCAPED:
            raise ValueError(f"{where}: unknown escape \\{found.group(2)}")
        return _ESCAPED[found.group(2)]

    return _ESCAPE.sub(one, cell)


def _rows(path: Path) -> list[tuple[int, str]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [(number, line) for number, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]


def load(name: str) -> tuple[list[str], list[Any]]:
    """The argument names and one ``pytest.param`` per case of ``tests/cases/<name>``."""
    path = HERE / name
    rows = _rows(path)
    if path.suffix == ".jsonl":
        return ["case"], [pytest.param(json.loads(line), id=f"{name}:{number}") for number, line in rows]
    if path.suffix != ".tsv":
        raise ValueError(f"{path}: a case file is .tsv or .jsonl")
    (_, header), *rows = rows
    columns = header.split("\t")
    params = []
    for number, line in rows:
        cells = line.split("\t")
        if len(cells) != len(columns):
            raise ValueError(f"{name}:{number}: {len(cells)} cells, the header names {len(columns)} ({columns})")
        params.append(pytest.param(*(_unescape(cell, f"{name}:{number}") for cell in cells), id=f"{name}:{number}"))
    return columns, params


def parametrize(name: str) -> pytest.MarkDecorator:
    """``@pytest.mark.parametrize`` over the cases of ``tests/cases/<name>``."""
    columns, params = load(name)
    return pytest.mark.parametrize(columns, params)
