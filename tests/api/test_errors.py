"""Every error is problem+json with where it happened: one handler table, never a traceback."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator

import httpx
import pytest
from fastapi import FastAPI

from api.errors import status_of
from engine.errors import (
    ConflictError,
    ConnectorError,
    ForbiddenError,
    InvalidProcessError,
    LienThongError,
    NotFoundError,
    TaskFailedError,
    UnsafeExpressionError,
    ValidationError,
)
from tests.api.conftest import STUDENT, Api, Cast

PROBLEM = "application/problem+json"
JSON = {"Content-Type": "application/json"}
RAISED = {
    "not-found": NotFoundError("no case LT-1"),
    "conflict": ConflictError("stale", hint="reload the case and try again"),
    "forbidden": ForbiddenError("not your lane"),
    "invalid-process": InvalidProcessError("bad gateway", file="/srv/processes/x/as-is.bpmn", line=12,
                                           element_id="Gw_1"),
    "unsafe-expression": UnsafeExpressionError("__import__ is not allowed", file="to-be.bpmn", line=40,
                                               element_id="Flow_2"),
    "validation": ValidationError("bad form", field="ly_do",
                                  errors=[{"field": "ly_do", "message": "required"}]),
    "task-failed": TaskFailedError("division by zero", element_id="TinhPhi", line=88),
    "connector": ConnectorError("population.lookup did not answer"),
    "lien-thong": LienThongError("something else"),
}


def raiser(error: Exception) -> Callable[[], None]:
    def route() -> None:
        raise error

    return route


@pytest.fixture
def raising(api: Api) -> Iterator[httpx.AsyncClient]:
    """The test app with extra routes that raise each engine error, and one that has a bug."""
    app: FastAPI = api.app
    for kind, error in RAISED.items():
        app.add_api_route(f"/_raise/{kind}", raiser(error))

    app.add_api_route("/_bug", raiser(RuntimeError("secret internals")))
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    client = httpx.AsyncClient(transport=transport, base_url="http://lienthong.test")
    yield client
    api.portal.call(client.aclose)


@pytest.mark.parametrize("kind, status", [
    ("not-found", 404), ("conflict", 409), ("forbidden", 403), ("invalid-process", 422),
    ("unsafe-expression", 422), ("validation", 422), ("task-failed", 422), ("connector", 502),
    ("lien-thong", 400),
])
def test_each_engine_error_maps_to_one_status(api: Api, raising: httpx.AsyncClient, kind: str,
                                              status: int) -> None:
    response = api.portal.call(raising.get, f"/_raise/{kind}")
    assert response.status_code == status == status_of(RAISED[kind])
    assert response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert problem["type"] == f"urn:lienthong:problem:{kind}" and problem["status"] == status
    assert problem["title"] == RAISED[kind].title and problem["instance"] == f"/_raise/{kind}"
    assert problem["detail"] == RAISED[kind].message


def test_problem_says_where_element_line_file_field(api: Api, raising: httpx.AsyncClient) -> None:
    problem = api.portal.call(raising.get, "/_raise/invalid-process").json()
    # The file is named, never its path on the server.
    assert (problem["element_id"], problem["line"], problem["file"]) == ("Gw_1", 12, "as-is.bpmn")
    problem = api.portal.call(raising.get, "/_raise/validation").json()
    assert problem["field"] == "ly_do" and problem["errors"] == [{"field": "ly_do", "message": "required"}]
    assert api.portal.call(raising.get, "/_raise/conflict").json()["hint"] == "reload the case and try again"


def test_a_bug_is_500_with_an_incident_id_and_no_traceback(api: Api, raising: httpx.AsyncClient,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    response = api.portal.call(raising.get, "/_bug")
    assert response.status_code == 500 and response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert "secret internals" not in response.text and "Traceback" not in response.text
    assert problem["incident"] in problem["detail"]
    assert any(problem["incident"] in record.getMessage() for record in caplog.records)


def test_routing_errors_are_problems_too(api: Api, cast: Cast) -> None:
    missing = api.get("/khong-co", cast.desk)
    assert missing.status_code == 404 and missing.headers["content-type"] == PROBLEM
    wrong_method = api.request("DELETE", "/cases", cast.desk)
    assert wrong_method.status_code == 405 and wrong_method.headers["allow"]
    assert wrong_method.json()["title"] == "Phương thức không được hỗ trợ"


def test_malformed_json_is_422_not_500(api: Api, cast: Cast) -> None:
    response = api.post("/cases", cast.desk, content=b'{"procedure": ', headers=JSON)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "(body)"
    response = api.post("/cases", cast.desk, json=["not", "an", "object"])
    assert response.status_code == 422


def test_body_cap_is_413_whether_declared_or_streamed(api: Api, cast: Cast) -> None:
    big = {"procedure": "chuyen-truong-thpt", "data": {**STUDENT, "ghi_chu": "x" * 1_100_000}}
    declared = api.post("/cases", cast.citizen_a, json=big)
    assert declared.status_code == 413 and declared.json()["status"] == 413

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(40):
            yield b" " * 32_768

    streamed = api.post("/cases", cast.citizen_a, content=chunks(), headers=JSON)
    assert streamed.status_code == 413
    assert api.get("/cases", cast.citizen_a).json()["total"] == 0
