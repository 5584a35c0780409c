from __future__ import annotations

import pickle

import toolkit.text.wordcache as wordcache
from toolkit.text.wordcache import WordMemo


def shout(word: str) -> str:
    return word.upper()


def test_memo_computes_each_word_once() -> None:
    calls: list[str] = []

    def counted(word: str) -> str:
        calls.append(word)
        return word.upper()

    memo = WordMemo(counted)
    assert memo.map_space_separated("a b  a\nb") == "A B  A\nB"
    assert calls == ["a", "b", "", "a\nb"]


def test_whitespace_variant_squashes_and_drops_empty_results() -> None:
    memo = WordMemo(lambda word: "" if word == "-" else word)
    assert memo.map_whitespace_separated("  x -\t y\n") == "x y"


def test_memo_stays_bounded(monkeypatch) -> None:
    monkeypatch.setattr(wordcache, "MEMO_LIMIT", 3)
    memo = WordMemo(shout)
    memo.map_space_separated("a b c d e")
    assert len(memo) <= 3
    assert memo["z"] == "Z"


def test_memo_pickles_as_its_function() -> None:
    memo = WordMemo(shout)
    memo["x"]
    copy = pickle.loads(pickle.dumps(memo))
    assert copy.function is shout and len(copy) == 0 and copy["q"] == "Q"
