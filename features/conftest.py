"""Runs the Gherkin scenarios under features/ against the real engine, per procedure variant.

Options: `--variant NAME` (default: every variant of each procedure), `--process FILE.bpmn` (an edited
diagram deployed as the variant under test; `--procedure SLUG` if the file does not say whose it is) and
`--bdd-report-dir DIR` (coverage reports; default reports/bdd). See docs/scenarios.md.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from engine import Engine, Store
from engine.bpmn.catalog import Catalog
from engine.errors import LienThongError, NotFoundError
from engine.time.calendar import CalendarOverrides, WorkingCalendar
from engine.time.clock import FakeClock
from features.support.collect import (
    FEATURES_DIR,
    FeatureFile,
    UnderTest,
    only_variants,
    procedure_slug,
    tag_reason,
    under_test,
)
from features.support.fakes import FakeAgencies
from features.support.phrases import StepProblem
from features.support.reload import check_reload
from features.support.report import RunReport
from features.support.world import World
from workbench.coverage.trails import DiagramCoverage

pytest_plugins = [
    "features.steps.dossier", "features.steps.stages", "features.steps.time", "features.steps.checks",
    "features.steps.outcomes", "features.steps.law", "features.steps.parts",
]

ROOT = FEATURES_DIR.parent
START = "2025-03-03T09:00"  # a Monday morning, unless a scenario says otherwise
STATE = pytest.StashKey["BddState"]()


class BddState:
    """Session-wide things: the catalogue, the calendar, what is under test, the report."""

    def __init__(self, config: pytest.Config) -> None:
        self.catalog = Catalog(Path(config.getoption("processes")).resolve())
        overrides = ROOT / "config" / "calendar-overrides.toml"
        self.calendar = WorkingCalendar(CalendarOverrides.load(overrides) if overrides.is_file() else None)
        self.under_test: UnderTest = under_test(self.catalog, config.getoption("variant"),
                                                config.getoption("process"), config.getoption("procedure"))
        self.report = RunReport(ROOT, Path(config.getoption("bdd_report_dir")).resolve())
        self.coverage: list[DiagramCoverage] = []


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("lienthong-bdd", "Liên Thông scenarios")
    group.addoption("--variant", default=None, help="run against this variant only (as-is, to-be …)")
    group.addoption("--process", default=None, metavar="FILE.bpmn",
                    help="deploy this edited diagram as the variant under test")
    group.addoption("--procedure", default=None, metavar="SLUG",
                    help="the procedure a --process file belongs to")
    group.addoption("--processes", default=str(ROOT / "processes"), metavar="DIR",
                    help="the catalogue the scenarios run on (default processes/; e.g. an edited copy)")
    group.addoption("--bdd-report-dir", default=str(ROOT / "reports" / "bdd"),
                    help="where the BPMN coverage reports go (default reports/bdd)")


def pytest_configure(config: pytest.Config) -> None:
    state = config.stash[STATE] = BddState(config)
    for procedure in state.catalog.procedures():
        for variant in procedure.variants:
            config.addinivalue_line("markers", f"chi-{variant}: holds for the {variant} variant only")
    for tag in _feature_tags():
        config.addinivalue_line("markers", f"{tag}: scenario tag")


def _feature_tags() -> set[str]:
    """Every tag written in a feature file: tags are free labels for `-m`, except @chi-<variant>."""
    tags: set[str] = set()
    for path in FEATURES_DIR.rglob("*.feature"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("@"):
                tags.update(t.lstrip("@") for t in line.split() if t.startswith("@"))
    return tags


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix == ".feature":
        return FeatureFile.from_parent(parent, path=file_path)
    return None


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "bdd_variant" not in metafunc.fixturenames:
        return
    state = metafunc.config.stash[STATE]
    slug = procedure_slug(metafunc.definition.path)
    try:
        procedure = state.catalog.procedure(slug)
    except NotFoundError as exc:
        raise pytest.UsageError(f"{metafunc.definition.path}: {exc}") from None
    variants = state.under_test.variants_of(procedure)
    metafunc.parametrize("bdd_variant", variants, ids=variants)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    state = config.stash[STATE]
    kept, dropped = [], []
    for item in items:
        variant = _variant(item)
        if not isinstance(item, pytest.Function) or variant is None:
            kept.append(item)
            continue
        if state.under_test.process_slug and procedure_slug(item.path) != state.under_test.process_slug:
            dropped.append(item)
            continue
        kept.append(item)
        only = only_variants(item)
        procedure = state.catalog.procedure(procedure_slug(item.path))
        unknown = only - set(procedure.variants)
        if unknown:
            raise pytest.UsageError(f"{item.nodeid}: tag @chi-{unknown.pop()} names no variant of "
                                    f"{procedure.slug} ({', '.join(procedure.variants)})")
        if only and variant not in only:
            why = tag_reason(item.path, _scenario_line(item))
            item.add_marker(pytest.mark.skip(reason=f"chỉ đúng với {', '.join(sorted(only))}"
                                                    + (f": {why}" if why else "")))
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def _variant(item: pytest.Item) -> str | None:
    callspec = getattr(item, "callspec", None)
    return callspec.params.get("bdd_variant") if callspec is not None else None


def _scenario_line(item: pytest.Item) -> int:
    from pytest_bdd.scenario import scenario_wrapper_template_registry

    template = scenario_wrapper_template_registry.get(getattr(item, "obj", None))  # type: ignore[arg-type]
    return template.line_number if template is not None else 0


@pytest.fixture(scope="session")
def bdd_template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty SQLite database that each scenario copies (migrating once is the slow part)."""
    path = tmp_path_factory.mktemp("bdd") / "template.db"
    store = Store(f"sqlite:///{path}")
    store.migrate()
    store.dispose()
    return path


@pytest.fixture
def world(request: pytest.FixtureRequest, bdd_variant: str, tmp_path: Path,
          bdd_template_db: Path) -> Iterator[World]:
    """The scenario's world: a fresh database, a fake clock at Monday 3/3/2025 09:00, the variant deployed."""
    state = request.config.stash[STATE]
    procedure = state.catalog.procedure(procedure_slug(request.node.path))
    if bdd_variant not in procedure.variants:
        pytest.skip(f"thủ tục {procedure.slug} chưa có biến thể {bdd_variant}")
    database = tmp_path / "bdd.db"
    shutil.copyfile(bdd_template_db, database)
    store = Store(f"sqlite:///{database}")
    clock = FakeClock(START)
    fakes = FakeAgencies()
    engine = Engine(catalog=state.catalog, store=store, clock=clock, calendar=state.calendar,
                    connectors=fakes.connectors())
    try:
        built = World(engine, clock, fakes, procedure, bdd_variant, state.under_test.process_file)
    except LienThongError as exc:
        store.dispose()
        pytest.fail(f"sơ đồ {procedure.slug}/{bdd_variant} không triển khai được: {exc}", pytrace=False)
    yield built
    state.report.record_world(built)
    store.dispose()


def pytest_bdd_before_step(request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any,
                           step_func: Any) -> None:
    if "world" in request.fixturenames:
        world: World = request.getfixturevalue("world")
        world.step = f"{step.keyword} {step.name} (dòng {step.line_number})"


def pytest_bdd_after_step(request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any,
                          step_func: Any, step_func_args: Any) -> None:
    # Every state a scenario reaches must come back the same from its row (features/support/reload.py).
    if "world" in request.fixturenames:
        world: World = request.getfixturevalue("world")
        check_reload(world.engine)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report: pytest.TestReport = outcome.get_result()  # type: ignore[attr-defined]
    if call.excinfo is not None and call.excinfo.errisinstance(StepProblem):
        # A step the library cannot read: the message says how to write it; a traceback would not help.
        step = getattr(getattr(item, "funcargs", {}).get("world"), "step", "")
        report.longrepr = (f"Bước hỏng: {step}\n" if step else "") + f"Không hiểu bước: {call.excinfo.value}"
    variant = _variant(item)
    if variant is not None:
        item.config.stash[STATE].report.record_report(report, variant)


def pytest_sessionfinish(session: pytest.Session) -> None:
    state = session.config.stash.get(STATE, None)
    if state is not None and state.report.outcomes:
        state.coverage = state.report.write()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    state = config.stash.get(STATE, None)
    if state is None or not state.report.outcomes:
        return
    terminalreporter.section("Kịch bản theo tính năng và biến thể")
    for line in state.report.summary_lines(state.coverage):
        terminalreporter.write_line(line)
