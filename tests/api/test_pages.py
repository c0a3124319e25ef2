"""Every list the API answers has one shape (`items`, `total`, `limit`, `offset`, `has_more`; the inbox adds
its `cursor`), no route answers a bare array, and each list's documented example has the keys of a real
answer; paging walks every item once (SQLite and PostgreSQL, over HTTP)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import LINKED, SCHOOL, Api, Cast
from tests.api.test_messages import REPLY

PAGE = {"items", "total", "limit", "offset", "has_more"}


@pytest.fixture
def api(db_api: Api) -> Api:
    """These tests run on SQLite and on PostgreSQL."""
    return db_api


@pytest.fixture
def cast(api: Api) -> Cast:
    """The cast on this module's app."""
    return Cast(api)


def example(api: Api, path: str) -> dict[str, Any]:
    """The documented example of a GET route's 200 answer."""
    operation = api.get("/openapi.json").json()["paths"][path]["get"]
    found: dict[str, Any] = operation["responses"]["200"]["content"]["application/json"]["example"]
    return found


def assert_matches_example(api: Api, path: str, answer: dict[str, Any]) -> None:
    """The answer is a page, and the route's example has its keys and its items' keys."""
    documented = example(api, path)
    assert set(answer) >= PAGE and set(answer) == set(documented), (path, sorted(answer), sorted(documented))
    assert answer["items"] and documented["items"], path
    assert set(answer["items"][0]) == set(documented["items"][0]), (path, sorted(answer["items"][0]))


def test_no_route_answers_a_bare_array(api: Api) -> None:
    document = api.get("/openapi.json").json()
    bare = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            content = operation["responses"].get("200", {}).get("content", {})
            schema = content.get("application/json", {}).get("schema", {})
            if schema.get("type") == "array":
                bare.append(f"{method} {path}")
    assert not bare, bare


def test_every_list_is_one_page_shape_and_its_example_is_a_real_answer(api: Api, cast: Cast) -> None:
    school = api.start(cast.desk, SCHOOL, applicant=cast.citizen_a.name)
    linked = api.start(cast.xa_desk, LINKED, applicant=cast.citizen_b.name)
    api.do(cast.xa_desk, linked, "TiepNhan", {"ghi_chu": "Đủ giấy tờ"})
    api.do(cast.citizen_b, linked, "XacNhanThongTin", {"dong_y": True})
    api.do(cast.xa_civil, linked, "DangKyKhaiSinh", {"so_dang_ky": "KS-0042"})
    lists = {
        "/procedures": api.get("/procedures", cast.desk),
        "/procedures/{code}/messages": api.get(f"/procedures/{LINKED}/messages", cast.xa_desk),
        "/cases": api.get("/cases", cast.desk),
        "/tasks": api.get("/tasks", cast.desk),
        "/cases/{case_id}/history": api.get(f"/cases/{school['id']}/history", cast.desk),
        "/inbox": api.get("/inbox", cast.police),
    }
    for path, answer in lists.items():
        assert answer.status_code == 200, (path, answer.text)
        assert_matches_example(api, path, answer.json())
    assert example(api, "/cases/{case_id}/incidents").keys() == example(api, "/incidents").keys() >= PAGE
    assert example(api, "/outbox/dead-letters").keys() >= PAGE
    empty = api.get(f"/cases/{school['id']}/incidents", cast.desk).json()
    assert empty == {"items": [], "total": 0, "limit": 50, "offset": 0, "has_more": False}
    assert api.get("/outbox/dead-letters", cast.desk).json().keys() == PAGE
    assert api.get("/incidents", cast.desk).json().keys() == PAGE


def test_the_page_components_keep_the_names_clients_generate_types_from(api: Api) -> None:
    schemas = api.get("/openapi.json").json()["components"]["schemas"]
    pages = sorted(name for name in schemas if "Page" in name)
    assert pages == ["CasePage", "DeadLetterPage", "InboxPage", "IncidentPage", "Page_DocumentRead_",
                     "Page_EventRead_", "Page_MessageContractRead_", "Page_ProcedureSummary_", "TaskPage"]
    assert all(set(schemas[name]["properties"]) >= PAGE for name in pages)
    assert set(schemas["InboxPage"]["properties"]) - PAGE == {"cursor"}
    assert set(schemas["CasePage"]["properties"]) - PAGE == {"unreadable", "total_capped"}


def test_paging_walks_every_item_once(api: Api, cast: Cast) -> None:
    cases = [api.start(cast.desk, SCHOOL, applicant=cast.citizen_a.name) for _ in range(3)]
    for path in ("/tasks", "/cases", f"/cases/{cases[0]['id']}/history"):
        whole = api.get(path, cast.desk).json()
        seen, offset = [], 0
        while True:
            page = api.get(path, cast.desk, params={"limit": 2, "offset": offset}).json()
            assert page["total"] == whole["total"] and page["limit"] == 2 and page["offset"] == offset
            seen += page["items"]
            if not page["has_more"]:
                break
            offset += 2
        assert seen == whole["items"] and len(seen) == whole["total"] >= 3, path


def test_the_inbox_is_a_page_with_its_cursor(api: Api, cast: Cast) -> None:
    for applicant in (cast.citizen_a, cast.citizen_b):
        case = api.start(cast.xa_desk, LINKED, applicant=applicant.name)
        api.do(cast.xa_desk, case, "TiepNhan")
        api.do(applicant, case, "XacNhanThongTin", {"dong_y": True})
        api.do(cast.xa_civil, case, "DangKyKhaiSinh", {"so_dang_ky": "KS-0042"})
    first = api.get("/inbox", cast.police, params={"limit": 1}).json()
    assert (first["total"], first["has_more"], len(first["items"])) == (2, True, 1)
    assert first["cursor"] == first["items"][0]["id"]
    rest = api.get("/inbox", cast.police, params={"after": first["cursor"]}).json()
    assert (rest["total"], rest["has_more"], len(rest["items"])) == (1, False, 1)
    assert rest["items"][0]["message"] == first["items"][0]["message"] != REPLY
