"""The alias index: one Aho-Corasick automaton over every key of a lexicon, built once and cached.

Each key is stored in the case forms a name is written in (``keys.written_forms``). Word keys are
stored with a space on each side (`` Ha Noi ``) and the text is scanned as its key between spaces
(``scan.py``), so a hit always starts and ends on a word edge; neighbouring names share the space
between them, and the automaton reports both. Chinese keys are stored bare and match on
characters anywhere; the linker checks them against a word segmentation afterwards.

An index pickles as the lexicon's file paths and a digest of its entities: a worker process
rebuilds it (or takes it from its own cache) instead of receiving a large automaton.
"""

from __future__ import annotations

import itertools
import threading
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.text import script
from toolkit.designators import place_words
from toolkit.lexicon.model import entities_digest
from toolkit.linking.keys import Candidate, is_han_key, key_table, written_forms
from toolkit.text.script import is_han_char

if TYPE_CHECKING:
    from toolkit.lexicon import Lexicon

_CACHE: dict[tuple[tuple[str, ...], str], "AliasIndex"] = {}
_LOCK = threading.Lock()


def pattern_of(key: str) -> str:
    """How a key is stored in the automaton (and how a folded text is laid out for the scan)."""
    return key if is_han_key(key) else " " + key + " "


def lexicon_digest(lexicon) -> str:
    """A digest of the entities' names, types and ids: equal lexicons share one index."""
    digest = getattr(lexicon, "digest", None)
    if isinstance(digest, str):
        return digest
    return entities_digest(lexicon)


class AliasIndex:
    """Keys → candidates, and the automaton that finds the keys in a laid-out folded text."""

    def __init__(self, lexicon, digest: str | None = None) -> None:
        import ahocorasick  # heavy C extension: loaded with the first index

        self.lexicon = lexicon
        self.files: tuple[str, ...] = tuple(lexicon.files)
        self.digest = digest or lexicon_digest(lexicon)
        self.table: dict[str, tuple[Candidate, ...]] = key_table(lexicon)
        # (written form, key) → the key's candidates that written form fits: a memo the linker
        # fills as it meets written forms (bounded there, by _FITTING_CACHE)
        self.fitting: dict[tuple[str, str], tuple[Candidate, ...]] = {}
        # Two automata: word keys (every pattern starts with a space, so the root has one child and
        # a Latin text runs fast) and Chinese keys (thousands of first characters at the root),
        # scanned only when the text has a Han character.
        self.automaton = ahocorasick.Automaton()
        self.han_automaton = ahocorasick.Automaton()
        self.patterns = 0
        for key, candidates in self.table.items():
            forms = set()
            for candidate in candidates:
                forms |= written_forms(key, candidate)
            target = self.han_automaton if is_han_key(key) else self.automaton
            for form in forms:
                pattern = pattern_of(form)
                # the value carries the hit's length (the automaton reports only the end) and its key
                target.add_word(pattern, (len(pattern), key))
            self.patterns += len(forms)
        # people's short forms ride along, marked, so one scan finds them too (see shortforms.py)
        from toolkit.linking.shortforms import SHORT_FORM_MARK, people_short_forms, short_form_keys

        self.short_forms_by_id = people_short_forms(lexicon)
        for key in short_form_keys(self.short_forms_by_id):
            if key in self.table:
                continue  # a name in its own right (a lexicon key) is found as one
            for form in dict.fromkeys((key.capitalize(), key.upper())):
                pattern = pattern_of(form)
                self.automaton.add_word(pattern, (len(pattern), SHORT_FORM_MARK + key))
        self.automaton.make_automaton()
        if len(self.han_automaton):
            self.han_automaton.make_automaton()

    def state(self) -> dict:
        """What a later process needs to restore this index without building it, as plain data
        (strings, numbers, lists: ``index_cache`` stores it as JSON, which cannot carry code).

        Candidates are listed once and keys refer to them by position; the automata are kept as
        their (pattern, key) words and made again on restoring (about 30 ms for the built-in
        lexicon), since a stored automaton would be a binary blob for a C parser to trust."""
        numbers: dict[Candidate, int] = {}
        table = {key: [numbers.setdefault(c, len(numbers)) for c in candidates] for key, candidates in self.table.items()}
        return {
            "candidates": [list(c) for c in numbers],
            "table": table,
            "words": [[pattern, key] for pattern, (_, key) in self.automaton.items()],
            "han_words": [[pattern, key] for pattern, (_, key) in self.han_automaton.items()],
            "patterns": self.patterns,
            "short_forms": {entity: [list(form) for form in forms] for entity, forms in self.short_forms_by_id.items()},
        }

    @classmethod
    def restored(cls, lexicon, digest: str, state: dict) -> "AliasIndex":
        """The index of ``lexicon`` from a stored ``state`` (``index_cache.py``); a state of any
        other shape raises ``ValueError``."""
        import ahocorasick

        try:
            rows = state["candidates"]
            _all_strings(rows)
            candidates = list(map(Candidate._make, rows))  # a row of another length: TypeError
            keys = state["table"]
            _all_strings([list(keys)])
            pick = candidates.__getitem__  # (map at C speed: a generator per key costs twice as much)
            table = {key: tuple(map(pick, numbers)) for key, numbers in keys.items()}
            short_forms = state["short_forms"]
            _all_strings([list(short_forms)])
            for forms in short_forms.values():
                _all_strings(forms)
            forms_by_id = {entity: tuple(map(tuple, forms)) for entity, forms in short_forms.items()}
            patterns = state["patterns"]
            if type(patterns) is not int:
                raise TypeError("the pattern count is not a number")
            words = state["words"]
            _all_strings(words)
            automaton = ahocorasick.Automaton()
            for pattern, key in words:
                automaton.add_word(pattern, (len(pattern), key))
            if len(automaton):
                automaton.make_automaton()
            han_words = state["han_words"]
            _all_strings(han_words)
        except (KeyError, IndexError, TypeError, ValueError, AttributeError) as error:
            raise ValueError(f"not a stored alias index: {error!r}") from None
        index = cls.__new__(cls)
        index.lexicon = lexicon
        index.files = tuple(lexicon.files)
        index.digest = digest
        index.fitting = {}
        index.table, index.patterns = table, patterns
        index.short_forms_by_id = forms_by_id
        index.automaton = automaton
        index.__dict__["_han_words"] = han_words  # made into an automaton by the first text with a Han character
        return index

    @cached_property
    def han_automaton(self):
        """The automaton of the Chinese keys (a restored index makes it on first use: a
        Vietnamese or English text never needs it)."""
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for pattern, key in self.__dict__.pop("_han_words", ()):
            automaton.add_word(pattern, (len(pattern), key))
        if len(automaton):
            automaton.make_automaton()
        return automaton

    def automata(self, text: str, has_han: bool | None = None) -> tuple:
        """The automata worth running over ``text`` (``has_han``: whether it has a Han character,
        when the caller knows)."""
        if has_han is None:
            has_han = script.has_han(text)
        # an automaton without words (a lexicon of Chinese names only) cannot be run at all
        latin = (self.automaton,) if len(self.automaton) else ()
        if has_han and len(self.han_automaton):
            return (*latin, self.han_automaton)
        return latin

    # What the linker derives from the index, on first use and once per index: cached
    # properties, so they are declared here, die with the index, and a restored index (built
    # without __init__) derives them as a built one does. state() does not keep them.

    @cached_property
    def designated_keys(self) -> frozenset[str]:
        """The keys written with an administrative word (``tinh lao cai``, 太原市): the linker
        looks for a bare name inside those hits, and skips the search in a document without one."""
        words = place_words()
        return frozenset(
            key for key in self.table
            if key.startswith(words.designator_keys) or (len(key) >= 3 and key[-1] in words.han_place_suffixes)
        )

    @cached_property
    def office_holders(self) -> dict[str, tuple[str, ...]]:
        """folded short form → the office-holders (of the roles table) that have it."""
        from toolkit.linking.shortforms import office_holders

        return office_holders(self.short_forms_by_id)

    @cached_property
    def han_holder_forms(self) -> frozenset[str]:
        """The Chinese short forms (a surname character) some office-holder has."""
        return frozenset(k for k in self.office_holders if is_han_char(k[:1]))

    @cached_property
    def bare_gates(self) -> tuple:
        """The lexicon's border gates by their names without a designator (``gates.py``)."""
        from toolkit.linking.gates import gate_table

        return gate_table(self.lexicon)

    def __len__(self) -> int:
        return len(self.table)

    def candidates(self, key: str) -> tuple[Candidate, ...]:
        return self.table.get(key, ())

    def __reduce__(self):
        if self.files:
            return (index_for_files, (self.files, self.digest))
        return (AliasIndex, (self.lexicon, self.digest))

    def __repr__(self) -> str:
        return f"<AliasIndex {len(self.table)} keys over {len(self.lexicon)} entities>"


def index_for_files(files: tuple[str, ...], digest: str | None = None) -> AliasIndex:
    """The index of the lexicon loaded from ``files`` (cached); a changed file fails loudly."""
    from toolkit.lexicon import Lexicon

    lexicon = Lexicon.load(*files)
    index = alias_index(lexicon)
    if digest is not None and index.digest != digest:
        raise ValueError(f"the lexicon files changed since this index was pickled: {', '.join(files)}")
    return index


def alias_index(lexicon: Lexicon | None = None) -> AliasIndex:
    """The cached index of ``lexicon`` (the built-in lexicons when None)."""
    if lexicon is None:
        lexicon = _builtin_lexicon()
    index = lexicon.alias_index
    if index is not None:
        return index
    with _LOCK:
        digest = lexicon_digest(lexicon)
        cache_key = (tuple(str(Path(f)) for f in lexicon.files), digest)
        index = _CACHE.get(cache_key) if lexicon.files else None
        if index is None:
            if lexicon.files:
                index = _CACHE[cache_key] = _from_disk(lexicon, digest)
            else:
                index = AliasIndex(lexicon, digest)
        lexicon.alias_index = index
    return index


def _from_disk(lexicon, digest: str) -> AliasIndex:
    """The index of a lexicon loaded from files: kept on disk from an earlier process, or built
    (and kept for the next one)."""
    from toolkit.linking import index_cache

    state = index_cache.load_state(digest)
    if state is not None:
        try:
            return AliasIndex.restored(lexicon, digest, state)
        except ValueError:
            pass  # a file of another shape under the right name: built again, and written over
    index = AliasIndex(lexicon, digest)
    index_cache.store_state(digest, index.state())
    return index


def _builtin_lexicon():
    from toolkit.lexicon import builtin_lexicon  # one shared built-in lexicon for link and match

    return builtin_lexicon()


def _all_strings(rows) -> None:
    """Raise TypeError unless ``rows`` is a list of lists of strings (checked at C speed: join
    takes strings only)."""
    if type(rows) is not list or not all(type(row) is list for row in rows):
        raise TypeError("not a list of lists")
    "".join(itertools.chain.from_iterable(rows))


__all__ = ["AliasIndex", "alias_index", "index_for_files", "lexicon_digest", "pattern_of"]
