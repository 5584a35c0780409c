"""Vietnamese word evidence: how much of a text reads as marked Vietnamese syllables.

Only words that hold a non-ASCII character are looked at (plain ASCII words are neutral:
they read the same in every candidate decoding).  A word that is a well-formed Vietnamese
syllable with at most one tone mark counts +1, and +1 more when it is one of the common
marked function words; any other word with a non-ASCII character counts -1.  Candidate
decodings of the same bytes are compared on this net score (see :func:`pick`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

SAMPLE_CHARS = 20_000  # evidence is read from this much text at most (thousands of words)

# Marked function words and very common syllables (NFC, lower case).
FUNCTION_WORDS = frozenset(
    "của được những người không trong với là và các một cho đã này có để đến từ về nhiều đó "
    "khi năm thì sẽ nhưng cũng tại theo như đang ở vào bị rằng hơn mà nước việt thể chúng "
    "tôi sự đi làm nói lại trên dưới sau trước giữa hoặc nếu vì nên đây ấy gì nào còn đều phải "
    "chỉ rất lên xuống ngày tỉnh thành phố huyện xã đồng bộ chính quốc hội đề nghị nội".split()
)

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
_NUCLEUS = (
    "oai|oay|oao|oeo|uây|uôi|ươi|ươu|uya|uyê|uyu|iêu|yêu|uơi|"
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|oo|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ươ|ưu|ya|yê|"
    "a|ă|â|e|ê|i|o|ô|ơ|u|ư|y"
)
_CODA = "ch|ng|nh|c|m|n|p|t"
_SYLLABLE = re.compile(f"(?:{_ONSET})?(?:{_NUCLEUS})(?:{_CODA})?")
_WORD = re.compile(r"\S*[^\x00-\x7f]\S*")
_EDGE_PUNCTUATION = "\"'()[]{}<>.,;:!?-–—…“”‘’«»*/\\|_=+#%&@^`~"


def _strip_tones(word: str) -> tuple[str, int]:
    decomposed = unicodedata.normalize("NFD", word)
    tones = sum(decomposed.count(mark) for mark in _TONE_MARKS)
    bare = decomposed
    for mark in _TONE_MARKS:
        bare = bare.replace(mark, "")
    return unicodedata.normalize("NFC", bare), tones


@lru_cache(maxsize=1 << 16)
def word_value(word: str) -> int:
    """+2 function word, +1 marked Vietnamese syllable, -1 any other word with non-ASCII."""
    core = word.strip(_EDGE_PUNCTUATION).lower()
    if not core:
        return 0
    if core.isascii():
        return 0
    if core in FUNCTION_WORDS:
        return 2
    bare, tones = _strip_tones(core)
    if tones <= 1 and _SYLLABLE.fullmatch(bare):
        return 1
    return -1


@dataclass(frozen=True)
class Evidence:
    good: int  # points from Vietnamese syllables and function words
    bad: int  # words with non-ASCII characters that are not Vietnamese syllables

    @property
    def net(self) -> int:
        return self.good - self.bad


def evidence(text: str) -> Evidence:
    good = bad = 0
    for word in _WORD.findall(text[:SAMPLE_CHARS]):
        value = word_value(word)
        if value > 0:
            good += value
        elif value < 0:
            bad -= value
    return Evidence(good, bad)


# The margin rule: the best candidate must reach MIN_NET and beat every candidate that
# reads differently by at least max(MIN_MARGIN, RELATIVE_MARGIN x its own net score).
MIN_NET = 2
MIN_MARGIN = 2
RELATIVE_MARGIN = 0.1


def pick(candidates: list[tuple[str, str, int]], variants: dict[str, str] | None = None) -> tuple[str, str] | None:
    """The clear winner among ``(label, text, penalty)`` candidates, or None.

    Candidates that decode to the same text do not compete (the first listed wins the tie), and
    neither do two ``variants`` of one encoding (label → the label of the encoding it extends:
    TCVN 5712 VN1 and its VN3 subset): the better of the two stands for both.
    """
    scored = []
    for order, (label, text, penalty) in enumerate(candidates):
        scored.append((evidence(text).net - penalty, -order, label, text))
    scored.sort(reverse=True)
    if variants:
        families: set[str] = set()
        kept = []
        for entry in scored:  # best first, so the first of a family is its better reading
            family = variants.get(entry[2], entry[2])
            if family not in families:
                families.add(family)
                kept.append(entry)
        scored = kept
    best_net, _, best_label, best_text = scored[0]
    if best_net < MIN_NET:
        return None
    best_sample = best_text[:SAMPLE_CHARS]
    for net, _, _, text in scored[1:]:
        if text[:SAMPLE_CHARS] == best_sample:
            continue
        if best_net - net < max(MIN_MARGIN, RELATIVE_MARGIN * best_net):
            return None
        break
    return best_label, best_text
