"""GET /inbox: the messages linked cases sent to the caller's agency; the recipient sees those cases."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import LINKED, Api, Cast
from tests.api.test_messages import waiting_for_police


@pytest.fixture
def api(db_api: Api) -> Api:
    """These tests run on SQLite and on PostgreSQL."""
    return db_api


@pytest.fixture
def cast(api: Api) -> Cast:
    """The cast on this module's app."""
    return Cast(api)


def feed(api: Api, who: Any, **params: Any) -> dict[str, Any]:
    response = api.get("/inbox", who, params=params)
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


def test_the_police_read_what_the_commune_sent_them_page_by_page(api: Api, cast: Cast) -> None:
    first, second = waiting_for_police(api, cast), waiting_for_police(api, cast)
    page = feed(api, cast.police, limit=1)
    assert [i["dossier_code"] for i in page["items"]] == [first["dossier_code"]]
    assert page["has_more"] and page["items"][0]["message"] == "Hồ sơ đăng ký thường trú"
    assert page["items"][0]["sender"] == "ubnd-xa" and page["items"][0]["procedure"] == LINKED
    rest = feed(api, cast.police, after=page["cursor"])
    assert [i["dossier_code"] for i in rest["items"]] == [second["dossier_code"]] and not rest["has_more"]
    assert feed(api, cast.police, after=rest["cursor"])["items"] == []
    # Scoped: other agencies' feeds do not hold the police's messages; citizens have none.
    assert feed(api, api.agency_system("bhxh"))["items"] == []
    assert feed(api, cast.xa_desk)["items"] == []
    assert api.get("/inbox", cast.citizen_b).status_code == 403


def test_the_recipient_sees_the_case_and_its_history_read_only(api: Api, cast: Cast) -> None:
    case = waiting_for_police(api, cast)
    seen = api.get(f"/cases/{case['id']}", cast.police)
    assert seen.status_code == 200 and seen.json()["awaiting"][0]["sender"] == "cong-an"
    assert api.get(f"/cases/{case['id']}/history", cast.police).status_code == 200
    listed = api.get("/cases", cast.police).json()
    assert [c["id"] for c in listed["items"]] == [case["id"]] and listed["total"] == 1
    assert api.get("/tasks", cast.police).json()["items"] == []  # read-only: no task of theirs
    assert api.get(f"/cases/{case['id']}", api.agency_system("bhxh")).status_code == 404


def test_the_feed_of_one_case_holds_that_case_s_messages_only(api: Api, cast: Cast) -> None:
    first, second = waiting_for_police(api, cast), waiting_for_police(api, cast)
    page = feed(api, cast.police, case_id=second["dossier_code"])
    assert [i["dossier_code"] for i in page["items"]] == [second["dossier_code"]] and page["total"] == 1
    assert feed(api, cast.police, case_id=first["id"])["items"][0]["case_id"] == first["id"]
    # A case the caller may not see is a 404, as everywhere: the feed tells nothing of it.
    assert api.get("/inbox", api.agency_system("bhxh"), params={"case_id": first["id"]}).status_code == 404
