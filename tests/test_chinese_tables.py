"""The Chinese data tables: provenance headers, well-formed rows, sources, loader errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.chinese import tables
from toolkit.chinese.tables import ChineseTableError, _rows
from toolkit.resources import lexicon_path

GENERATED = ("hanviet_readings.tsv", "variants.tsv", "name_frequencies.tsv", "char_frequencies.tsv")
CURATED = ("name_readings.tsv",)


@pytest.mark.parametrize("name", GENERATED)
def test_generated_tables_name_their_sources_and_script(name):
    header = [line for line in lexicon_path("chinese", name).read_text(encoding="utf-8").splitlines()
              if line.startswith("#")]
    text = "\n".join(header)
    assert "build_tables.py" in text
    assert "source" in text.lower()
    assert any(licence in text for licence in ("MIT", "Apache-2.0", "Unicode licence"))


@pytest.mark.parametrize("name", GENERATED + CURATED)
def test_tables_are_sorted_or_curated_and_compact(name):
    path = lexicon_path("chinese", name)
    assert path.stat().st_size < 1_000_000
    rows = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")][1:]
    assert rows
    if name in ("hanviet_readings.tsv", "variants.tsv", "char_frequencies.tsv"):
        keys = [tuple(r.split("\t")[:2]) for r in rows]
        assert keys == sorted(keys), "generated tables are sorted so that a rebuild diffs cleanly"


def test_every_curated_row_has_a_source():
    for char, readings in tables.name_readings().items():
        for row in readings:
            assert row.source.strip(), char


def test_readings_table_is_traditional_keyed_with_simplified_added():
    table = tables.readings_table()
    assert table["樂"]["yue4"] == ("nhạc",)
    assert "lạc" in table["乐"]["le4"]
    assert table["习"]["*"] == ("tập",)  # only through 習
    assert {"長", "长"} <= set(table)


def test_name_frequencies_by_role():
    frequencies = tables.name_frequencies()
    assert frequencies["surname"][("王", "")] > frequencies["surname"][("何", "")] > 0
    assert frequencies["given"][("伟", "wei3")] > 0
    assert tables.compound_surnames()["欧阳"] > 0


def test_traditional_only_characters():
    only = tables.traditional_only()
    assert "煒" in only and "習" in only
    assert "乾" not in only and "余" not in only


def test_a_bad_row_names_the_file_and_line(tmp_path: Path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("# header comment\nchar\tcount\n中\t1\n国\n", encoding="utf-8")
    with pytest.raises(ChineseTableError, match=r"bad\.tsv:4"):
        list(_rows(bad, ("char", "count")))
    wrong_header = tmp_path / "wrong.tsv"
    wrong_header.write_text("a\tb\n", encoding="utf-8")
    with pytest.raises(ChineseTableError, match=r"wrong\.tsv:1"):
        list(_rows(wrong_header, ("char", "count")))


@pytest.mark.slow
def test_importing_the_package_loads_no_heavy_library():
    code = (
        "import sys, toolkit.chinese, toolkit.chinese.matching, toolkit.chinese.readings, toolkit.chinese.candidates\n"
        "heavy = [m for m in ('pypinyin', 'opencc', 'jieba') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
