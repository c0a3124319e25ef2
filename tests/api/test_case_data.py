"""`GET /cases/{id}?with_data=true` answers the case's data at every wait, in particular while it waits for
its second agency (it answered `"data": {}` there); SQLite and PostgreSQL, over HTTP."""

from __future__ import annotations

import pytest

from api import examples as ex
from tests.api.conftest import LINKED, Api, Cast
from tests.api.test_contracts import DECIDED, RELEASED, send, waiting_for_schools


@pytest.fixture
def api(db_api: Api) -> Api:
    """These tests run on SQLite and on PostgreSQL."""
    return db_api


@pytest.fixture
def cast(api: Api) -> Cast:
    """The cast on this module's app."""
    return Cast(api)


def data_of(api: Api, cast: Cast, case_id: str) -> dict[str, object]:
    answer = api.get(f"/cases/{case_id}", cast.desk, params={"with_data": "true"})
    assert answer.status_code == 200, answer.text
    data: dict[str, object] = answer.json()["data"]
    return data


def test_the_data_is_there_while_the_case_waits_for_its_second_agency(api: Api, cast: Cast) -> None:
    case = waiting_for_schools(api, cast)
    waiting = data_of(api, cast, case["id"])
    assert waiting["ho_ten_hoc_sinh"] == "Nguyễn Văn An" and waiting["ket_qua_tham_dinh"] == "dat"
    receiving = api.agency_system("truong-thpt-den")
    assert send(api, receiving, case, DECIDED, ex.MESSAGE_DECISION).status_code == 200
    viewed = api.get(f"/cases/{case['id']}", cast.desk).json()
    assert [a["message"] for a in viewed["awaiting"]] == [RELEASED]  # now only the second school is awaited
    second = data_of(api, cast, case["id"])
    assert second["ho_ten_hoc_sinh"] == "Nguyễn Văn An" and "quyet_dinh_truong_den" in second
    steps = second["steps"]
    assert isinstance(steps, dict) and {"start", "KiemTraDieuKien"} <= set(steps)
    assert steps["NhanQuyetDinhTruongDen"]["data"] == ex.MESSAGE_DECISION


def test_the_data_is_there_while_a_linked_case_waits_for_the_police(api: Api, cast: Cast) -> None:
    case = api.start(cast.xa_desk, LINKED, applicant=cast.citizen_b.name)
    api.do(cast.xa_desk, case, "TiepNhan", {"ghi_chu": "Đủ giấy tờ"})
    api.do(cast.citizen_b, case, "XacNhanThongTin", {"dong_y": True})
    case = api.do(cast.xa_civil, case, "DangKyKhaiSinh", {"so_dang_ky": "KS-0042"})
    assert case["awaiting"] and case["position"][0]["task_id"] is None  # it waits for the police only
    data = api.get(f"/cases/{case['id']}", cast.xa_desk, params={"with_data": "true"}).json()["data"]
    assert data["ho_ten_tre"] == "Trần Thị Bình" and data["so_dang_ky"] == "KS-0042"
    assert {"start", "TiepNhan", "XacNhanThongTin", "DangKyKhaiSinh"} <= set(data["steps"])
