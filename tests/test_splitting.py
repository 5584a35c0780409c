from __future__ import annotations

import importlib.util
import math
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.resources import lexicon_path
from toolkit.vietnamese import is_syllable, split_syllables
from toolkit.vietnamese.splitting import PRIORS_FILE, fold_syllable, folded_inventory

REPO = Path(__file__).resolve().parents[1]


def _best(word: str) -> str:
    return " ".join(split_syllables(word)[0][0])


@pytest.mark.parametrize(
    ("word", "best"),
    [
        ("Hanoi", "Ha noi"),
        ("Vietnam", "Viet nam"),
        ("Hochiminh", "Ho chi minh"),
        ("Danang", "Da nang"),
        ("Saigon", "Sai gon"),
        ("Haiphong", "Hai phong"),
        ("Nhatrang", "Nha trang"),
        ("Thanhhoa", "Thanh hoa"),
        ("Nguyen", "Nguyen"),
        ("hanoi", "ha noi"),
        ("HANOI", "HA NOI"),
        ("HaNoi", "Ha Noi"),
        ("Đànẵng", "Đà nẵng"),
    ],
)
def test_best_split(word, best):
    assert _best(word) == best


def test_hanoi_alternatives_are_all_listed_and_ranked():
    results = split_syllables("Hanoi")
    cuts = [" ".join(pieces) for pieces, _ in results]
    assert cuts[0] == "Ha noi"
    assert "Han oi" in cuts
    assert set(cuts) == {"Ha noi", "Han oi", "Ha no i", "Han o i"}
    probabilities = [p for _, p in results]
    assert probabilities == sorted(probabilities, reverse=True)
    assert math.isclose(sum(probabilities), 1.0)
    assert probabilities[0] > 0.5


def test_pieces_are_slices_of_the_input():
    for word in ("Hochiminh", "SAIGON", "vIeTnAm", "Đànẵng"):
        for pieces, _ in split_syllables(word):
            assert "".join(pieces) == word


def test_every_piece_folds_to_a_syllable():
    inventory = folded_inventory()
    for pieces, _ in split_syllables("Hochiminh"):
        assert all(piece.lower() in inventory for piece in pieces)
    # the inventory comes from the syllable model: its members are toneless forms of real syllables
    assert {"ha", "noi", "nguyen", "nghieng", "quoc", "gi", "khuyu"} <= inventory
    assert not {"han0", "zh", "jin", "ping", "xyz", "str"} & inventory


def test_capital_after_small_letter_marks_a_cut():
    assert _best("LongAn") == "Long An"  # plain "longan" would read "lon gan" or "long an"
    assert _best("HaNoi") == "Ha Noi"
    assert _best("PhuYen") == "Phu Yen"
    # no cut honours every capital: fall back to ignoring case
    assert _best("vIeTnAm") == "vIeT nAm"


def test_marks_are_evidence():
    assert _best("Hàmthuận") == "Hàm thuận"  # not "thu ận": ận is almost never how "an" is written
    assert _best("Hươngthủy") == "Hương thủy"
    assert _best("Hàmthuan") in {"Hàm thuan", "Hàm thu an"}  # no marks on the tail: priors only


def test_nfd_input_is_composed_first():
    nfd = unicodedata.normalize("NFD", "Đànẵng")
    assert split_syllables(nfd) == split_syllables("Đànẵng")


def _ward_names() -> list[list[str]]:
    """Vietnamese ward and province names (vietnam-provinces) whose every word is a syllable."""
    provinces = pytest.importorskip("vietnam_provinces")
    prefixes = ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu ", "Thị trấn ")
    names = set()
    for division in (*provinces.Ward.iter_all(), *provinces.Province.iter_all()):
        name = division.name
        for prefix in prefixes:
            name = name.removeprefix(prefix)
        words = name.split()
        if len(words) > 1 and all(is_syllable(word) for word in words):
            names.add(tuple(words))
    return [list(words) for words in sorted(names)]


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_run_together_ward_names():
    names = _ward_names()
    assert len(names) > 2500
    with_marks = sum(split_syllables("".join(words))[0][0] == words for words in names)
    ascii_words = [[fold_syllable(word) for word in words] for words in names]
    plain = sum(
        [piece.lower() for piece in split_syllables("".join(words).capitalize())[0][0]] == words
        for words in ascii_words
    )
    # measured with vietnam-provinces 2025.10: 2691/2697 with marks, 2651/2697 plain ASCII
    assert with_marks / len(names) > 0.99
    assert plain / len(names) > 0.97


def test_limit_keeps_the_best():
    assert split_syllables("Hanoi", limit=1) == split_syllables("Hanoi")[:1]


@pytest.mark.parametrize("word", ["", "Ha noi", "Ha-noi", "Jinping", "Zhongjun", "xyz", "abc1", "TP.HCM", "q"])
def test_no_split(word):
    assert split_syllables(word) == []


def test_a_known_syllable_keeps_its_whole_form_first():
    for word in ("Hue", "nguyen", "quoc"):
        assert split_syllables(word)[0][0] == [word]


def test_long_ambiguous_input_is_bounded():
    results = split_syllables("ao" * 30)
    assert 0 < len(results) <= 256
    assert split_syllables("a" * 65) == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdeghiklmnopqrstuvxyăâđêôơư", max_size=16))
def test_properties(word):
    results = split_syllables(word)
    for pieces, probability in results:
        assert "".join(pieces) == word
        assert 0.0 <= probability <= 1.0
    if results:
        assert math.isclose(sum(p for _, p in results), 1.0)


@pytest.mark.slow
def test_priors_file_names_its_source_and_is_reproducible():
    path = lexicon_path(*PRIORS_FILE)
    text = path.read_text(encoding="utf-8")
    header = [line for line in text.splitlines()[:5] if line.startswith("#")]
    assert any("underthesea" in line and "Viet74K.txt" in line for line in header)
    assert any("licence" in line and "Apache-2.0" in line for line in header)
    if importlib.util.find_spec("underthesea") is None:
        pytest.skip("underthesea is not installed: cannot rebuild the table")
    from importlib.metadata import version

    if f"underthesea {version('underthesea')}," not in text:
        pytest.skip("installed underthesea differs from the one the table was built from")
    script = REPO / "lexicons" / "vietnamese" / "build_syllable_priors.py"
    spec = importlib.util.spec_from_file_location("build_syllable_priors", script)
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    assert builder.render() == text


def test_priors_count_only_syllables():
    text = lexicon_path(*PRIORS_FILE).read_text(encoding="utf-8")
    unigrams = [line.split("\t")[1] for line in text.splitlines() if line.startswith("unigram\t")]
    assert len(unigrams) > 1500
    assert set(unigrams) <= folded_inventory()
