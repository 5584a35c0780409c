"""CLI commands of the Chinese bridge: pinyin, hanviet, candidates, match."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

KindOption = Annotated[
    str, typer.Option("--kind", help="auto | name | place | text: how to read the characters.")
]


def _kind(value: str) -> str:
    from toolkit.chinese.readings import KINDS

    if value not in KINDS:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(KINDS)}", param_hint="--kind")
    return value


TextsArgument = Annotated[
    Optional[list[str]],
    typer.Argument(help="One or more texts; none or - reads one per line from stdin.", show_default=False, metavar="TEXT"),
]


def _texts(texts: list[str] | None):
    """The arguments, or the lines of stdin where there are none or one is ``-``."""
    for text in texts or ["-"]:
        if text == "-":
            for line in sys.stdin:
                line = line.rstrip("\r\n")
                if line.strip():
                    yield line
        else:
            yield text


def pinyin_command(texts: TextsArgument = None, kind: KindOption = "auto") -> None:
    """Hanzi → pinyin, one line per text: 习近平 → Xi Jinping, 西安 → Xi'an."""
    from toolkit.chinese import pinyin

    kind = _kind(kind)
    for text in _texts(texts):
        typer.echo(pinyin(text, kind))


def hanviet_command(texts: TextsArgument = None, kind: KindOption = "auto") -> None:
    """Hanzi → Hán-Việt, one line per text: 习近平 → Tập Cận Bình."""
    from toolkit.chinese import hanviet

    kind = _kind(kind)
    for text in _texts(texts):
        typer.echo(hanviet(text, kind))


def candidates_command(
    texts: TextsArgument = None,
    k: Annotated[int, typer.Option("-k", min=1, metavar="K", help="How many candidates.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per candidate.")] = False,
) -> None:
    """Romanised name (He Wei, Xi Jinping, Mao Tse-tung) → ranked Hán-Việt renderings with
    probabilities; with several names, each block of candidates follows its name's line."""
    from toolkit.chinese import hanviet_candidates

    names = list(_texts(texts))
    for name_written in names:
        if len(names) > 1 and not as_json:
            typer.echo(f"# {name_written}")
        for name, probability in hanviet_candidates(name_written, k):
            if as_json:
                row = {"hanviet": name, "p": round(probability, 6)}
                if len(names) > 1:
                    row = {"name": name_written} | row
                typer.echo(json.dumps(row, ensure_ascii=False))
            else:
                typer.echo(f"{name}\t{probability:.4f}")


def _result(a: str, b: str, lexicon) -> dict:
    from toolkit.chinese.matching import match

    verdict = match(a, b, lexicon=lexicon)
    return {"a": a, "b": b, "same": verdict.same, "score": round(verdict.score, 6), "why": verdict.why}


def _pair_lines(path: str):
    """(line number, line) of a pairs file or stdin, decoded as UTF-8 with a byte offset on failure."""
    raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not UTF-8 at byte offset {error.start}") from None
    for number, line in enumerate(text.splitlines(), 1):
        yield number, line


def match_command(
    a: Annotated[Optional[str], typer.Argument(help="First rendering (hanzi, pinyin, Hán-Việt, exonym).", show_default=False)] = None,
    b: Annotated[Optional[str], typer.Argument(help="Second rendering.", show_default=False)] = None,
    pairs: Annotated[
        Optional[str],
        typer.Option("--pairs", help="TSV file (or - for stdin) of a<TAB>b lines: one JSON result per line.", show_default=False),
    ] = None,
    no_lexicon: Annotated[bool, typer.Option("--no-lexicon", help="Decide on transliteration alone.")] = False,
    lexicon_paths: Annotated[Optional[list[Path]], typer.Option(
        "--lexicon", "-l", metavar="FILE", help="A lexicon file of yours, loaded after the built-in ones (repeatable).",
        show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Are two renderings the same name? Prints same/different, the score and the reason.

    Exits 0 when they are the same, 1 when they differ (as diff does), 2 on a usage error."""
    from toolkit.chinese.matching import DEFAULT_LEXICON, LexiconChoice

    if no_lexicon and lexicon_paths:
        raise typer.BadParameter("give --lexicon or --no-lexicon, not both", param_hint="--lexicon")
    lexicon: LexiconChoice = None if no_lexicon else DEFAULT_LEXICON
    if lexicon_paths:
        from toolkit.cli.common import lexicon_with

        try:
            lexicon = lexicon_with(lexicon_paths, "match")
        except typer.Exit:
            raise typer.Exit(2) from None  # trouble, not "different"
    if pairs is not None:
        if a is not None or b is not None:
            raise typer.BadParameter("give either A and B or --pairs FILE, not both", param_hint="--pairs")
        raise typer.Exit(_match_pairs(pairs, lexicon))
    if a is None or b is None:
        raise typer.BadParameter("give two renderings A and B, or --pairs FILE", param_hint="A B")
    result = _result(a, b, lexicon)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False))
    else:
        typer.echo(f"{'same' if result['same'] else 'different'}\t{result['score']:.3f}\t{result['why']}")
    if not result["same"]:
        raise typer.Exit(1)  # as diff: 0 same, 1 different, 2 trouble


def _match_pairs(path: str, lexicon) -> int:
    problems = 0
    try:
        for number, line in _pair_lines(path):
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) != 2 or not cells[0].strip() or not cells[1].strip():
                typer.echo(f"{path}:{number}: expected two non-empty tab-separated fields a<TAB>b, "
                           f"got {len(cells)} field(s)", err=True)
                problems += 1
                continue
            typer.echo(json.dumps(_result(cells[0].strip(), cells[1].strip(), lexicon), ensure_ascii=False))
    except (OSError, ValueError) as error:
        typer.echo(str(error), err=True)
        return 1
    return 1 if problems else 0


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("pinyin")(pinyin_command)
    app.command("hanviet")(hanviet_command)
    app.command("candidates")(candidates_command)
    app.command("match")(match_command)
