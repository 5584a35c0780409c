"""Scoring a linker against gold mentions: (span, id) precision/recall/F1 and NIL clustering.

A prediction counts when its span and its entity id equal a gold mention's (both None for an
unknown name counts only in the clustering score). NIL clustering is scored mention by mention
with B-cubed precision and recall over the gold mentions that are unknown names and were found
with the exact span: each mention's predicted cluster against its gold cluster.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class Scores:
    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __str__(self) -> str:
        return (f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  "
                f"(tp {self.true_positives}, predicted {self.predicted}, gold {self.gold})")


def link_scores(gold: list[tuple], predicted: list[tuple]) -> Scores:
    """``gold`` and ``predicted``: (document, start, end, entity id) for known entities."""
    gold_set, predicted_set = set(gold), set(predicted)
    return Scores(len(gold_set & predicted_set), len(predicted_set), len(gold_set))


def b_cubed(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    """B-cubed (precision, recall, F1) of (gold cluster, predicted cluster) per mention."""
    if not pairs:
        return 1.0, 1.0, 1.0
    by_gold: dict[str, list[int]] = defaultdict(list)
    by_predicted: dict[str, list[int]] = defaultdict(list)
    for i, (gold, predicted) in enumerate(pairs):
        by_gold[gold].append(i)
        by_predicted[predicted].append(i)
    precision = recall = 0.0
    for gold, predicted in pairs:
        same_both = len(set(by_gold[gold]) & set(by_predicted[predicted]))
        precision += same_both / len(by_predicted[predicted])
        recall += same_both / len(by_gold[gold])
    precision, recall = precision / len(pairs), recall / len(pairs)
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


__all__ = ["Scores", "b_cubed", "link_scores"]
