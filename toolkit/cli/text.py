"""CLI commands over text files: normalise, fold."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    pass
