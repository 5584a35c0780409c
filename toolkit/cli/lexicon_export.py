"""``sinoviet lexicon export``: user dictionaries generated from the lexicons for word segmenters.

- ``--format jieba``: ``word frequency tag`` lines for ``jieba.load_userdict`` (every Chinese name;
  tags ``nr`` person, ``ns`` place, ``nt`` organisation, ``nz`` other), so jieba keeps a known
  name whole (河内, 苏林).
- ``--format underthesea``: one Vietnamese name of two or more syllables per line, for
  ``underthesea.word_tokenize(text, fixed_words=[...])``, so the tokenizer keeps ``Tô Lâm`` and
  ``Thái Nguyên`` as single words.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

EXPORT_FORMATS = ("jieba", "underthesea")


def jieba_lines(lexicon) -> list[str]:
    from toolkit.linking.boundaries import USER_WORD_FREQUENCY, jieba_user_words

    return [f"{word} {USER_WORD_FREQUENCY} {tag}" for word, tag in jieba_user_words(lexicon)]


def underthesea_lines(lexicon) -> list[str]:
    seen: dict[str, None] = {}
    for entity in lexicon:
        for name in entity.names:
            if name.lang == "vi" and name.kind != "abbr" and len(name.text.split()) >= 2:
                seen.setdefault(name.text, None)
    return list(seen)


def export(
    output_format: Annotated[str, typer.Option("--format", "-f", help="jieba or underthesea.")] = "jieba",
    lexicon_paths: Annotated[Optional[list[Path]], typer.Option(
        "--lexicon", "-l", metavar="FILE", help="A lexicon file of yours, loaded after the built-in ones (repeatable).",
        show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.",
                                                   show_default=False)] = None,
) -> None:
    """Write a user dictionary for jieba or underthesea generated from the lexicons."""
    if output_format not in EXPORT_FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(EXPORT_FORMATS)}", param_hint="--format")
    from toolkit.cli.common import lexicon_with

    lexicon = lexicon_with(lexicon_paths, "lexicon export")
    lines = jieba_lines(lexicon) if output_format == "jieba" else underthesea_lines(lexicon)
    text = "".join(line + "\n" for line in lines)
    if output is None:
        sys.stdout.write(text)
    else:
        from toolkit.corpus.atomic import write_atomic

        write_atomic(output, text.encode("utf-8"))
        typer.echo(f"{output}: {len(lines)} entries", err=True)


__all__ = ["export", "jieba_lines", "underthesea_lines"]
