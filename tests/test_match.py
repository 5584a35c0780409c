"""match(a, b): renderings compared through the characters."""

from __future__ import annotations

import pickle

import cases
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.lexicon import Lexicon, builtin_lexicon
from toolkit.chinese.matching import DEFAULT_LEXICON, Match, match


@cases.parametrize("match.tsv")
def test_match_cases(a, b, lexicon, verdict):
    """Renderings of one name, hard non-matches, run-together words: tests/cases/match.tsv."""
    assert lexicon in ("none", "default", "both") and verdict in ("same", "different")
    verdicts = {"none": [match(a, b, lexicon=None)], "default": [match(a, b)], "both": [match(a, b), match(a, b, lexicon=None)]}
    for found in verdicts[lexicon]:
        assert found.same == (verdict == "same"), found.why
        assert (0.5 <= found.score <= 1.0) if found.same else (found.score < 0.5)


def test_match_is_symmetric_on_the_verdict():
    for a, b in [("何炜", "Ha Vi"), ("Wang Yi", "Wang Yang"), ("Beijing", "Bắc Kinh")]:
        assert match(a, b).same == match(b, a).same
        assert match(a, b).score == pytest.approx(match(b, a).score)


def test_why_names_the_characters_the_keys_met_through():
    verdict = match("何炜", "Ha Vi")
    assert "何" in verdict.why and "炜" in verdict.why
    assert "no character reads both" in match("何炜", "何伟").why


def test_exonyms_need_the_lexicon():
    assert not match("China", "中国", lexicon=None).same
    assert match("China", "中国").same
    assert match("China", "Trung Quốc").same
    assert match("Hong Kong", "Hồng Kông").same
    assert not match("China", "Japan").same


def test_the_lexicon_respects_diacritics():
    lexicon = builtin_lexicon()
    assert lexicon.names_for("Tân Cương") >= {"新疆"}
    assert lexicon.names_for("Tần Cương") == frozenset()
    assert lexicon.names_for("tan cuong") >= {"新疆"}
    assert lexicon.names_for("HANOI") >= {"河内"}
    assert [e.id for e in lexicon.entities_for("中國")] == ["place:cn"]  # Traditional, by its Simplified form


class _OneNameLexicon:
    def names_for(self, text):
        return frozenset({"何炜"}) if text == "the ambassador" else frozenset()


def test_any_object_with_names_for_is_a_lexicon():
    assert match("the ambassador", "Hà Vĩ", lexicon=_OneNameLexicon()).same
    assert not match("the ambassador", "Hà Vĩ").same


def test_identical_and_empty_text():
    assert match("Paris", "paris") == Match(True, 1.0, "identical text")
    assert not match("", "").same
    assert not match("Paris", "Pa-ri").same


def test_match_rejects_non_strings():
    with pytest.raises(TypeError):
        match("何炜", None)


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_match_and_its_lexicons_pickle():
    verdict = match("何炜", "He Wei")
    assert pickle.loads(pickle.dumps(verdict)) == verdict
    assert pickle.loads(pickle.dumps(DEFAULT_LEXICON)) is DEFAULT_LEXICON
    lexicon = pickle.loads(pickle.dumps(Lexicon.builtin()))
    assert lexicon.names_for("Beijing") >= {"北京"}
    assert pickle.loads(pickle.dumps(match)) is match


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=12), st.text(max_size=12))
def test_match_never_crashes_and_scores_in_range(a, b):
    verdict = match(a, b)
    assert 0.0 <= verdict.score <= 1.0
    assert verdict.same == (verdict.score >= 0.5)
    assert isinstance(verdict.why, str) and verdict.why


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="何炜习近平王毅李强梁苏林 HeWiXJnpgaVTậCBìhà", max_size=8))
def test_a_rendering_matches_itself(text):
    verdict = match(text, text)
    assert verdict.same == bool(text.strip())


def test_a_cut_does_not_make_a_false_match():
    assert not match("Hanoi", "海防", lexicon=None).same
