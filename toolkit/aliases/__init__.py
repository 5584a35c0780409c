"""Alias tables: every written form of every entity, built from lexicons and corpora, diffed and
written to disk (exports to search engines live in ``toolkit.exports``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit.lazy import lazy_exports

if TYPE_CHECKING:  # what type checkers and IDEs see; at run time each name is imported on first use
    from toolkit.aliases.build import table_from_lexicon
    from toolkit.aliases.diff import AliasDiff, diff_tables
    from toolkit.aliases.mining import (
        DocumentNames,
        Mined,
        document_names,
        mine_corpus,
        mine_names,
        names_in_text,
    )
    from toolkit.aliases.model import AliasAmbiguity, AliasRow, AliasTable, KINDS
    from toolkit.aliases.tableio import AliasTableError, read_table, write_table

_EXPORTS: dict[str, str] = {
    "AliasRow": "toolkit.aliases.model",
    "AliasTable": "toolkit.aliases.model",
    "AliasAmbiguity": "toolkit.aliases.model",
    "KINDS": "toolkit.aliases.model",
    "table_from_lexicon": "toolkit.aliases.build",
    "mine_corpus": "toolkit.aliases.mining",
    "mine_names": "toolkit.aliases.mining",
    "document_names": "toolkit.aliases.mining",
    "names_in_text": "toolkit.aliases.mining",
    "DocumentNames": "toolkit.aliases.mining",
    "Mined": "toolkit.aliases.mining",
    "diff_tables": "toolkit.aliases.diff",
    "AliasDiff": "toolkit.aliases.diff",
    "read_table": "toolkit.aliases.tableio",
    "write_table": "toolkit.aliases.tableio",
    "AliasTableError": "toolkit.aliases.tableio",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, globals(), _EXPORTS)
