"""What several commands share: the built-in lexicon with the user's ``--lexicon`` files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from toolkit.lexicon import Lexicon


def lexicon_with(paths: Sequence[str | Path] | None, command: str) -> Lexicon:
    """The built-in lexicon and the user's files after it; a bad file is named on stderr
    (``sinoviet COMMAND: file:line: ...``) and the command exits with 1."""
    from toolkit.lexicon import Lexicon, LexiconError

    try:
        return Lexicon.builtin(*(paths or ()))
    except LexiconError as error:
        typer.echo(f"sinoviet {command}: {error}", err=True)
        raise typer.Exit(1) from None
