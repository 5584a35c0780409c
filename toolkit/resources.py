"""Where the data files live, in a source checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def lexicons_dir() -> Path:
    """The ``lexicons/`` folder: shipped inside the wheel, or beside the package in a checkout."""
    for candidate in (_PACKAGE_DIR / "lexicons", _PACKAGE_DIR.parent / "lexicons"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("sinoviet's lexicons/ folder is missing from this installation")


def lexicon_path(*parts: str) -> Path:
    return lexicons_dir().joinpath(*parts)
