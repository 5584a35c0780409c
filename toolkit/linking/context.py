"""Context cues: titles before (or, in Chinese, after) a name, and the offices people hold.

A title says a person follows (``Chủ tịch``, ``President``, ``主席``), and which office: the
office picks one of two people sharing a name (``Ambassador He Wei`` is 何炜, not 何维) and lets
a bare surname reach the one office-holder who has it (``Chủ tịch Tập``, ``President Xi``,
``习主席``). Titles come from ``lexicons/linking/titles.tsv``, offices held from ``roles.tsv``.
"""

from __future__ import annotations

import re
from functools import cache

from toolkit.text.keys import search_key
from toolkit.resources import lexicon_path
from toolkit.tables import TableError, read_tsv


def _titles() -> dict[str, tuple[str, ...]]:
    """folded title → offices it names ("" for an honorific that only says: a person follows),
    from ``lexicons/linking/titles.tsv``."""
    path = lexicon_path("linking", "titles.tsv")
    table: dict[str, tuple[str, ...]] = {}
    for number, (title, lang, offices) in read_tsv(path, ("title", "lang", "offices")):
        if lang not in ("vi", "en", "zh") or not title:
            raise TableError(f"expected a title and a language vi, en or zh, got {title!r}, {lang!r}", path, number)
        table[search_key(title)] = tuple(offices.split("|"))
    return table


TITLES: dict[str, tuple[str, ...]] = _titles()

# a title may stand this many folded characters before the name ("Ambassador to Việt Nam He Wei")
_TITLE_REACH = 40
_LATIN_TITLES = sorted((t for t in TITLES if t.isascii()), key=len, reverse=True)
_HAN_TITLES = sorted((t for t in TITLES if not t.isascii()), key=len, reverse=True)
_LATIN_TITLE_OFFICES = {t: TITLES[t] for t in _LATIN_TITLES}
_LATIN_TITLE_WORDS = max(t.count(" ") + 1 for t in _LATIN_TITLES)
# a title a few words back needs one of these words in the tail: most windows have none
_LATIN_TITLE_FIRST_WORDS = frozenset(t.split()[0] for t in _LATIN_TITLES)
_LATIN_TITLE_ANYWHERE = re.compile(r"(?:^| )(" + "|".join(re.escape(t) for t in _LATIN_TITLES) + r")(?= |$)")
_HAN_TITLE = re.compile("|".join(re.escape(t) for t in _HAN_TITLES))
# words that may stand between a title and its name: "Ambassador to Việt Nam", "Chinese Ambassador"
_BRIDGE = re.compile(r"^(?: (?:to|of|in|tai|cua|trung quoc|viet nam|vietnam|china|chinese|vietnamese|[a-z]+ (?:to|of)))* $")


@cache
def roles() -> dict[str, frozenset[str]]:
    """entity id → offices held (``lexicons/linking/roles.tsv``)."""
    table: dict[str, frozenset[str]] = {}
    for _, (entity_id, offices, _source) in read_tsv(lexicon_path("linking", "roles.tsv"), ("id", "roles", "source")):
        table[entity_id] = frozenset(offices.split("|"))
    return table


def title_before(text: str, start: int) -> tuple[str, ...] | None:
    """Offices named by a title just before ``text[start:]``, or None when no title stands there.

    ``("",)`` is an honorific (``ông``, ``Mr``): a person, no office.
    """
    window = text[max(0, start - _TITLE_REACH * 2):start]
    han = _HAN_TITLE.search(window[-6:]) if window else None
    if han and window.endswith(han.group(0)):
        return TITLES[han.group(0)]
    if not window[-1:].isspace():
        return None  # the name is glued to what precedes it: no Latin title
    folded = search_key(window)
    if not folded:
        return None
    last_words = folded.rsplit(" ", _LATIN_TITLE_WORDS)[-_LATIN_TITLE_WORDS:]
    for first in range(len(last_words)):  # the longest title ending the window
        offices = _LATIN_TITLE_OFFICES.get(" ".join(last_words[first:]))
        if offices is not None:
            return offices
    # a title a few connecting words back: "Ambassador to Việt Nam He Wei"
    tail = folded[-_TITLE_REACH:]
    if _LATIN_TITLE_FIRST_WORDS.isdisjoint(tail.split(" ")):
        return None
    for found in _LATIN_TITLE_ANYWHERE.finditer(tail):
        if _BRIDGE.match(tail[found.end():] + " "):
            return TITLES[found.group(1)]
    return None


def title_after(text: str, end: int) -> tuple[str, ...] | None:
    """Offices named by a Chinese title right after a name (``习主席``, ``苏林总书记``)."""
    found = _HAN_TITLE.match(text, end)
    return TITLES[found.group(0)] if found else None


def office_fit(entity_id: str, offices: tuple[str, ...] | None) -> float:
    """1 when the entity holds an office the title names, 0.5 for a bare honorific or an office
    the roles table does not list for anyone named so, 0 without a title."""
    if not offices:
        return 0.0
    held = roles().get(entity_id, frozenset())
    if any(office and (office in held or any(h.endswith("-" + office) for h in held)) for office in offices):
        return 1.0
    return 0.5 if offices == ("",) or "minister" in offices else 0.25


__all__ = ["TITLES", "office_fit", "roles", "title_after", "title_before"]
