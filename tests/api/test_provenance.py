"""Data keeps its origin: two agencies' notes (`ghi_chu`) are both kept, each under the step that gave it,
and both are visible in the case view and its history (SQLite and PostgreSQL, over HTTP)."""

from __future__ import annotations

import pytest

from tests.api.conftest import LINKED, Api, Cast
from tests.api.test_messages import REPLY

DESK_NOTE = "Hồ sơ nộp trực tiếp, đủ giấy tờ"
POLICE_NOTE = "Đã đăng ký thường trú tại địa chỉ của mẹ"


@pytest.fixture
def api(db_api: Api) -> Api:
    """These tests run on SQLite and on PostgreSQL."""
    return db_api


@pytest.fixture
def cast(api: Api) -> Cast:
    """The cast on this module's app."""
    return Cast(api)


def test_two_agencies_notes_are_both_kept_under_their_steps(api: Api, cast: Cast) -> None:
    case = api.start(cast.xa_desk, LINKED, applicant=cast.citizen_b.name)
    api.do(cast.xa_desk, case, "TiepNhan", {"ghi_chu": DESK_NOTE})
    api.do(cast.citizen_b, case, "XacNhanThongTin", {"dong_y": True})
    api.do(cast.xa_civil, case, "DangKyKhaiSinh", {"so_dang_ky": "KS-0042"})
    payload = {"ket_qua_cu_tru": "da_dang_ky", "so_dinh_danh": "001225009876", "ghi_chu": POLICE_NOTE}
    sent = api.post("/messages", cast.police, json={"name": REPLY, "dossier_code": case["dossier_code"],
                                                    "payload": payload})
    assert sent.status_code == 200, sent.text

    data = api.get(f"/cases/{case['id']}", cast.xa_desk, params={"with_data": "true"}).json()["data"]
    steps = data["steps"]
    assert steps["TiepNhan"]["data"] == {"ghi_chu": DESK_NOTE}
    assert (steps["TiepNhan"]["by"], steps["TiepNhan"]["agency"]) == (cast.xa_desk.name, "ubnd-xa")
    police = steps["NhanKetQuaCongAn"]
    assert police["data"] == payload and police["message"] == REPLY and police["agency"] == "cong-an"
    assert steps["start"]["data"]["ho_ten_tre"] == "Trần Thị Bình" and steps["start"]["kind"] == "start"
    # The working data the gateways read holds the latest note; the record holds both.
    assert data["ghi_chu"] == POLICE_NOTE

    history = api.get(f"/cases/{case['id']}/history", cast.xa_desk).json()["items"]
    form = next(e for e in history if e["kind"] == "element_completed" and e["element_id"] == "TiepNhan")
    received = next(e for e in history if e["kind"] == "message_received")
    assert form["data"]["form"]["ghi_chu"] == DESK_NOTE
    assert received["data"]["payload"]["ghi_chu"] == POLICE_NOTE and received["data"]["from"] == "cong-an"


def test_the_record_of_steps_cannot_be_forged(api: Api, cast: Cast) -> None:
    case = api.start(cast.xa_desk, LINKED, applicant=cast.citizen_b.name)
    task = api.task(cast.xa_desk, case, "TiepNhan")
    forged = {"steps": {"TiepNhan": {"data": {"ghi_chu": "giả mạo"}}}}
    answer = api.post(f"/tasks/{task['id']}/complete", cast.xa_desk, json={"data": forged})
    assert answer.status_code == 422 and answer.json()["field"] == "steps", answer.text
    data = api.get(f"/cases/{case['id']}", cast.xa_desk, params={"with_data": "true"}).json()["data"]
    assert set(data["steps"]) == {"start"}
