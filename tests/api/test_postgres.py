"""Several uvicorn workers on one PostgreSQL: concurrent completions and retried POSTs have one effect."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.auth import issue_token
from lienthong.compose.wiring import build_token_keys
from tests.api.conftest import SCHOOL, SECRET, STUDENT, settings_for
from tests.api.server import Server, lienthong_serve
from tests.conftest import POSTGRES_URL, ROOT, SKIP_POSTGRES, postgres_schema_url

pytestmark = [pytest.mark.postgres, pytest.mark.skipif(POSTGRES_URL is None, reason=SKIP_POSTGRES)]
CLIENTS = 8


@pytest.fixture(scope="module")
def server(api_catalog_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`lienthong serve --workers 2` on a fresh PostgreSQL schema."""
    url, drop = postgres_schema_url()
    env = {"LIENTHONG_JWT_SECRET": SECRET, "LIENTHONG_PROCESSES_DIR": str(api_catalog_root),
           "LIENTHONG_CALENDAR_OVERRIDES": str(ROOT / "config/calendar-overrides.toml")}
    try:
        with lienthong_serve(tmp_path_factory.mktemp("pg"), "--workers", "2", "--database-url", url,
                             env=env) as running:
            yield running
    finally:
        drop()


def headers(sub: str, *roles: str, kind: str = "officer") -> dict[str, str]:
    keys = build_token_keys(settings_for("sqlite://", Path("."), Path(".")))
    agency = None if kind == "citizen" else "so-gddt"
    token = issue_token(keys, sub=sub, kind=kind, agency=agency, roles=roles)
    return {"Authorization": f"Bearer {token}"}


def all_at_once(server: Server, request: Callable[[httpx.Client], httpx.Response]) -> list[httpx.Response]:
    """Each client on its own connection, released together by a barrier."""
    barrier = threading.Barrier(CLIENTS)

    def one(_: int) -> httpx.Response:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            http.get("/health")  # connected before the barrier: the requests really start together
            barrier.wait()
            return request(http)

    with ThreadPoolExecutor(CLIENTS) as pool:
        return list(pool.map(one, range(CLIENTS)))


def test_eight_clients_complete_one_task_one_wins(server: Server) -> None:
    desk, citizen = headers("canbo.motcua", "mot-cua"), headers("001203004567", kind="citizen")
    with httpx.Client(base_url=server.url, timeout=30) as http:
        case = http.post("/cases", headers=citizen, json={"procedure": SCHOOL, "data": STUDENT}).json()
        task = http.get("/tasks", headers=desk, params={"case": case["id"]}).json()["items"][0]
    body: dict[str, Any] = {"data": {"ket_qua_kiem_tra": "day_du"}}
    answers = all_at_once(server, lambda http: http.post(f"/tasks/{task['id']}/complete", headers=desk,
                                                         json=body))
    assert Counter(a.status_code for a in answers) == {200: 1, 409: CLIENTS - 1}, [a.text for a in answers]
    conflicts = {a.headers["content-type"] for a in answers if a.status_code == 409}
    assert conflicts == {"application/problem+json"}
    with httpx.Client(base_url=server.url, timeout=30) as http:
        history = http.get(f"/cases/{case['id']}/history", headers=desk).json()["items"]
        after = http.get(f"/cases/{case['id']}", headers=desk).json()
    completed = [e for e in history if e["kind"] == "element_completed" and e["element_id"] == "KiemTraHoSo"]
    assert len(completed) == 1
    assert [p["element_id"] for p in after["position"]] == ["TiepNhanHoSo"]
    assert after["version"] == case["version"] + 1


def test_eight_retries_of_one_post_make_one_case(server: Server) -> None:
    citizen = headers("079088001234", kind="citizen")
    with httpx.Client(base_url=server.url, timeout=30) as http:
        before = http.get("/cases", headers=citizen).json()["total"]
    answers = all_at_once(server, lambda http: http.post(
        "/cases", headers={**citizen, "Idempotency-Key": "nop-ho-so-079088001234"},
        json={"procedure": SCHOOL, "data": STUDENT}))
    assert {a.status_code for a in answers} == {201}, [a.text for a in answers]
    assert len({a.json()["id"] for a in answers}) == 1
    assert sum(a.headers.get("idempotent-replayed") == "true" for a in answers) == CLIENTS - 1
    with httpx.Client(base_url=server.url, timeout=30) as http:
        assert http.get("/cases", headers=citizen).json()["total"] == before + 1
