"""POST /cases/{id}/withdraw and /stop: the citizen withdraws a dossier (7), an officer stops one (8)."""

from __future__ import annotations

from tests.api.conftest import SCHOOL, Api, Cast


def test_the_citizen_withdraws_their_dossier_and_nothing_waits_any_more(api: Api, cast: Cast) -> None:
    case = api.start(cast.citizen_a, SCHOOL)
    assert api.post(f"/cases/{case['id']}/withdraw", cast.citizen_b, json={}).status_code == 404  # not theirs
    done = api.post(
        f"/cases/{case['id']}/withdraw", cast.citizen_a, json={"ly_do": "Gia đình không chuyển nữa"}
    )
    assert done.status_code == 200, done.text
    body = done.json()
    assert (body["status"], body["status_label"], body["completed"]) == (
        7,
        "Công dân yêu cầu rút hồ sơ",
        True,
    )
    assert body["position"] == [] and body["result"] == "withdrawn"
    assert api.get(f"/tasks?case_id={case['id']}", cast.desk).json()["items"] == []
    again = api.post(f"/cases/{case['id']}/withdraw", cast.citizen_a, json={})
    assert again.status_code == 409 and "already ended" in again.json()["detail"]
    history = [e["kind"] for e in api.get(f"/cases/{case['id']}/history", cast.citizen_a).json()["items"]]
    assert "case_withdrawn" in history


def test_an_officer_stops_a_dossier_only_with_a_written_reason(api: Api, cast: Cast) -> None:
    case = api.start(cast.citizen_a, SCHOOL)
    assert api.post(f"/cases/{case['id']}/stop", cast.citizen_a, json={"ly_do": "x"}).status_code == 403
    blank = api.post(f"/cases/{case['id']}/stop", cast.desk, json={"ly_do": "  "})
    assert blank.status_code == 422 and "[S7][E9]" in blank.json()["detail"]
    assert blank.json()["field"] == "ly_do"
    stopped = api.post(
        f"/cases/{case['id']}/stop", cast.desk, json={"ly_do": "Học sinh đã chuyển đi nơi khác"}
    )
    assert stopped.status_code == 200, stopped.text
    assert (stopped.json()["status"], stopped.json()["summary"]["result_reason"]) == (
        8,
        "Học sinh đã chuyển đi nơi khác",
    )
