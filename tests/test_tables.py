"""The one TSV reader, its error, and the data tables read through it."""

from __future__ import annotations

import pytest

from toolkit.designators import place_words
from toolkit.lexicon import LexiconError
from toolkit.linking import context
from toolkit.text.script import has_han, has_marks, is_han_char
from toolkit.tables import TableError, read_tsv


def test_read_tsv_yields_numbered_rows_and_skips_comments(tmp_path):
    path = tmp_path / "t.tsv"
    path.write_text("# a source\nchar\tcount\n\n中\t3\n", encoding="utf-8")
    assert list(read_tsv(path, ("char", "count"))) == [(4, ["中", "3"])]


@pytest.mark.parametrize("text, line", [("a\tb\n", 1), ("char\tcount\n中\n", 2), ("# only a comment\n", None)])
def test_table_error_names_file_and_line(tmp_path, text, line):
    path = tmp_path / "bad.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TableError) as caught:
        list(read_tsv(path, ("char", "count")))
    assert caught.value.path == str(path) and caught.value.line == line
    assert str(caught.value).startswith(f"{path}:{line}: " if line else f"{path}: ")


def test_table_error_names_the_column():
    error = TableError("empty", "roles.tsv", 7, "roles")
    assert (error.path, error.line, error.column) == ("roles.tsv", 7, "roles")
    assert str(error) == "roles.tsv:7: column 'roles': empty"
    assert isinstance(error, ValueError)


def test_lexicon_error_is_a_table_error():
    assert issubclass(LexiconError, TableError)
    assert str(LexiconError("missing id", "x.tsv", 3)) == "x.tsv:3: missing id"


def test_place_words_as_the_linker_uses_them():
    words = place_words()
    assert words.province_words == {"tỉnh", "province", "province of", "省"}
    assert words.district_words == {"huyện", "thị xã", "huyện đảo", "county", "district", "县", "区", "區"}
    assert words.designator_keys == ("tinh ", "thanh pho ", "huyen ", "thi xa ", "tp ", "huyen dao ", "quan dao ", "thi tran ")
    assert words.designator_words["tp"] == "tp"
    assert words.designator_last_characters == frozenset("hHốỐnNãÃpPoO.\u0301\u0303")
    assert words.han_place_suffixes == frozenset("省市县區区州")
    assert words.han_place_finals == frozenset("省市县縣区區州江河湖山岛島港镇鎮村乡鄉城京门門路街桥橋站")
    assert words.place_before.search("ở TP. ") and words.place_before.search("the city of ")
    assert words.place_after.match(" Province") and words.place_after.match("省") and not words.place_after.match("州")


def test_titles_are_keyed_in_fold_space():
    assert context.TITLES["thu tuong"] == ("prime-minister",)
    assert context.TITLES["ong"] == ("",)
    assert context.TITLES["国家主席"] == ("president",)


def test_han_is_ideographs_not_hexagrams():
    assert is_han_char("中") and is_han_char("㐀") and is_han_char("𠀀") and is_han_char("\uf900")
    assert not is_han_char("\u4dc0") and not is_han_char("ー") and not is_han_char("a")
    assert has_han("Tập 习") and not has_han("䷀") and not has_han("Hà Nội")
    assert has_marks("Hà Nội") and has_marks("Đ") and not has_marks("Ha Noi") and not has_marks("习")


def _rows_file(tmp_path, name, header, rows):
    path = tmp_path / name
    path.write_text("# a test table\n" + header + "\n" + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("row, column", [
    ("中\tzh\tcountry\t", "entity"),          # a country names its entity
    ("驻\tzh\tbefore\tplace:cn", "entity"),   # only a country row names one
    ("中国\tzh\tcountry\tplace:cn", "word"),  # a Chinese abbreviation is one character
    ("Việt\tvi\tbefore\t", "kind"),           # Vietnamese rows are countries
    ("中\tzh\tsideways\tplace:cn", "kind"),
])
def test_a_bad_compounds_row_names_its_file_line_and_column(tmp_path, monkeypatch, row, column):
    from toolkit.linking import compounds

    path = _rows_file(tmp_path, "compounds.tsv", "word\tlang\tkind\tentity", ["越\tzh\tcountry\tplace:vn", row])
    monkeypatch.setattr(compounds, "lexicon_path", lambda *parts: path)
    compounds.compound_words.cache_clear()
    try:
        with pytest.raises(TableError) as caught:
            compounds.compound_words()
    finally:
        compounds.compound_words.cache_clear()
    assert (caught.value.path, caught.value.line, caught.value.column) == (str(path), 4, column)


def test_a_body_word_without_its_kind_of_body_names_its_line(tmp_path, monkeypatch):
    import toolkit.designators as designators

    path = _rows_file(tmp_path, "designators.tsv", "word\tlang\tkind\trank", ["省\tzh\tafter\tprovince", "省委\tzh\tbody\t"])
    monkeypatch.setattr(designators, "lexicon_path", lambda *parts: path)
    with pytest.raises(TableError) as caught:
        designators.designator_rows()
    assert (caught.value.line, caught.value.column) == (4, "rank")
