from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path

import pytest

# The alias-index disk cache of this test run (and of the CLI processes its tests start) lives
# in a folder of its own, never in the user's ~/.cache; it is shared, so the built-in lexicon's
# index is built once for the whole run.
_INDEX_CACHE = tempfile.mkdtemp(prefix="sinoviet-test-cache-")
os.environ["SINOVIET_CACHE_DIR"] = _INDEX_CACHE


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_INDEX_CACHE, ignore_errors=True)

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
# Peer test data lives beside the checkout (../shared/external), never inside it.
SHARED_EXTERNAL = REPO.parent / "shared" / "external"


@pytest.fixture
def shared_external() -> Path:
    if not SHARED_EXTERNAL.is_dir():
        pytest.skip(f"peer test data not found at {SHARED_EXTERNAL} (it sits beside the checkout in CI)")
    return SHARED_EXTERNAL


def seed_entity_documents() -> dict[str, set[str]]:
    """Entity id → the seed files that mention it, from the linker's gold annotations."""
    gold = REPO / "tests" / "data" / "seeds-gold.jsonl"
    if not gold.is_file():
        pytest.skip("tests/data/seeds-gold.jsonl (the linker's gold annotations) is absent")
    files: dict[str, set[str]] = defaultdict(set)
    for line in gold.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        files[row["entity"]].add(row["file"])
    return files


def private_device(folder: Path, name: str, major: int, minor: int) -> Path:
    """A private copy of a character device (``/dev/null`` is 1, 3; ``/dev/full`` 1, 7) in
    ``folder``, so that no test run as root can replace the real one; skips where devices
    cannot be made (not root, or not Linux)."""
    import stat

    device = folder / name
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(major, minor))
    except (PermissionError, AttributeError, OSError):
        pytest.skip("cannot create a character device here (not root, or not Linux)")
    return device


@pytest.fixture(scope="session")
def builtin_alias_table():
    """The built-in lexicon's alias table, built once for the run (the tests only read it)."""
    from toolkit.aliases import table_from_lexicon

    return table_from_lexicon()
