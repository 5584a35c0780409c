"""The lexicon loader: the TSV format, its validation errors (file, line, byte offset), ambiguities, layering."""

from __future__ import annotations

import dataclasses
import pickle
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.lexicon import Lexicon, LexiconError, Name, builtin_paths, name_key

HEADER = "id\ttype\tvi\ten\tzh\taliases\tabbr\tparent\tvalid_from\tvalid_to\tsource"


def tsv(tmp_path: Path, name: str, *rows: str, header: str = HEADER, comment: str = "# test lexicon") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([comment, header, *rows]) + "\n", encoding="utf-8")
    return path


def row(entity_id: str, vi: str = "", en: str = "", zh: str = "", aliases: str = "", abbr: str = "",
        parent: str = "", valid_from: str = "", valid_to: str = "", source: str = "test", type_: str | None = None) -> str:
    entity_type = type_ if type_ is not None else entity_id.split(":", 1)[0]
    return "\t".join([entity_id, entity_type, vi, en, zh, aliases, abbr, parent, valid_from, valid_to, source])


def load_error(*paths: Path) -> LexiconError:
    with pytest.raises(LexiconError) as caught:
        Lexicon.load(*paths)
    return caught.value


# -- a good file ---------------------------------------------------------------------------

def test_a_row_becomes_a_frozen_entity_with_all_its_names(tmp_path):
    path = tsv(tmp_path, "a.tsv",
               row("place:xx", vi="Xứ X", en="Exland"),
               row("place:xx:capital", vi="Thủ Đô", en="Capital City", zh="首都", aliases="en:Cap City|vi:Thủ đô X",
                   abbr="en:CC", parent="place:xx", valid_from="2001-02-03", source="made up for the test"))
    lexicon = Lexicon.load(path)
    entity = lexicon.get("place:xx:capital")
    assert entity.type == "place"
    assert (entity.name("vi"), entity.name("en"), entity.name("zh")) == ("Thủ Đô", "Capital City", "首都")
    assert entity.aliases == (Name("Cap City", "en", "alias"), Name("Thủ đô X", "vi", "alias"))
    assert entity.abbreviations == (Name("CC", "en", "abbr"),)
    assert entity.parent == "place:xx"
    assert entity.valid_from == date(2001, 2, 3) and entity.valid_to is None
    assert entity.valid_on(date(2020, 1, 1)) and not entity.valid_on(date(2000, 1, 1))
    assert entity.sources == ("made up for the test",)
    assert entity.origins == (f"{path}:4",)
    with pytest.raises(dataclasses.FrozenInstanceError):
        entity.type = "org"  # type: ignore[misc]


def test_lexicon_access_by_id_type_name_and_counts(tmp_path):
    path = tsv(tmp_path, "a.tsv",
               row("place:xx", en="Exland"),
               row("person:xx:a", en="Ann Example"),
               row("org:xx:club", en="Example Club", abbr="en:EC"))
    lexicon = Lexicon.load(path)
    assert len(lexicon) == 3
    assert [entity.id for entity in lexicon] == ["place:xx", "person:xx:a", "org:xx:club"]
    assert "org:xx:club" in lexicon and "org:xx:none" not in lexicon
    assert lexicon.get("org:xx:none") is None
    with pytest.raises(KeyError):
        lexicon["org:xx:none"]
    assert [entity.id for entity in lexicon.by_type("person")] == ["person:xx:a"]
    with pytest.raises(ValueError):
        lexicon.by_type("animal")
    assert [name.text for name in lexicon.names("org:xx:club")] == ["Example Club", "EC"]
    assert lexicon.counts() == {"person": 1, "place": 1, "org": 1, "other": 0}
    assert lexicon.counts_by_file() == {str(path): {"person": 1, "place": 1, "org": 1, "other": 0}}
    assert [entity.id for entity in lexicon.lookup("example  CLUB")] == ["org:xx:club"]
    assert [entity.id for entity in lexicon.lookup("ec")] == ["org:xx:club"]
    assert lexicon.lookup("Example") == []


def test_columns_may_come_in_any_order_and_optional_ones_may_be_left_out(tmp_path):
    path = tsv(tmp_path, "a.tsv", "CLDR\tExland\tplace:xx\tplace", header="source\ten\tid\ttype")
    assert Lexicon.load(path).get("place:xx").name("en") == "Exland"


def test_bom_crlf_and_decomposed_text_are_read_as_the_same_facts(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Hà Nội")
    path = tmp_path / "windows.tsv"
    path.write_bytes(("\ufeff# comment\r\n" + HEADER + "\r\n" + row("place:xx", vi=decomposed) + "\r\n").encode("utf-8"))
    entity = Lexicon.load(path).get("place:xx")
    assert entity.name("vi") == "Hà Nội"
    assert entity.sources == ("test",)


def test_name_key_ignores_case_spacing_and_dash_style_but_not_tones():
    assert name_key("China – Indochina  Peninsula") == name_key("china-indochina peninsula")
    assert name_key("Việt Nam -China") == name_key("Việt Nam–China")
    assert name_key("Hà Nội") == name_key("HÀ NỘI")
    assert name_key("Hà Nội") != name_key("Ha Noi")


# -- malformed files: each error names the file and line -----------------------------------

@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ("place:xx\tplace\tX", "expected 11 tab-separated columns"),
        (row("place:xx", en="Exland", source=""), "missing source"),
        (row("place:xx", en="Exland", type_="planet"), "unknown type 'planet'"),
        (row("place:xx", en="Exland", type_=""), "missing type"),
        (row("", en="Exland", type_="place"), "missing id"),
        (row("Place XX", en="Exland", type_="place"), "malformed id"),
        (row("org:xx", en="Exland", type_="place"), "must start with its type"),
        (row("place:xx"), "has no name"),
        (row("place:xx", en="Exland", valid_from="2025-13-01"), "bad date in valid_from"),
        (row("place:xx", en="Exland", valid_to="1/7/2025"), "bad date in valid_to"),
        (row("place:xx", en="Exland", valid_from="2025-07-01", valid_to="2025-06-30"), "is after valid_to"),
        (row("place:xx", en="Exland", aliases="Exlandia"), "needs a language prefix"),
        (row("place:xx", en="Exland", abbr="en:"), "empty or space-padded"),
        (row("place:xx", en="Exland ", source="test"), "leading or trailing whitespace"),
        (row("place:xx", en="Exland", parent="place:xx"), "names itself as its parent"),
    ],
)
def test_a_malformed_row_is_an_error_naming_file_and_line(tmp_path, bad_row, message):
    path = tsv(tmp_path, "bad.tsv", row("place:ok", en="Fine"), bad_row)
    error = load_error(path)
    assert error.path == str(path)
    assert error.line == 4
    assert message in error.message
    assert str(error).startswith(f"{path}:4: ")


def test_an_unknown_column_or_a_header_without_source_is_an_error(tmp_path):
    unknown = tsv(tmp_path, "unknown.tsv", header="id\ttype\ten\tsauce")
    assert "unknown column 'sauce'" in str(load_error(unknown))
    no_source = tsv(tmp_path, "nosource.tsv", header="id\ttype\ten")
    error = load_error(no_source)
    assert (error.line, "required column 'source'" in error.message) == (2, True)


def test_duplicate_id_names_both_places(tmp_path):
    path = tsv(tmp_path, "dup.tsv", row("place:xx", en="Exland"), row("place:yy", en="Whyland"),
               row("place:xx", en="Exland again"))
    error = load_error(path)
    assert error.line == 5
    assert "duplicate id place:xx" in error.message and f"{path}:3" in error.message


def test_duplicate_id_across_files_is_an_error_in_the_later_file(tmp_path):
    first = tsv(tmp_path, "first.tsv", row("place:xx", en="Exland"))
    second = tsv(tmp_path, "second.tsv", row("place:xx", en="Exland"))
    error = load_error(first, second)
    assert (error.path, error.line) == (str(second), 3)
    assert "mode=replace" in error.message


def test_unknown_parent_and_parent_loops_are_errors_at_the_referring_row(tmp_path):
    orphan = tsv(tmp_path, "orphan.tsv", row("place:xx", en="Exland"), row("place:xx:town", en="Town", parent="place:zz"))
    error = load_error(orphan)
    assert (error.line, "unknown parent id place:zz" in error.message) == (4, True)
    loop = tsv(tmp_path, "loop.tsv", row("place:aa", en="A", parent="place:bb"), row("place:bb", en="B", parent="place:aa"))
    assert "loops back" in load_error(loop).message


def test_invalid_utf8_is_an_error_with_line_and_byte_offset(tmp_path):
    path = tmp_path / "latin1.tsv"
    good = f"# test\n{HEADER}\n".encode("utf-8")
    path.write_bytes(good + row("place:xx", vi="Hàn").encode("cp1252") + b"\n")
    error = load_error(path)
    offending = good + b"place:xx\tplace\tH"
    assert error.byte_offset == len(offending)
    assert error.line == 3
    assert f"byte offset {len(offending)}" in str(error) and "not valid UTF-8" in str(error)


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n"])
def test_an_empty_file_is_an_error(tmp_path, content):
    path = tmp_path / "empty.tsv"
    path.write_text(content, encoding="utf-8")
    error = load_error(path)
    assert error.path == str(path) and "no header" in error.message


def test_a_missing_file_is_an_error_naming_it(tmp_path):
    error = load_error(tmp_path / "absent.tsv")
    assert error.path == str(tmp_path / "absent.tsv") and "cannot read" in error.message


# -- ambiguity: kept, listed, never overwritten ---------------------------------------------

def test_two_entities_claiming_one_alias_are_both_kept_and_reported(tmp_path):
    path = tsv(tmp_path, "amb.tsv",
               row("person:cn:he-wei-a", en="He Wei", zh="何炜"),
               row("person:cn:he-wei-b", en="He Wei", zh="何维"),
               row("place:xx", en="Springfield", aliases="en:HE WEI"))
    lexicon = Lexicon.load(path)
    assert len(lexicon) == 3
    assert [entity.id for entity in lexicon.lookup("He Wei")] == ["person:cn:he-wei-a", "person:cn:he-wei-b", "place:xx"]
    (ambiguity,) = lexicon.ambiguities
    assert ambiguity.key == "he wei"
    assert ambiguity.entity_ids == ("person:cn:he-wei-a", "person:cn:he-wei-b", "place:xx")
    assert {str(name) for name in ambiguity.names} == {"en:He Wei", "en:HE WEI"}
    assert lexicon.get("person:cn:he-wei-a").name("zh") == "何炜"


def test_one_entity_repeating_its_own_name_is_not_ambiguous(tmp_path):
    path = tsv(tmp_path, "self.tsv", row("place:vn", vi="Việt Nam", en="Vietnam", aliases="en:Việt Nam|en:VIETNAM"))
    lexicon = Lexicon.load(path)
    assert lexicon.ambiguities == ()


# -- layering: the user's files on top of the built-in ones ---------------------------------

@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_user_file_adds_entities_and_extends_builtin_ones(tmp_path):
    mine = tmp_path / "mine.tsv"
    mine.write_text(
        "# my places\n"
        "id\ttype\tvi\taliases\tparent\tmode\tsource\n"
        "place:vn:ha-noi\t\t\ten:Hanoï|fr:Hanoï\t\textend\tmy newsroom style guide\n"
        "place:vn:ha-noi:hoan-kiem\tplace\tHoàn Kiếm\t\tplace:vn:ha-noi\t\tvi.wikipedia: Hoàn Kiếm\n",
        encoding="utf-8",
    )
    builtin = Lexicon.builtin()
    lexicon = Lexicon.builtin(mine)
    assert len(lexicon) == len(builtin) + 1
    hanoi = lexicon.get("place:vn:ha-noi")
    assert Name("Hanoï", "fr", "alias") in hanoi.names
    assert hanoi.names[: len(builtin.get("place:vn:ha-noi").names)] == builtin.get("place:vn:ha-noi").names
    assert hanoi.sources[-1] == "my newsroom style guide"
    assert hanoi.origins[-1] == f"{mine}:3"
    assert lexicon.get("place:vn:ha-noi:hoan-kiem").parent == "place:vn:ha-noi"
    assert lexicon.files[-1] == str(mine)
    assert lexicon.extensions_by_file()[str(mine)] == 1


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_user_file_redefining_a_builtin_id_needs_mode_replace(tmp_path):
    plain = tsv(tmp_path, "plain.tsv", row("place:vn:ha-noi", vi="Hà Nội", source="mine"))
    error = load_error(*builtin_paths(), plain)
    assert (error.path, error.line) == (str(plain), 3)
    assert "duplicate id place:vn:ha-noi" in error.message and "20-vn-provinces.tsv" in error.message

    replacing = tmp_path / "replace.tsv"
    replacing.write_text(
        "id\ttype\tvi\ten\tmode\tsource\nplace:vn:ha-noi\tplace\tHà Nội\tHanoi\treplace\tmy gazetteer\n", encoding="utf-8"
    )
    entity = Lexicon.builtin(replacing).get("place:vn:ha-noi")
    assert entity.names == (Name("Hà Nội", "vi"), Name("Hanoi", "en"))
    assert entity.sources == ("my gazetteer",) and entity.parent is None


def test_replace_or_extend_of_an_unknown_id_and_conflicting_extensions_are_errors(tmp_path):
    header = "id\ttype\ten\tzh\tmode\tsource"
    unknown = tsv(tmp_path, "unknown.tsv", "place:zz\tplace\tZed\t\textend\tmine", header=header)
    assert "which no earlier file defines" in load_error(unknown).message
    base = tsv(tmp_path, "base.tsv", row("place:xx", en="Exland", zh="艾克斯"))
    clash = tsv(tmp_path, "clash.tsv", "place:xx\t\t\t另一个\textend\tmine", header=header)
    error = load_error(base, clash)
    assert (error.path, error.line) == (str(clash), 3)
    assert "already has the zh name '艾克斯'" in error.message
    wrong_type = tsv(tmp_path, "type.tsv", "place:xx\torg\tExland Org\t\treplace\tmine", header=header)
    assert "must start with its type" in load_error(base, wrong_type).message
    widening = tmp_path / "widen.tsv"
    widening.write_text("id\tparent\tmode\tsource\nplace:xx\tplace:yy\textend\tmine\n", encoding="utf-8")
    assert "may only add names" in load_error(base, widening).message


# -- properties ----------------------------------------------------------------------------

@given(st.text())
def test_name_key_never_crashes_and_is_idempotent(text):
    key = name_key(text)
    assert name_key(key) == key


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300) | st.text(alphabet="\t\n\r#:|-é ab1placeidtypesourcenvz", max_size=300).map(str.encode))
def test_any_bytes_either_load_or_raise_a_lexicon_error_naming_the_file(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.tsv"
    path.write_bytes(data)
    try:
        Lexicon.load(path)
    except LexiconError as error:
        assert error.path == str(path)


def test_a_loaded_lexicon_pickles_for_worker_processes(tmp_path):
    path = tsv(tmp_path, "a.tsv", row("place:xx", en="Exland", aliases="en:X-land"))
    lexicon = Lexicon.load(path)
    copy = pickle.loads(pickle.dumps(lexicon))
    assert list(copy) == list(lexicon) and [e.id for e in copy.lookup("x land")] == []
    assert [e.id for e in copy.lookup("X – land")] == ["place:xx"]


# -- hostile sizes (issue 18, item 6) -------------------------------------------------------

@pytest.mark.parametrize("column", ["en", "aliases"])
def test_a_name_longer_than_any_name_is_an_error_naming_file_and_line(tmp_path, column):
    from toolkit.lexicon.tsv import MAX_NAME_CHARS

    long_name = "Ex" * (MAX_NAME_CHARS // 2 + 1)
    cells = {"en": long_name} if column == "en" else {"en": "Exland", "aliases": "en:" + long_name}
    path = tsv(tmp_path, "big.tsv", row("place:ok", en="Fine"), row("place:xx", **cells))
    error = load_error(path)
    assert error.line == 4 and "longer than" in error.message and str(MAX_NAME_CHARS) in error.message


def test_many_aliases_are_deduplicated_without_comparing_every_pair(tmp_path, monkeypatch):
    compared = []
    original_eq = Name.__eq__
    monkeypatch.setattr(Name, "__eq__", lambda self, other: compared.append(1) or original_eq(self, other))
    aliases = "|".join(f"en:Exland {number}" for number in range(2000))
    path = tsv(tmp_path, "many.tsv", row("place:xx", en="Exland", aliases=aliases + "|en:Exland 7"))
    lexicon = Lexicon.load(path)
    assert len(compared) < 20_000, len(compared)  # a pairwise scan is about 2 million
    assert len(lexicon) == 1
