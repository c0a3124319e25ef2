"""The services' mirror tests share one engine on the minimal linked procedure (tests/data/processes)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from engine import Actor, CaseView, Engine
from engine.bpmn.catalog import Catalog
from engine.time.clock import FakeClock
from tests.conftest import make_engine

DATA = Path(__file__).resolve().parents[2] / "data" / "processes"
PROCEDURE = "lien-thong-mau"
APPLICANT = "001203004567"
CITIZEN = Actor.citizen(APPLICANT)
CLERK = Actor.officer("hotich.xa", "ubnd-xa", "ho-tich")
POLICE = Actor.agency_system("cong-an")
POLICE_OFFICER = Actor.officer("canbo.cutru", "cong-an", "cu-tru")
STRANGER = Actor.officer("canbo.khac", "so-khac", "ho-tich")


@pytest.fixture
def linked(database_url: str, clock: FakeClock) -> Iterator[Engine]:
    """An engine on the linked procedure: the commune registers, the police answer (or their share ends)."""
    engine = make_engine(database_url, clock, Catalog(DATA))
    yield engine
    engine.store.dispose()


def registered(engine: Engine) -> CaseView:
    """A case the commune registered: it now waits for the police's answer (and its share's timer)."""
    case = engine.cases.start(PROCEDURE, applicant=APPLICANT, data={"ho_ten": "Lê Minh Khang"})
    [task] = engine.tasks.list(case_id=case.id)
    return engine.tasks.complete(task.id, {}, CLERK)
