"""The project's fold key, reached through the public ``toolkit.fold`` so this package does not
depend on the module that happens to define it."""

from __future__ import annotations

from functools import cache


@cache
def _fold_function():
    from toolkit import fold as project_fold

    return project_fold


def fold(text: str) -> str:
    """``Hà Vĩ`` → ``ha vi``: casefolded, mark-free, đ→d, i/y merged, punctuation squashed."""
    return _fold_function()(text)
