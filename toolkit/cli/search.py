"""``sinoviet index build`` and ``sinoviet search``: an SQLite FTS5 index where any rendering of a
name finds all of them."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer


def register(app: typer.Typer) -> None:
    group = typer.Typer(name="index", help="Build a search index (SQLite FTS5).", no_args_is_help=True)
    group.command("build")(build)
    app.add_typer(group, name="index")
    app.command("search")(search)


def build(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (their *.txt) or - for stdin.", metavar="PATH")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The index to write (replaced atomically).")],
    aliases: Annotated[Optional[Path], typer.Option(
        "--aliases", "-a", help="An alias table (sinoviet aliases build); the built-in lexicon's when omitted.",
        show_default=False)] = None,
    lexicon_paths: Annotated[Optional[list[Path]], typer.Option(
        "--lexicon", "-l", metavar="FILE", help="A lexicon file of yours, loaded after the built-in ones (repeatable): documents "
        "are linked with it, and its alias table is stored unless --aliases is given.", show_default=False)] = None,
    workers: Annotated[int, typer.Option("--workers", "-j", "-w", min=1, metavar="N", help="Processes that link and fold.")] = 1,
    unknown: Annotated[bool, typer.Option("--unknown/--no-unknown",
                                          help="Also cluster names the lexicons lack (slower).")] = False,
    pattern: Annotated[str, typer.Option("--pattern", help="File pattern inside folders.")] = "*.txt",
) -> None:
    """Index documents: a folded, segmented companion column and the linked entity ids."""
    import time

    from toolkit.search import build_index

    lexicon = None
    if lexicon_paths:
        from toolkit.cli.common import lexicon_with

        lexicon = lexicon_with(lexicon_paths, "index")
    table = None
    if aliases is not None:
        from toolkit.aliases import AliasTableError, read_table

        try:
            table = read_table(aliases)
        except (OSError, AliasTableError) as error:
            typer.echo(f"sinoviet index: {error}", err=True)
            raise typer.Exit(1) from None
    started = time.perf_counter()
    report = build_index(output, table=table, paths=paths, pattern=pattern, workers=workers, unknown=unknown,
                         lexicon=lexicon)
    seconds = time.perf_counter() - started
    for problem in report.errors:
        typer.echo(problem, err=True)
    typer.echo(f"{output}: {report.documents} documents, {report.bytes / 1e6:.2f} MB in {seconds:.1f} s, "
               f"{report.aliases} alias keys", err=True)
    if report.errors:
        raise typer.Exit(1)


def search(
    index: Annotated[Path, typer.Argument(help="An index made by `sinoviet index build`.")],
    query: Annotated[str, typer.Argument(help="Words or a name in any rendering (Hanoi, Hà Nội, 河内).")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, metavar="N", help="At most this many documents.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per document.")] = False,
) -> None:
    """Ranked documents for QUERY, expanded through the alias table, matches marked «like this».

    Exits 0 when a document matches, 1 when none does (as grep does), 2 on trouble."""
    from toolkit.search import SearchIndex

    try:
        opened = SearchIndex(index)
    except (FileNotFoundError, ValueError) as error:
        typer.echo(f"sinoviet search: {error}", err=True)
        raise typer.Exit(2) from None
    with opened:
        try:
            hits = opened.search(query, limit)
        except ValueError as error:  # a query past the bounds
            typer.echo(f"sinoviet search: {error}", err=True)
            raise typer.Exit(2) from None
    for hit in hits:
        if as_json:
            sys.stdout.write(json.dumps(hit.to_dict(), ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(f"{hit.score:7.3f}  {hit.name}\n         {hit.snippet}\n")
    if not hits:
        raise typer.Exit(1)
