"""Link real news paragraphs in three languages and show where their unknown names meet.

The paragraphs are from ``tests/data/realtext/`` (each with its page's address): a Chinese one in
traditional characters, a simplified one, a Vietnamese one and an English one by default, or the
ids given. Each mention is printed with its lexicon id, or ``nil:…`` cluster for a name the
lexicon lacks; then the clusters that more than one language names.

    .venv/bin/python examples/link_real_paragraphs.py [ID...]
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from toolkit.linking import link

REALTEXT = Path(__file__).resolve().parents[1] / "tests" / "data" / "realtext"
DEFAULT_IDS = ["zh-hant-15", "zh-hans-09", "vi-1-01", "en-1-20"]


def paragraphs(ids: list[str]) -> list[dict]:
    wanted = {paragraph_id.rsplit("-", 1)[0] for paragraph_id in ids}
    found = {}
    for name in sorted(wanted):
        path = REALTEXT / f"{name}.jsonl"
        if not path.is_file():
            raise SystemExit(f"no development set {path.name} for {[i for i in ids if i.startswith(name)]}")
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                found[record["id"]] = record
    missing = [paragraph_id for paragraph_id in ids if paragraph_id not in found]
    if missing:
        raise SystemExit(f"no paragraph {', '.join(missing)} in {REALTEXT}")
    return [found[paragraph_id] for paragraph_id in ids]


def main(ids: list[str]) -> None:
    languages_of = defaultdict(set)
    for record in paragraphs(ids):
        print(f"{record['id']} ({record['url']})")
        for mention in link(record["text"]):
            print(f"  {mention.text} -> {mention.entity or mention.cluster}")
            if mention.entity is None:
                languages_of[mention.cluster].add(record["lang"])
        print()
    print("unknown names met in more than one language:")
    for cluster, languages in sorted(languages_of.items()):
        if len(languages) > 1:
            print(f"  {cluster}: {', '.join(sorted(languages))}")


if __name__ == "__main__":
    main(sys.argv[1:] or DEFAULT_IDS)
