"""CLI commands over text files: ``normalise`` and ``fold``.

Both read files, folders or stdin as bytes, decode them (``toolkit.decode``: legacy
encodings and mojibake included), transform the text and write it to stdout, to ``-o``
or back in place. A file that cannot be decoded is named on stderr with its byte offset
and skipped; the others are still processed, and the exit code is 1.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Optional

import typer

from toolkit.cli.sources import MissingSource, Source, is_single_file, iter_sources

ENCODING_CHOICES = ("auto", "utf-8", "utf-16", "cp1258", "tcvn3", "vni", "viqr", "viscii", "vps", "bkhcm1", "bkhcm2")

Transform = Callable[[str], tuple[str, Counter]]

PathsArgument = Annotated[
    Optional[list[str]],
    typer.Argument(help="Files, folders (recursed) or - for stdin. Default: stdin.", show_default=False),
]
EncodingOption = Annotated[
    str, typer.Option("--encoding", "-e", help=f"Input encoding: {'|'.join(ENCODING_CHOICES)}.")
]
OutputOption = Annotated[
    Optional[Path],
    typer.Option("--output", "-o", help="Output file (one input) or folder (several inputs, or a folder).", show_default=False),
]
GlobOption = Annotated[str, typer.Option("--glob", help="Which files to take from folders.")]


@dataclass
class RunSummary:
    ok: int = 0
    repaired: int = 0
    failed: int = 0

    def line(self) -> str:
        total = self.ok + self.failed
        return f"{total} file(s): {self.ok} ok ({self.repaired} repaired), {self.failed} failed"


def _check_encoding(encoding: str) -> str:
    if encoding.lower() not in ENCODING_CHOICES:
        raise typer.BadParameter(f"{encoding!r} is not one of {', '.join(ENCODING_CHOICES)}", param_hint="--encoding")
    return encoding.lower()


def _decode(source: Source, encoding: str):
    from toolkit.decoding import decode

    return decode(source.read_bytes(), encoding=encoding)


def _destination(source: Source, output: Path | None, single: bool, in_place: bool) -> Path | None:
    if in_place:
        return source.path
    if output is None:
        return None
    return output if single else output / source.relative


def _format_counts(counts: Counter) -> str:
    shown = [f"{name}={count}" for name, count in sorted(counts.items()) if count]
    return " ".join(shown) if shown else "no repairs"


def run_over_files(
    paths: list[str] | None,
    transform: Transform,
    *,
    encoding: str,
    output: Path | None,
    in_place: bool,
    pattern: str,
    report: bool,
) -> None:
    from toolkit.atomic import write_atomic
    from toolkit.decoding import DecodeError

    paths = paths or []
    encoding = _check_encoding(encoding)
    if in_place and (output is not None or not paths or "-" in paths):
        raise typer.BadParameter("--in-place needs file or folder paths and no --output", param_hint="--in-place")
    single = is_single_file(paths)
    summary = RunSummary()
    for source in iter_sources(paths, pattern):
        if isinstance(source, MissingSource):
            _fail(summary, f"{source.name}: {source.reason}")
            continue
        try:
            decoded = _decode(source, encoding)
        except DecodeError as error:
            _fail(summary, f"{source.name}: {error}")
            continue
        except OSError as error:
            _fail(summary, f"{source.name}: cannot read: {error.strerror or error}")
            continue
        text, counts = transform(decoded.text)
        counts.update(decoded.repairs)
        destination = _destination(source, output, single, in_place)
        data = text.encode("utf-8")
        try:
            if destination is None:
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()
            else:
                write_atomic(destination, data)
        except OSError as error:
            _fail(summary, f"{source.name}: cannot write {destination}: {error.strerror or error}")
            continue
        summary.ok += 1
        if sum(counts.values()):
            summary.repaired += 1
        if report:
            typer.echo(f"{source.name}\t{decoded.encoding}\t{_format_counts(counts)}", err=True)
    if report or summary.failed:
        typer.echo(summary.line(), err=True)
    if summary.failed:
        raise typer.Exit(1)


def _fail(summary: RunSummary, message: str) -> None:
    summary.failed += 1
    typer.echo(f"sinoviet: {message}", err=True)


def register(app: typer.Typer) -> None:
    @app.command("normalise")
    def normalise_command(
        paths: PathsArgument = None,
        tone_style: Annotated[
            str, typer.Option("--tone-style", "-t", help="old (hòa, thủy), new (hoà, thuỷ) or keep.")
        ] = "old",
        encoding: EncodingOption = "auto",
        output: OutputOption = None,
        in_place: Annotated[bool, typer.Option("--in-place", "-i", help="Replace each input file atomically.")] = False,
        report: Annotated[bool, typer.Option("--report", help="Print the repairs made in each file to stderr.")] = False,
        pattern: GlobOption = "*.txt",
    ) -> None:
        """Repair Vietnamese text: legacy encodings, mojibake, stray characters, tone-mark placement."""
        from toolkit.normalisation import TONE_STYLES, normalise, normalise_counted

        if tone_style not in TONE_STYLES:
            raise typer.BadParameter(f"{tone_style!r} is not one of {', '.join(TONE_STYLES)}", param_hint="--tone-style")

        def transform(text: str) -> tuple[str, Counter]:
            if report:
                return normalise_counted(text, tone_style)
            return normalise(text, tone_style), Counter()

        run_over_files(
            paths, transform, encoding=encoding, output=output, in_place=in_place, pattern=pattern, report=report
        )

    @app.command("fold")
    def fold_command(
        paths: PathsArgument = None,
        encoding: EncodingOption = "auto",
        output: OutputOption = None,
        pattern: GlobOption = "*.txt",
    ) -> None:
        """Print the search key of every line: casefolded, no marks, đ→d, punctuation squashed."""
        from toolkit.folding import fold

        def transform(text: str) -> tuple[str, Counter]:
            lines = text.splitlines()
            folded = "\n".join(fold(line) for line in lines)
            return (folded + "\n" if lines else ""), Counter()

        run_over_files(
            paths, transform, encoding=encoding, output=output, in_place=False, pattern=pattern, report=False
        )
