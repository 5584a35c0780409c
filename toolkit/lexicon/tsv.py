"""Reading one lexicon file: UTF-8 TSV with a header row, one entity per row.

Layout (see lexicons/entities/README.md for the full description)::

    # comment lines start with '#': the file's source, version and licence go here
    id<TAB>type<TAB>vi<TAB>en<TAB>zh<TAB>aliases<TAB>abbr<TAB>parent<TAB>valid_from<TAB>valid_to<TAB>source

The header names the columns (any order, any subset of ``COLUMNS`` that includes the required
ones); every row has exactly as many cells as the header. ``aliases`` and ``abbr`` hold
``lang:text`` items separated by ``|``. Dates are ISO ``YYYY-MM-DD``. ``mode`` is empty for a new
entity, ``replace`` to redefine an entity loaded from an earlier file, ``extend`` to add names,
aliases and abbreviations to one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from toolkit.lexicon.errors import LexiconError
from toolkit.lexicon.model import ENTITY_TYPES, Name

NAME_COLUMNS: tuple[str, ...] = ("vi", "en", "zh")
COLUMNS: tuple[str, ...] = (
    "id", "type", *NAME_COLUMNS, "aliases", "abbr", "parent", "successor",
    "valid_from", "valid_to", "mode", "source",
)
REQUIRED_COLUMNS: tuple[str, ...] = ("id", "source")  # type too, except in files of extend rows
MODES: tuple[str, ...] = ("", "replace", "extend")
# columns an ``extend`` row may fill besides id, type, mode and source
EXTENDABLE_COLUMNS: tuple[str, ...] = (*NAME_COLUMNS, "aliases", "abbr")

ID_PATTERN = re.compile(r"[a-z]+(?::[a-z0-9][a-z0-9._-]*)+")
LANG_PATTERN = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
ITEM_SEPARATOR = "|"
# No name, alias or abbreviation is longer (the longest official names are about 200
# characters); a longer one is a broken file, and megabyte-long patterns crash the
# automaton library when its index is saved.
MAX_NAME_CHARS = 1000


@dataclass(frozen=True)
class Row:
    """One validated row, before it meets the rows of other files."""

    path: str
    line: int
    id: str
    type: str
    mode: str
    names: tuple[Name, ...]
    sources: tuple[str, ...]
    parent: str | None
    successor: str | None
    valid_from: date | None
    valid_to: date | None

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def read_rows(path: str | Path, content: bytes | None = None) -> list[Row]:
    """Parse and validate every row of one lexicon file (its ``content`` when already read); the
    first problem raises LexiconError."""
    shown = str(path)
    text = _decode(shown, read_file(path) if content is None else content)
    header: list[str] | None = None
    rows: list[Row] = []
    for line_number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = _parse_header(shown, line_number, cells)
            continue
        if len(cells) != len(header):
            raise LexiconError(
                f"expected {len(header)} tab-separated columns as in the header, found {len(cells)}",
                shown, line_number,
            )
        rows.append(_parse_row(shown, line_number, dict(zip(header, cells))))
    if header is None:
        raise LexiconError("empty lexicon: no header row (expected columns such as id, type, source)", shown)
    return rows


def read_file(path: str | Path) -> bytes:
    """The bytes of a lexicon file; LexiconError naming it when it cannot be read."""
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise LexiconError(f"cannot read lexicon file: {error.strerror or error}", str(path)) from None


def _decode(shown: str, data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise LexiconError(
            f"not valid UTF-8: byte 0x{data[error.start]:02x} at byte offset {error.start}",
            shown, line, byte_offset=error.start,
        ) from None
    return text.removeprefix("\ufeff")


def _parse_header(shown: str, line: int, cells: list[str]) -> list[str]:
    header = [cell.strip() for cell in cells]
    unknown = [cell for cell in header if cell not in COLUMNS]
    if unknown:
        raise LexiconError(
            f"unknown column {unknown[0]!r} in header (known: {', '.join(COLUMNS)})", shown, line
        )
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise LexiconError(f"header lacks the required column {missing[0]!r}", shown, line)
    repeated = sorted({cell for cell in header if header.count(cell) > 1})
    if repeated:
        raise LexiconError(f"column {repeated[0]!r} appears twice in the header", shown, line)
    return header


def _parse_row(shown: str, line: int, cells: dict[str, str]) -> Row:
    def fail(message: str) -> LexiconError:
        return LexiconError(message, shown, line)

    for column, value in cells.items():
        if value != value.strip():
            raise fail(f"column {column!r} has leading or trailing whitespace: {value!r}")
    cells = {column: unicodedata.normalize("NFC", value) for column, value in cells.items()}

    entity_id = cells["id"]
    if not entity_id:
        raise fail("missing id")
    if not ID_PATTERN.fullmatch(entity_id):
        raise fail(f"malformed id {entity_id!r} (expected lowercase 'type:part:part', e.g. place:vn:ha-noi)")
    mode = cells.get("mode", "")
    if mode not in MODES:
        raise fail(f"unknown mode {mode!r} (expected empty, 'replace' or 'extend')")
    entity_type = cells.get("type", "")
    if mode == "extend" and not entity_type:
        entity_type = entity_id.split(":", 1)[0]
    if not entity_type:
        raise fail(f"missing type for {entity_id}")
    if entity_type not in ENTITY_TYPES:
        raise fail(f"unknown type {entity_type!r} (expected one of {', '.join(ENTITY_TYPES)})")
    if not entity_id.startswith(entity_type + ":"):
        raise fail(f"id {entity_id!r} must start with its type {entity_type + ':'!r}")
    source = cells["source"]
    if not source:
        raise fail(f"missing source for {entity_id}")

    if mode == "extend":
        extra = [c for c, v in cells.items() if v and c not in (*EXTENDABLE_COLUMNS, "id", "type", "mode", "source")]
        if extra:
            raise fail(f"an 'extend' row may only add names, aliases and abbreviations, not {extra[0]!r}")

    names = _names(fail, cells)
    if mode != "extend" and not any(name.kind == "name" for name in names):
        raise fail(f"{entity_id} has no name: fill at least one of the columns {', '.join(NAME_COLUMNS)}")
    if mode == "extend" and not names:
        raise fail(f"an 'extend' row for {entity_id} adds nothing")

    valid_from = _date(fail, "valid_from", cells.get("valid_from", ""))
    valid_to = _date(fail, "valid_to", cells.get("valid_to", ""))
    if valid_from and valid_to and valid_from > valid_to:
        raise fail(f"valid_from {valid_from} is after valid_to {valid_to}")
    parent = _reference(fail, "parent", entity_id, cells.get("parent", ""))
    successor = _reference(fail, "successor", entity_id, cells.get("successor", ""))
    return Row(
        path=shown, line=line, id=entity_id, type=entity_type, mode=mode, names=names,
        sources=(source,), parent=parent, successor=successor,
        valid_from=valid_from, valid_to=valid_to,
    )


def _names(fail, cells: dict[str, str]) -> tuple[Name, ...]:
    names = [Name(cells[lang], lang, "name") for lang in NAME_COLUMNS if cells.get(lang)]
    for kind, column in (("alias", "aliases"), ("abbr", "abbr")):
        value = cells.get(column, "")
        if not value:
            continue
        for item in value.split(ITEM_SEPARATOR):
            lang, colon, text = item.partition(":")
            if not colon or not LANG_PATTERN.fullmatch(lang):
                raise fail(f"{column} item {item!r} needs a language prefix, e.g. 'en:{item}'")
            if not text or text != text.strip():
                raise fail(f"{column} item {item!r} has an empty or space-padded text")
            names.append(Name(text, lang, kind))
    for name in names:
        if len(name.text) > MAX_NAME_CHARS:
            what = "name" if name.kind == "name" else name.kind
            raise fail(
                f"{what} {name.text[:40]!r}… is {len(name.text):,} characters long, longer than "
                f"{MAX_NAME_CHARS} (the most a name may have)"
            )
    return tuple(dict.fromkeys(names))  # duplicates dropped, first order kept


def _date(fail, column: str, value: str) -> date | None:
    if not value:
        return None
    if not DATE_PATTERN.fullmatch(value):
        raise fail(f"bad date in {column}: {value!r} (expected YYYY-MM-DD)")
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise fail(f"bad date in {column}: {value!r} ({error})") from None


def _reference(fail, column: str, entity_id: str, value: str) -> str | None:
    if not value:
        return None
    if not ID_PATTERN.fullmatch(value):
        raise fail(f"malformed {column} id {value!r}")
    if value == entity_id:
        raise fail(f"{entity_id} names itself as its {column}")
    return value
