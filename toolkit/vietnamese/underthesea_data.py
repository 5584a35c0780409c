"""Where underthesea's shipped data files are, found without importing underthesea.

Importing underthesea loads models and takes seconds; its word lists and test files are
plain files inside the installed package, so locating the package is enough.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import unicodedata
from functools import cache
from pathlib import Path

VIET74K = ("corpus", "data", "Viet74K.txt")
VLSP2013_POS_TEST = ("pipeline", "pos_tag", "models", "pos_crf_vlsp2013_20230303", "test_output.txt")


def underthesea_file(*parts: str) -> Path:
    """The path of a file inside the installed underthesea package; FileNotFoundError if absent."""
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("underthesea is not installed")
    for folder in spec.submodule_search_locations:
        candidate = Path(folder).joinpath(*parts)
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"underthesea has no file {'/'.join(parts)}")


@cache
def vietnamese_words() -> frozenset[str]:
    """The entries of underthesea's Viet74K word list, lower case, NFC (empty without the file):
    whether ``chính phủ`` is a word, as a reader knows it is."""
    try:
        path = underthesea_file(*VIET74K)
    except FileNotFoundError:
        return frozenset()
    with path.open(encoding="utf-8") as lines:
        return frozenset(unicodedata.normalize("NFC", line.strip().lower()) for line in lines if line.strip())


def underthesea_version() -> str:
    return importlib.metadata.version("underthesea")


def underthesea_licence() -> str:
    """The licence underthesea's distribution metadata declares (e.g. ``Apache-2.0``)."""
    metadata = importlib.metadata.metadata("underthesea")
    for field in ("License-Expression", "License"):  # the first value of each, as Message.get gives it
        value = (metadata.get_all(field) or [None])[0]
        if value:
            return value
    return "unknown"


def vlsp2013_sentences() -> list[str]:
    """The VLSP 2013 POS test sentences shipped with underthesea, words joined by spaces."""
    sentences, words = [], []
    with underthesea_file(*VLSP2013_POS_TEST).open(encoding="utf-8") as lines:
        for line in lines:
            word = line.split("\t", 1)[0].strip()
            if word:
                words.append(word)
            elif words:
                sentences.append(" ".join(words))
                words = []
    if words:
        sentences.append(" ".join(words))
    return sentences
