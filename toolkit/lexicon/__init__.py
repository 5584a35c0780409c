"""Lexicons: entities with their names in Vietnamese, English and Chinese, loaded from TSV files."""

from __future__ import annotations

from toolkit.lexicon.errors import LexiconError
from toolkit.lexicon.lexicon import Lexicon, builtin_lexicon, builtin_paths
from toolkit.lexicon.model import ENTITY_TYPES, Ambiguity, Entity, Name, name_key, reads_chinese

__all__ = ["ENTITY_TYPES", "Ambiguity", "Entity", "Lexicon", "LexiconError", "Name", "builtin_lexicon", "builtin_paths", "name_key",
           "reads_chinese"]
