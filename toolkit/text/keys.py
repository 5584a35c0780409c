"""The key functions: what a written name is compared by, one function per use.

=================  ===========================  ==============================================
function           ``Hà Nội–Trung Quốc`` →      used by
=================  ===========================  ==============================================
``search_key``     ``ha noi trung quoc``        ``toolkit.fold``: search, match, aliases,
                                                exports, Chinese readings, the linker's context
``scan_key``       ``Ha Noi Trung Quoc``        the text the linker's automaton runs over
``link_key``       ``ha noi trung quoc``        the keys of the alias index (a scan hit's key)
``name_key``       ``hà nội-trung quốc``        the lexicon's exact-match key of a name
``marked_key``     ``hà nội–trung quốc``        the linker's written-form checks (same marks?)
=================  ===========================  ==============================================

Two pairs differ on purpose:

- ``link_key`` lower-cases the scan key where ``search_key`` casefolds the text (``ß`` stays
  ``ß``, ``ς`` stays ``ς``): a hit is found in the scan key, which keeps case, and the index must
  be keyed by exactly what lower-casing a hit gives. For Vietnamese, Chinese and English names
  the two agree.
- ``name_key`` squashes whitespace and writes every dash as one ``-``, so two lexicon rows
  collide only when they claim one written name; ``marked_key`` only normalises and casefolds,
  as the linker compares a span of the text with one name's surface as written.

The NIL cluster key (``toolkit.linking.clustering.cluster_key``) reads a name into pinyin, and
the aligned scan key (``toolkit.linking.aligned.aligned_key``) is the scan key laid out one
character per text character; both live with the machinery they need.
"""

from __future__ import annotations

import re
import unicodedata

from toolkit.text.folding import fold


def search_key(text: str) -> str:
    """The search key (``toolkit.fold``): casefolded, mark-free, đ→d, i/y merged, punctuation squashed."""
    return fold(text)


def scan_key(text: str) -> str:
    """``Hà Nội–Trung Quốc`` → ``Ha Noi Trung Quoc``: the search key with its case kept."""
    return fold(text, keep_case=True)


def link_key(text: str) -> str:
    """The key the alias index is keyed by: the scan key in lower case."""
    return fold(text, keep_case=True).lower()


# hyphen, non-breaking hyphen, figure/en/em dashes, horizontal bar, minus: one dash in a key,
# with no space around it (the press writes "Việt Nam–China", "Việt Nam - China", "Việt Nam -China")
_DASHES = re.compile(r"\s*[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]\s*")


def name_key(text: str) -> str:
    """The exact-match key of a name: NFC, case-folded, whitespace squashed, dashes unified.

    Deliberately weaker than the search key (tones and marks stay): ``Hà Nội`` and ``hà nội``
    share a key, ``Ha Noi`` does not, so two rows only collide when they claim the same written name.
    """
    squashed = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    return _DASHES.sub("-", squashed)


def marked_key(text: str) -> str:
    """``text`` in NFC and casefolded, marks kept: whether two spellings carry the same marks."""
    return unicodedata.normalize("NFC", text).casefold()


__all__ = ["link_key", "marked_key", "name_key", "scan_key", "search_key"]
