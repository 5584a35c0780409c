"""examples/seeds_where_users_work.py: the seeds through spaCy, Python's codecs and pandas."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow  # runs the example script in a new Python process

pytest.importorskip("spacy", reason="spaCy is not installed (it is in the test extras)")
pytest.importorskip("pandas", reason="pandas is not installed (it is in the test extras)")


def test_the_seeds_go_through_spacy_the_codecs_and_pandas():
    result = subprocess.run([sys.executable, str(REPO / "examples" / "seeds_where_users_work.py")],
                            capture_output=True, text=True, timeout=300, cwd=REPO)
    assert result.returncode == 0, result.stderr
    spacy_part, codec_part, pandas_part = result.stdout.split("\n\n")
    # the component gives the linker's mentions: as many as sinoviet link finds on the seeds
    assert spacy_part.startswith("spaCy: 203 entities in 4 articles") and "person:cn:xi-jinping" in spacy_part
    assert "read back as ' date 2025-12-30 HÀ NỘI - Việt Nam-China relations" in codec_part
    assert "pandas: ['date 2025 12 30 ha noi viet nam" in pandas_part and pandas_part.rstrip().endswith("nan]")
