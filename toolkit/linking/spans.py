"""A set of non-overlapping spans that answers "does this span overlap one of yours?" by bisection."""

from __future__ import annotations

from bisect import bisect_left


class TakenSpans:
    """Non-overlapping ``[start, end)`` spans, kept sorted by start."""

    __slots__ = ("_starts", "_ends")

    def __init__(self, spans=()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            self._starts.append(start)
            self._ends.append(end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, end)  # spans starting before our end
        # the spans are disjoint and sorted, so only the last one starting before ``end`` can reach us
        return i > 0 and self._ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        """Add a span that overlaps none already held (the callers check ``overlaps`` first)."""
        i = bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)


__all__ = ["TakenSpans"]
