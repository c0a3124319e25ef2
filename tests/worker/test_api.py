"""The worker's resources over HTTP (the real app, httpx): documents, incidents, reports, dead letters."""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.core.result import Ok

from engine import Engine, Store
from engine.agencies.connectors import Connectors
from engine.agencies.outbox import OutboxDelivery
from engine.agencies.remote import HttpPortal
from engine.agencies.retry import RetryPolicy
from engine.bpmn.catalog import Catalog
from engine.time.calendar import WorkingCalendar
from engine.time.clock import FakeClock
from lienthong.compose.server import create_app
from tests.api.conftest import Api, _serve, settings_for
from tests.api.test_openapi import CHECKS, EXAMPLES
from tests.api.test_pages import assert_matches_example
from tests.worker.march import simulate
from tests.worker.support import CITIZEN, PROCEDURE, PROCESSES, free_port

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PROBLEM = "application/problem+json"
WORKER_PATHS = (
    "/cases/{case_id}/documents",
    "/cases/{case_id}/incidents",
    "/incidents",
    "/outbox",
    "/reports",
)


class Population:
    """The population database: down until told otherwise."""

    def __init__(self) -> None:
        self.up = False

    def lookup(self, params: Mapping[str, Any]) -> Mapping[str, Any]:
        if not self.up:
            raise ConnectionError("CSDL dân cư không phản hồi")
        return {"ho_ten": "Nguyễn Văn An"}


@pytest.fixture
def population() -> Population:
    return Population()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock("2025-03-03T09:00")


@pytest.fixture
def api(sqlite_url: str, tmp_path: Path, population: Population, clock: FakeClock) -> Iterator[Api]:
    """The app over the worker tests' catalogue, in async mode, keeping documents (at most 4 KiB each)."""
    store = Store(sqlite_url)
    store.migrate()
    engine = Engine(
        catalog=Catalog(PROCESSES),
        store=store,
        clock=clock,
        calendar=WorkingCalendar(),
        connectors=Connectors({"population.lookup": population.lookup}),
        async_services=True,
        documents_dir=tmp_path / "documents",
        documents_max_bytes=4096,
    )
    yield from _serve(create_app(settings_for(sqlite_url, PROCESSES, tmp_path), engine=engine))


def start(api: Api, variant: str = "trang-thai") -> dict[str, Any]:
    response = api.post(
        "/cases", api.citizen(CITIZEN), json={"procedure": PROCEDURE, "variant": variant, "data": {}}
    )
    assert response.status_code == 201, response.text
    case: dict[str, Any] = response.json()
    return case


def test_a_citizen_uploads_lists_downloads_and_reuses_documents(api: Api) -> None:
    citizen, officer = api.citizen(CITIZEN), api.officer("canbo.cv", "so-thu-nghiem", "chuyen-vien")
    case = start(api)
    url = f"/cases/{case['id']}/documents"
    files = {"file": ("Căn cước.pdf", PDF, "application/octet-stream")}
    sent = api.post(
        url,
        citizen,
        files=files,
        data={"component": "giay_to_tuy_than"},
        headers={"Idempotency-Key": "upload-1"},
    )
    assert sent.status_code == 201, sent.text
    document = sent.json()
    assert (document["media_type"], document["component"], document["filename"]) == (
        "application/pdf",
        "giay_to_tuy_than",
        "Căn cước.pdf",
    )
    assert sent.headers["Location"] == f"{url}/{document['id']}/content"
    again = api.post(
        url,
        citizen,
        files=files,
        data={"component": "giay_to_tuy_than"},
        headers={"Idempotency-Key": "upload-1"},
    )
    assert again.headers["Idempotent-Replayed"] == "true" and again.json()["id"] == document["id"]

    listed = api.get(url, officer).json()
    assert [d["id"] for d in listed["items"]] == [document["id"]]
    assert_matches_example(api, "/cases/{case_id}/documents", listed)
    content = api.get(f"{url}/{document['id']}/content", officer)
    assert content.content == PDF and content.headers["content-type"] == "application/pdf"
    assert content.headers["X-Content-Type-Options"] == "nosniff"
    assert "UTF-8''C%C4%83n%20c%C6%B0%E1%BB%9Bc.pdf" in content.headers["Content-Disposition"]

    later = start(api)
    offered = api.get(f"/cases/{later['id']}/documents/reusable", citizen).json()["items"]
    assert [d["id"] for d in offered] == [document["id"]]
    reused = api.post(f"/cases/{later['id']}/documents/reuse", citizen, json={"document_id": document["id"]})
    assert reused.status_code == 201 and reused.json()["reused_from"] == document["id"]
    assert api.get(f"/cases/{later['id']}/documents/reusable", citizen).json()["items"] == []


def test_uploads_are_refused_clearly(api: Api) -> None:
    citizen = api.citizen(CITIZEN)
    case = start(api)
    url = f"/cases/{case['id']}/documents"
    program = api.post(url, citizen, files={"file": ("don.pdf", b"MZ\x90\x00program", "application/pdf")})
    assert program.status_code == 415 and program.headers["content-type"] == PROBLEM
    assert "not a PDF, PNG, JPEG, XML or JSON" in program.json()["detail"]
    big = api.post(url, citizen, files={"file": ("scan.pdf", PDF + b"0" * 5000, "application/pdf")})
    assert big.status_code == 413 and "limit is 4,096" in big.json()["detail"]
    unknown = api.post(
        url, citizen, files={"file": ("x.pdf", PDF, "application/pdf")}, data={"component": "hoc_ba"}
    )
    assert unknown.status_code == 422 and unknown.json()["field"] == "component"
    missing = api.post(url, citizen, data={"component": "don_de_nghi"})
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "file"
    stranger = api.post(url, api.citizen("079088001234"), files={"file": ("x.pdf", PDF, "application/pdf")})
    assert stranger.status_code == 404
    reuse = api.post(f"{url}/reuse", citizen, json={"document_id": "0" * 32})
    assert reuse.status_code == 404 and "reusable" in reuse.json()["hint"]


def test_an_incident_shows_on_the_case_and_an_officer_retries_it(
    api: Api, population: Population, clock: FakeClock
) -> None:
    desk = api.officer("canbo.motcua", "so-thu-nghiem", "mot-cua")
    elsewhere = api.officer("canbo.khac", "so-khac", "mot-cua")
    citizen = api.citizen(CITIZEN)
    case = start(api, "dich-vu")
    tasks = api.get("/tasks", desk, params={"case": case["id"]}).json()["items"]
    done = api.post(f"/tasks/{tasks[0]['id']}/complete", desk, json={"data": {"so_dinh_danh": CITIZEN}})
    assert done.status_code == 200 and {p["element_id"] for p in done.json()["position"]} >= {"TraCuuDanCu"}
    worker = api.engine.jobs.runner(clock=clock, policy=RetryPolicy(0, 0, 2, rng=random.Random(1)))
    worker.run_once()
    assert worker.run_once().incidents == 1

    page = api.get("/incidents", desk).json()
    assert page["total"] == 1 and page["items"][0]["operation"] == "population.lookup"
    incident = page["items"][0]
    assert "CSDL dân cư không phản hồi" in incident["message"]
    assert api.get("/incidents", elsewhere).json()["total"] == 0
    assert api.get("/incidents", citizen).status_code == 403
    on_case = api.get(f"/cases/{case['dossier_code']}/incidents", citizen).json()["items"]
    assert [i["id"] for i in on_case] == [incident["id"]]
    assert api.get(f"/incidents/{incident['id']}", elsewhere).status_code == 404
    history = api.get(f"/cases/{case['id']}/history", desk).json()["items"]
    assert "incident_raised" in [e["kind"] for e in history]

    assert api.post(f"/incidents/{incident['id']}/retry", citizen).status_code == 403
    population.up = True
    retried = api.post(f"/incidents/{incident['id']}/retry", desk)
    assert retried.status_code == 200 and retried.json()["resolved_by"] == "canbo.motcua"
    assert api.post(f"/incidents/{incident['id']}/retry", desk).status_code == 409
    assert worker.run_once().completed == 1
    assert api.get("/incidents", desk).json()["total"] == 0
    view = api.get(f"/cases/{case['id']}", desk).json()
    assert [p["element_id"] for p in view["position"]] == ["ThamDinh"]


def test_the_monthly_report_for_an_agency(api: Api, clock: FakeClock) -> None:
    clock.set("2025-02-24T09:00")
    simulate(api.engine, clock)
    officer = api.officer("lanhdao", "so-thu-nghiem", "lanh-dao")
    report = api.get("/reports/monthly", officer, params={"month": "2025-03"})
    assert report.status_code == 200, report.text
    body = report.json()
    assert body["agency"] == "so-thu-nghiem" and body["as_of"] == "2025-04-01T00:00:00+07:00"
    total = body["total"]
    assert (total["to_process"], total["finished_late"], total["on_time_rate"]) == (9, 1, 66.67)
    assert (
        api.get(
            "/reports/monthly", api.officer("x", "so-khac", "lanh-dao"), params={"month": "2025-03"}
        ).json()["total"]["to_process"]
        == 0
    )
    assert api.get("/reports/monthly", api.citizen(CITIZEN), params={"month": "2025-03"}).status_code == 403
    bad = api.get("/reports/monthly", officer, params={"month": "03/2025"})
    assert bad.status_code == 422 and bad.json()["field"] == "month"
    assert api.get("/reports/monthly", officer, params={"month": "2025-09"}).status_code == 404


def test_dead_letters_are_listed_and_replayed_by_the_agency(api: Api) -> None:
    officer = api.officer("canbo.cv", "so-thu-nghiem", "chuyen-vien")
    start(api)
    nobody = HttpPortal(f"http://127.0.0.1:{free_port()}/api/dossier-status", timeout=2)
    worker = OutboxDelivery(api.engine.store, nobody, policy=RetryPolicy(0, 0, 1))
    assert worker.deliver_once().dead == 1
    worker.close()
    page = api.get("/outbox/dead-letters", officer).json()
    assert page["total"] == 1 and page["items"][0]["status"] == 1
    letter = page["items"][0]
    assert api.get("/outbox/dead-letters", api.officer("x", "so-khac", "chuyen-vien")).json()["total"] == 0
    assert api.get("/outbox/dead-letters", api.citizen(CITIZEN)).status_code == 403
    other = api.post(
        f"/outbox/dead-letters/{letter['id']}/replay", api.officer("x", "so-khac", "chuyen-vien")
    )
    assert other.status_code == 404
    replayed = api.post(f"/outbox/dead-letters/{letter['id']}/replay", officer)
    assert replayed.status_code == 200 and replayed.json()["replayed"] == 1
    assert replayed.json()["counts"]["dead"] == 0
    assert api.post("/outbox/dead-letters/replay", officer).json()["replayed"] == 0


def test_schemathesis_finds_no_server_error_in_the_worker_routes(api: Api) -> None:
    """The documented examples, then generated requests, on the worker's routes with documents kept."""
    officer = api.officer("schemathesis", "so-thu-nghiem", "mot-cua", "chuyen-vien", "lanh-dao")
    start(api)
    schema = schemathesis.openapi.from_asgi("/openapi.json", api.app)
    failures, calls = [], 0
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), f"the document has an invalid operation: {result}"
        operation = result.ok()
        if not operation.path.startswith(WORKER_PATHS):
            continue
        strategies = [*schema.get_strategies_from_examples(operation), operation.as_strategy()]

        @given(case=st.one_of(strategies))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def call(case: schemathesis.Case[Any]) -> None:
            nonlocal calls
            calls += 1
            case.call_and_validate(headers=officer.headers, checks=CHECKS)

        try:
            call()
        except Exception as exc:  # collect every operation's failure, then report them together
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}")
    assert not failures, "\n\n".join(failures)
    assert calls > 100
