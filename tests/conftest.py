from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
# Peer test data lives beside the checkout (../shared/external), never inside it.
SHARED_EXTERNAL = REPO.parent / "shared" / "external"


@pytest.fixture
def shared_external() -> Path:
    if not SHARED_EXTERNAL.is_dir():
        pytest.skip(f"peer test data not found at {SHARED_EXTERNAL} (it sits beside the checkout in CI)")
    return SHARED_EXTERNAL
