"""Idempotency-Key: a retry gets the first answer back, never a second effect."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tests.api.conftest import SCHOOL, STUDENT, Api, Cast

START = {"procedure": SCHOOL, "data": STUDENT}


def key(value: str) -> dict[str, str]:
    return {"Idempotency-Key": value}


def cases_of(api: Api, cast: Cast) -> int:
    total: int = api.get("/cases", cast.citizen_a).json()["total"]
    return total


def test_a_retried_start_returns_the_first_case(api: Api, cast: Cast) -> None:
    first = api.post("/cases", cast.citizen_a, json=START, headers=key("ho-so-1"))
    # The same request again, serialised differently (key order, spaces): still the same request.
    body = json.dumps({"data": STUDENT, "procedure": SCHOOL}, indent=2)
    retry = api.post("/cases", cast.citizen_a, content=body, headers={**key("ho-so-1"),
                                                                      "Content-Type": "application/json"})
    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json() and retry.headers["location"] == first.headers["location"]
    assert retry.headers["idempotent-replayed"] == "true" and "idempotent-replayed" not in first.headers
    assert cases_of(api, cast) == 1


def test_the_same_key_for_another_request_is_refused(api: Api, cast: Cast) -> None:
    assert api.post("/cases", cast.citizen_a, json=START, headers=key("k")).status_code == 201
    other = api.post("/cases", cast.citizen_a, json={**START, "channel": "buu-chinh"}, headers=key("k"))
    assert other.status_code == 422 and other.json()["field"] == "Idempotency-Key"
    assert "POST /cases" in other.json()["detail"]
    assert cases_of(api, cast) == 1


def test_keys_belong_to_their_caller(api: Api, cast: Cast) -> None:
    mine = api.post("/cases", cast.citizen_a, json=START, headers=key("k")).json()
    theirs = api.post("/cases", cast.citizen_b, json=START, headers=key("k")).json()
    assert mine["id"] != theirs["id"] and theirs["applicant"] == cast.citizen_b.name


def test_a_retried_completion_is_not_a_conflict_and_happens_once(api: Api, cast: Cast) -> None:
    case = api.start(cast.citizen_a, SCHOOL)
    task = api.task(cast.desk, case, "KiemTraHoSo")
    url, body = f"/tasks/{task['id']}/complete", {"data": {"ket_qua_kiem_tra": "day_du"}}
    first = api.post(url, cast.desk, json=body, headers=key("xong-kiem-tra"))
    retry = api.post(url, cast.desk, json=body, headers=key("xong-kiem-tra"))
    without_key = api.post(url, cast.desk, json=body)
    assert first.status_code == retry.status_code == 200 and retry.json() == first.json()
    assert without_key.status_code == 409
    history = api.get(f"/cases/{case['id']}/history", cast.desk).json()["items"]
    assert [e["element_id"] for e in history if e["kind"] == "element_completed"].count("KiemTraHoSo") == 1


def test_a_failed_request_is_not_remembered(api: Api, cast: Cast) -> None:
    case = api.start(cast.citizen_a, SCHOOL)
    task = api.task(cast.desk, case, "KiemTraHoSo")
    url = f"/tasks/{task['id']}/complete"
    bad = api.post(url, cast.desk, json={"data": {"ket_qua_kiem_tra": "?"}}, headers=key("k2"))
    assert bad.status_code == 422
    fixed = api.post(url, cast.desk, json={"data": {"ket_qua_kiem_tra": "day_du"}}, headers=key("k2"))
    assert fixed.status_code == 200


def test_claims_and_messages_take_keys_too(api: Api, cast: Cast) -> None:
    case = api.start(cast.citizen_a, SCHOOL)
    task = api.task(cast.desk, case, "KiemTraHoSo")
    claims = [api.post(f"/tasks/{task['id']}/claim", cast.desk, headers=key("nhan-viec")) for _ in range(2)]
    assert [c.status_code for c in claims] == [200, 200] and claims[0].json() == claims[1].json()
    unknown = {"name": "Kết quả đăng ký thường trú", "dossier_code": "LT-000000-00000000"}
    assert api.post("/messages", cast.police, json=unknown, headers=key("m1")).status_code == 404


def test_concurrent_retries_make_one_case(api: Api, cast: Cast) -> None:
    api.start(cast.citizen_a, SCHOOL)  # the first start deploys the version; the retries race only on the key
    def start(_: int) -> Any:
        return api.post("/cases", cast.citizen_a, json=START, headers=key("dong-thoi"))

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(start, range(8)))
    assert {a.status_code for a in answers} == {201}
    assert len({a.json()["id"] for a in answers}) == 1
    assert sum(a.headers.get("idempotent-replayed") == "true" for a in answers) == 7
    assert cases_of(api, cast) == 2


def test_keys_must_be_printable(api: Api, cast: Cast) -> None:
    response = api.post("/cases", cast.citizen_a, json=START, headers=key("has spaces in it"))
    assert response.status_code == 422 and response.json()["errors"][0]["in"] == "header"
