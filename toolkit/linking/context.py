"""Context cues: titles before (or, in Chinese, after) a name, and the offices people hold.

A title says a person follows (``Chủ tịch``, ``President``, ``主席``), and which office: the
office picks one of two people sharing a name (``Ambassador He Wei`` is 何炜, not 何维) and lets
a bare surname reach the one office-holder who has it (``Chủ tịch Tập``, ``President Xi``,
``习主席``). Offices come from ``lexicons/linking/roles.tsv``.
"""

from __future__ import annotations

import re
from functools import cache

from toolkit.text.folding import fold

# folded title → offices it names ("" for an honorific that only says: a person follows)
TITLES: dict[str, tuple[str, ...]] = {
    # Vietnamese
    "chu tich nuoc": ("president",), "chu tich": ("president", "chairman"), "tong bi thu": ("general-secretary",),
    "thu tuong": ("prime-minister",), "chu tich quoc hoi": ("chairman",), "pho chu tich": ("vice-chairman",),
    "dai su": ("ambassador",), "bo truong ngoai giao": ("foreign-minister",), "bo truong": ("minister",),
    "nguoi phat ngon": ("spokesperson",), "ong": ("",), "ba": ("",), "dong chi": ("",), "ngai": ("",),
    # English
    "president": ("president",), "general secretary": ("general-secretary",), "prime minister": ("prime-minister",),
    "premier": ("prime-minister",), "chairman": ("chairman",), "vice chairman": ("vice-chairman",),
    "vice chairwoman": ("vice-chairman",), "ambassador": ("ambassador",), "foreign minister": ("foreign-minister",),
    "minister": ("minister",), "spokesperson": ("spokesperson",), "spokesman": ("spokesperson",),
    "spokeswoman": ("spokesperson",), "mr": ("",), "mrs": ("",), "ms": ("",), "madam": ("",),
    # Chinese (after the name, or before it)
    "主席": ("president", "chairman"), "国家主席": ("president",), "总书记": ("general-secretary",),
    "总理": ("prime-minister",), "大使": ("ambassador",), "副主席": ("vice-chairman",), "外长": ("foreign-minister",),
    "部长": ("minister",), "发言人": ("spokesperson",), "同志": ("",), "先生": ("",), "女士": ("",),
}

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
    from toolkit.resources import lexicon_path

    table: dict[str, frozenset[str]] = {}
    path = lexicon_path("linking", "roles.tsv")
    header = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells))
        table[row["id"]] = frozenset(row["roles"].split("|"))
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
    folded = fold(window)
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
