"""/messages: the police's system answers a linked case, correlated on the dossier code."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import LINKED, Api, Cast

REPLY = "Kết quả đăng ký thường trú"


def waiting_for_police(api: Api, cast: Cast) -> dict[str, Any]:
    case = api.start(cast.xa_desk, LINKED, applicant=cast.citizen_b.name)
    api.do(cast.xa_desk, case, "TiepNhan")
    api.do(cast.citizen_b, case, "XacNhanThongTin", {"dong_y": True})
    case = api.do(cast.xa_civil, case, "DangKyKhaiSinh", {"so_dang_ky": "KS-0042"})
    assert [p["element_id"] for p in case["position"]] == ["NhanKetQuaCongAn"]
    return case


def test_police_reply_moves_the_case_on(api: Api, cast: Cast) -> None:
    case = waiting_for_police(api, cast)
    history = api.get(f"/cases/{case['id']}/history", cast.xa_desk).json()["items"]
    sent = [e for e in history if e["kind"] == "message_sent"]
    assert sent and sent[0]["to_state"] == "cong-an"
    response = api.post("/messages", cast.police, json={"name": REPLY, "dossier_code": case["dossier_code"],
                                                        "payload": {"so_dinh_danh": "001225009876"}})
    assert response.status_code == 200, response.text
    assert response.json() == {"case_id": case["id"], "dossier_code": case["dossier_code"], "status": 4,
                               "status_label": "Đang xử lý", "accepted": True, "incident": None}
    after = api.get(f"/cases/{case['id']}", cast.xa_desk, params={"with_data": "true"}).json()
    assert [p["element_id"] for p in after["position"]] == ["TraKetQua"]
    assert after["data"]["so_dinh_danh"] == "001225009876"
    again = api.post("/messages", cast.police, json={"name": REPLY, "dossier_code": case["dossier_code"]})
    assert again.status_code == 404  # nobody waits for it any more


def test_only_the_sending_agency_may_reply_and_nothing_leaks(api: Api, cast: Cast) -> None:
    case = waiting_for_police(api, cast)
    body = {"name": REPLY, "dossier_code": case["dossier_code"], "payload": {}}
    assert api.post("/messages", cast.citizen_b, json=body).status_code == 403
    bhxh = api.agency_system("bhxh")
    impostor = api.post("/messages", bhxh, json=body)
    unknown = api.post("/messages", bhxh, json={**body, "dossier_code": "LT-000000-0000"})
    assert impostor.status_code == unknown.status_code == 404
    assert api.post("/messages", cast.xa_desk, json=body).status_code == 404  # the commune does not send it
    assert [p["element_id"] for p in api.get(f"/cases/{case['id']}", cast.xa_desk).json()["position"]] == [
        "NhanKetQuaCongAn"]


def test_message_body_is_checked(api: Api, cast: Cast) -> None:
    for body in ({}, {"name": "", "dossier_code": "X"}, {"name": REPLY, "dossier_code": "X", "payload": []},
                 {"name": REPLY, "dossier_code": "X", "extra": 1}):
        response = api.post("/messages", cast.police, json=body)
        assert response.status_code == 422, body
        assert response.json()["errors"]
