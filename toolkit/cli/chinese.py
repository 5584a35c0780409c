"""CLI commands of the Chinese bridge: pinyin, hanviet, candidates, match."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app`` (filled in by the Chinese bridge work)."""
