"""``sinoviet link``: entity mentions in files, folders or stdin, one JSON object (or TSV row) each.

The inputs go through the shared runner (``toolkit.cli.text.run_command``): streamed in pieces
of up to 512 KiB (whole lines), decoded (legacy Vietnamese encodings and mojibake repaired),
spread over ``--workers`` processes with the output in input order, a progress bar on a
terminal, and a file that cannot be decoded reported with its byte offset and skipped (or the
run stopped, ``--on-error fail``); the exit code is then 1.

Each piece is linked as one document (``toolkit.corpus.processors.MentionRows``): a file of up to
512 KiB is one document, so a short form (``Xi``, ``ông Lâm``) reaches a full name on another
line anywhere in it; in a larger file, anywhere in the same ~512 KiB of whole lines. (Pieces are
smaller than the other commands' 2 MiB because linking keeps every hit and mention of its
document in memory: a 2 MiB piece of Chinese held about 120 MB more, 512 KiB keeps a worker
well under 300 MB.)

``--jsonl --field text`` links one field of each JSON record and writes the record back with
its mentions added (``text_mentions``: a list of objects with start, end, text, entity, type,
score, cluster, offsets into the field's text).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from toolkit.cli.text import (
    ChunkOption,
    EncodingOption,
    ErrorsOption,
    FieldOption,
    JsonlOption,
    PathsArgument,
    QuietOption,
    VerboseOption,
    WorkersOption,
)

FORMATS = ("jsonl", "tsv")
PIECE_BYTES = 512 * 1024


def register(app: typer.Typer) -> None:
    app.command("link")(link_command)


def link_command(
    paths: PathsArgument = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="jsonl (one object per mention) or tsv.")] = "jsonl",
    lexicon_paths: Annotated[Optional[list[Path]], typer.Option(
        "--lexicon", "-l", metavar="FILE", help="A lexicon file of yours, loaded after the built-in ones (repeatable).",
        show_default=False)] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", help="vi, en or zh (detected per document when omitted).",
                                                show_default=False)] = None,
    unknown: Annotated[bool, typer.Option("--unknown/--no-unknown",
                                          help="Also propose names the lexicons lack.")] = True,
    ner: Annotated[bool, typer.Option(
        "--ner", help="Propose Vietnamese unknown names with underthesea's NER instead of capitalised "
        "syllable runs: about 5 times slower on real paragraphs once its model is loaded (about 0.7 s).")] = False,
    pattern: Annotated[str, typer.Option("--glob", "--pattern", help="Which files to take from folders.")] = "*.txt",
    encoding: EncodingOption = "auto",
    errors: ErrorsOption = "strict",
    workers: WorkersOption = None,
    on_error: Annotated[str, typer.Option(
        "--on-error", help="A file that cannot be decoded: skip it, or fail (stop the run). With --jsonl, "
        "copy writes a bad record unchanged.")] = "skip",
    jsonl: JsonlOption = False,
    field: FieldOption = "text",
    to: Annotated[Optional[str], typer.Option("--to", help="With --jsonl: the field to write (default: FIELD_mentions).",
                                              show_default=False)] = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    chunk_bytes: ChunkOption = None,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="Write the mentions of every input to this one file (replaced atomically, once the "
        "run has finished) instead of standard output.", show_default=False)] = None,
) -> None:
    """Link every entity mention: file, line, start, end (characters in that line), text, entity, type, score, cluster."""
    if output_format not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    if lang is not None and lang not in ("vi", "en", "zh"):
        raise typer.BadParameter("choose one of vi, en, zh", param_hint="--lang")
    on_error = on_error.lower()
    if on_error == "copy" and not jsonl:
        raise typer.BadParameter("copy would write raw text among the mentions: choose skip or fail "
                                 "(copy is for --jsonl records)", param_hint="--on-error")
    if jsonl and output_format != "jsonl":
        raise typer.BadParameter("--jsonl writes records back as JSON Lines", param_hint="--format")
    from toolkit.corpus.batch import MentionFinder, load_lexicon
    from toolkit.corpus.processors import JsonlField, MentionRows
    from toolkit.cli.text import run_command
    from toolkit.lexicon import LexiconError

    files: tuple[str, ...] = ()
    if lexicon_paths:
        from toolkit.lexicon.lexicon import builtin_paths

        files = tuple(str(p) for p in (*builtin_paths(), *lexicon_paths))
        try:
            load_lexicon(files)  # a bad file is named here, before any input is read
        except LexiconError as error:
            typer.echo(f"sinoviet link: {error}", err=True)
            raise typer.Exit(1) from None
    if output is not None:
        if jsonl:
            raise typer.BadParameter("--jsonl writes each input's records back to stdout", param_hint="--output")
        from toolkit.corpus.atomic import AtomicFile, signals_held

        with signals_held():
            written = AtomicFile(output)
        previous, sys.stdout = sys.stdout, _TextOver(written)
        try:
            link_command(paths, output_format, lexicon_paths, lang, unknown, ner, pattern, encoding, errors, workers,
                         on_error, jsonl, field, to, quiet, verbose, chunk_bytes, None)
        except typer.Exit as finished:
            sys.stdout = previous
            if finished.exit_code in (0, 1):  # done, some inputs failed: what was linked is kept, as on stdout
                written.commit()
            raise
        except BaseException:
            written.abort()
            raise
        finally:
            sys.stdout = previous
        written.commit()
        return
    linker = MentionFinder(files, lang, unknown, ner)
    processor: JsonlField | MentionRows
    if jsonl:
        processor = JsonlField(linker, field, to or f"{field}_{linker.suffix}", on_error)
    else:
        processor = MentionRows(linker, output_format)
        if output_format == "tsv":
            from toolkit.corpus.processors import MENTION_FIELDS

            sys.stdout.write("\t".join(MENTION_FIELDS) + "\n")
            sys.stdout.flush()
    run_command(
        paths, processor, encoding=encoding, errors=errors, pattern=pattern, workers=workers, on_error=on_error, jsonl=jsonl,
        quiet=quiet, verbose=verbose, chunk_bytes=chunk_bytes or PIECE_BYTES,
    )


class _TextOver:
    """A stand-in for sys.stdout that writes, as UTF-8, into a binary file (``--output``)."""

    def __init__(self, binary) -> None:
        self.buffer = self
        self._binary = binary

    def write(self, data) -> int:
        self._binary.write(data.encode("utf-8") if isinstance(data, str) else data)
        return len(data)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def link_source(source, lexicon, lang: str | None, unknown: bool, ner: bool = False) -> list[dict]:
    """The mentions of one whole input as output rows (line numbers 1-based, offsets within the line)."""
    from toolkit.corpus.processors import mention_rows
    from toolkit.decoding import decode
    from toolkit.linking import link

    text = decode(source.read_bytes()).text
    return mention_rows(link(text, lang=lang, lexicon=lexicon, unknown=unknown, ner=ner), text, source.name)


__all__ = ["link_command", "link_source", "register"]
