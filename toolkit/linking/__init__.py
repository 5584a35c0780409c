"""Entity linking: every rendering of an entity in Vietnamese, English or Chinese text gets one id.

``link(text)`` returns :class:`Mention` objects. Names load lazily: ``import toolkit.linking``
builds no automaton and imports neither pyahocorasick nor jieba nor underthesea.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit.lazy import lazy_exports

if TYPE_CHECKING:  # what type checkers and IDEs see; at run time each name is imported on first use
    from toolkit.linking.automaton import AliasIndex, alias_index
    from toolkit.linking.boundaries import jieba_user_words
    from toolkit.linking.clustering import cluster_key
    from toolkit.linking.keys import Candidate, entity_keys, key_table
    from toolkit.linking.linker import Linker, detect_language, link
    from toolkit.linking.mentions import Mention

_EXPORTS: dict[str, str] = {
    "link": "toolkit.linking.linker",
    "Linker": "toolkit.linking.linker",
    "detect_language": "toolkit.linking.linker",
    "Mention": "toolkit.linking.mentions",
    "AliasIndex": "toolkit.linking.automaton",
    "alias_index": "toolkit.linking.automaton",
    "Candidate": "toolkit.linking.keys",
    "entity_keys": "toolkit.linking.keys",
    "key_table": "toolkit.linking.keys",
    "cluster_key": "toolkit.linking.clustering",
    "jieba_user_words": "toolkit.linking.boundaries",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, globals(), _EXPORTS)
