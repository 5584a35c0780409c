"""``sinoviet aliases build|diff|export``: alias tables from lexicons and corpora, reviewed as diffs,
exported to search engines."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from toolkit.exports import FORMATS

_FORMAT_NAMES = ", ".join(FORMATS)


def register(app: typer.Typer) -> None:
    group = typer.Typer(name="aliases", help="Build, diff and export alias tables for search engines.",
                        no_args_is_help=True)
    group.command("build")(build)
    group.command("diff")(diff)
    group.command("export")(export)
    app.add_typer(group, name="aliases")


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"sinoviet aliases: {message}", err=True)
    return typer.Exit(code)


def build(
    output: Annotated[Path, typer.Option("--output", "-o", help="The table to write: .jsonl, .csv or .tsv.")],
    lexicon_paths: Annotated[Optional[list[Path]], typer.Option(
        "--lexicon", "-l", metavar="FILE", help="A lexicon file of yours, loaded after the built-in ones (repeatable).",
        show_default=False)] = None,
    corpus: Annotated[Optional[list[str]], typer.Option(
        "--corpus", "-c", help="Files or folders (their *.txt) whose spellings to mine (repeatable).",
        show_default=False)] = None,
    ambiguities: Annotated[Optional[Path], typer.Option(
        "--ambiguities", help="Also write the ambiguous aliases here (JSONL).", show_default=False)] = None,
    pattern: Annotated[str, typer.Option("--pattern", help="File pattern inside corpus folders.")] = "*.txt",
) -> None:
    """One row per (entity, alias, language, kind, source); ambiguous aliases are reported, not chosen."""
    from toolkit.aliases import table_from_lexicon, write_table
    from toolkit.aliases.mining import DocumentNames, document_names, mine_names
    from toolkit.corpus.sources import MissingSource, iter_sources
    from toolkit.cli.common import lexicon_with

    lexicon = lexicon_with(lexicon_paths, "aliases")
    table = table_from_lexicon(lexicon)
    found_problems = 0
    reports = [a.to_dict() | {"reason": "claimed by several entities in the lexicons"} for a in table.ambiguities()]
    if corpus:
        found = DocumentNames()
        for source in iter_sources(corpus, pattern):
            if isinstance(source, MissingSource):
                typer.echo(f"{source.name}: {source.reason}", err=True)
                found_problems += 1
                continue
            try:
                found.update(document_names(source.name, source.read_bytes()))
            except (OSError, ValueError) as error:  # DecodeError names the byte offset
                typer.echo(f"{source.name}: {error}", err=True)
                found_problems += 1
        mined = mine_names(found, table)
        table = table + mined.table
        reports += [a.to_dict() for a in mined.ambiguities]
    write_table(table, output)
    if ambiguities is not None:
        ambiguities.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in reports), encoding="utf-8")
    counts = ", ".join(f"{kind} {n}" for kind, n in table.counts().items())
    typer.echo(f"{output}: {len(table)} rows for {len(table.entities())} entities ({counts}); "
               f"{len(reports)} ambiguous aliases", err=True)
    if found_problems:
        raise typer.Exit(1)


def _read(path: Path):
    from toolkit.aliases import AliasTableError, read_table

    try:
        return read_table(path)
    except FileNotFoundError:
        raise _fail(f"{path}: no such file") from None
    except AliasTableError as error:
        raise _fail(str(error)) from None


def diff(
    old: Annotated[Path, typer.Argument(help="The table before.")],
    new: Annotated[Path, typer.Argument(help="The table after.")],
) -> None:
    """Added (+), removed (-) and changed (~) aliases between two tables."""
    from toolkit.aliases import diff_tables

    changes = diff_tables(_read(old), _read(new))
    for line in changes.lines():
        sys.stdout.write(line + "\n")
    typer.echo(f"{len(changes.added)} added, {len(changes.removed)} removed, {len(changes.changed)} changed",
               err=True)


def export(
    table_path: Annotated[Path, typer.Argument(metavar="FILE", help="An alias table (.jsonl, .csv, .tsv).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of {_FORMAT_NAMES} (toolkit/exports/README.md).")],
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="The file to write (a folder for postgres); standard output when omitted.",
        show_default=False)] = None,
) -> None:
    """Write the table in a search engine's synonym format."""
    from toolkit.exports import FORMATS, export_files

    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    files = export_files(_read(table_path), fmt)
    if len(files) > 1:
        if output is None:
            raise typer.BadParameter(f"{fmt} writes {len(files)} files: name a folder", param_hint="--output")
        from toolkit.corpus.atomic import write_atomic

        output.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            write_atomic(output / name, text.encode("utf-8"))
        typer.echo(f"{output}: {', '.join(files)}", err=True)
        return
    (text,) = files.values()
    if output is None:
        sys.stdout.write(text)
    else:
        from toolkit.corpus.atomic import write_atomic

        write_atomic(output, text.encode("utf-8"))
