"""The seed articles through the doors users already work from: spaCy, Python's codecs, pandas.

1. A blank English spaCy pipeline with ``nlp.add_pipe("sinoviet")`` sets each article's entities,
   with the lexicon's ids in ``ent.kb_id_``.
2. The first line of an article written in TCVN 5712 with Python's own
   ``open(..., encoding="tcvn5712")`` (the legacy tables are codecs once toolkit is imported) and
   read back the same way.
3. The articles' first lines as a pandas Series, with a gap, folded by ``Folder().map``.

    .venv/bin/python examples/seeds_where_users_work.py
"""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

import toolkit

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def main() -> None:
    import spacy

    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]

    nlp = spacy.blank("en")
    nlp.add_pipe("sinoviet")
    ids = Counter(ent.kb_id_ for doc in nlp.pipe(texts) for ent in doc.ents)
    print(f"spaCy: {sum(ids.values())} entities in {len(texts)} articles; most named:")
    for entity, count in ids.most_common(5):
        print(f"  {count:3}  {entity}")

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "seed.tcvn5712.txt"
        line = texts[0].splitlines()[0].replace("—", "-").replace("–", "-")  # VN1 has no dashes
        with open(path, "w", encoding="tcvn5712") as out:
            out.write(line)
        with open(path, encoding="tcvn5712") as back:
            print(f"\ncodec: {path.stat().st_size} bytes of TCVN 5712 read back as {back.read()!r}")

    import pandas as pd

    column = pd.Series([text.splitlines()[0] for text in texts[:2]] + [None])
    print("\npandas:", toolkit.Folder().map(column).tolist())


if __name__ == "__main__":
    main()
