"""examples/link_real_paragraphs.py runs on real paragraphs and shows unknown names meeting across languages."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow  # runs the example script in a new Python process

EXAMPLE = REPO / "examples" / "link_real_paragraphs.py"


def test_the_example_links_four_real_paragraphs_and_their_names_meet():
    result = subprocess.run([sys.executable, str(EXAMPLE)], capture_output=True, text=True, timeout=300, cwd=REPO)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    # a country inside a compound, a body with its place, a Vietnamese person written in Chinese
    assert "  越 -> place:vn\n" in out and "  高平省委 -> nil:place:vn:cao-bang:party-committee\n" in out
    assert "  阮國團 -> nil:ruan-guo-tuan\n" in out
    met = out.split("unknown names met in more than one language:\n")[1]
    assert "  nil:liu-ning: en, vi, zh\n" in met  # 劉寧, Lưu Ninh, Liu Ning
    assert "  nil:place:cn:guangxi:party-committee: en, vi, zh\n" in met


def test_an_unknown_paragraph_id_is_named_in_the_error():
    result = subprocess.run([sys.executable, str(EXAMPLE), "zh-hant-999"], capture_output=True, text=True,
                            timeout=300, cwd=REPO)
    assert result.returncode != 0 and "no paragraph zh-hant-999" in result.stderr
