"""The monthly report over a simulated March 2025 with known outcomes (tests/worker/march.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from engine import Engine
from engine.agencies.outbox import OutboxDelivery
from engine.bpmn.catalog import Catalog
from engine.errors import NotFoundError, ValidationError
from engine.reports import month_bounds
from engine.store.store import Store
from engine.time.calendar import WorkingCalendar
from engine.time.clock import FakeClock
from tests.worker.march import EXPECTED, simulate
from tests.worker.support import PROCEDURE, PROCESSES


class Portal:
    """Takes every status change (what is measured here is the outbox's side of it)."""

    def __init__(self) -> None:
        self.keys: list[str] = []

    def send(self, payload: dict[str, Any], key: str) -> dict[str, Any]:
        self.keys.append(key)
        return {}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock("2025-02-24T09:00")


@pytest.fixture
def engine(database_url: str, clock: FakeClock, tmp_path: Path) -> Iterator[Engine]:
    store = Store(database_url)
    store.migrate()
    built = Engine(
        catalog=Catalog(PROCESSES),
        store=store,
        clock=clock,
        calendar=WorkingCalendar(),
        documents_dir=tmp_path / "documents",
    )
    yield built
    store.dispose()


def test_a_simulated_month_gives_the_expected_figures(engine: Engine, clock: FakeClock) -> None:
    simulate(engine, clock)
    report = engine.reports.monthly("2025-03")
    assert report.as_of.isoformat() == "2025-04-01T00:00:00+07:00"
    assert report.total is not None
    total = report.total.to_dict()
    assert {key: total[key] for key in EXPECTED} == EXPECTED
    [row] = report.rows
    assert (row.agency, row.agency_name, row.procedure) == ("so-thu-nghiem", "Sở Thử nghiệm", PROCEDURE)
    assert row.counts == report.total.counts
    [by_procedure] = report.procedures
    assert by_procedure.procedure_name and by_procedure.procedure_name.startswith("Thử nghiệm đồng bộ")


def test_the_synced_rate_reads_100_percent_once_the_outbox_has_drained(
    engine: Engine, clock: FakeClock
) -> None:
    simulate(engine, clock)
    portal = Portal()
    worker = OutboxDelivery(engine.store, portal, owner="w1", clock=clock, batch=7)
    worker.deliver_once()
    partly = engine.reports.monthly("2025-03").total
    assert partly is not None and 0 < partly.rates["synced_rate"] < 100  # type: ignore[operator]
    while worker.deliver_once().leased:
        pass
    total = engine.reports.monthly("2025-03").total
    assert total is not None
    assert (total.counts["synced"], total.rates["synced_rate"]) == (28, 100.0)
    assert len(set(portal.keys)) == 42  # every change of every case, February's and April's too


def test_an_agency_sees_only_its_cases_and_a_month_must_be_a_month(engine: Engine, clock: FakeClock) -> None:
    simulate(engine, clock)
    mine = engine.reports.monthly("2025-03", agency="so-thu-nghiem").total
    assert mine is not None and mine.counts["to_process"] == 9
    report = engine.reports.monthly("2025-03", agency="so-khac")
    assert report.rows == [] and report.total is not None and report.total.counts["to_process"] == 0
    assert report.total.rates["on_time_rate"] is None
    april = engine.reports.monthly("2025-04").total  # the running month, as of now (15 April)
    assert april is not None and (april.counts["received"], april.counts["carried_over"]) == (1, 5)
    with pytest.raises(NotFoundError):
        engine.reports.monthly("2025-05")
    with pytest.raises(ValidationError) as bad:
        month_bounds("2025-13")
    assert bad.value.field == "month"
    assert month_bounds("2025-12")[1].isoformat() == "2026-01-01T00:00:00+07:00"
