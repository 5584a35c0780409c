"""The package surface: lazy exports, no heavy imports, no module shadowing a function."""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

import toolkit

HEAVY = ("underthesea", "jieba", "opencc", "pypinyin", "sklearn", "torch", "typer", "rich")


def _modules_loaded_by(code: str) -> list[str]:
    probe = (
        f"{code}\nimport sys, json\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({list(HEAVY)!r}))))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.parametrize(
    "code",
    [
        "import toolkit",
        "import toolkit; toolkit.fold('Hà Nội'); toolkit.normalise('Thuỷ')",
        "import toolkit; toolkit.fold_with_offsets('Hà Nội')",
    ],
)
def test_heavy_libraries_load_lazily(code: str) -> None:
    assert _modules_loaded_by(code) == []


def test_every_export_resolves_to_what_it_names() -> None:
    for name, module_name in toolkit._EXPORTS.items():
        module = importlib.import_module(module_name)
        assert getattr(toolkit, name) is getattr(module, name), name


def test_no_submodule_shadows_an_exported_function() -> None:
    # Importing a submodule binds it on the package; a submodule named like an export
    # would replace the function for everyone who imported it afterwards.
    for module_name in set(toolkit._EXPORTS.values()):
        importlib.import_module(module_name)
    for name in toolkit._EXPORTS:
        assert not isinstance(getattr(toolkit, name), type(toolkit)), name


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        toolkit.no_such_thing  # noqa: B018


LAZY_PACKAGES = ["toolkit", "toolkit.aliases", "toolkit.chinese", "toolkit.linking", "toolkit.search"]


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_type_checkers_see_every_lazy_export_where_it_is_defined(package: str) -> None:
    """The ``if TYPE_CHECKING:`` imports of a lazy package name exactly its exports, each from its module."""
    module = importlib.import_module(package)
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    (block,) = [node for node in tree.body if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"]
    seen = {alias.name: node.module for node in block.body if isinstance(node, ast.ImportFrom) for alias in node.names}
    assert seen == module._EXPORTS


def test_the_package_is_marked_typed() -> None:
    assert (Path(toolkit.__file__).parent / "py.typed").is_file()


@pytest.mark.slow
def test_mypy_finds_no_error_in_the_package() -> None:
    """The package type-checks ([tool.mypy] in pyproject.toml): what CI enforces."""
    pytest.importorskip("mypy", reason="mypy is in the test extra")
    repo = Path(__file__).resolve().parents[1]
    result = subprocess.run([sys.executable, "-m", "mypy", "toolkit"], capture_output=True, text=True, cwd=repo, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
