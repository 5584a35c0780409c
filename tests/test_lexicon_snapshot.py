"""A loaded lexicon kept between processes: read back as it was parsed, never from other bytes,
and only ever a speed-up (a snapshot of another shape costs the parse, nothing else)."""

from __future__ import annotations

import json
import shutil

import pytest

from toolkit.lexicon import Lexicon, snapshot
from toolkit.lexicon.lexicon import builtin_paths
from toolkit.lexicon.model import entities_digest
from toolkit.lexicon.snapshot import EntityRows, entity_from_row, entity_row


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("SINOVIET_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(scope="module")
def parsed() -> Lexicon:
    return Lexicon.load(*builtin_paths())  # (whatever the session's cache holds: compared entity by entity below)


def test_every_built_in_entity_survives_its_row(parsed) -> None:
    for entity in parsed:
        assert entity_from_row(entity.id, entity_row(entity)) == entity


def test_rows_of_another_shape_are_refused() -> None:
    for row in ("[]", '["place", ["Hà Nội", "vi"], [], null, null, null, null, []]',
                '["place", [], [1], null, null, null, null, []]', '["place", [], [], 3, null, null, null, []]',
                '["place", [], [], null, null, "2025-13-01", null, []]', "not json"):
        with pytest.raises(ValueError, match="not a stored entity"):
            entity_from_row("place:vn:x", row)


@pytest.mark.slow  # parses the built-in lexicon twice: about a second
def test_a_second_load_reads_the_snapshot_and_gives_the_same_lexicon(tmp_path, cache, parsed, monkeypatch) -> None:
    folder = tmp_path / "entities"
    folder.mkdir()
    paths = [shutil.copy(path, folder / path.name) for path in builtin_paths()]
    first = Lexicon.load(*paths)
    assert isinstance(first._entities, dict)  # parsed, and kept
    (stored,) = cache.glob("lexicon-*.json")
    assert stored.stat().st_mode & 0o777 == 0o600

    from toolkit.lexicon import tsv

    monkeypatch.setattr(tsv, "_parse_row", lambda *a: pytest.fail("parsed again"))
    second = Lexicon.load(*paths)
    assert isinstance(second._entities, EntityRows)
    assert second.files == first.files == tuple(map(str, paths))
    assert list(second.ids()) == list(first.ids())  # load order kept
    assert second.digest == first.digest == entities_digest(parsed)
    assert all(second[entity.id] == entity for entity in first)  # origins (file:line) included
    assert second.lookup("Hà Nội") == first.lookup("Hà Nội")
    monkeypatch.undo()

    # one byte changed anywhere: another name, parsed again (and the change seen)
    (holder,) = [path for path in paths if b"en:Hanoi|" in path.read_bytes()]
    holder.write_bytes(holder.read_bytes().replace(b"en:Hanoi|", b"en:Ha-noi|", 1))
    changed = Lexicon.load(*paths)
    assert isinstance(changed._entities, dict)
    assert changed.digest != first.digest


@pytest.mark.slow  # parses the built-in lexicon: about a second
def test_a_snapshot_of_another_shape_costs_only_the_parse(tmp_path, cache, parsed) -> None:
    paths = builtin_paths()
    Lexicon.load(*paths)
    (stored,) = cache.glob("lexicon-*.json")
    key = json.loads(stored.read_text(encoding="utf-8"))["digest"]
    for planted in ({"digest": key, "entities": {"place:vn:x": 1}, "content_digest": "d"},
                    {"digest": key, "entities": [], "content_digest": "d"},
                    {"digest": key, "entities": {}}):
        stored.write_text(json.dumps(planted), encoding="utf-8")
        lexicon = Lexicon.load(*paths)
        assert isinstance(lexicon._entities, dict) and len(lexicon) == len(parsed)


def test_a_small_lexicon_is_not_kept(tmp_path, cache) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text("id\ttype\tvi\tsource\nplace:vn:ha-noi\tplace\tHà Nội\ttest\n", encoding="utf-8")
    assert len(Lexicon.load(path)) == 1
    assert not list(cache.glob("lexicon-*.json")) and snapshot.WORTH_KEEPING_BYTES > path.stat().st_size


def test_entity_rows_decode_on_first_use_and_keep_what_they_decoded(parsed) -> None:
    entities = list(parsed)[:50]
    rows = EntityRows({entity.id: entity_row(entity) for entity in entities})
    assert len(rows) == 50 and list(rows) == [entity.id for entity in entities]
    assert entities[3].id in rows and "place:vn:nowhere" not in rows
    assert rows.get("place:vn:nowhere") is None and rows._decoded == {}
    assert rows[entities[3].id] == entities[3] and rows[entities[3].id] is rows.get(entities[3].id)
    assert list(rows._decoded) == [entities[3].id]
    with pytest.raises(KeyError):
        rows["place:vn:nowhere"]
