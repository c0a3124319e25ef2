"""Shared fixtures: a real database (SQLite always, PostgreSQL when configured), a fake clock, an engine."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from engine import Engine
from engine.agencies.connectors import Connectors
from engine.bpmn.catalog import Catalog
from engine.store.store import Store
from engine.time.calendar import WorkingCalendar
from engine.time.clock import FakeClock

ROOT = Path(__file__).resolve().parents[1]
PROCESSES = ROOT / "processes"
# The external corpora the engine must read (a copy of ../shared/conformance: MIWG reference models and
# SpiffWorkflow's test models, BPMN and DMN only; see each PROVENANCE.txt for source and licence).
CONFORMANCE = ROOT / "tests" / "data" / "conformance"
MIWG = CONFORMANCE / "miwg"
POSTGRES_URL = os.environ.get("LIENTHONG_TEST_POSTGRES_URL")
SKIP_POSTGRES = "PostgreSQL tests skipped: set LIENTHONG_TEST_POSTGRES_URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)"


def postgres_schema_url() -> tuple[str, Callable[[], None]]:
    """A URL whose connections use a fresh schema in the test database, and a function that drops it."""
    assert POSTGRES_URL is not None
    schema = f"lt_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in POSTGRES_URL else "?"
    url = f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    return url, drop


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database: a SQLite file, and (when configured) a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'lienthong.db'}"
        return
    if POSTGRES_URL is None:
        pytest.skip(SKIP_POSTGRES)
    url, drop = postgres_schema_url()
    try:
        yield url
    finally:
        drop()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite file database (for tests that need only the embedded default)."""
    return f"sqlite:///{tmp_path / 'lienthong.db'}"


@pytest.fixture
def clock() -> FakeClock:
    """Monday 3 March 2025, 09:00 in Hanoi."""
    return FakeClock("2025-03-03T09:00")


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The real catalogue under processes/, parsed once per test session."""
    return Catalog(PROCESSES)


def make_engine(url: str, clock: FakeClock, catalog: Catalog, connectors: Connectors | None = None) -> Engine:
    """An engine on a freshly migrated store."""
    store = Store(url)
    store.migrate()
    return Engine(
        catalog=catalog, store=store, clock=clock, calendar=WorkingCalendar(), connectors=connectors
    )


@pytest.fixture
def engine(database_url: str, clock: FakeClock, catalog: Catalog) -> Iterator[Engine]:
    """The engine on each configured database."""
    built = make_engine(database_url, clock, catalog)
    yield built
    built.store.dispose()


@pytest.fixture
def sqlite_engine(sqlite_url: str, clock: FakeClock, catalog: Catalog) -> Iterator[Engine]:
    """The engine on SQLite only."""
    built = make_engine(sqlite_url, clock, catalog)
    yield built
    built.store.dispose()


CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """The system Chromium driven by Playwright (never a downloaded browser), for every browser test."""
    playwright_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright to drive it")
    if not CHROMIUM.is_file():
        missing = "no /usr/bin/chromium: install it (apt-get install -y chromium) to run the browser tests"
        if os.environ.get("CI"):  # .ci/run installs it: a skip there would prove nothing
            pytest.fail(missing)
        pytest.skip(missing)
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield launched
        launched.close()
