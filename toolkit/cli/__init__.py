"""The ``sinoviet`` command line: one typer app, each command group in a module of its own."""

from __future__ import annotations

import typer

from toolkit.cli import aliases, chinese, lexicon, link, search, text

app = typer.Typer(
    name="sinoviet",
    help="Make Vietnamese, Chinese and English renderings of the same names and text agree.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # rich help formatting alone costs ~280 ms of imports on every start
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(asked: bool) -> None:
    if asked:
        from toolkit import __version__

        typer.echo(f"sinoviet {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(False, "--version", "-V", help="Print the version and exit.", is_eager=True,
                                 callback=_print_version),
) -> None:
    """Make Vietnamese, Chinese and English renderings of the same names and text agree."""

for _module in (text, link, chinese, lexicon, aliases, search):
    _module.register(app)


def main() -> None:
    try:
        app()
    except OSError as error:  # a full disk, a closed stream… in a command that does not report it itself
        import sys

        from toolkit.cli.text import _silence_stdout

        where = f": {error.filename}" if error.filename else ""
        sys.stderr.write(f"sinoviet: {error.strerror or error}{where}\n")
        _silence_stdout()
        raise SystemExit(1) from None
