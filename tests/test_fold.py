"""The fold key: every Vietnamese/English rendering of a name shares one key."""

from __future__ import annotations

import unicodedata

import cases
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.text.folding import fold, fold_with_offsets

@cases.parametrize("folding.tsv")
def test_folding_cases(text: str, keep_case: str, key: str) -> None:
    """Renderings that share a key, keys of other text, case-kept keys: tests/cases/folding.tsv."""
    assert keep_case in ("yes", "no")
    assert fold(text, keep_case=keep_case == "yes") == key
    assert fold_with_offsets(text, keep_case=keep_case == "yes").text == key


def test_key_differs_when_syllables_differ() -> None:
    assert fold("Lý Cường") != fold("Lương Cường")
    assert fold("Hà Vĩ") == fold("Ha Vi") != fold("Hà Nội")


def test_offsets_point_back_at_the_original_nfd_text() -> None:
    text = unicodedata.normalize("NFD", "Ở Hà Nội, ông Tô Lâm.")
    folded = fold_with_offsets(text)
    start = folded.text.index("ha noi")
    s, e = folded.span(start, start + len("ha noi"))
    assert unicodedata.normalize("NFC", text[s:e]) == "Hà Nội"
    start = folded.text.index("to lam")
    s, e = folded.span(start, start + len("to lam"))
    assert unicodedata.normalize("NFC", text[s:e]) == "Tô Lâm"


def test_offsets_skip_invisible_characters() -> None:
    text = "ông Vi\u200bệt"
    folded = fold_with_offsets(text)
    assert folded.text == "ong viet"
    s, e = folded.span(4, 8)
    assert text[s:e] == "Vi\u200bệt"


def test_span_rejects_spans_outside_the_key() -> None:
    folded = fold_with_offsets("Hà Nội")
    with pytest.raises(ValueError):
        folded.span(3, 99)


@settings(max_examples=400, deadline=None)
@given(st.text())
@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_fold_never_raises_and_is_idempotent(text: str) -> None:
    key = fold(text)
    assert fold(key) == key


@settings(max_examples=400, deadline=None)
@given(st.text())
@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_both_entry_points_agree(text: str) -> None:
    folded = fold_with_offsets(text)
    assert folded.text == fold(text)
    assert len(folded.starts) == len(folded.ends) == len(folded.text)
    assert all(0 <= s < e <= len(text) for s, e in zip(folded.starts, folded.ends))
    assert list(folded.starts) == sorted(folded.starts)


VIETNAMESE_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=VIETNAMESE_ALPHABET + VIETNAMESE_ALPHABET.upper() + " ,.-\n", max_size=80))
@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_vietnamese_keys_are_ascii(text: str) -> None:
    assert fold(text).isascii()


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_case_kept_entry_points_agree(text: str) -> None:
    assert fold_with_offsets(text, keep_case=True).text == fold(text, keep_case=True)


# issue 18, item 9: a Greek or Cyrillic letter whose marks kept it from being read as Latin
# is a look-alike once folding took the marks off: fold must see that the first time.
MIXED_SCRIPTS = st.one_of(
    st.characters(min_codepoint=0x0370, max_codepoint=0x03FF),
    st.characters(min_codepoint=0x1F00, max_codepoint=0x1FFF),
    st.characters(min_codepoint=0x0400, max_codepoint=0x04FF),
    st.characters(min_codepoint=0x0300, max_codepoint=0x036F),
    st.sampled_from(list("AaOoEePpXxyY đĐ-.")),
)


@pytest.mark.parametrize("text", ["Aὀ", "Pὀlice", "xὸ", "Ὀx"])
def test_fold_is_idempotent_on_greek_with_marks(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    assert fold_with_offsets(text).text == fold(text)


@pytest.mark.slow  # over half a second: a sweep or a property run
@settings(max_examples=600, deadline=None, derandomize=True)
@given(st.lists(MIXED_SCRIPTS, max_size=12).map("".join))
def test_fold_is_idempotent_over_mixed_scripts(text: str) -> None:
    key = fold(text)
    assert fold(key) == key
    assert fold_with_offsets(text).text == key
    assert fold(text, keep_case=True) == fold_with_offsets(text, keep_case=True).text
    assert fold(fold(text, keep_case=True), keep_case=True) == fold(text, keep_case=True)
