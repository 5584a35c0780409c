"""The romanisation tables: provenance headers, valid rows, and the Wade-Giles table matching its script."""

from __future__ import annotations

import importlib.metadata
import importlib.util

import pytest

from toolkit.chinese.romanised import pinyin_syllables, wade_giles_table
from toolkit.resources import lexicon_path

ROMANISATION = lexicon_path("chinese", "romanisation")


def _header(name: str) -> str:
    lines = (ROMANISATION / name).read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if line.startswith("#"))


def _load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROMANISATION / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_wade_giles_table_is_what_its_script_writes():
    script = _load_script("build_wade_giles")
    written = [tuple(line.split("\t")) for line in (ROMANISATION / "wade_giles.tsv").read_text(encoding="utf-8").splitlines()
               if line and not line.startswith("#")][1:]
    assert written == script.rows()


def test_wade_giles_table_covers_every_syllable_once():
    table = wade_giles_table()
    assert sorted(pinyin for pinyin, _ in table) == sorted(pinyin_syllables())
    spellings = dict(table)
    # facts of the standard tables, including the rows pypinyin 0.55.0 gets wrong
    for pinyin, wade_giles in {"zhang": "chang", "chang": "ch'ang", "xiao": "hsiao", "ri": "jih", "zi": "tzu",
                               "ci": "tz'u", "si": "ssu", "yu": "yü", "you": "yu", "lai": "lai", "huo": "huo",
                               "shuo": "shuo", "tie": "t'ieh", "chua": "ch'ua", "er": "erh", "yi": "i"}.items():
        assert spellings[pinyin] == wade_giles


def test_headers_name_source_version_and_licence():
    pypinyin_version = importlib.metadata.version("pypinyin")
    assert f"pypinyin {pypinyin_version}" in _header("wade_giles.tsv") and "MIT" in _header("wade_giles.tsv")
    surnames = _header("surnames.tsv")
    assert "sinonym 0.5.1" in surnames and "Apache-2.0" in surnames
    given = _header("given_syllables.tsv")
    assert "sinonym 0.5.1" in given and "Apache-2.0" in given
    assert "source" in _header("exceptions.tsv")


def test_surname_table_rows_are_valid():
    script = _load_script("build_surnames")
    syllables = pinyin_syllables()
    lines = [line.split("\t") for line in (ROMANISATION / "surnames.tsv").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    header, rows = lines[0], lines[1:]
    assert header == ["spelling", "pinyin", "system", "share", "source"]
    assert len(rows) >= 200
    assert rows == sorted(rows, key=lambda row: row[0])  # deterministic order
    for spelling, pinyin, system, share, source in rows:
        assert spelling.isascii() and spelling.isalpha() and spelling.islower()
        assert spelling not in script.EXCLUDED
        assert all(s in syllables for s in pinyin.split())
        assert system in {"wade-giles", "hong-kong", "taiwan", "hokkien"}
        assert 0.0 < float(share) <= 1.0
        assert source.startswith("sinonym 0.5.1")
    systems = {row[0]: row[2] for row in rows}
    assert systems["hsieh"] == "wade-giles" and systems["cheung"] == "hong-kong" and systems["horng"] == "taiwan"


@pytest.mark.parametrize("bad", ["spelling\tpinyin\thanzi\tsource\nPeking\tbei jingg\t北京\tx\n",
                                 "spelling\tpinyin\thanzi\tsource\nPeking\tbei jing\n"])
def test_malformed_rows_name_file_and_line(tmp_path, monkeypatch, bad):
    from toolkit.chinese import romanised

    (tmp_path / "exceptions.tsv").write_text("# comment\n" + bad, encoding="utf-8")
    monkeypatch.setattr(romanised, "_romanisation_dir", lambda: tmp_path)
    romanised._exceptions.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"exceptions\.tsv:3"):
            romanised._exceptions()
    finally:
        monkeypatch.undo()
        romanised._exceptions.cache_clear()
    assert romanised._exceptions()  # the shipped table loads again
