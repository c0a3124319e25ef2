"""The authorisation matrix: 2 citizens × 2 agencies × roles (and agency systems) × every route.

The rules, restated here independently of the engine (docs/api.md, docs/modelling.md):
- a citizen sees only their own cases and works only the applicant's lane of them;
- an officer or agency system sees the cases its agency has (had) a task in or takes part in by message;
  an officer works a task when the lane's agency is theirs and they hold the lane's role (the server-side
  lane map, never task data);
- a forbidden object answers 404 when the caller may not see its case (nothing leaks), 403 when it may;
- starting a case: citizens in their own name, officers and systems of the procedure's agencies;
- versions: uploaded by an editor, activated by a reviewer, of an agency of the procedure.
Mutating routes are probed with invalid data, so an allowed caller gets 422 (authorised, then refused by
validation) and nothing changes; a claim is allowed once per task, later allowed claims get 409.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from api.openapi import api_routes
from tests.api.conftest import LINKED, SCHOOL, STUDENT, Api, Who

CITIZEN = ("cong-dan", "cong-dan")
REPLY = "Kết quả đăng ký thường trú"
GARBAGE_BPMN = b"<bpmn:definitions"
INVALID = {"KiemTraHoSo": {"ket_qua_kiem_tra": "?"}, "XacNhanThongTin": {"dong_y": False},
           "TiepNhan": {"ghi_chu": 42}}


@dataclass
class Case:
    """A case of the matrix: whose it is, which agencies it involves, its open task and that task's lane."""

    name: str
    id: str
    dossier_code: str
    procedure: str
    applicant: str
    agencies: set[str]
    task_id: str
    element_id: str
    lane: tuple[str, str]


@dataclass
class World:
    """The cases and callers of the matrix, set up once."""

    api: Api
    callers: list[Who]
    cases: list[Case]
    claim_cases: list[Case]
    active_versions: dict[str, int]
    waiting_for_police: Case


def sees(who: Who, case: Case) -> bool:
    if who.kind == "citizen":
        return who.name == case.applicant
    return who.agency in case.agencies


def works(who: Who, case: Case) -> bool:
    if case.lane == CITIZEN:
        return who.kind == "citizen" and who.name == case.applicant
    return who.kind == "officer" and who.agency == case.lane[0] and case.lane[1] in who.roles


def refused(who: Who, case: Case) -> int:
    """How a forbidden object answers: 403 if the caller sees the case, else 404."""
    return 403 if sees(who, case) else 404


def open_task(api: Api, case: dict[str, Any], element_id: str, lane: tuple[str, str], name: str,
              agencies: set[str]) -> Case:
    with api.engine.store.transaction(write=False) as tx:
        tasks = [t for t in tx.list_tasks(case_id=case["id"])[0] if t.element_id == element_id]
    return Case(name, case["id"], case["dossier_code"], case["procedure"], case["applicant"], agencies,
                tasks[0].id, element_id, lane)


@pytest.fixture(scope="module")
def world(shared_api: Api) -> World:
    api = shared_api
    a, b = api.citizen("001203004567"), api.citizen("079088001234")
    desk = api.officer("motcua.so", "so-gddt", "mot-cua")
    civil = api.officer("hotich.xa", "ubnd-xa", "chuyen-vien")
    xa_desk = api.officer("motcua.xa", "ubnd-xa", "mot-cua")
    callers = [
        a, b,
        desk, api.officer("chuyenvien.so", "so-gddt", "chuyen-vien"),
        api.officer("lanhdao.so", "so-gddt", "lanh-dao"),
        api.officer("bientap.so", "so-gddt", "bien-tap-quy-trinh"),
        api.officer("duyet.so", "so-gddt", "duyet-quy-trinh"),
        xa_desk, civil, api.officer("bientap.xa", "ubnd-xa", "bien-tap-quy-trinh"),
        api.officer("duyet.xa", "ubnd-xa", "duyet-quy-trinh"),
        api.agency_system("cong-an"), api.agency_system("so-gddt"),
    ]
    school_agencies, linked_agencies = {"so-gddt"}, {"ubnd-xa", "cong-dan"}

    def school(owner: Who, name: str) -> Case:
        case = api.start(owner, SCHOOL)
        return open_task(api, case, "KiemTraHoSo", ("so-gddt", "mot-cua"), name, school_agencies)

    def linked(owner: Who, name: str) -> Case:
        case = api.start(xa_desk, LINKED, applicant=owner.name)
        api.do(xa_desk, case, "TiepNhan")
        return open_task(api, case, "XacNhanThongTin", CITIZEN, name, linked_agencies)

    cases = [school(a, "school of A"), linked(b, "linked of B"), linked(a, "linked of A")]
    claim_cases = [school(b, "school of B (claims)"), linked(a, "linked of A (claims)")]
    police = api.start(xa_desk, LINKED, applicant=b.name)
    api.do(xa_desk, police, "TiepNhan")
    api.do(b, police, "XacNhanThongTin", {"dong_y": True})
    api.do(civil, police, "DangKyKhaiSinh", {"so_dang_ky": "KS-0001"})
    # The police take part once the dossier is sent to them: they see the case (read-only, no task there).
    waiting = Case("linked of B at the police", police["id"], police["dossier_code"], LINKED, b.name,
                   linked_agencies | {"cong-an"}, "", "NhanKetQuaCongAn", ("cong-an", "chuyen-vien"))
    active = {code: next(v["id"] for v in api.get(f"/procedures/{code}", desk).json()["versions"])
              for code in (SCHOOL, LINKED)}
    return World(api, callers, cases, claim_cases, active, waiting)


def check(world: World, probe: Callable[[Who, Case], tuple[int | set[int], int]],
          cases: list[Case] | None = None) -> None:
    """Run a probe for every caller and case; fail listing every combination that answered wrongly."""
    wrong = []
    for who in world.callers:
        for case in cases if cases is not None else world.cases:
            expected, got = probe(who, case)
            if got not in (expected if isinstance(expected, set) else {expected}):
                wrong.append(f"{who.name} ({who.kind} {who.agency} {sorted(who.roles)}) on {case.name}: "
                             f"expected {expected}, got {got}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("suffix", ["", "/history", "/diagram.svg"])
def test_reading_a_case(world: World, suffix: str) -> None:
    check(world, lambda who, case: (200 if sees(who, case) else 404,
                                    world.api.get(f"/cases/{case.id}{suffix}", who).status_code))


def test_reading_a_case_by_dossier_code(world: World) -> None:
    check(world, lambda who, case: (200 if sees(who, case) else 404,
                                    world.api.get(f"/cases/{case.dossier_code}", who).status_code))


def test_listing_cases_shows_exactly_the_visible_ones(world: World) -> None:
    every = [*world.cases, *world.claim_cases, world.waiting_for_police]
    for who in world.callers:
        listed = {c["id"] for c in world.api.get("/cases", who, params={"limit": 200}).json()["items"]}
        assert listed == {c.id for c in every if sees(who, c)}, who.name


def test_work_lists_hold_exactly_the_workable_tasks(world: World) -> None:
    every = [*world.cases, *world.claim_cases]
    for who in world.callers:
        listed = {t["id"] for t in world.api.get("/tasks", who, params={"limit": 500}).json()["items"]}
        assert listed == {c.task_id for c in every if works(who, c)}, who.name


def test_task_forms(world: World) -> None:
    check(world, lambda who, case: (200 if works(who, case) else refused(who, case),
                                    world.api.get(f"/tasks/{case.task_id}/form", who).status_code))


def test_completing_tasks(world: World) -> None:
    def probe(who: Who, case: Case) -> tuple[int, int]:
        body = {"data": INVALID[case.element_id]}
        answer = world.api.post(f"/tasks/{case.task_id}/complete", who, json=body)
        return 422 if works(who, case) else refused(who, case), answer.status_code

    check(world, probe)


def test_claiming_tasks(world: World) -> None:
    def probe(who: Who, case: Case) -> tuple[int | set[int], int]:
        # The first allowed caller takes the task; colleagues after them are told it is taken.
        expected = {200, 409} if works(who, case) else refused(who, case)
        return expected, world.api.post(f"/tasks/{case.task_id}/claim", who).status_code

    check(world, probe, world.claim_cases)


def test_starting_cases(world: World) -> None:
    agencies = {SCHOOL: {"so-gddt"}, LINKED: {"ubnd-xa", "cong-an"}}

    def probe(who: Who, case: Case) -> tuple[int, int]:
        body: dict[str, Any] = {"procedure": case.procedure, "data": {}}  # the start form needs fields: 422
        if who.kind == "citizen":
            allowed = True
            if who.name != case.applicant:
                body["applicant"] = case.applicant  # in somebody else's name
                allowed = False
        else:
            body["applicant"] = case.applicant
            allowed = who.agency in agencies[case.procedure]
        return 422 if allowed else 403, world.api.post("/cases", who, json=body).status_code

    check(world, probe)


def test_starting_in_ones_own_name_works(world: World) -> None:
    citizen = world.callers[0]
    answer = world.api.post("/cases", citizen, json={"procedure": SCHOOL, "data": STUDENT})
    assert answer.status_code == 201 and answer.json()["applicant"] == citizen.name


def test_uploading_versions(world: World) -> None:
    agencies = {SCHOOL: {"so-gddt"}, LINKED: {"ubnd-xa", "cong-an"}}

    def probe(who: Who, case: Case) -> tuple[int, int]:
        allowed = who.kind == "officer" and who.agency in agencies[case.procedure] and \
            "bien-tap-quy-trinh" in who.roles
        answer = world.api.post(f"/procedures/{case.procedure}/versions", who, content=GARBAGE_BPMN,
                                params={"variant": "as-is"}, headers={"Content-Type": "application/xml"})
        return 422 if allowed else 403, answer.status_code  # allowed: refused as malformed XML

    check(world, probe)


def test_activating_versions(world: World) -> None:
    agencies = {SCHOOL: {"so-gddt"}, LINKED: {"ubnd-xa", "cong-an"}}

    def probe(who: Who, case: Case) -> tuple[int, int]:
        allowed = who.kind == "officer" and who.agency in agencies[case.procedure] and \
            "duyet-quy-trinh" in who.roles
        version = world.active_versions[case.procedure]
        answer = world.api.post(f"/procedures/{case.procedure}/versions/{version}/activate", who)
        return 409 if allowed else 403, answer.status_code  # allowed: it is already active

    check(world, probe)


def test_messages_only_from_the_agency_that_sends_them(world: World) -> None:
    case = world.waiting_for_police
    body = {"name": REPLY, "dossier_code": case.dossier_code, "payload": {}}
    for who in world.callers:
        if who.agency == "cong-an":
            continue  # the one allowed sender: its reply is delivered in test_messages.py
        status = world.api.post("/messages", who, json=body).status_code
        assert status == (403 if who.kind == "citizen" else 404), who.name
    assert world.api.get(f"/cases/{case.id}", world.callers[1]).json()["position"][0]["element_id"] == \
        "NhanKetQuaCongAn"


def test_catalogue_is_open_to_every_caller(world: World) -> None:
    for who in world.callers:
        for url in ("/procedures", f"/procedures/{SCHOOL}", f"/procedures/{LINKED}/diagram.svg"):
            assert world.api.get(url, who).status_code == 200, (who.name, url)


def test_every_route_needs_credentials(world: World) -> None:
    case = world.cases[0]
    open_routes = {"/health", "/metrics"}
    checked = 0
    for route in api_routes(world.api.app):
        if route.path in open_routes:
            continue
        url = route.path.format(code=SCHOOL, case_id=case.id, task_id=case.task_id, version_id=1,
                                document_id="0" * 32, incident_id=1, row_id=1, message_id="Msg_X",
                                key="start", form="mau-01")
        for method in route.methods or ():
            assert world.api.request(method, url, None, json={}).status_code == 401, (method, url)
            checked += 1
    # 8 on procedures, 8 on cases, 4 on tasks, 1 on messages, 1 inbox; the worker's: 5 on documents,
    # 4 on incidents, 3 on the outbox, 1 on reports; 2 on printed forms (the PDF, and kept as a document).
    # The citizens' lookup (web/) takes no credentials and is no API operation: it answers the same
    # not-found for any case it is not given the applicant's id number of (tests/web/test_lookup.py).
    assert checked == 37
