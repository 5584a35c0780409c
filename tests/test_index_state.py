"""What the linker derives from an alias index lives on the index, and dies with it."""

from __future__ import annotations

import gc
import weakref

import pytest

from toolkit.lexicon import Lexicon
from toolkit.linking import link
from toolkit.linking.automaton import AliasIndex, alias_index
from toolkit.linking.mentions import Mention
from toolkit.linking.shortforms import short_form_mentions

HEADER = "id\ttype\tvi\ten\tzh\taliases\tabbr\tparent\tsuccessor\tvalid_from\tsource"
ROWS = (
    "place:vn:lao-cai\tplace\tLào Cai\tLao Cai\t老街\tvi:tỉnh Lào Cai\t\t\t\t\ttest",
    "person:cn:xi-jinping\tperson\tTập Cận Bình\tXi Jinping\t习近平\t\t\t\t\t\ttest",
)


def _lexicon(tmp_path) -> Lexicon:
    path = tmp_path / "mine.tsv"
    path.write_text("\n".join(["# test lexicon", HEADER, *ROWS]) + "\n", encoding="utf-8")
    return Lexicon.load(path)


def test_derived_state_is_declared_on_the_index(tmp_path):
    index = AliasIndex(_lexicon(tmp_path))
    assert "tinh lao cai" in index.designated_keys
    assert isinstance(index.office_holders, dict) and isinstance(index.han_holder_forms, frozenset)
    assert index.short_forms_by_id["person:cn:xi-jinping"][:2] == (("xi", "Xi"), ("tap", "Tập"))
    restored = AliasIndex.restored(index.lexicon, index.digest, index.state())
    assert restored.designated_keys == index.designated_keys
    assert restored.short_forms_by_id == index.short_forms_by_id and restored.office_holders == index.office_holders


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_the_derived_state_does_not_keep_an_index_alive(tmp_path):
    lexicon = _lexicon(tmp_path)
    index = AliasIndex(lexicon)
    text = "Chủ tịch Tập Cận Bình đến tỉnh Lào Cai. Ông Tập nói. 习主席"
    short_form_mentions(text, index, [Mention(9, 21, "Tập Cận Bình", "person:cn:xi-jinping", "person", 1.0,
                                              "person:cn:xi-jinping")])
    assert index.office_holders is not None and index.han_holder_forms is not None and index.designated_keys
    alive = weakref.ref(index)
    del index
    gc.collect()
    assert alive() is None


def test_the_index_of_a_dropped_lexicon_is_freed(tmp_path):
    lexicon = Lexicon(list(_lexicon(tmp_path)))  # made in memory: no files, so not in the files cache
    link("Tập Cận Bình đến tỉnh Lào Cai.", lexicon=lexicon)
    alive = weakref.ref(alias_index(lexicon))
    del lexicon
    gc.collect()
    assert alive() is None
