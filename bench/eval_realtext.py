"""Linking quality on the real-text development sets (``tests/data/realtext/*.jsonl``).

    .venv/bin/python bench/eval_realtext.py [--errors] [--only zh-hant,vi-1]

Per file and per language, over documents annotated by hand from real news pages:

- mentions: spans found with exactly the gold offsets, known or unknown (precision over every
  mention the linker gives, recall over every gold mention);
- linking: (span, id) precision and recall for mentions of lexicon entities, and accuracy (the
  right id) over the gold known mentions found with their span;
- short forms: recall of (span, id) on gold mentions marked ``short`` (known people) and of the
  span on unknown ones;
- unknown names (and unknown people alone) across languages: pairwise F1 over pairs of gold unknown-name mentions from
  documents of different languages (a pair is predicted together when the linker gives both the
  same cluster key; a mention not found with its span is in a cluster of its own).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from toolkit.linking import link  # noqa: E402

REALTEXT = REPO / "tests" / "data" / "realtext"


def documents(only: set[str] | None = None) -> dict[str, list[dict]]:
    found = {}
    for path in sorted(REALTEXT.glob("*.jsonl")):
        if only and path.stem not in only:
            continue
        found[path.stem] = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return found


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "-"


class Tally:
    def __init__(self) -> None:
        self.spans_right = self.spans_predicted = self.spans_gold = 0
        self.links_right = self.links_predicted = self.links_gold = 0
        self.known_found = self.known_found_right = 0
        self.short_gold = self.short_right = 0
        self.errors: list[str] = []

    def add(self, document: dict, mentions) -> None:
        gold = {(g["start"], g["end"]): g for g in document["mentions"]}
        predicted = {(m.start, m.end): m for m in mentions}
        self.spans_gold += len(gold)
        self.spans_predicted += len(predicted)
        self.spans_right += len(gold.keys() & predicted.keys())
        gold_links = {span for span, g in gold.items() if g["entity"]}
        predicted_links = {span for span, m in predicted.items() if m.entity}
        self.links_gold += len(gold_links)
        self.links_predicted += len(predicted_links)
        for span, g in gold.items():
            m = predicted.get(span)
            if g["entity"]:
                if m is not None:
                    self.known_found += 1
                    self.known_found_right += m.entity == g["entity"]
                if m is not None and m.entity == g["entity"]:
                    self.links_right += 1
                else:
                    self.errors.append(f"{document['id']}  missed  {g['text']!r} {span} {g['entity']}"
                                       + (f"  (got {m.entity})" if m is not None else ""))
            elif m is None:
                self.errors.append(f"{document['id']}  missed  {g['text']!r} {span} NIL")
            if g.get("short"):
                self.short_gold += 1
                self.short_right += m is not None and m.entity == g["entity"]
        for span, m in predicted.items():
            g = gold.get(span)
            if g is None:
                self.errors.append(f"{document['id']}  extra   {m.text!r} {span} {m.entity or m.cluster}")
            elif m.entity and m.entity != g["entity"]:
                self.errors.append(f"{document['id']}  wrong   {m.text!r} {span} {m.entity} (gold {g['entity']})")

    def lines(self) -> list[str]:
        return [
            f"  mentions  P {_ratio(self.spans_right, self.spans_predicted)}  R {_ratio(self.spans_right, self.spans_gold)}",
            f"  linking   P {_ratio(self.links_right, self.links_predicted)}  R {_ratio(self.links_right, self.links_gold)}"
            f"  accuracy where found {_ratio(self.known_found_right, self.known_found)}",
            f"  short forms recall {_ratio(self.short_right, self.short_gold)}",
        ]


def pairwise_across_languages(rows: list[tuple[str, str, str]]) -> tuple[float, float, float, int]:
    """(language, gold cluster, predicted cluster) per gold unknown-name mention → P, R, F1, gold pairs."""
    true_positive = predicted_pairs = gold_pairs = 0
    for i, (lang_a, gold_a, predicted_a) in enumerate(rows):
        for lang_b, gold_b, predicted_b in rows[i + 1:]:
            if lang_a == lang_b:
                continue
            same_gold, same_predicted = gold_a == gold_b, predicted_a == predicted_b
            gold_pairs += same_gold
            predicted_pairs += same_predicted
            true_positive += same_gold and same_predicted
    precision = true_positive / predicted_pairs if predicted_pairs else 1.0
    recall = true_positive / gold_pairs if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, gold_pairs


def main() -> None:
    show_errors = "--errors" in sys.argv
    only = None
    if "--only" in sys.argv:
        only = set(sys.argv[sys.argv.index("--only") + 1].split(","))
    by_file = documents(only)
    by_lang: dict[str, Tally] = defaultdict(Tally)
    nil_rows: list[tuple[str, str, str]] = []
    people_rows: list[tuple[str, str, str]] = []
    for name, docs in by_file.items():
        tally = Tally()
        for document in docs:
            mentions = link(document["text"])
            tally.add(document, mentions)
            by_lang[document["lang"]].add(document, mentions)
            predicted = {(m.start, m.end): m for m in mentions}
            for g in document["mentions"]:
                if g["entity"] is None:
                    m = predicted.get((g["start"], g["end"]))
                    found = m.cluster if m is not None and m.entity is None else f"missed:{document['id']}:{g['start']}"
                    nil_rows.append((document["lang"], g["cluster"], found))
                    if g["type"] == "person":
                        people_rows.append((document["lang"], g["cluster"], found))
        gold_count = sum(len(d["mentions"]) for d in docs)
        print(f"{name}: {len(docs)} paragraphs, {gold_count} gold mentions")
        print("\n".join(tally.lines()))
        if show_errors:
            print("\n".join("    " + e for e in tally.errors))
    for lang, tally in sorted(by_lang.items()):
        print(f"all {lang}:")
        print("\n".join(tally.lines()))
    for label, rows in (("unknown names", nil_rows), ("unknown people", people_rows)):
        precision, recall, f1, pairs = pairwise_across_languages(rows)
        print(f"{label} across languages: {pairs} gold pairs; pairwise P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")


if __name__ == "__main__":
    main()
