"""Index the four seed articles and search them in renderings the articles never use.

The seeds are English news with Vietnamese place spellings (``Hà Nội``, ``Việt Nam``); the queries
below are Chinese characters, Hán-Việt readings and accent-free forms. Each query is expanded
through the alias table, and the matched spans of the original text are marked «like this».

    .venv/bin/python examples/search_seeds.py [QUERY...]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from toolkit.aliases import table_from_lexicon
from toolkit.search import SearchIndex, build_index

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
QUERIES = ["河内", "Tập Cận Bình", "何炜", "Dang Cong san Trung Quoc", "TTXVN", "Vành đai và Con đường",
           "Tô Lâm", "ha noi"]


def main(queries: list[str]) -> None:
    table = table_from_lexicon()
    documents = [(path.name, path.read_bytes()) for path in sorted(SEEDS.glob("*.txt"))]
    with tempfile.TemporaryDirectory() as folder:
        index_path = Path(folder) / "seeds.db"
        report = build_index(index_path, documents, table)
        print(f"indexed {report.documents} seed articles ({report.bytes / 1000:.1f} kB)\n")
        with SearchIndex(index_path) as index:
            for query in queries:
                expansion = index.expand(query)
                named = ", ".join(expansion.entities) or "no known entity"
                hits = index.search(query, limit=4)
                print(f"{query!r} -> {named}: {len(hits)} document(s)")
                for hit in hits:
                    print(f"  {hit.name}: {hit.snippet}")
                print()


if __name__ == "__main__":
    main(sys.argv[1:] or QUERIES)
