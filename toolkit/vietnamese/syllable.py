"""The Vietnamese syllable: onset + (medial) + nucleus + coda, and one tone.

Parsing works on the written letters. The four parts are spelled segments of the toneless,
lower-case letters, so ``onset + medial + nucleus + coda == syllable.letters`` always. Two
spelling facts shape the segmentation:

* ``qu`` is one onset (its ``u`` is the glide, written into the onset), so ``quý`` is
  ``qu`` + ``y`` and ``quốc`` is ``qu`` + ``ô`` + ``c``.
* ``gi`` is one onset before another vowel (``giữ`` = ``gi`` + ``ư``, ``già`` = ``gi`` + ``a``);
  when no vowel follows, the ``i`` is the nucleus and the onset is written ``g``
  (``gìn`` = ``g`` + ``i`` + ``n``, ``gì`` = ``g`` + ``i``).

Spelling is checked the way Vietnamese orthography writes it (c/k/q, g/gh, ng/ngh, i/y
positions, which codas follow which nuclei, and that syllables closed by p/t/c/ch only take
sắc or nặng). Names from minority languages spelled outside those rules (``Đắk``, ``Kon``) are
not syllables here.

Where the tone mark goes is a property of the structure, not of a word list: see
``tone_position``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from toolkit.vietnamese.letters import DECOMPOSE, Tone

TONE_STYLES = ("old", "new")

ONSETS: tuple[str, ...] = (
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
)  # fmt: skip

_FRONT_VOWEL_STARTS = ("i", "y", "e", "ê")  # letters after which k/gh/ngh are written

# nucleus -> codas it takes (with no glide before it)
_NUCLEUS_CODAS: dict[str, frozenset[str]] = {
    nucleus: frozenset(codas.split(" ")) if codas else frozenset({""})
    for nucleus, codas in {
        "a": " c ch m n ng nh p t i y o u",
        "ă": "c m n ng p t",
        "â": "c m n ng p t y u",
        "e": " c m n ng p t o",
        "ê": " ch m n nh p t u",
        "i": " ch m n nh p t u",
        "y": "",
        "o": " c m n ng p t i",
        "oo": "c ng",
        "ô": " c m n ng p t i",
        "ơ": " m n p t i",
        "u": " c m n ng p t i",
        "ư": " c m n ng t i u",
        "iê": "c m n ng p t u",
        "yê": "m n ng t u",
        "ia": "",
        "ua": "",
        "ưa": "",
        "uô": "c m n ng t i",
        "ươ": "c m n ng p t i u",
    }.items()
}

# (glide, nucleus) -> codas it takes; the glide is written o before a/ă/e and u elsewhere
_GLIDED_CODAS: dict[tuple[str, str], frozenset[str]] = {
    key: frozenset(codas.split(" "))
    for key, codas in {
        ("o", "a"): " c ch m n ng nh p t i y o",
        ("o", "ă"): "c m n ng p t",
        ("o", "e"): " c m n ng p t o",
        ("u", "â"): "c m n ng t y",
        ("u", "ê"): " ch n nh t",
        ("u", "y"): " ch n nh p t u",
        ("u", "yê"): "n t",
        ("u", "ya"): "",
        ("u", "ơ"): "",
    }.items()
}

# after qu (whose u is the glide): nucleus -> codas
_AFTER_QU: dict[str, frozenset[str]] = {
    nucleus: frozenset(codas.split(" "))
    for nucleus, codas in {
        "a": " c ch m n ng nh p t i y o u",
        "ă": "c m n ng p t",
        "â": "c m n ng t y",
        "e": " c n ng t o",
        "ê": " ch n nh t u",
        "i": " ch n nh t",
        "y": " ch n nh p t u",
        "yê": "n t",
        "ô": "c",
        "ơ": " i n",
    }.items()
}


_STOP_CODAS = frozenset({"p", "t", "c", "ch"})
_STOP_TONES = frozenset({Tone.ACUTE, Tone.DOT})

_RISING_DIPHTHONGS = frozenset({"iê", "yê", "uô", "ươ", "oo"})  # mark on the second letter
_OLD_STYLE_GLIDE_MARKED = frozenset({"a", "e", "y"})  # old style: hòa, hòe, thủy


def _rimes() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """Every written rime (glide + nucleus + coda) -> its possible segmentations."""
    table: dict[str, list[tuple[str, str, str]]] = {}
    for nucleus, codas in _NUCLEUS_CODAS.items():
        for coda in codas:
            table.setdefault(nucleus + coda, []).append(("", nucleus, coda))
    for (glide, nucleus), codas in _GLIDED_CODAS.items():
        for coda in codas:
            table.setdefault(glide + nucleus + coda, []).append((glide, nucleus, coda))
    return {rime: tuple(parts) for rime, parts in table.items()}


_RIMES = _rimes()
_QU_RIMES = {nucleus + coda: ("", nucleus, coda) for nucleus, codas in _AFTER_QU.items() for coda in codas}
# qu with the glide o written too: quoàng, quoạng, quoắt, the only such syllables in use
_QU_RIMES.update({"oang": ("o", "a", "ng"), "oăt": ("o", "ă", "t")})


def written_rimes() -> frozenset[str]:
    """Every rime (glide + nucleus + coda) the model allows, as written (after qu included)."""
    return frozenset(_RIMES) | frozenset(_QU_RIMES)


@dataclass(frozen=True, slots=True)
class Syllable:
    """One parsed syllable. Parts are lower case and toneless; ``text`` is the token as given."""

    onset: str
    medial: str
    nucleus: str
    coda: str
    tone: Tone
    case: str  # "lower", "upper", "title" or "mixed"
    text: str

    @property
    def letters(self) -> str:
        return self.onset + self.medial + self.nucleus + self.coda

    @property
    def rime(self) -> str:
        return self.medial + self.nucleus + self.coda

    def tone_position(self, style: str = "old") -> int:
        """Index in ``letters`` (and in ``text``) of the letter that carries the tone mark."""
        return tone_position(self.onset, self.medial, self.nucleus, self.coda, style)


def tone_position(onset: str, medial: str, nucleus: str, coda: str, style: str = "old") -> int:
    """Which letter carries the mark, from structure alone.

    The nucleus carries it; in a rising diphthong (iê yê uô ươ, and the long ``oo``) its second
    letter, in a falling one (ia ya ua ưa) its first. The styles differ in one case only: a
    glide before a, e or y with no coda (``hoa``, ``hoe``, ``thuy``) takes the mark in the old
    style (``hòa``, ``thủy``) and leaves it on the nucleus in the new one (``hoà``, ``thuỷ``).
    """
    if style not in TONE_STYLES:
        raise ValueError(f"tone style must be one of {TONE_STYLES}, got {style!r}")
    start = len(onset) + len(medial)
    if style == "old" and medial and not coda and nucleus in _OLD_STYLE_GLIDE_MARKED:
        return len(onset)
    if nucleus in _RISING_DIPHTHONGS:
        return start + 1
    return start


def _onset_fits(onset: str, rime: str) -> bool:
    front = rime.startswith(_FRONT_VOWEL_STARTS)
    if onset in ("k", "gh", "ngh"):
        return front
    if onset in ("c", "ng", "g"):
        return not front
    return True


def _segment(letters: str) -> tuple[str, str, str, str] | None:
    for onset in ONSETS:
        if not letters.startswith(onset):
            continue
        rime = letters[len(onset) :]
        if onset == "qu":
            parts = _QU_RIMES.get(rime)
            if parts is not None:
                return (onset, *parts)
            continue
        if onset == "gi":
            # gi + a vowel; "gi" + i/y never happens, and with no vowel left the i is the nucleus
            parts = _pick_rime(rime, onset) if rime and rime[0] not in "iy" else None
            if parts is not None:
                return (onset, *parts)
            readings = _RIMES.get("i" + rime)
            if readings is not None:
                return ("g", *readings[0])
            continue
        parts = _pick_rime(rime, onset)
        if parts is not None:
            return (onset, *parts)
    return None


def _pick_rime(rime: str, onset: str) -> tuple[str, str, str] | None:
    segmentations = _RIMES.get(rime)
    if segmentations is None or not _onset_fits(onset, rime):
        return None
    for medial, nucleus, coda in segmentations:
        if nucleus == "yê" and not medial and onset:
            continue  # written iê after a consonant
        if nucleus == "iê" and not onset:
            continue  # written yê at the start of a syllable
        return (medial, nucleus, coda)
    return None


def _case_of(text: str) -> str:
    if text.islower():
        return "lower"
    if text.isupper():
        return "upper"
    if text[:1].isupper() and text[1:].islower():
        return "title"
    return "mixed"


@lru_cache(maxsize=65536)
def segment_letters(letters: str) -> tuple[str, str, str, str] | None:
    """(onset, medial, nucleus, coda) of toneless lower-case ``letters``, or None."""
    return _segment(letters)


def segment(letters: str, tone: Tone) -> tuple[str, str, str, str] | None:
    """(onset, medial, nucleus, coda) of toneless lower-case ``letters`` spoken with ``tone``.

    None when the letters are not a syllable, or when a stop coda (p t c ch) meets a tone
    other than sắc or nặng.
    """
    parts = segment_letters(letters)
    if parts is None or (parts[3] in _STOP_CODAS and tone not in _STOP_TONES):
        return None
    return parts


_LETTERS = frozenset(DECOMPOSE)
_TO_BASE = str.maketrans({letter: base for letter, (base, tone) in DECOMPOSE.items() if tone is not Tone.NONE})


def split_tone(token: str) -> tuple[str, Tone, tuple[int, ...]] | None:
    """The token's toneless lower-case letters, its tone and the indices of the marked letters.

    A mark typed twice (``chíếu``, ``ngườì``: the same tone on two letters) still writes one
    tone. None when a character is not a Vietnamese letter or two different tones are marked.
    """
    if not _LETTERS.issuperset(token):
        return None
    bases = token.translate(_TO_BASE)
    if bases == token:
        return bases.lower(), Tone.NONE, ()
    marked = tuple(index for index, (letter, base) in enumerate(zip(token, bases)) if letter != base)
    tone = DECOMPOSE[token[marked[0]]][1]
    if any(DECOMPOSE[token[index]][1] is not tone for index in marked[1:]):
        return None
    return bases.lower(), tone, marked


def parse_syllable(token: str) -> Syllable | None:
    """Parse one written syllable (any case, NFC or NFD); None when it is not Vietnamese.

    A misplaced tone mark (``hoàn`` written ``hòan``, ``Nguyêñ``) still parses, and so does one
    typed twice (``chíếu``): the marks' position is not part of the structure, only the tone.
    """
    if not token or not isinstance(token, str):
        return None
    if not token.isascii() and not unicodedata.is_normalized("NFC", token):
        token = unicodedata.normalize("NFC", token)
    split = split_tone(token)
    if split is None:
        return None
    letters, tone, _ = split
    parts = segment(letters, tone)
    if parts is None:
        return None
    return Syllable(*parts, tone=tone, case=_case_of(token), text=token)


def is_syllable(token: str) -> bool:
    """True when ``token`` is one well-formed Vietnamese syllable (tone mark anywhere in it)."""
    return parse_syllable(token) is not None
