"""The jobs service: runners that call an agency outside any transaction and answer the waiting task."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engine import SYSTEM, Actor, Engine, JobPass
from engine.agencies.connectors import Connectors
from engine.agencies.retry import RetryPolicy
from engine.time.clock import FakeClock
from tests.worker.support import CITIZEN, PROCEDURE, make_engine

DESK = Actor.officer("canbo.motcua", "so-thu-nghiem", "mot-cua")


class Lookup:
    """The population database: answers, or fails while `down`."""

    down = False

    def __call__(self, params: Mapping[str, Any]) -> Mapping[str, Any]:
        if self.down:
            raise ConnectionError("CSDL dân cư không phản hồi")
        return {"ho_ten": "Nguyễn Văn An", "noi_thuong_tru": "Lê Chân, Hải Phòng"}


def test_a_job_fails_into_an_incident_is_retried_and_then_answers_its_task(sqlite_url: str) -> None:
    clock = FakeClock("2025-03-03T09:00")
    lookup = Lookup()
    engine: Engine = make_engine(sqlite_url, Connectors({"population.lookup": lookup}), async_services=True,
                                 clock=clock)
    try:
        runner = engine.jobs.runner(owner="w1", clock=clock, policy=RetryPolicy(max_attempts=1))
        assert runner.run_once() == JobPass()
        assert engine.jobs.runner().owner != engine.jobs.runner().owner  # unique per runner by default
        case = engine.cases.start(PROCEDURE, variant="dich-vu", applicant=CITIZEN)
        engine.tasks.complete(engine.tasks.list(case_id=case.id)[0].id, {"so_dinh_danh": CITIZEN}, DESK)
        lookup.down = True
        assert runner.run_once() == JobPass(leased=1, incidents=1)
        [incident], _ = engine.incidents.list(SYSTEM)
        assert (incident.case_id, incident.operation, incident.attempts) == (case.id, "population.lookup", 1)
        lookup.down = False
        assert engine.incidents.retry(incident.id, DESK).resolved_by == DESK.id
        assert runner.run_once() == JobPass(leased=1, completed=1)
        view = engine.cases.get(case.id, with_data=True)
        assert view.data is not None and view.data["dan_cu"]["ho_ten"] == "Nguyễn Văn An"
        assert runner.run_once().leased == 0
    finally:
        engine.store.dispose()
