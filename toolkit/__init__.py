"""sinoviet: make Vietnamese, Chinese and English renderings of the same names agree.

The public API is re-exported here lazily, so ``import toolkit`` stays cheap: each
name is imported from its module on first use (heavy libraries load later still,
inside the functions that need them).
"""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING

from toolkit.lazy import lazy_exports

if TYPE_CHECKING:  # what type checkers and IDEs see; at run time each name is imported on first use
    from toolkit.aliases import AliasRow, AliasTable
    from toolkit.corpus.batch import Folder, MentionFinder, Normaliser
    from toolkit.text.characters import repair_characters
    from toolkit.chinese import hanviet, hanviet_candidates, pinyin, romanised_syllables
    from toolkit.decoding import DecodeError, Decoded, decode, repair_mojibake
    from toolkit.text.folding import Folded, fold, fold_with_offsets
    from toolkit.lexicon import Entity, Lexicon, LexiconError
    from toolkit.linking import Linker, Mention, link
    from toolkit.chinese.matching import Match, match
    from toolkit.text.normalisation import normalise, normalize
    from toolkit.search import SearchIndex, build_index
    from toolkit.vietnamese import Syllable, Tone, is_syllable, parse_syllable, place_tones, split_syllables

__version__ = "0.1.0"

# public name -> module that defines it. No module is named like a function it exports:
# importing a submodule binds its name on the package and would shadow the function.
_EXPORTS: dict[str, str] = {
    "decode": "toolkit.decoding",
    "Decoded": "toolkit.decoding",
    "DecodeError": "toolkit.decoding",
    "repair_mojibake": "toolkit.decoding",
    "normalise": "toolkit.text.normalisation",
    "normalize": "toolkit.text.normalisation",
    "repair_characters": "toolkit.text.characters",
    "fold": "toolkit.text.folding",
    "fold_with_offsets": "toolkit.text.folding",
    "Folded": "toolkit.text.folding",
    "place_tones": "toolkit.vietnamese",
    "parse_syllable": "toolkit.vietnamese",
    "is_syllable": "toolkit.vietnamese",
    "split_syllables": "toolkit.vietnamese",
    "Syllable": "toolkit.vietnamese",
    "Tone": "toolkit.vietnamese",
    "pinyin": "toolkit.chinese",
    "hanviet": "toolkit.chinese",
    "romanised_syllables": "toolkit.chinese",
    "hanviet_candidates": "toolkit.chinese",
    "match": "toolkit.chinese.matching",
    "Match": "toolkit.chinese.matching",
    "Normaliser": "toolkit.corpus.batch",
    "Folder": "toolkit.corpus.batch",
    "MentionFinder": "toolkit.corpus.batch",
    "Linker": "toolkit.linking",
    "link": "toolkit.linking",
    "Mention": "toolkit.linking",
    "AliasTable": "toolkit.aliases",
    "AliasRow": "toolkit.aliases",
    "build_index": "toolkit.search",
    "SearchIndex": "toolkit.search",
    "Lexicon": "toolkit.lexicon",
    "LexiconError": "toolkit.lexicon",
    "Entity": "toolkit.lexicon",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


__getattr__, __dir__ = lazy_exports(__name__, globals(), _EXPORTS)


def _legacy_codec(name: str):
    # open(path, encoding="tcvn3") and codecs.lookup("vni") once toolkit is imported; Python's
    # own codecs are searched first, and nothing is loaded until a name they lack is asked for
    from toolkit.decoding.pycodecs import search

    return search(name)


codecs.register(_legacy_codec)
