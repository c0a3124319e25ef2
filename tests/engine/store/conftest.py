"""The store modules' mirror tests: a real store (SQLite, PostgreSQL when configured) with real cases."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from engine import Engine
from engine.bpmn.catalog import Catalog
from engine.time.clock import FakeClock
from tests.conftest import make_engine

DATA = Path(__file__).resolve().parents[2] / "data" / "processes"
APPLICANT = "001203004567"


@pytest.fixture
def linked(database_url: str, clock: FakeClock) -> Iterator[Engine]:
    """An engine on the minimal linked procedure (tests/data/processes), for rows that need a case."""
    engine = make_engine(database_url, clock, Catalog(DATA))
    yield engine
    engine.store.dispose()


def start(engine: Engine, applicant: str = APPLICANT) -> str:
    """A new case's id (its row, its first task and timers are in the store)."""
    return engine.cases.start("lien-thong-mau", applicant=applicant, data={"ho_ten": "Lê Minh Khang"}).id
