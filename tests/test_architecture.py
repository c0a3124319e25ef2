"""Dependencies point one way (DESIGN.md §1): read from the source, so a stray import fails the build."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def imports(path: Path) -> set[str]:
    """Top-level module names a file imports (absolute imports only; relative ones stay in the package)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def sources(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def resolved_imports(path: Path) -> set[str]:
    """Every module a file imports, relative imports resolved to their full dotted name."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    package = parts if parts[-1] == "__init__" else parts[:-1]
    package = [p for p in package if p != "__init__"]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            # `from . import x` names a module x too: keep both, a rule may be about either.
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names if not node.module)
    return names


def within(name: str, prefix: str) -> bool:
    """Whether a dotted module name is `prefix` or inside it."""
    return name == prefix or name.startswith(prefix + ".")


def outside(path: Path, *folders: str) -> bool:
    """Whether a source file lies outside every one of these folders (relative to the repository)."""
    return not any(path.is_relative_to(ROOT / folder) for folder in folders)


@pytest.mark.parametrize("path", sources("engine"), ids=lambda p: str(p.relative_to(ROOT)))
def test_engine_imports_no_outer_layer(path: Path) -> None:
    outer = {"api", "web", "workbench", "lienthong", "features", "fastapi", "starlette", "uvicorn", "typer"}
    found = {name for name in imports(path) if name.split(".")[0] in outer}
    assert not found, f"{path.relative_to(ROOT)} imports {sorted(found)}: the engine must not depend on them"


# The store packages: the engine's, and the API's own rows beside it (docs/architecture.md says why).
STORE_PACKAGES = ("engine/store", "api/persistence")
LAYERS = ("engine", "api", "workbench", "lienthong", "features")


@pytest.mark.parametrize("path", [p for layer in LAYERS for p in sources(layer)
                                  if outside(p, *STORE_PACKAGES)], ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_store_packages_touch_sqlalchemy(path: Path) -> None:
    found = {name for name in imports(path) if name.split(".")[0] in ("sqlalchemy", "alembic")}
    assert not found, f"{path.relative_to(ROOT)} imports {sorted(found)}: only {STORE_PACKAGES} may"


@pytest.mark.parametrize("path", sources("engine/store"), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_store_imports_nothing_from_the_engine_above_it(path: Path) -> None:
    found = {n for n in resolved_imports(path) if within(n, "engine") and not within(n, "engine.store")}
    assert not found, (f"{path.relative_to(ROOT)} imports {sorted(found)}: the store is the lowest layer "
                       "(what it needs moves down, as store/errors.py and store/codes.py did)")


# Every layer above the engine, api/persistence/ included (the API's own rows run on the engine's public
# Transactions); bench/ is left out, as it times the store's own statements.
OUTER_LAYERS = ("api", "web", "workbench", "lienthong", "features")


@pytest.mark.parametrize("path", [p for layer in OUTER_LAYERS for p in sources(layer)],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_nothing_outside_the_engine_imports_its_store(path: Path) -> None:
    found = {n for n in resolved_imports(path) if within(n, "engine.store")}
    assert not found, (f"{path.relative_to(ROOT)} imports {sorted(found)}: outside engine/, read the engine "
                       "through its façade and views (`from engine import …`); the API's own rows go "
                       "through api/persistence/")


@pytest.mark.parametrize("path", sources("engine"), ids=lambda p: str(p.relative_to(ROOT)))
def test_lxml_only_where_bpmn_is_read(path: Path) -> None:
    readers = {"reader.py", "model.py", "model_checks.py", "catalog.py"}
    found = {name for name in imports(path) if name.split(".")[0] == "lxml"}
    assert not found or path.name in readers, f"{path.relative_to(ROOT)} parses XML outside the BPMN readers"


@pytest.mark.parametrize("path", sources("web"), ids=lambda p: str(p.relative_to(ROOT)))
def test_web_pages_read_the_engine_only_through_its_facade(path: Path) -> None:
    """web/ sits beside api/: it reads the engine's views, never its store, the API or the command line."""
    found = {name for name in imports(path) if name.split(".")[0] in ("api", "lienthong", "workbench",
                                                                       "sqlalchemy")
             or name.startswith("engine.store")}
    assert not found, f"{path.relative_to(ROOT)} imports {sorted(found)}: web/ reads engine views only"


def test_no_engine_module_takes_the_facade() -> None:
    """Services get the core (and the services they use), never the façade: nothing below it imports it."""
    offenders = [
        str(path.relative_to(ROOT)) for path in sources("engine")
        if path.name not in ("engine.py", "__init__.py")
        and any(f"from {dots}engine import" in path.read_text("utf-8") for dots in (".", ".."))
    ]
    assert offenders == []


@pytest.mark.parametrize("path", [p for p in sources("web") if p.name != "reading.py"],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_web_calls_the_engines_facade_only_in_reading(path: Path) -> None:
    """A rename of the façade's methods touches web/reading.py only: elsewhere `engine` is only passed on."""
    calls = [node for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
             and node.value.id == "engine"]
    assert not calls, (f"{path.relative_to(ROOT)}:{calls[0].lineno} uses engine.{calls[0].attr}: "
                       "call the façade in web/reading.py")


@pytest.mark.parametrize("package", ["engine", "api", "web", "workbench", "features"])
def test_no_layer_imports_the_command_line(package: str) -> None:
    """The composition root (lienthong/compose/) builds the layers and hands them ready objects."""
    for path in sources(package):
        found = {name for name in imports(path) if name.split(".")[0] == "lienthong"}
        assert not found, f"{path.relative_to(ROOT)} imports the command line package: {sorted(found)}"


@pytest.mark.parametrize("path", [p for p in sources("lienthong") if outside(p, "lienthong/compose")],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_composition_root_imports_the_api(path: Path) -> None:
    """The worker and the commands get the app, its store and credentials from lienthong/compose/."""
    found = {n for n in resolved_imports(path) if within(n, "api")}
    assert not found, f"{path.relative_to(ROOT)} imports {sorted(found)}: go through lienthong/compose/"


@pytest.mark.parametrize("path", sources("lienthong/compose"), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_composition_root_imports_no_entry_point(path: Path) -> None:
    """Commands and the worker build on the composition root, never the other way round."""
    found = {n for n in resolved_imports(path)
             if within(n, "lienthong") and not within(n, "lienthong.compose")}
    assert not found, f"{path.relative_to(ROOT)} imports {sorted(found)}: the composition root is below them"


def test_xml_is_parsed_only_by_the_hardened_reader() -> None:
    """Every XML parse goes through engine/bpmn/reader.py (no DTDs, no entities, no network, size caps)."""
    offenders = []
    for package in ("engine", "api", "web", "workbench", "lienthong", "features"):
        for path in sources(package):
            text = path.read_text(encoding="utf-8")
            if path.name != "reader.py" and any(
                call in text for call in ("etree.parse(", "etree.fromstring(", "etree.XML(", "XMLParser(")
            ):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []



# Underscored names that are public API all the same: lxml's element type, SQLAlchemy's Row mapping view.
DOCUMENTED_UNDERSCORES = {"_Element", "_mapping"}
# The one library internal with no public seam (SpiffWorkflow's encoder mode; pinned in pyproject.toml).
PINNED_INTERNALS = {("engine/run/state.py", "_encoder_mode")}



def _reaches_in(node: ast.AST, where: str) -> bool:
    """`x._name` where x is not self, cls or super(), and the name is neither documented nor pinned."""
    if not (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")):
        return False
    if node.attr in DOCUMENTED_UNDERSCORES or (where, node.attr) in PINNED_INTERNALS:
        return False
    owner = node.value
    if isinstance(owner, ast.Name):
        return owner.id not in ("self", "cls")
    return not (isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "super")


def _own_privates(tree: ast.AST) -> dict[int, set[str]]:
    """For each line inside a class, the underscored methods that class defines (its own, on any instance)."""
    owned: dict[int, set[str]] = {}
    for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
        names = {f.name for f in cls.body if isinstance(f, ast.FunctionDef) and f.name.startswith("_")}
        for line in range(cls.lineno, (cls.end_lineno or cls.lineno) + 1):
            owned.setdefault(line, set()).update(names)
    return owned


def test_no_private_attribute_of_another_object() -> None:
    """Libraries change their private names without notice: reach them only through public ones (a class
    may call its own private methods on another instance of itself, as Engine.within does on its copy)."""
    offenders = []
    for package in ("engine", "api", "web", "workbench", "lienthong", "features"):
        for path in sources(package):
            where = str(path.relative_to(ROOT))
            tree = ast.parse(path.read_text(encoding="utf-8"))
            owned = _own_privates(tree)
            found = [n for n in ast.walk(tree) if _reaches_in(n, where)
                     and not (isinstance(n, ast.Attribute) and n.attr in owned.get(n.lineno, set()))]
            offenders += [f"{where}:{n.lineno}: {ast.unparse(n)}" for n in found]
    assert not offenders, "private attributes reached into:\n" + "\n".join(offenders)


PROJECT_PACKAGES = ("engine", "api", "web", "workbench", "lienthong", "features")


def module_graph(root: Path, packages: tuple[str, ...]) -> dict[str, set[str]]:
    """Each module of the packages and the project modules it imports, wherever the import stands (top
    level, under TYPE_CHECKING or in a function: a circle through any of them still ties the two together)."""
    modules = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            name = ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
            modules[name] = path
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = ".".join([*here[: len(here) - node.level + 1], node.module or ""]).rstrip(".")
                else:
                    base = node.module or ""
                targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            else:
                continue
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name and not name.startswith(f"{target}."):
                    graph[name].add(target)
    return graph


def circles(graph: dict[str, set[str]]) -> set[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: set[frozenset[str]] = set()
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                    break
                if nxt in stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = {stack.pop()}
                    while node not in component:
                        component.add(stack.pop())
                    if len(component) > 1:
                        found.add(frozenset(component))
    return found


def test_no_import_circle() -> None:
    found = circles(module_graph(ROOT, PROJECT_PACKAGES))
    assert found == set(), f"import circles: {[sorted(c) for c in found]}"


def test_the_circle_finder_finds_one(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "a.py").write_text("from . import b\n")
    (tmp_path / "pkg" / "b.py").write_text("def f():\n    from .c import x\n")
    (tmp_path / "pkg" / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.a import y\n"
    )
    (tmp_path / "pkg" / "d.py").write_text("from pkg import a\n")
    assert circles(module_graph(tmp_path, ("pkg",))) == {frozenset({"pkg.a", "pkg.b", "pkg.c"})}


# The workbench's top level: the package itself and the one module every tool reads a file through.
WORKBENCH_TOP_LEVEL = {"__init__.py", "variants.py"}


def test_every_workbench_module_sits_in_the_folder_of_its_tool() -> None:
    """workbench/ is one folder per concept (lint/, layout/, render/ …): a flat module cannot come back."""
    flat = sorted(p.name for p in (ROOT / "workbench").glob("*.py") if p.name not in WORKBENCH_TOP_LEVEL)
    assert flat == [], f"put {flat} in the folder of its tool under workbench/ (lint/, layout/, simulate/ …)"


# One concept per folder (workbench/lint/, engine/sandbox/ …): each says what it holds, and no module repeats
# the folder's name (workbench/lint/law.py, not lint_law.py).
FOLDERS = sorted(p.parent for package in ("engine", "workbench")
                 for p in (ROOT / package).glob("*/__init__.py"))


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_each_folder_says_what_it_holds_without_repeating_its_name(folder: Path) -> None:
    where = folder.relative_to(ROOT)
    doc = ast.get_docstring(ast.parse((folder / "__init__.py").read_text(encoding="utf-8")))
    assert doc, f"{where}/__init__.py needs a docstring: what the folder holds"
    prefixed = sorted(p.name for p in folder.glob(f"{folder.name}_*.py"))
    assert prefixed == [], f"drop the folder's name from {prefixed} in {where}/ (sandbox/bounds.py, not " \
                           "sandbox_bounds.py)"


# Alembic's environment and revisions are run by every migrated test database, not imported as modules.
UNMIRRORED_FOLDERS = {"engine/store/migrations"}


def mirror_of(module: Path) -> Path:
    """tests/engine/<sub>/test_<name>.py for engine/<sub>/<name>.py."""
    relative = module.relative_to(ROOT / "engine")
    return ROOT / "tests" / "engine" / relative.parent / f"test_{relative.name}"


def engine_modules() -> list[str]:
    return [
        str(path.relative_to(ROOT))
        for path in sources("engine")
        if path.name != "__init__.py" and not any(str(path.relative_to(ROOT)).startswith(f"{folder}/")
                                                  for folder in UNMIRRORED_FOLDERS)
    ]


def test_every_engine_module_has_a_mirror_test() -> None:
    """STYLE.md §11: engine/<sub>/<name>.py is tested in tests/engine/<sub>/test_<name>.py."""
    missing = [m for m in engine_modules() if not mirror_of(ROOT / m).is_file()]
    assert not missing, "engine modules without a mirror test:\n" + "\n".join(
        f"{m} → {mirror_of(ROOT / m).relative_to(ROOT)}" for m in missing
    )


# The engine's top level: the package, the façade, the vocabulary engine/__init__.py exports from (errors,
# views, actors, documents, reports) and the views' builder; every other module sits in its concept's folder.
ENGINE_TOP_LEVEL = {"__init__.py", "engine.py", "errors.py", "views.py", "presenting.py", "actors.py",
                    "documents.py", "reports.py"}


def test_every_engine_module_sits_in_the_folder_of_its_concept() -> None:
    flat = sorted(p.name for p in (ROOT / "engine").glob("*.py") if p.name not in ENGINE_TOP_LEVEL)
    assert flat == [], f"put {flat} in the folder of its concept under engine/ (bpmn/, run/, time/ …)"




@pytest.mark.parametrize("path", [p for package in PROJECT_PACKAGES for p in sources(package)],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_over_400_lines(path: Path) -> None:
    """STYLE.md §9: one module per concept, split past ~400 lines."""
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= 400, f"{path.relative_to(ROOT)} has {lines} lines: split it by concept"
