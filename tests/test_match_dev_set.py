"""The development set tests/data/chinese_dev.tsv: every row well formed and sourced, and the
matcher's verdicts on it (the figures are reported by bench/bench_chinese.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.chinese.matching import match

DEV_SET = Path(__file__).parent / "data" / "chinese_dev.tsv"


def _rows():
    rows = []
    header = None
    for number, line in enumerate(DEV_SET.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        rows.append((number, dict(zip(header, cells)), len(cells) == len(header)))
    return header, rows


def test_dev_set_rows_are_complete_and_sourced():
    header, rows = _rows()
    assert header == ["a", "b", "expected", "group", "source"]
    assert len(rows) >= 100
    for number, row, complete in rows:
        assert complete, f"{DEV_SET}:{number}: wrong number of cells"
        assert row["expected"] in ("same", "different"), f"{DEV_SET}:{number}"
        assert row["source"].strip(), f"{DEV_SET}:{number}: no source"


def test_dev_set_has_the_seed_people_and_hard_non_matches():
    _, rows = _rows()
    groups = {row["group"] for _, row, _ in rows}
    assert {"seed", "hard"} <= groups
    seeds = " ".join(row["a"] + " " + row["b"] for _, row, _ in rows if row["group"] == "seed")
    for name in ("Xi Jinping", "He Wei", "Wang Yi", "Shi Zhongjun", "Tô Lâm", "Lương Cường",
                 "Phạm Minh Chính", "Trần Thanh Mẫn", "Beijing", "Guangxi"):
        assert name in seeds


@pytest.mark.parametrize("lexicon_on", [True, False])
def test_no_hard_non_match_is_called_the_same(lexicon_on):
    _, rows = _rows()
    for number, row, _ in rows:
        if row["expected"] == "different":
            verdict = match(row["a"], row["b"]) if lexicon_on else match(row["a"], row["b"], lexicon=None)
            assert not verdict.same, f"{DEV_SET}:{number}: {verdict.why}"


def test_every_seed_pair_matches_with_the_default_lexicon():
    _, rows = _rows()
    for number, row, _ in rows:
        if row["group"] == "seed":
            verdict = match(row["a"], row["b"])
            assert verdict.same == (row["expected"] == "same"), f"{DEV_SET}:{number}: {verdict.why}"
