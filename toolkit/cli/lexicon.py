"""CLI commands over lexicons: ``lexicon check`` validates and counts, ``lexicon show`` prints an entity.

Both load the built-in lexicons and then the user's files on top. A malformed file is reported
as ``file:line: message`` on stderr with exit code 1.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the lexicon package loads on use, not on every CLI start
    from toolkit.lexicon import Entity, Lexicon

PathsArgument = Annotated[
    Optional[list[Path]],
    typer.Argument(help="Your lexicon files (TSV), loaded after the built-in ones.", show_default=False),
]
LexiconOption = Annotated[
    Optional[list[Path]],
    typer.Option("--lexicon", "-l", metavar="FILE", help="A lexicon file of yours to load after the built-in ones (repeatable).",
                 show_default=False),
]
BuiltinOption = Annotated[
    bool, typer.Option("--builtin/--no-builtin", help="Load the built-in lexicons first.")
]


def register(app: typer.Typer) -> None:
    group = typer.Typer(name="lexicon", help="Check and inspect entity lexicons.", no_args_is_help=True)
    group.command("check")(check)
    group.command("show")(show)
    # lexicon export (user dictionaries for jieba / underthesea) lives with the linker's CLI code
    from toolkit.cli.lexicon_export import export

    group.command("export")(export)
    app.add_typer(group, name="lexicon")


def check(paths: PathsArgument = None, lexicon_paths: LexiconOption = None, builtin: BuiltinOption = True) -> None:
    """Validate the lexicons; print entities per type and file, and the names several entities share."""
    lexicon = _load([*(lexicon_paths or []), *(paths or [])], builtin)
    by_file = lexicon.counts_by_file()
    extensions = lexicon.extensions_by_file()
    for path in lexicon.files:
        counts = by_file.get(path, {})
        extended = extensions.get(path, 0)
        typer.echo(f"{_shown(path)}: {_type_counts(counts)}" + (f", extends {extended}" if extended else ""))
    typer.echo(f"total: {len(lexicon)} entities: {_type_counts(lexicon.counts())}")
    typer.echo(f"ambiguous names: {len(lexicon.ambiguities)}")
    for ambiguity in lexicon.ambiguities:
        typer.echo(f"  {ambiguity.key}\t{' | '.join(ambiguity.entity_ids)}")


def show(
    entity_id: Annotated[str, typer.Argument(help="An entity id (place:vn:ha-noi) or one of its names.")],
    lexicon_paths: LexiconOption = None,
    builtin: BuiltinOption = True,
) -> None:
    """Print one entity: its names, aliases, abbreviations, parent, validity and sources."""
    lexicon = _load(lexicon_paths or [], builtin)
    entity = lexicon.get(entity_id)
    matches = [entity] if entity is not None else lexicon.lookup(entity_id)
    if not matches:
        near = sorted(candidate.id for candidate in lexicon if entity_id.lower() in candidate.id)[:10]
        hint = f"; ids containing it: {', '.join(near)}" if near else ""
        typer.echo(f"no entity has the id or name {entity_id!r}{hint}", err=True)
        raise typer.Exit(1)
    for index, match in enumerate(matches):
        if index:
            typer.echo("")
        typer.echo(describe(match, lexicon))


def describe(entity: Entity, lexicon: Lexicon) -> str:
    """The entity as labelled lines, the way ``lexicon show`` prints it."""
    lines = [("id", entity.id), ("type", entity.type)]
    for lang in ("vi", "en", "zh"):
        lines.append((lang, entity.name(lang) or "-"))
    others = [name for name in entity.names if name.kind == "name" and name.lang not in ("vi", "en", "zh")]
    lines += [(name.lang, name.text) for name in others]
    lines.append(("aliases", " | ".join(str(name) for name in entity.aliases) or "-"))
    lines.append(("abbr", " | ".join(str(name) for name in entity.abbreviations) or "-"))
    for column in ("parent", "successor"):
        target = getattr(entity, column)
        if target is not None:
            related = lexicon.get(target)
            lines.append((column, f"{target} ({related.label})" if related else target))
    if entity.valid_from or entity.valid_to:
        lines.append(("valid", f"{entity.valid_from or '…'} to {entity.valid_to or '…'}"))
    lines += [("source", source) for source in entity.sources]
    lines.append(("defined", ", ".join(_shown_origin(origin) for origin in entity.origins)))
    width = max(len(label) for label, _ in lines)
    return "\n".join(f"{label.ljust(width)}  {value}" for label, value in lines)


def _load(paths: list[Path], builtin: bool) -> Lexicon:
    from toolkit.lexicon import Lexicon, LexiconError

    try:
        return Lexicon.builtin(*paths) if builtin else Lexicon.load(*paths)
    except LexiconError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from None


def _type_counts(counts: dict[str, int]) -> str:
    from toolkit.lexicon import ENTITY_TYPES

    return " ".join(f"{entity_type}={counts.get(entity_type, 0)}" for entity_type in ENTITY_TYPES)


def _shown(path: str) -> str:
    """A path relative to the working directory when that is shorter."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return relative if len(relative) < len(path) else path


def _shown_origin(origin: str) -> str:
    path, _, line = origin.rpartition(":")
    return f"{_shown(path)}:{line}"
