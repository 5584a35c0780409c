"""Alias tables: rows from the lexicon and the normalisers, corpus mining, diff, files."""

from __future__ import annotations

import json

import pytest
import typer
from conftest import SEEDS
from typer.testing import CliRunner

from toolkit.aliases import (AliasRow, AliasTable, AliasTableError, diff_tables, mine_corpus, names_in_text,
                             read_table, write_table)
from toolkit.aliases.mining import mine_names
from toolkit.aliases.model import KINDS


@pytest.fixture(scope="module")
def table(builtin_alias_table) -> AliasTable:
    return builtin_alias_table


def rows_of(table: AliasTable, entity: str) -> dict[str, AliasRow]:
    return {row.alias: row for row in table.by_entity()[entity]}


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_every_entity_has_rows_and_every_row_a_known_kind_and_source(table):
    from toolkit.lexicon import Lexicon

    assert set(table.entities()) == {entity.id for entity in Lexicon.builtin()}
    assert all(row.kind in KINDS and row.source for row in table)
    assert all(table.counts()[kind] > 0 for kind in KINDS)


def test_a_chinese_leader_gets_names_readings_keys_and_weak_short_forms(table):
    rows = rows_of(table, "person:cn:xi-jinping")
    assert rows["Xi Jinping"].kind == "label" and rows["习近平"].kind == "label"
    assert rows["Tập Cận Bình"].kind == "transliteration" and rows["Tập Cận Bình"].lang == "vi"
    assert "Hán-Việt of 习近平" in rows["Tập Cận Bình"].source
    assert rows["tap can binh"].kind == "fold"
    assert rows["Xi"].kind == "weak" and rows["Tập"].kind == "weak"


def test_a_place_gets_its_run_together_key(table):
    rows = rows_of(table, "place:vn:ha-noi")
    assert rows["Hà Nội"].kind == "label"
    assert rows["hanoi"].kind in ("fold", "alias") and rows["ha noi"].kind == "fold"
    assert rows["河内"].lang == "zh"


def test_foreign_countries_are_not_read_back_from_their_chinese_transliteration(table):
    # 安哥拉 read as pinyin gives "Angela": a person's name, not a rendering of Angola
    assert "Angela" not in rows_of(table, "place:ao")


def test_lookup_generates_candidates_through_fold_keys(table):
    assert table.lookup("HÀ NỘI") == ["place:vn:ha-noi"]
    assert table.lookup("hanoi") == ["place:vn:ha-noi"]
    assert set(table.lookup("He Wei")) == {"person:cn:he-wei-ambassador", "person:cn:he-wei-cppcc"}
    # a weak form alone names nobody unless asked
    assert table.lookup("Xi") == []
    assert "person:cn:xi-jinping" in table.lookup("Xi", weak=True)


def test_ambiguities_report_every_entity_claiming_an_alias(table):
    by_key = {a.key: a for a in table.ambiguities()}
    assert set(by_key["he wei"].entities) == {"person:cn:he-wei-ambassador", "person:cn:he-wei-cppcc"}
    assert "hanoi" not in by_key


def test_duplicate_rows_merge_and_counts_add():
    rows = [AliasRow("x:1", "A", "en", "alias", "corpus", 2), AliasRow("x:1", "A", "en", "alias", "corpus", 3)]
    (row,) = AliasTable(rows)
    assert row.count == 5


def test_bad_kind_is_refused():
    with pytest.raises(ValueError, match="kind"):
        AliasRow("x:1", "A", "en", "nickname", "s")


TRICKY = AliasTable([
    AliasRow("org:x", 'The "Quoted", Party', "en", "label", "lexicon a.tsv:3", 0, "org"),
    AliasRow("org:x", "Lào Cai, Việt Nam", "vi", "alias", "corpus", 7, "org"),
    AliasRow("org:x", "老街\t河口", "zh", "alias", "x", 0, "org"),
    AliasRow("org:x", "back\\slash => arrow", "en", "abbreviation", "x", 0, "org"),
])


@pytest.mark.parametrize("suffix", ["jsonl", "csv", "tsv"])
def test_files_round_trip_with_commas_quotes_tabs_and_han(tmp_path, suffix):
    path = tmp_path / f"t.{suffix}"
    write_table(TRICKY, path)
    assert list(read_table(path)) == list(TRICKY)


def test_a_bad_file_names_its_line(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text('{"entity": "a", "alias": "b", "kind": "label"}\n{"entity": "a"\n', encoding="utf-8")
    with pytest.raises(AliasTableError, match=r"t.jsonl:2: not JSON"):
        read_table(path)
    path.write_text('{"entity": "a", "alias": "b", "kind": "nick"}\n', encoding="utf-8")
    with pytest.raises(AliasTableError, match=r"t.jsonl:1: .*kind"):
        read_table(path)
    csv_path = tmp_path / "t.csv"
    csv_path.write_text("entity,alias,lang,kind,source,count,type\na,b,en,label\n", encoding="utf-8")
    with pytest.raises(AliasTableError, match=r"t.csv:2: 4 cells"):
        read_table(csv_path)
    bad = tmp_path / "b.jsonl"
    bad.write_bytes(b'{"entity": "\xff"}\n')
    with pytest.raises(AliasTableError, match="invalid UTF-8 at byte 12"):
        read_table(bad)


def test_diff_shows_added_removed_and_changed():
    old = AliasTable([AliasRow("p:1", "A", "en", "label", "s"), AliasRow("p:1", "B", "en", "alias", "s"),
                      AliasRow("p:2", "C", "en", "alias", "s")])
    new = AliasTable([AliasRow("p:1", "A", "en", "label", "s"), AliasRow("p:1", "B", "en", "weak", "s"),
                      AliasRow("p:3", "D", "vi", "alias", "s")])
    changes = diff_tables(old, new)
    assert [r.alias for r in changes.added] == ["D"]
    assert [r.alias for r in changes.removed] == ["C"]
    assert [(o.kind, n.kind) for o, n in changes.changed] == [("alias", "weak")]
    assert changes.lines()[-1].startswith("~ p:1\tB") and "kind='weak'" in changes.lines()[-1]
    assert not diff_tables(new, new)


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_mining_counts_the_spellings_a_corpus_uses(table):
    documents = [(p.name, p.read_bytes()) for p in sorted(SEEDS.glob("*.txt"))]
    mined = mine_corpus(documents, table)
    rows = {(row.entity, row.alias): row for row in mined.table}
    assert rows[("org:cn:cpc", "CPC")].kind == "abbreviation"
    assert rows[("org:cn:cpc", "CPC")].count >= 2
    assert all(row.source.startswith("corpus") and row.count > 0 for row in mined.table)


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_mining_clusters_an_unknown_name_across_scripts():
    found = names_in_text("Ông Lưu Hải Tinh gặp Bộ trưởng Vương Nghị tại Hà Nội hôm qua.")
    found.update(names_in_text("Foreign Minister Liu Haixing met Wang Yi in Hanoi."))
    found.update(names_in_text("刘海星在河内会见了王毅。"))
    mined = mine_names(found)
    clusters = {row.entity for row in mined.table if row.alias in ("Lưu Hải Tinh", "Liu Haixing", "刘海星")}
    assert len(clusters) == 1 and clusters.pop().startswith("nil:")
    hanoi = {row.alias: row.count for row in mined.table if row.entity == "place:vn:ha-noi"}
    assert hanoi == {"Hà Nội": 1, "Hanoi": 1, "河内": 1}


def test_mining_reports_a_form_used_for_several_entities_instead_of_choosing():
    from toolkit.aliases.mining import DocumentNames

    found = DocumentNames()
    found.known[("person:cn:he-wei-ambassador", "He Wei", "person")] += 2
    found.known[("person:cn:he-wei-cppcc", "He Wei", "person")] += 1
    (ambiguity,) = mine_names(found).ambiguities
    assert ambiguity.entities == ("person:cn:he-wei-ambassador", "person:cn:he-wei-cppcc")
    assert ambiguity.count == 3


def _app() -> typer.Typer:
    from toolkit.cli import aliases as aliases_cli

    app = typer.Typer()
    aliases_cli.register(app)
    app.command("unused", hidden=True)(lambda: None)  # keeps "aliases" a group, as in the real app
    return app


@pytest.mark.slow
def test_cli_build_diff_export(tmp_path):
    runner = CliRunner()
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Ông Lưu Hải Tinh đến Hà Nội. Liu Haixing.", encoding="utf-8")
    lexicon = tmp_path / "mine.tsv"
    lexicon.write_text("# test lexicon\nid\ttype\tvi\ten\tsource\n"
                       "place:vn:test-town\tplace\tThị trấn Thử\tTest Town\tthis test\n", encoding="utf-8")
    first = runner.invoke(_app(), ["aliases", "build", "-o", str(tmp_path / "a.jsonl")])
    assert first.exit_code == 0, first.output
    second = runner.invoke(_app(), ["aliases", "build", "--lexicon", str(lexicon), "--corpus", str(corpus),
                                    "-o", str(tmp_path / "b.csv"), "--ambiguities", str(tmp_path / "amb.jsonl")])
    assert second.exit_code == 0, second.output
    ambiguities = [json.loads(line) for line in (tmp_path / "amb.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(a["key"] == "he wei" for a in ambiguities)
    diffed = runner.invoke(_app(), ["aliases", "diff", str(tmp_path / "a.jsonl"), str(tmp_path / "b.csv")])
    assert diffed.exit_code == 0
    assert "+ place:vn:test-town\tThị trấn Thử\tvi\tlabel" in diffed.stdout
    assert "+ place:vn:ha-noi\tHà Nội\tvi\tlabel ×1\tcorpus" in diffed.stdout
    exported = runner.invoke(_app(), ["aliases", "export", str(tmp_path / "b.csv"), "--format", "solr"])
    assert exported.exit_code == 0 and "Thị trấn Thử, Test Town" in exported.stdout
    no_folder = runner.invoke(_app(), ["aliases", "export", str(tmp_path / "b.csv"), "--format", "postgres"])
    assert no_folder.exit_code == 2
    folder = runner.invoke(_app(), ["aliases", "export", str(tmp_path / "b.csv"), "-f", "postgres",
                                    "-o", str(tmp_path / "pg")])
    assert folder.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "pg").iterdir()) == [
        "install.sql", "sinoviet.rules", "sinoviet.syn", "sinoviet.ths"]
    bad = runner.invoke(_app(), ["aliases", "export", str(tmp_path / "b.csv"), "-f", "lucene"])
    assert bad.exit_code == 2
    missing = runner.invoke(_app(), ["aliases", "diff", str(tmp_path / "none.jsonl"), str(tmp_path / "b.csv")])
    assert missing.exit_code == 1 and "no such file" in missing.output
