"""Romanised name → ranked Hán-Việt renderings."""

from __future__ import annotations

import math

import pytest

from toolkit.chinese import candidate_keys, hanviet_candidates


def test_he_wei_is_ha_vi_first():
    assert hanviet_candidates("He Wei")[0][0] == "Hà Vĩ"


@pytest.mark.parametrize(
    "romanised, expected",
    [("Li Qiang", "Lý Cường"), ("Su Lin", "Tô Lâm"), ("Liang Qiang", "Lương Cường"), ("Zhang Wei", "Trương Vĩ")],
)
def test_common_names_rank_their_reading_first(romanised, expected):
    assert hanviet_candidates(romanised)[0][0] == expected


@pytest.mark.parametrize(
    "romanised, expected",
    [("Xi Jinping", "Tập Cận Bình"), ("Wang Yi", "Vương Nghị"), ("Fan Mingzheng", "Phạm Minh Chính"),
     ("Chen Qingmin", "Trần Thanh Mẫn"), ("Shi Zhongjun", "Sử Trung Tuấn")],
)
def test_seed_people_are_among_the_candidates(romanised, expected):
    names = [name for name, _ in hanviet_candidates(romanised, k=50)]
    assert expected in names


def test_probabilities_are_sorted_and_sum_to_at_most_one():
    ranked = hanviet_candidates("Wang Jianguo", k=20)
    probabilities = [p for _, p in ranked]
    assert probabilities == sorted(probabilities, reverse=True)
    assert all(0 < p <= 1 for p in probabilities)
    assert sum(probabilities) <= 1 + 1e-9


def test_k_limits_the_list_and_must_be_positive():
    assert len(hanviet_candidates("He Wei", k=3)) == 3
    with pytest.raises(ValueError):
        hanviet_candidates("He Wei", k=0)


def test_compound_surnames_read_as_one_surname():
    assert hanviet_candidates("Ouyang Xiu")[0][0].startswith("Âu Dương")


def test_press_readings_lead_for_surnames():
    assert hanviet_candidates("Dai Bingguo", k=50)[0][0].startswith("Đới")
    assert hanviet_candidates("Zeng Qinghong")[0][0].startswith("Tăng")


def test_wade_giles_spellings_reach_the_same_candidates():
    wade_giles = dict(hanviet_candidates("Mao Tse-tung", k=30))
    assert "Mao Trạch Đông" in wade_giles


def test_unreadable_text_has_no_candidates():
    assert hanviet_candidates("Nguyễn") == []
    assert hanviet_candidates("") == []


def test_candidate_keys_fold_and_merge():
    keys = dict(candidate_keys("He Wei", k=10))
    assert "ha vi" in keys
    assert math.isclose(sum(keys.values()), sum(p for _, p in hanviet_candidates("He Wei", k=10)))


import itertools  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from toolkit.chinese.candidates import _top_products  # noqa: E402

_SLOT = st.lists(st.floats(min_value=0.001, max_value=1.0), min_size=1, max_size=7).map(
    lambda ps: [(f"r{i}", p) for i, p in enumerate(sorted(ps, reverse=True))]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_SLOT, min_size=1, max_size=4), st.integers(min_value=1, max_value=12))
def test_the_pruned_beam_finds_the_exact_top_k(slots, k):
    brute = sorted((math.prod(p for _, p in combo) for combo in itertools.product(*slots)), reverse=True)[:k]
    found = [p for _, p in _top_products(slots, k)]
    assert found == pytest.approx(brute)
