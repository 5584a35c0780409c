"""The ``sinoviet`` command line: one typer app, each command group in a module of its own."""

from __future__ import annotations

import typer

from toolkit.cli import chinese, lexicon, text

app = typer.Typer(
    name="sinoviet",
    help="Make Vietnamese, Chinese and English renderings of the same names and text agree.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _module in (text, chinese, lexicon):
    _module.register(app)


def main() -> None:
    app()
