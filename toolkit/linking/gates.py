"""Border gates named without their designator: Tân Thanh, Huu Nghi–Youyi Guan, 友谊关.

The lexicon names a gate with its designator (``Cửa khẩu Tân Thanh``, ``Tan Thanh Border Gate``,
``东兴口岸``), and news often drops it where the context says "gate" anyway: "cặp cửa khẩu Trà
Lĩnh – Long Bang", "the Huu Nghi–Youyi Guan pair", "the Tan Thanh and Chi Ma gates". A bare name
alone is often a commune, a town or a word (Hữu Nghị is "friendship"), so it names the gate only
with a cue: a gate word (``designators.tsv``, kind ``gate``) just before or after it, or a dash
joining it to another gate.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from toolkit.designators import place_words
from toolkit.linking.mentions import Mention
from toolkit.linking.spans import TakenSpans
from toolkit.text.keys import search_key
from toolkit.text.script import JOINING_DASHES

GATE_SCORE = 0.7
_CUE_REACH = 30  # characters either side in which a gate word makes a bare name the gate's


def _is_gate(entity_id: str | None) -> bool:
    return ":gate:" in (entity_id or "")


def bare_names(entity) -> set[str]:
    """A gate's names without their designator words: ``Cửa khẩu quốc tế Hữu Nghị`` → ``Hữu Nghị``."""
    words = place_words().gate_words
    found = set()
    for name in entity.names:
        text = name.text
        folded = search_key(text)
        for word in words:
            key = search_key(word)
            quoted = re.escape(key)
            stripped = re.sub(rf"^{quoted}( quoc te)? |( international)? {quoted}$", "", folded)
            if stripped != folded:
                # keep the written form: cut as many words from the text as from the key
                cut = len(folded.split()) - len(stripped.split())
                pieces = text.split()
                text_bare = " ".join(pieces[cut:] if folded.startswith(key) else pieces[:len(pieces) - cut])
                if text_bare and len(text_bare.split()) <= 3:
                    found.add(text_bare)
                break
        if name.lang == "zh" and text.endswith("口岸") and len(text) > 3:
            found.add(text[:-2])
    return found


def gate_table(lexicon) -> tuple[re.Pattern | None, dict[str, tuple[str, ...]]]:
    """The bare names of the lexicon's gates as one pattern, and each name's gates (kept per
    index: ``AliasIndex.bare_gates``)."""
    by_form: dict[str, set[str]] = {}
    for entity_id in lexicon.ids():  # ids only: a restored lexicon decodes just the gates
        if _is_gate(entity_id):
            for form in bare_names(lexicon[entity_id]):
                by_form.setdefault(form, set()).add(entity_id)
    if not by_form:
        return None, {}
    forms = sorted(by_form, key=len, reverse=True)
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, forms)) + r")(?![^\W_])")
    return pattern, {form: tuple(sorted(ids)) for form, ids in by_form.items()}


def bare_gate_mentions(text: str, index, mentions: list[Mention]) -> list[Mention]:
    """Gates named by their bare names where the context says "gate" (see the module's note)."""
    if not _may_hold_a_gate(text):
        return []
    pattern, by_form = index.bare_gates
    if pattern is None:
        return []
    hits = [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]
    if not hits:
        return []
    taken = TakenSpans((m.start, m.end) for m in mentions)
    # the spans a bare name may be dashed to: gates already found, and the other bare names
    neighbours = sorted({(m.start, m.end) for m in mentions if _is_gate(m.entity)} | {(s, e) for s, e, _ in hits})
    found: list[Mention] = []
    for start, end, form in hits:
        ids = by_form[form]
        if len(ids) != 1 or taken.overlaps(start, end):
            continue
        dashed = _dashed_to_a_gate(text, start, end, neighbours)
        cue = _cue(text, start, end)
        if cue is None and not dashed:
            continue
        if cue is not None and not dashed and not taken.overlaps(*cue):
            # one gate with its designator: the designator is part of the name (cửa khẩu Tân
            # Thanh, the Tan Thanh border gate); a pair under one designator keeps bare names
            start, end = min(start, cue[0]), max(end, cue[1])
        found.append(Mention(start, end, text[start:end], ids[0], "place", GATE_SCORE, ids[0]))
        taken.add(start, end)
    return found


def _may_hold_a_gate(text: str) -> bool:
    """A gate word or a dash somewhere in the text: without one no bare name is cued."""
    if any(c in text for c in JOINING_DASHES):
        return True
    lowered = text.lower()
    return any(word in lowered for word in place_words().gate_words)


def _cue(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of a gate word right before the name or right after it, if there is one."""
    before = text[max(0, start - _CUE_REACH):start]
    lowered_before = before.lower()
    after = text[end:end + _CUE_REACH]
    lowered_after = after.lower()
    for word in place_words().gate_words:
        if lowered_before.endswith(word + " "):
            return start - len(word) - 1, start
        if _first_words(lowered_after, word):
            gap = len(after) - len(after.lstrip(" "))
            return end, end + gap + len(word)
    return None


def _first_words(after: str, word: str) -> bool:
    stripped = after.lstrip(" ")
    return stripped.startswith(word) and not stripped[len(word):len(word) + 1].isalpha()


def _dashed_to_a_gate(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a dash joins the name to the span right before or right after it."""
    i = bisect_left(spans, (start, end))
    before = spans[i - 1] if i > 0 else None
    after = spans[i + 1] if i + 1 < len(spans) and spans[i] == (start, end) else (spans[i] if i < len(spans) and spans[i] != (start, end) else None)
    for between in ((text[before[1]:start] if before and before[1] <= start else None),
                    (text[end:after[0]] if after and end <= after[0] else None)):
        if between is not None and len(between) <= 3 and between.strip(" ") and set(between.strip(" ")) <= set(JOINING_DASHES):
            return True
    return False


__all__ = ["GATE_SCORE", "bare_gate_mentions", "bare_names"]
