"""CLI commands over text files: ``normalise`` and ``fold``.

Both read files, folders or stdin as bytes, decode them (``toolkit.decode``: legacy
encodings and mojibake included), transform the text and write it to stdout, to ``-o``
or back in place. Inputs are streamed in bounded pieces and spread over ``--workers``
processes, with the output in input order (``toolkit.corpus.runner``). A file that cannot
be decoded is named on stderr with its byte offset and handled per ``--on-error``; the
others are still processed, and the exit code is 1.

The shared options and :func:`run_command` are what other file-processing commands
(``link``…) reuse: build a processor (``toolkit.corpus.processors``), call ``run_command``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from toolkit.corpus.sources import Source, is_single_file, iter_sources

# toolkit.decoding.ENCODINGS, written out so that the command line starts without the decoders
# (tests/test_decoding.py checks that the two agree)
ENCODING_CHOICES = ("auto", "utf-8", "utf-16", "cp1258", "tcvn3", "tcvn5712", "vni", "viqr", "viscii", "vps", "bkhcm1", "bkhcm2")
ON_ERROR_CHOICES = ("skip", "copy", "fail")

PathsArgument = Annotated[
    Optional[list[str]],
    typer.Argument(help="Files, folders (recursed) or - for stdin. Default: stdin.", show_default=False, metavar="PATH"),
]
EncodingOption = Annotated[
    str, typer.Option("--encoding", "-e", help=f"Input encoding: {'|'.join(ENCODING_CHOICES)}.")
]
ErrorsOption = Annotated[
    str, typer.Option("--errors", help="Bytes that cannot be read: strict (the file fails, see --on-error) or "
                      "replace (each becomes U+FFFD, counted in --report).")
]
OutputOption = Annotated[
    Optional[Path],
    typer.Option("--output", "-o", help="Output file (one input) or folder (several inputs, or a folder).", show_default=False),
]
GlobOption = Annotated[str, typer.Option("--glob", help="Which files to take from folders.")]
WorkersOption = Annotated[
    Optional[int],
    typer.Option("--workers", "-j", min=1, metavar="N", help="Processes to use (default: the number of cores).", show_default=False),
]
OnErrorOption = Annotated[
    str,
    typer.Option("--on-error", help="A file that cannot be decoded: skip it, copy it unchanged, or fail (stop the run)."),
]
JsonlOption = Annotated[bool, typer.Option("--jsonl", help="Input is JSON Lines: process one field of each record.")]
FieldOption = Annotated[str, typer.Option("--field", help="With --jsonl: the field to read.")]
ToOption = Annotated[
    Optional[str],
    typer.Option("--to", help="With --jsonl: the field to write (default: FIELD_normalised / FIELD_folded).", show_default=False),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary; errors only.")]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="One line per file on stderr, and the summary.")]
# Piece size in bytes (see toolkit.corpus.streaming); hidden, for tests and benchmarks.
ChunkOption = Annotated[Optional[int], typer.Option("--chunk-bytes", hidden=True, min=16)]


def _check_choice(value: str, choices: tuple[str, ...], option: str) -> str:
    if value.lower() not in choices:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(choices)}", param_hint=option)
    return value.lower()


def _destination(output: Path | None, single: bool, in_place: bool):
    def destination_for(source: Source) -> Path | None:
        if in_place:
            return source.path
        if output is None:
            return None
        return output if single else output / source.relative

    return destination_for


# what a file written for several inputs would be called: taken for a folder, it surprises
_FILE_SUFFIXES = (".txt", ".jsonl", ".json", ".tsv", ".csv")


def _check_output_folder(output: Path) -> None:
    """Several inputs (or a folder) write into a folder: refuse a file, or a new name that reads as one."""
    if output.exists() and not output.is_dir():
        raise typer.BadParameter(f"{output} is a file; several inputs are written into a folder", param_hint="--output")
    if not output.exists() and output.suffix.lower() in _FILE_SUFFIXES:
        raise typer.BadParameter(
            f"several inputs are written into a folder, and {output} reads as a file name "
            "(give a folder, or one input; for one file of all mentions, link -o does that)",
            param_hint="--output",
        )


def _refuse_shared_outputs(sources, destination_for, option: str) -> None:
    """Two inputs written to one file would keep only the last: a usage error, before any work."""
    import os

    seen: dict[str, str] = {}
    for source in sources:
        if not isinstance(source, Source):
            continue
        destination = destination_for(source)
        if destination is None:
            continue
        key = os.path.realpath(destination)
        if key in seen:
            raise typer.BadParameter(
                f"{seen[key]} and {source.name} would have the same output {destination} "
                "(give them separately, or their folders, whose layout the output folder mirrors)",
                param_hint=option,
            )
        seen[key] = source.name


def _format_counts(counts: Counter) -> str:
    shown = [f"{name}={count}" for name, count in sorted(counts.items()) if count]
    return " ".join(shown) if shown else "no repairs"


def run_command(
    paths: list[str] | None,
    processor: Any,
    *,
    encoding: str = "auto",
    errors: str = "strict",
    output: Path | None = None,
    in_place: bool = False,
    pattern: str = "*.txt",
    report: bool = False,
    workers: int | None = None,
    on_error: str = "skip",
    jsonl: bool = False,
    quiet: bool = False,
    verbose: bool = False,
    chunk_bytes: int | None = None,
) -> None:
    """Check the shared options, run ``processor`` over the inputs, print the summary, exit 1 on failures."""
    from toolkit.corpus.progress import progress_for
    from toolkit.corpus.runner import Job, OutputClosed, OutputFailed, Runner, default_workers
    from toolkit.corpus.streaming import CHUNK_BYTES

    paths = paths or []
    encoding = _check_choice(encoding, ENCODING_CHOICES, "--encoding")
    on_error = _check_choice(on_error, ON_ERROR_CHOICES, "--on-error")
    errors = _check_choice(errors, ("strict", "replace"), "--errors")
    if in_place and (output is not None or not paths or "-" in paths):
        raise typer.BadParameter("--in-place needs file or folder paths and no --output", param_hint="--in-place")
    sources = list(iter_sources(paths, pattern))
    single = is_single_file(paths)
    if output is not None and not single:
        _check_output_folder(output)
    destination_for = _destination(output, single, in_place)
    _refuse_shared_outputs(sources, destination_for, "--in-place" if in_place else "--output")
    sizes = [source.size() for source in sources if isinstance(source, Source)]
    total = None if any(size is None for size in sizes) else sum(size for size in sizes if size is not None)
    job = Job(
        processor, encoding, on_error, chunk_bytes or CHUNK_BYTES, cut_at_spaces=not jsonl,
        raw_utf8=jsonl and encoding in ("auto", "utf-8"), errors=errors,
    )
    workers = workers or default_workers()
    if total is not None and total <= 2 * job.chunk_bytes:
        workers = 1  # starting worker processes costs more than a few pieces of work
    with progress_for(len(sources), total, quiet=quiet) as messages:

        def print_report(name: str, used_encoding: str, counts: Counter) -> None:
            messages.message(f"{name}\t{used_encoding}\t{_format_counts(counts)}")

        runner = Runner(
            sources,
            job,
            destination_for=destination_for,
            workers=workers,
            messages=messages,
            report=print_report if report else None,
            verbose=verbose,
        )
        try:
            summary = runner.run()
        except OutputClosed:
            _silence_stdout()
            raise typer.Exit(0) from None
        except OutputFailed as error:
            _silence_stdout()
            messages.message(f"sinoviet: {error}; the run was stopped")
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            messages.message("sinoviet: interrupted; files not finished were left as they were")
            raise typer.Exit(130) from None
        shows_bar = type(messages).__name__ == "ProgressBar"
        if (report or verbose or shows_bar or summary.failed) and not (quiet and not summary.failed):
            stopped = " (stopped at the first failure: --on-error fail)" if summary.stopped else ""
            messages.message(summary.line() + stopped)
    if summary.failed:
        raise typer.Exit(1)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that flushing it at exit raises no second BrokenPipeError."""
    import os
    import sys

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (a test runner's buffer)
        pass


def _jsonl_processor(function, field: str, to: str | None, on_error: str):
    from toolkit.corpus.processors import JsonlField

    return JsonlField(function, field, to or f"{field}_{function.suffix}", on_error)


def register(app: typer.Typer) -> None:
    @app.command("normalise")
    def normalise_command(
        paths: PathsArgument = None,
        tone_style: Annotated[
            str, typer.Option("--tone-style", "-t", help="old (hòa, thủy), new (hoà, thuỷ) or keep.")
        ] = "old",
        encoding: EncodingOption = "auto",
        errors: ErrorsOption = "strict",
        output: OutputOption = None,
        in_place: Annotated[bool, typer.Option("--in-place", "-i", help="Replace each input file atomically.")] = False,
        report: Annotated[bool, typer.Option("--report", help="Print the repairs made in each file to stderr.")] = False,
        pattern: GlobOption = "*.txt",
        workers: WorkersOption = None,
        on_error: OnErrorOption = "skip",
        jsonl: JsonlOption = False,
        field: FieldOption = "text",
        to: ToOption = None,
        quiet: QuietOption = False,
        verbose: VerboseOption = False,
        chunk_bytes: ChunkOption = None,
    ) -> None:
        """Repair Vietnamese text: legacy encodings, mojibake, stray characters, tone-mark placement."""
        from toolkit.corpus.batch import Normaliser
        from toolkit.corpus.processors import WholeText

        try:
            normaliser = Normaliser(tone_style)
        except ValueError:
            raise typer.BadParameter(f"{tone_style!r} is not one of old, new, keep", param_hint="--tone-style") from None
        processor = (
            _jsonl_processor(normaliser, field, to, on_error.lower())
            if jsonl
            else WholeText(normaliser, count_repairs=report)
        )
        run_command(
            paths, processor, encoding=encoding, errors=errors, output=output, in_place=in_place, pattern=pattern, report=report,
            workers=workers, on_error=on_error, jsonl=jsonl, quiet=quiet, verbose=verbose, chunk_bytes=chunk_bytes,
        )

    @app.command("fold")
    def fold_command(
        paths: PathsArgument = None,
        encoding: EncodingOption = "auto",
        errors: ErrorsOption = "strict",
        output: OutputOption = None,
        pattern: GlobOption = "*.txt",
        workers: WorkersOption = None,
        on_error: OnErrorOption = "skip",
        jsonl: JsonlOption = False,
        field: FieldOption = "text",
        to: ToOption = None,
        quiet: QuietOption = False,
        verbose: VerboseOption = False,
        chunk_bytes: ChunkOption = None,
    ) -> None:
        """Print the search key of every line: casefolded, no marks, đ→d, punctuation squashed."""
        from toolkit.corpus.batch import Folder
        from toolkit.corpus.processors import PerLine

        folder = Folder()
        processor = _jsonl_processor(folder, field, to, on_error.lower()) if jsonl else PerLine(folder)
        run_command(
            paths, processor, encoding=encoding, errors=errors, output=output, pattern=pattern, workers=workers,
            on_error=on_error, jsonl=jsonl, quiet=quiet, verbose=verbose, chunk_bytes=chunk_bytes,
        )
