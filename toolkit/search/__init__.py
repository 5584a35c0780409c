"""Search that finds every rendering: an SQLite FTS5 index over folded, segmented text and linked
entity ids, queried through the alias table (``build_index``, ``search``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit.lazy import lazy_exports

if TYPE_CHECKING:  # what type checkers and IDEs see; at run time each name is imported on first use
    from toolkit.search.index import IndexReport, build_index, index_document, index_text
    from toolkit.search.query import SearchHit, SearchIndex, search
    from toolkit.search.segmenting import companion, segment_han

_EXPORTS: dict[str, str] = {
    "build_index": "toolkit.search.index",
    "index_document": "toolkit.search.index",
    "index_text": "toolkit.search.index",
    "IndexReport": "toolkit.search.index",
    "search": "toolkit.search.query",
    "SearchIndex": "toolkit.search.query",
    "SearchHit": "toolkit.search.query",
    "companion": "toolkit.search.segmenting",
    "segment_han": "toolkit.search.segmenting",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, globals(), _EXPORTS)
