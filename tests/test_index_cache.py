"""The alias index kept on disk between processes: restored instead of built, never stale,
and only ever a speed-up (a cache that cannot be read or written costs the build, nothing else)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from toolkit import cache as cache_folder
from toolkit.lexicon import Lexicon
from toolkit.linking import automaton, index_cache, link
from toolkit.linking.automaton import AliasIndex, lexicon_digest

HEADER = "id\ttype\tvi\ten\tzh\taliases\tabbr\tparent\tvalid_from\tvalid_to\tsource"


def lexicon_file(folder, *rows):
    path = folder / "mine.tsv"
    path.write_text("\n".join(["# test lexicon", HEADER, *rows]) + "\n", encoding="utf-8")
    return path


PLACES = (
    "place:vn:ha-noi\tplace\tHà Nội\tHanoi\t河内\t\t\t\t\t\ttest",
    "place:cn:bei-jing\tplace\tBắc Kinh\tBeijing\t北京\t\t\t\t\t\ttest",
)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("SINOVIET_CACHE_DIR", str(folder))
    monkeypatch.setattr(automaton, "_CACHE", {})  # this process's own cache forgets earlier indexes
    return folder


def fresh_index(path):
    """The index ``alias_index`` gives a new process for the lexicon in ``path``."""
    automaton._CACHE.clear()
    return automaton.alias_index(Lexicon.load(path))


def test_a_second_process_restores_the_index_instead_of_building_it(tmp_path, cache, monkeypatch):
    path = lexicon_file(tmp_path, *PLACES)
    built = fresh_index(path)
    assert len(list(cache.glob("alias-index-*.json"))) == 1

    def build(*args, **kwargs):
        raise AssertionError("built again")

    monkeypatch.setattr(AliasIndex, "__init__", build)
    restored = fresh_index(path)
    assert restored is not built and restored.table == built.table and restored.patterns == built.patterns
    text = "Thủ đô Hà Nội và Bắc Kinh; Hanoi, Beijing, 河内 北京"
    assert link(text, lexicon=restored) == link(text, lexicon=built)
    assert len(link(text, lexicon=restored)) >= 4


def test_a_changed_lexicon_gets_an_index_of_its_own(tmp_path, cache):
    path = lexicon_file(tmp_path, *PLACES)
    fresh_index(path)
    path = lexicon_file(tmp_path, PLACES[0])  # Beijing taken out
    index = fresh_index(path)
    assert len(list(cache.glob("alias-index-*.json"))) == 2
    assert [m.entity for m in link("Hà Nội và Bắc Kinh", lexicon=index, unknown=False)] == ["place:vn:ha-noi"]


def test_changed_package_files_give_another_name(tmp_path, cache):
    from toolkit.resources import lexicon_path

    digest = lexicon_digest(Lexicon.load(lexicon_file(tmp_path, *PLACES)))
    before = index_cache.index_path(digest)
    table = lexicon_path("chinese", "hanviet_readings.tsv")  # readings derive keys
    status = table.stat()
    try:
        os.utime(table, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
        index_cache._code_fingerprint.cache_clear()
        assert index_cache.index_path(digest) != before
    finally:
        os.utime(table, ns=(status.st_atime_ns, status.st_mtime_ns))
        index_cache._code_fingerprint.cache_clear()
    assert index_cache.index_path(digest) == before


def test_an_unreadable_index_file_is_built_again_and_written_over(tmp_path, cache):
    path = lexicon_file(tmp_path, *PLACES)
    expected = fresh_index(path).table
    (stored,) = cache.glob("alias-index-*.json")
    stored.write_bytes(b"not JSON")
    assert fresh_index(path).table == expected
    lexicon = Lexicon.load(path)
    digest = lexicon_digest(lexicon)
    assert AliasIndex.restored(lexicon, digest, index_cache.load_state(digest)).table == expected


def test_a_folder_that_cannot_be_written_only_costs_the_build(tmp_path, cache):
    cache.write_text("a file where the folder should be")
    path = lexicon_file(tmp_path, *PLACES)
    assert [m.entity for m in link("Hà Nội", lexicon=fresh_index(path))] == ["place:vn:ha-noi"]


def test_an_empty_cache_dir_setting_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv("SINOVIET_CACHE_DIR", "")
    monkeypatch.setattr(automaton, "_CACHE", {})
    assert index_cache.cache_dir() is None
    assert index_cache.index_path("0" * 32) is None
    fresh_index(lexicon_file(tmp_path, *PLACES))  # builds, writes nothing, does not fail


def test_only_the_newest_index_files_are_kept(tmp_path, cache):
    for n in range(index_cache._KEPT + 2):
        index_cache.store_state(f"digest-{n}", {"table": {}, "n": n})
        stored = index_cache.index_path(f"digest-{n}")
        os.utime(stored, ns=(n * 10**9, n * 10**9))  # written in this order, a second apart
    kept = sorted(cache.glob("alias-index-*.json"))
    assert len(kept) == index_cache._KEPT
    assert index_cache.load_state("digest-0") is None
    assert index_cache.load_state(f"digest-{index_cache._KEPT + 1}")["n"] == index_cache._KEPT + 1


@pytest.mark.slow
def test_the_cli_links_alike_with_and_without_the_cache(tmp_path, cache):
    from conftest import SEEDS

    seed = sorted(SEEDS.glob("*.txt"))[0]

    def run(cache_dir):
        environment = {**os.environ, "SINOVIET_CACHE_DIR": cache_dir}
        command = [sys.executable, "-m", "toolkit", "link", "--format", "tsv", str(seed)]
        return subprocess.run(command, capture_output=True, text=True, env=environment, check=True).stdout

    without = run("")
    assert run(str(cache)) == without  # builds and stores
    assert list(cache.glob("alias-index-*.json"))
    assert run(str(cache)) == without  # restores
    assert without.count("\n") > 20


def test_an_index_file_under_another_lexicon_s_name_is_not_taken(tmp_path, cache):
    index_cache.store_state("digest-a", {"table": {"ha noi": ()}})
    index_cache.index_path("digest-a").rename(index_cache.index_path("digest-b"))
    assert index_cache.load_state("digest-b") is None


def test_the_folder_is_the_setting_else_the_xdg_cache_else_the_home_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("SINOVIET_CACHE_DIR", str(tmp_path / "mine"))
    assert index_cache.cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("SINOVIET_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert index_cache.cache_dir() == tmp_path / "xdg" / "sinoviet"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert index_cache.cache_dir() == tmp_path / "home" / ".cache" / "sinoviet"
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)  # no home folder to be found
    assert index_cache.cache_dir() is None


# --------------------------------------------------------------------------- nothing read can run code


class _Planted:
    """A pickle that, once loaded, leaves a file behind: what an attacker would plant."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_planted_pickle_under_the_index_s_name_runs_nothing(tmp_path, cache):
    import pickle

    path = lexicon_file(tmp_path, *PLACES)
    lexicon = Lexicon.load(path)
    stored = index_cache.index_path(lexicon_digest(lexicon))
    marker = tmp_path / "ran"
    cache.mkdir(mode=0o700)
    for planted in (stored, stored.with_suffix(".pickle")):  # this format's name and the former one's
        planted.write_bytes(pickle.dumps({"digest": lexicon_digest(lexicon), "table": _Planted(marker)}))
    index = fresh_index(path)
    assert not marker.exists()
    assert [m.entity for m in link("Hà Nội", lexicon=index)] == ["place:vn:ha-noi"]
    assert not stored.with_suffix(".pickle").exists()  # pruned, never read
    assert stored.read_bytes().startswith(b"{")  # written over with JSON


def test_a_stored_index_is_plain_json_of_strings_and_numbers(tmp_path, cache):
    import json

    fresh_index(lexicon_file(tmp_path, *PLACES))
    (stored,) = cache.glob("alias-index-*.json")
    state = json.loads(stored.read_text(encoding="utf-8"))
    assert set(state) == {"candidates", "table", "words", "han_words", "patterns", "short_forms", "digest"}
    assert ["place:vn:ha-noi", "place", "name", "vi", "Hà Nội", ""] in state["candidates"]  # no reading: not Chinese


def test_a_file_of_another_shape_under_the_right_name_is_built_again(tmp_path, cache):
    import json

    path = lexicon_file(tmp_path, *PLACES)
    expected = fresh_index(path).table
    (stored,) = cache.glob("alias-index-*.json")
    state = json.loads(stored.read_text(encoding="utf-8"))
    for broken in ({**state, "candidates": [[1, 2]]}, {**state, "words": {"a": 1}}, {**state, "patterns": "9"},
                   {**state, "table": {"ha noi": [99]}}, {**state, "short_forms": {"person:x:y": [[1, "Y"]]}}):
        stored.write_text(json.dumps(broken), encoding="utf-8")
        assert fresh_index(path).table == expected


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX owners and modes")
def test_a_folder_or_file_others_can_write_is_neither_read_nor_written(tmp_path, cache):
    path = lexicon_file(tmp_path, *PLACES)
    fresh_index(path)
    (stored,) = cache.glob("alias-index-*.json")
    stored.chmod(0o666)
    with pytest.raises(AssertionError, match="built"):
        _restore_without_building(path)
    stored.chmod(0o600)
    _restore_without_building(path)  # trusted again
    cache.chmod(0o777)
    cache_folder._WARNED.clear()
    with pytest.warns(RuntimeWarning, match="writable by others"):
        with pytest.raises(AssertionError, match="built"):
            _restore_without_building(path)
    stored.unlink()
    fresh_index(path)
    assert not list(cache.glob("alias-index-*.json"))  # nothing written into a shared folder either


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file away needs root")
def test_a_file_owned_by_someone_else_is_not_read(tmp_path, cache):
    path = lexicon_file(tmp_path, *PLACES)
    fresh_index(path)
    (stored,) = cache.glob("alias-index-*.json")
    os.chown(stored, 65534, 65534)
    with pytest.raises(AssertionError, match="built"):
        _restore_without_building(path)


def test_a_link_planted_under_the_name_is_not_followed(tmp_path, cache):
    path = lexicon_file(tmp_path, *PLACES)
    fresh_index(path)
    (stored,) = cache.glob("alias-index-*.json")
    elsewhere = tmp_path / "elsewhere.json"
    stored.rename(elsewhere)
    stored.symlink_to(elsewhere)
    with pytest.raises(AssertionError, match="built"):
        _restore_without_building(path)


def test_a_new_folder_and_its_files_are_private(tmp_path, cache):
    fresh_index(lexicon_file(tmp_path, *PLACES))
    (stored,) = cache.glob("alias-index-*.json")
    assert cache.stat().st_mode & 0o077 == 0
    assert stored.stat().st_mode & 0o077 == 0


def test_a_killed_writer_s_old_temporary_file_is_pruned(tmp_path, cache):
    cache.mkdir(mode=0o700)
    old = cache / ".alias-index-0123.json.abcd.tmp"
    young = cache / ".alias-index-4567.json.efgh.tmp"
    for leftover in (old, young):
        leftover.write_bytes(b"{")
    os.utime(old, ns=(0, 0))
    fresh_index(lexicon_file(tmp_path, *PLACES))
    assert not old.exists() and young.exists()  # a young one may be another process's, mid-write


def _restore_without_building(path):
    original = AliasIndex.__init__

    def build(*args, **kwargs):
        raise AssertionError("built again")

    AliasIndex.__init__ = build
    try:
        return fresh_index(path)
    finally:
        AliasIndex.__init__ = original


PEOPLE = (
    "person:cn:xi-jinping\tperson\tTập Cận Bình\tXi Jinping\t习近平\t\t\t\t\t\ttest",
    "person:vn:to-lam\tperson\tTô Lâm\tTo Lam\t苏林\t\t\t\t\t\ttest",
    "person:cn:he-wei\tperson\t\tHe Wei\t何炜\t\t\t\t\t\ttest",  # no Vietnamese name: a derived Hán-Việt key
)


def test_a_restored_index_is_the_built_one_readings_and_chinese_keys_included(tmp_path, cache):
    """What linking reads of a candidate (its Hán-Việt syllables among the rest) and every key of
    both automata survive the trip through the cache."""
    lexicon = Lexicon.load(lexicon_file(tmp_path, *PLACES, *PEOPLE))
    built = AliasIndex(lexicon)
    restored = AliasIndex.restored(lexicon, built.digest, json.loads(json.dumps(built.state())))
    assert restored.table == built.table
    assert any(c.readings for cs in built.table.values() for c in cs)  # the case the check is about
    assert sorted(restored.automaton.items()) == sorted(built.automaton.items())
    assert sorted(restored.han_automaton.items()) == sorted(built.han_automaton.items())
    text = "Chủ tịch Tập Cận Bình gặp 苏林 tại Hà Nội; ông Hà Vĩ, ông Hà Vỹ và ông Há Vĩ"
    assert link(text, lexicon=restored) == link(text, lexicon=built)
