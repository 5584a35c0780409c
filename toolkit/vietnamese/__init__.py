"""Vietnamese spelling: the syllable model, tone-mark placement, splitting run-together forms.

``parse_syllable`` / ``is_syllable`` (``syllable.py``), ``place_tones`` (``tones.py``) and
``split_syllables`` (``splitting.py``, whose table loads on first use).
"""

from toolkit.vietnamese.letters import Tone
from toolkit.vietnamese.splitting import split_syllables
from toolkit.vietnamese.syllable import Syllable, is_syllable, parse_syllable
from toolkit.vietnamese.tones import place_tones

__all__ = ["Syllable", "Tone", "is_syllable", "parse_syllable", "place_tones", "split_syllables"]
