"""``sinoviet link``: entity mentions in files, folders or stdin, one JSON object (or TSV row) each.

Each input is decoded (``toolkit.decode``: legacy Vietnamese encodings and mojibake repaired) and
linked as one document, so a short form (``Xi``, ``ông Lâm``) reaches a full name on another line.
A file that cannot be decoded is reported on stderr with its byte offset; the others are still
processed, and the exit code is then 1.
"""

from __future__ import annotations

import json
import sys
from bisect import bisect_right
from pathlib import Path
from typing import Annotated, Optional

import typer

from toolkit.cli.sources import MissingSource, iter_sources

FORMATS = ("jsonl", "tsv")
FIELDS = ("file", "line", "start", "end", "text", "entity", "type", "score", "cluster")


def register(app: typer.Typer) -> None:
    app.command("link")(link_command)


def link_command(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Files, folders (their *.txt) or - for stdin.",
                                                       show_default=False)] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="jsonl (one object per mention) or tsv.")] = "jsonl",
    lexicon_paths: Annotated[Optional[list[Path]], typer.Option(
        "--lexicon", "-l", help="A lexicon file of yours, loaded after the built-in ones (repeatable).",
        show_default=False)] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", help="vi, en or zh (detected per file when omitted).",
                                                show_default=False)] = None,
    unknown: Annotated[bool, typer.Option("--unknown/--no-unknown",
                                          help="Also propose names the lexicons lack (slower).")] = True,
    pattern: Annotated[str, typer.Option("--pattern", help="File pattern inside folders.")] = "*.txt",
) -> None:
    """Link every entity mention: file, line, start, end (characters in that line), text, entity, type, score, cluster."""
    if output_format not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    if lang is not None and lang not in ("vi", "en", "zh"):
        raise typer.BadParameter("choose one of vi, en, zh", param_hint="--lang")
    from toolkit.lexicon import Lexicon, LexiconError

    try:
        lexicon = Lexicon.builtin(*(lexicon_paths or []))
    except LexiconError as error:
        typer.echo(f"sinoviet link: {error}", err=True)
        raise typer.Exit(1) from None
    out = sys.stdout
    if output_format == "tsv":
        out.write("\t".join(FIELDS) + "\n")
    failed = 0
    for source in iter_sources(paths or [], pattern):
        if isinstance(source, MissingSource):
            typer.echo(f"{source.name}: {source.reason}", err=True)
            failed += 1
            continue
        try:
            rows = link_source(source, lexicon, lang, unknown)
        except (OSError, ValueError) as error:  # DecodeError is a ValueError naming line and byte offset
            typer.echo(f"{source.name}: {error}", err=True)
            failed += 1
            continue
        for row in rows:
            out.write(_format(row, output_format))
        out.flush()
    if failed:
        raise typer.Exit(1)


def link_source(source, lexicon, lang: str | None, unknown: bool) -> list[dict]:
    """The mentions of one input as output rows (line numbers 1-based, offsets within the line)."""
    from toolkit.decoding import decode
    from toolkit.linking import link

    text = decode(source.read_bytes()).text
    line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    rows = []
    for mention in link(text, lang=lang, lexicon=lexicon, unknown=unknown):
        line = bisect_right(line_starts, mention.start) - 1
        rows.append({
            "file": source.name, "line": line + 1,
            "start": mention.start - line_starts[line], "end": mention.end - line_starts[line],
            "text": mention.text, "entity": mention.entity, "type": mention.type,
            "score": mention.score, "cluster": mention.cluster,
        })
    return rows


def _format(row: dict, output_format: str) -> str:
    if output_format == "jsonl":
        return json.dumps(row, ensure_ascii=False) + "\n"
    cells = ["" if row[field] is None else str(row[field]) for field in FIELDS]
    return "\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in cells) + "\n"


__all__ = ["link_command", "link_source", "register"]
