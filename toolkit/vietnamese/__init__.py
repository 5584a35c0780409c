"""Vietnamese spelling: the syllable model, tone-mark placement, splitting run-together forms."""

from toolkit.vietnamese.letters import Tone
from toolkit.vietnamese.syllable import Syllable, is_syllable, parse_syllable
from toolkit.vietnamese.tones import place_tones

__all__ = ["Syllable", "Tone", "is_syllable", "parse_syllable", "place_tones"]
