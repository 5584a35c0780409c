"""The peer golden set: real damaged Vietnamese documents and what they should become.

Each ``.in`` under tamnd-gao/normalize/testdata is read as bytes, decoded and normalised
in the old tone style; it must equal its ``.out``, except in whitespace: we keep layout
(indentation, blank lines, CRLF, NBSP) where that pipeline also squashes it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SHARED_EXTERNAL
from toolkit import decode, normalise

GOLDEN = SHARED_EXTERNAL / "tamnd-gao" / "normalize" / "testdata"
DOCUMENTS = sorted(p.stem for p in GOLDEN.glob("*.in")) if GOLDEN.is_dir() else []


def _words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("name", DOCUMENTS or ["<absent>"])
def test_document_normalises_to_its_golden_output(name: str, shared_external: Path) -> None:
    source = (GOLDEN / f"{name}.in").read_bytes()
    expected = (GOLDEN / f"{name}.out").read_text(encoding="utf-8")
    result = normalise(decode(source).text, tone_style="old")
    assert _words(result) == _words(expected)


@pytest.mark.parametrize("name", DOCUMENTS or ["<absent>"])
def test_layout_is_kept(name: str, shared_external: Path) -> None:
    text = decode((GOLDEN / f"{name}.in").read_bytes()).text
    result = normalise(text)
    assert result.count("\n") == text.replace("\u2028", "\n").replace("\u2029", "\n").count("\n")


def test_golden_set_is_present_in_ci(shared_external: Path) -> None:
    assert len(DOCUMENTS) == 6
