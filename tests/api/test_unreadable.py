"""A case whose stored row or state is corrupt answers problem+json `case-unreadable` (409) with its id, for
that case only; no list breaks on it: the page of cases leaves it out and names it, the work list, the inbox
and the incidents still answer (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from engine.store import tables as t
from tests.api.conftest import LINKED, Api, Cast


@pytest.fixture
def api(db_api: Api) -> Api:
    """These tests run on SQLite and on PostgreSQL."""
    return db_api


@pytest.fixture
def cast(api: Api) -> Cast:
    """The cast on this module's app."""
    return Cast(api)


def corrupt(api: Api, case_id: str, **columns: str | int) -> None:
    """Damage a case's row behind the engine's back (as a bad restore or a manual edit would)."""
    with api.engine.store.transaction() as tx:
        tx.c.execute(update(t.cases).where(t.cases.c.id == case_id).values(**columns))
    api.engine.core.files.live.clear()  # the engine must read the damaged row, not its cached workflow


def assert_unreadable(response: object, case_id: str) -> None:
    body = response.json()  # type: ignore[attr-defined]
    assert response.status_code == 409, body  # type: ignore[attr-defined]
    assert body["type"] == "urn:lienthong:problem:case-unreadable" and body["case_id"] == case_id


def test_a_corrupt_summary_spoils_only_its_own_case(api: Api, cast: Cast) -> None:
    good, bad, other = (api.start(cast.desk, applicant=cast.citizen_a.name) for _ in range(3))
    corrupt(api, bad["id"], summary="{không phải JSON")
    assert_unreadable(api.get(f"/cases/{bad['id']}", cast.desk), bad["id"])
    assert_unreadable(api.get(f"/cases/{bad['dossier_code']}/history", cast.desk), bad["id"])
    page = api.get("/cases", cast.desk).json()
    assert {c["id"] for c in page["items"]} == {good["id"], other["id"]}
    assert page["unreadable"] == [bad["id"]] and page["total"] == 3
    assert api.get(f"/cases/{good['id']}", cast.desk).status_code == 200


def test_a_corrupt_state_refuses_data_and_steps_of_that_case_only(api: Api, cast: Cast) -> None:
    good, bad = (api.start(cast.desk, applicant=cast.citizen_a.name) for _ in range(2))
    task = api.task(cast.desk, bad, "KiemTraHoSo")
    corrupt(api, bad["id"], state='{"spec": "bị hỏng"')
    assert api.get(f"/cases/{bad['id']}", cast.desk).status_code == 200  # what the row says is still readable
    assert_unreadable(api.get(f"/cases/{bad['id']}", cast.desk, params={"with_data": "true"}), bad["id"])
    done = api.post(f"/tasks/{task['id']}/complete", cast.desk, json={"data": {"ket_qua_kiem_tra": "day_du"}})
    assert_unreadable(done, bad["id"])
    assert api.do(cast.desk, good, "KiemTraHoSo", {"ket_qua_kiem_tra": "day_du"})["id"] == good["id"]


def test_a_status_outside_1_to_10_is_unreadable_and_left_out_of_its_page(api: Api, cast: Cast) -> None:
    good, bad = (api.start(cast.desk, applicant=cast.citizen_a.name) for _ in range(2))
    corrupt(api, bad["id"], status=99)
    assert_unreadable(api.get(f"/cases/{bad['id']}", cast.desk), bad["id"])
    page = api.get("/cases", cast.desk).json()
    assert [c["id"] for c in page["items"]] == [good["id"]] and page["unreadable"] == [bad["id"]]


def test_no_list_breaks_on_a_corrupt_case(api: Api, cast: Cast) -> None:
    good, bad = (api.start(cast.xa_desk, LINKED, applicant=cast.citizen_b.name) for _ in range(2))
    for case in (good, bad):
        api.do(cast.xa_desk, case, "TiepNhan")
        api.do(cast.citizen_b, case, "XacNhanThongTin", {"dong_y": True})
        api.do(cast.xa_civil, case, "DangKyKhaiSinh", {"so_dang_ky": "KS-0042"})
    corrupt(api, bad["id"], summary="{không phải JSON", state='{"spec": "bị hỏng"')
    cases = api.get("/cases", cast.xa_desk).json()
    assert [c["id"] for c in cases["items"]] == [good["id"]] and cases["unreadable"] == [bad["id"]]
    inbox = api.get("/inbox", cast.police)
    assert inbox.status_code == 200
    assert {i["case_id"] for i in inbox.json()["items"]} == {good["id"], bad["id"]}
    for path in ("/tasks", "/incidents"):
        assert api.get(path, cast.xa_desk).status_code == 200, path
    assert_unreadable(api.get(f"/cases/{bad['id']}/history", cast.xa_desk), bad["id"])


def test_the_work_list_still_lists_a_corrupt_cases_tasks(api: Api, cast: Cast) -> None:
    good, bad = (api.start(cast.desk, applicant=cast.citizen_a.name) for _ in range(2))
    corrupt(api, bad["id"], summary="{không phải JSON", state='{"spec": "bị hỏng"', status=99)
    tasks = api.get("/tasks", cast.desk).json()
    assert {t["case_id"] for t in tasks["items"]} == {good["id"], bad["id"]} and tasks["total"] == 2
    task = next(t for t in tasks["items"] if t["case_id"] == bad["id"])
    assert (task["case_status"], task["case_status_label"]) == (99, None)  # what the damaged row says
    assert_unreadable(api.get(f"/tasks/{task['id']}/form", cast.desk), bad["id"])
