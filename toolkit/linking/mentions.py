"""A mention: a span of the original text, the entity it names (or None), and its cluster."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Mention:
    """``text == original[start:end]``. ``entity`` is a lexicon id, or None for a name the
    lexicons lack; ``cluster`` is shared by every rendering of one name (the entity id for a
    known one, a ``nil:`` key through the name's pinyin for an unknown one). ``score`` is in
    (0, 1]: the weight of the key that matched times how clearly the context chose among the
    entities sharing it (about 0.5 for a homograph the context could not settle)."""

    start: int
    end: int
    text: str
    entity: str | None
    type: str
    score: float
    cluster: str
    # a place name the text gives no cue to settle (a county or commune that many share, with no
    # designator or parent written near it): the entities it may be, and ``entity`` is None
    candidates: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


__all__ = ["Mention"]
