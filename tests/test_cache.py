"""Derivations kept in the cache folder: derived once per installation, read back as derived,
and derived again (never trusted) when what is kept has another shape."""

from __future__ import annotations

import json

import pytest

from toolkit import cache as cache_folder
from toolkit.cache import stored_derivation, strings


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("SINOVIET_CACHE_DIR", str(folder))
    return folder


def counted(name: str):
    calls = []

    @stored_derivation(name, lambda value: frozenset(strings(value)))
    def derived() -> list[str]:
        calls.append(1)
        return ["b", "a"]

    return derived, calls


def test_a_derivation_is_kept_and_read_back_by_the_next_process(cache) -> None:
    derived, calls = counted("test-letters")
    assert derived() == frozenset("ab") and derived() == frozenset("ab") and len(calls) == 1
    (kept,) = cache.glob("derived-*.json")
    assert json.loads(kept.read_text(encoding="utf-8"))["value"] == ["b", "a"]
    again, calls_again = counted("test-letters")  # as a new process would: nothing in memory
    assert again() == frozenset("ab") and calls_again == []


def test_a_kept_value_of_another_shape_is_derived_again_and_written_over(cache) -> None:
    derived, _ = counted("test-letters")
    derived()
    (kept,) = cache.glob("derived-*.json")
    key = json.loads(kept.read_text(encoding="utf-8"))["digest"]
    for planted in ({"digest": key, "value": [1, 2]}, {"digest": key, "value": "ab"}, {"digest": key}):
        kept.write_text(json.dumps(planted), encoding="utf-8")
        again, calls = counted("test-letters")
        assert again() == frozenset("ab") and calls == [1]
    assert json.loads(kept.read_text(encoding="utf-8"))["value"] == ["b", "a"]


def test_without_a_cache_folder_a_derivation_is_only_derived(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SINOVIET_CACHE_DIR", "")
    derived, calls = counted("test-letters")
    assert derived() == frozenset("ab") and len(calls) == 1
    assert cache_folder.cache_dir() is None


@pytest.mark.slow  # reads pypinyin's dictionary and the Chinese reading tables: about a second
def test_the_kept_chinese_inventories_are_what_their_derivations_give() -> None:
    from toolkit.chinese import hanviet_index, priors
    from toolkit.chinese.romanised import pinyin_syllables
    from toolkit.linking.whole_names import common_surname_syllables

    for stored in (pinyin_syllables, common_surname_syllables):
        assert stored() == frozenset(stored.derive())  # type: ignore[attr-defined]
    assert priors._surname_ppm() == priors._atom_weights(json.loads(json.dumps(priors._surname_ppm.derive())))
    assert hanviet_index._indexes() == hanviet_index._atom_lists(json.loads(json.dumps(hanviet_index._indexes.derive())))
    assert ("何", "he") in hanviet_index._indexes()[1]["ha"]
    assert {"zhang", "lv", "xi"} <= pinyin_syllables() and "ng" not in pinyin_syllables()
    assert {"wang", "huang", "peng"} <= common_surname_syllables() and "guang" not in common_surname_syllables()
