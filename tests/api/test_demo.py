"""The demo's data (`lienthong serve --demo`, lienthong/compose/demo.py): a case it calls finished is
finished, every group has one, and a token is printed for every lane of every demo group, and an API key
for every agency."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.persistence import ApiStore
from engine.agencies.fakes import FAKES
from engine.bpmn.catalog import Catalog
from engine.bpmn.procedure import CITIZEN_ROLE
from lienthong.compose.demo import DemoReport, load_demo
from tests.api.conftest import Api, _serve, build_app
from tests.conftest import PROCESSES


@pytest.fixture(scope="module")
def full_catalog() -> Catalog:
    """The real catalogue: all five groups and the shared reception."""
    return Catalog(PROCESSES)


@pytest.fixture
def api(full_catalog: Catalog, sqlite_url: str, tmp_path: Path) -> Iterator[Api]:
    """The app over the whole catalogue, its agency registers answered by the demo's fakes."""
    app = build_app(sqlite_url, full_catalog, PROCESSES, tmp_path)
    for operation, answer in FAKES.items():
        app.state.services.engine.connectors.register(operation, answer)
    yield from _serve(app)


def demo(api: Api) -> DemoReport:
    services = api.app.state.services
    return load_demo(api.engine, ApiStore(api.engine.store), services.keys)


def test_every_case_the_demo_calls_finished_is_finished(api: Api) -> None:
    report = demo(api)
    assert not report.skipped, report.skipped
    finished = [line.split(" ", 1)[0] for line in report.cases if ": finished" in line]
    run_to_end = [line.split(" ", 1)[0] for line in report.cases if line.split(" ", 1)[0].endswith("-99")]
    assert finished == run_to_end and len(finished) == sum(
        len(p.variants) for p in api.engine.catalog.procedures())  # every variant of every group has one
    citizen = api.citizen("001203004567")
    for code in finished:
        case = api.get(f"/cases/{code}", citizen).json()
        assert case["completed"] and case["finished_at"] and case["status"] == 10, (code, case["status"])
        assert case["position"] == [] and case["awaiting"] == []


def test_credentials_for_every_lane_of_every_group_and_every_agency(api: Api) -> None:
    report = demo(api)
    lanes = {(lane.agency, lane.role) for p in api.engine.catalog.procedures() for lane in p.lanes.values()
             if lane.role != CITIZEN_ROLE}
    assert {f"lane {role} of {agency}" for agency, role in lanes} <= set(report.tokens)
    for agency, role in lanes:
        token = report.tokens[f"lane {role} of {agency}"]
        assert api.get("/tasks", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    agencies = {a for p in api.engine.catalog.procedures() for a in p.agencies}
    assert set(report.api_keys) == agencies
    for agency, key in report.api_keys.items():
        inbox = api.get("/inbox", headers={"X-API-Key": key})
        assert inbox.status_code == 200, (agency, inbox.text)
