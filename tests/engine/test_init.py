"""engine/__init__.py: every public name resolves, type checkers see the same names, importing stays light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import engine

INIT = Path(engine.__file__)


def test_every_exported_name_resolves_to_its_module_s_object() -> None:
    for name in engine.__all__:
        value = getattr(engine, name)
        assert getattr(value, "__name__", name) == name or name == "SYSTEM", name
    assert engine.Engine.__module__ == "engine.engine"


def test_type_checkers_see_exactly_the_exported_names() -> None:
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    [block] = [n for n in tree.body if isinstance(n, ast.If)]
    seen = sorted(alias.asname or alias.name for node in block.body for alias in node.names)  # type: ignore[attr-defined]
    assert seen == engine.__all__


def test_importing_the_package_imports_no_engine_module() -> None:
    """The sandbox's child runs `-m engine.sandbox.confine_child`: the package must not pull the engine in."""
    code = "import sys, engine; print(sorted(m for m in sys.modules if m.startswith('engine.')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=INIT.parents[1]).stdout
    assert out.strip() == "[]"
