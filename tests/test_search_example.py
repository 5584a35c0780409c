"""examples/search_seeds.py runs and shows cross-rendering results on the seed articles."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow  # runs the example script in a new Python process


def test_search_seeds_example_finds_renderings_the_articles_never_use():
    result = subprocess.run([sys.executable, str(REPO / "examples" / "search_seeds.py"), "河内", "Tập Cận Bình", "何炜"],
                            capture_output=True, text=True, timeout=300, cwd=REPO)
    assert result.returncode == 0, result.stderr
    sections = result.stdout.split("\n\n")
    assert sections[0] == "indexed 4 seed articles (22.6 kB)"
    assert "'河内' -> place:vn:ha-noi: 1 document(s)" in sections[1] and "«HÀ NỘI»" in sections[1]
    assert "'Tập Cận Bình' -> person:cn:xi-jinping: 4 document(s)" in sections[2]
    assert sections[2].count("«Xi Jinping»") == 4
    assert "«He Wei»" in sections[3] and "«Ha Vi»" in sections[3]
