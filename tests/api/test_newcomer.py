"""A newcomer drives every group end to end over HTTP, knowing nothing but what the API returns: procedures,
lanes and variants from GET /procedures, start data from the advertised start form, each next step from the
case view (a task of a lane, found on that lane's work list, or a message it awaits from an agency), each
payload from the schema or the example the API advertises. No BPMN is read, no element id is known in
advance."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from engine.agencies.fakes import FAKES
from engine.bpmn.catalog import Catalog
from engine.bpmn.procedure import CITIZEN_ROLE
from lienthong.compose.demo import sample
from tests.api.conftest import Api, Who, _serve, build_app
from tests.conftest import PROCESSES

APPLICANT = "001203004567"
STEPS = 60  # far more than any group's happy path takes


@pytest.fixture(scope="module")
def full_catalog() -> Catalog:
    """The real catalogue: all five groups and the shared reception."""
    return Catalog(PROCESSES)


@pytest.fixture
def api(full_catalog: Catalog, database_url: str, tmp_path: Path) -> Iterator[Api]:
    """The app over the whole catalogue, its agency registers answered by the demo's fakes."""
    app = build_app(database_url, full_catalog, PROCESSES, tmp_path)
    for operation, answer in FAKES.items():
        app.state.services.engine.connectors.register(operation, answer)
    yield from _serve(app)


class Newcomer:
    """Someone with credentials for every lane and agency a procedure lists, and the API's answers only."""

    def __init__(self, api: Api, procedure: dict[str, Any]) -> None:
        self.api = api
        self.lanes = {lane["name"]: (lane["agency"], lane["role"]) for lane in procedure["lanes"]}
        self.citizen = api.citizen(APPLICANT)
        self.systems: dict[str, Who] = {}

    def worker(self, lane: str | None, agency: str | None) -> Who:
        """Who works a lane: the citizen for the citizen's lane, else an officer of the lane's role."""
        agency_role = self.lanes.get(lane or "")
        if agency_role is None or agency_role[1] == CITIZEN_ROLE:
            return self.citizen
        return self.api.officer(f"nguoi.moi.{agency_role[1]}", agency_role[0], agency_role[1])

    def system(self, agency: str) -> Who:
        """The agency's system (one API key each)."""
        if agency not in self.systems:
            self.systems[agency] = self.api.agency_system(agency)
        return self.systems[agency]

    def step(self, case: dict[str, Any]) -> str:
        """Do the next thing the case view says; returns what was done."""
        for position in case["position"]:
            if position["task_id"]:
                who = self.worker(position["lane"], position["agency"])
                listed = self.api.get("/tasks", who, params={"case": case["id"]}).json()["items"]
                item = next(t for t in listed if t["id"] == position["task_id"])  # on the worker's list
                assert item["case_status"] == case["status"] and item["role"], item
                form = self.api.get(f"/tasks/{position['task_id']}/form", who)
                assert form.status_code == 200, form.text
                data = sample(form.json()["schema"] or {})
                done = self.api.post(f"/tasks/{position['task_id']}/complete", who, json={"data": data})
                assert done.status_code == 200, (position, data, done.text)
                return f"task {position['name']}"
        for awaited in case["awaiting"]:
            schema = self.api.get(awaited["schema_url"], self.citizen).json()
            payload = awaited["example"] or sample(schema)
            sent = self.api.post("/messages", self.system(awaited["sender"]),
                                 json={"name": awaited["message"], "dossier_code": case["dossier_code"],
                                       "payload": payload})
            assert sent.status_code == 200 and sent.json()["accepted"], sent.text
            return f"message {awaited['message']} from {awaited['sender']}"
        raise AssertionError(f"the case view offers no next step: {case['position']}, {case['awaiting']}")


def walk(api: Api, slug: str, variant: str) -> tuple[dict[str, Any], list[str]]:
    """Start a case as the citizen and follow the case view to its end."""
    procedure = api.get(f"/procedures/{slug}", api.citizen(APPLICANT)).json()
    newcomer = Newcomer(api, procedure)
    start = api.get(f"/procedures/{slug}/forms/start", newcomer.citizen, params={"variant": variant}).json()
    created = api.post("/cases", newcomer.citizen, json={"procedure": slug, "variant": variant,
                                                         "data": sample(start)})
    assert created.status_code == 201, created.text
    case: dict[str, Any] = created.json()
    done = []
    for _ in range(STEPS):
        if case["completed"]:
            return case, done
        done.append(newcomer.step(case))
        case = api.get(f"/cases/{case['id']}", newcomer.citizen).json()
    raise AssertionError(f"{slug}/{variant} did not end in {STEPS} steps: {done[-5:]}")


def test_every_group_end_to_end_from_what_the_api_returns(api: Api) -> None:
    catalogue = api.get("/procedures", api.citizen(APPLICANT)).json()
    procedures = catalogue["items"]
    assert len(procedures) == catalogue["total"] == 5 and not catalogue["has_more"]
    senders = set()
    for procedure in procedures:
        for variant in procedure["variants"]:
            case, done = walk(api, procedure["slug"], variant)
            assert case["completed"] and case["status"] == 10, (procedure["slug"], variant, case["status"])
            assert case["result"] == "approved", (procedure["slug"], variant, done)
            assert case["procedure_code"] == next(iter(procedure["codes"]), None)
            senders |= {step.rsplit(" from ", 1)[1] for step in done if step.startswith("message")}
    # The to-be variants' answers came from every kind of agency: police, social security, both schools,
    # the judicial-records office.
    assert senders == {"cong-an", "bhxh", "truong-thpt-di", "truong-thpt-den", "co-quan-lltp"}
