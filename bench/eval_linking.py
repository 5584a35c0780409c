"""Linking quality on the gold sets: (span, id) precision, recall and F1, and NIL clustering.

    .venv/bin/python bench/eval_linking.py [--errors] [--ner]

``--ner``: Vietnamese unknown names proposed by underthesea's NER instead of capitalised runs.

Seeds: ``tests/data/seeds-gold.jsonl`` over ``seeds/*.txt``. Composed documents:
``tests/data/linking-gold-{vi,zh,en}.jsonl`` (see ``tests/data/make_linking_gold.py``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from toolkit.linking import link  # noqa: E402
from toolkit.linking.evaluation import b_cubed, link_scores  # noqa: E402

DATA = REPO / "tests" / "data"


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def seed_sets():
    gold = _rows(DATA / "seeds-gold.jsonl")
    predicted = []
    for name in sorted({row["file"] for row in gold}):
        text = (REPO / "seeds" / name).read_text(encoding="utf-8")
        predicted += [(name, m.start, m.end, m.entity) for m in link(text, ner=NER) if m.entity]
    return [(r["file"], r["start"], r["end"], r["entity"]) for r in gold], predicted


NIL_PROPOSALS: dict[str, list[int]] = {}
NER = "--ner" in sys.argv


def composed_sets(lang: str):
    gold, predicted, nil_pairs = [], [], []
    proposals = NIL_PROPOSALS.setdefault(lang, [0, 0])
    for document in _rows(DATA / f"linking-gold-{lang}.jsonl"):
        mentions = link(document["text"], ner=NER)
        by_span = {(m.start, m.end): m for m in mentions}
        predicted += [(document["id"], m.start, m.end, m.entity) for m in mentions if m.entity]
        gold_nil_spans = {(g["start"], g["end"]) for g in document["mentions"] if not g["entity"]}
        unknown = [(m.start, m.end) for m in mentions if m.entity is None]
        proposals[0] += len(unknown)
        proposals[1] += sum(1 for span in unknown if span in gold_nil_spans)
        for g in document["mentions"]:
            if g["entity"]:
                gold.append((document["id"], g["start"], g["end"], g["entity"]))
            else:
                found = by_span.get((g["start"], g["end"]))
                nil_pairs.append((g["cluster"], found.cluster if found else f"missed:{document['id']}:{g['start']}"))
    return gold, predicted, nil_pairs


def main() -> None:
    show_errors = "--errors" in sys.argv
    sets = {"seeds (en)": seed_sets()}
    all_nil = []
    for lang in ("vi", "zh", "en"):
        gold, predicted, nil_pairs = composed_sets(lang)
        sets[f"composed {lang}"] = (gold, predicted)
        all_nil += nil_pairs
    gold, predicted, heldout_nil = composed_sets("heldout")
    sets["held-out"] = (gold, predicted)
    for name, (gold, predicted) in sets.items():
        print(f"{name:14} {link_scores(gold, predicted)}")
        if show_errors:
            for miss in sorted(set(gold) - set(predicted)):
                print("   missed  ", miss)
            for extra in sorted(set(predicted) - set(gold)):
                print("   spurious", extra)
    composed_gold = [g for name, (gold, _) in sets.items() if name.startswith("composed") for g in gold]
    composed_predicted = [p for name, (_, predicted) in sets.items() if name.startswith("composed") for p in predicted]
    print(f"{'composed all':14} {link_scores(composed_gold, composed_predicted)}")
    _print_nil("NIL clustering, composed", all_nil, show_errors)
    _print_nil("NIL clustering, held-out", heldout_nil, show_errors)
    _print_nil("NIL clustering, all", all_nil + heldout_nil, False)
    for lang, (proposed, right) in NIL_PROPOSALS.items():
        print(f"unknown-name proposals ({lang}): {proposed}, of which {right} are gold unknown names")


def _print_nil(label: str, all_nil: list, show_errors: bool) -> None:
    precision, recall, f1 = b_cubed(all_nil)
    found = sum(1 for _, predicted in all_nil if not predicted.startswith("missed:"))
    print(f"{label}: {len(all_nil)} gold unknown-name mentions, {found} found with exact span; "
          f"B-cubed P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
    if show_errors:
        for gold, predicted in all_nil:
            print("   ", gold, "->", predicted)


if __name__ == "__main__":
    main()
