"""The key functions of toolkit.text.keys, one per use, on the examples their docstring gives."""

from __future__ import annotations

from toolkit import fold
from toolkit.text.keys import link_key, marked_key, name_key, scan_key, search_key
from toolkit.lexicon import name_key as lexicon_name_key

NAME = "Hà Nội–Trung Quốc"


def test_each_key_of_one_name():
    assert search_key(NAME) == fold(NAME) == "ha noi trung quoc"
    assert scan_key(NAME) == "Ha Noi Trung Quoc"
    assert link_key(NAME) == "ha noi trung quoc"
    assert name_key(NAME) == lexicon_name_key(NAME) == "hà nội-trung quốc"
    assert marked_key(NAME) == "hà nội–trung quốc"


def test_link_key_lower_cases_the_scan_key_where_the_search_key_casefolds():
    assert link_key("Straße") == scan_key("Straße").lower() == "straße"
    assert search_key("Straße") == "strasse"
    assert link_key("Lương Cường") == search_key("Lương Cường") == "luong cuong"
