"""Linked outcomes over HTTP: in the birth group the police refuse residence with a reason while the birth
stays registered and the card is issued; the case view, the returned result (Mẫu 06) and the notice the
portal receives say which part was refused and why (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from engine.agencies.fakes import FAKES
from engine.agencies.outbox import OutboxDelivery
from engine.bpmn.catalog import Catalog
from lienthong.compose.demo import sample
from tests.api.conftest import Api, Who, _serve, build_app
from tests.conftest import PROCESSES

BIRTH = "khai-sinh-thuong-tru-bhyt"
MOTHER = "001195004321"
REASON = "Chỗ ở của cha mẹ không phải chỗ ở hợp pháp"
START = {"ho_ten_tre": "Nguyễn Minh An", "ngay_sinh_tre": "2025-02-20", "gioi_tinh": "nam",
         "ho_ten_me": "Trần Thị Mai", "so_dinh_danh_me": MOTHER, "quan_he_nguoi_yeu_cau": "me"}


@pytest.fixture(scope="module")
def full_catalog() -> Catalog:
    """The real catalogue (the birth group and the shared reception)."""
    return Catalog(PROCESSES)


@pytest.fixture
def api(full_catalog: Catalog, database_url: str, tmp_path: Path) -> Iterator[Api]:
    """The app over the real catalogue on each database, the national registers answered by the fakes."""
    app = build_app(database_url, full_catalog, PROCESSES, tmp_path)
    for operation, answer in FAKES.items():
        app.state.services.engine.connectors.register(operation, answer)
    yield from _serve(app)


class Portal:
    """The national portal as the outbox worker reaches it: it keeps every payload it is sent."""

    def __init__(self) -> None:
        self.received: list[Mapping[str, Any]] = []

    def send(self, payload: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        self.received.append(payload)
        return {"ok": True}


def complete(api: Api, who: Who, case: dict[str, Any], element_id: str, **decided: Any) -> dict[str, Any]:
    """Complete a task with the data its advertised form asks for, and these decisions."""
    task = api.task(who, case, element_id)
    form = api.get(f"/tasks/{task['id']}/form", who).json()["schema"] or {}
    answer = api.post(f"/tasks/{task['id']}/complete", who, json={"data": {**sample(form), **decided}})
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


def outcomes_of(case: dict[str, Any]) -> dict[str, tuple[str | None, str | None]]:
    return {o["part"]: (o["result"], o["reason"]) for o in case["outcomes"]}


def send(api: Api, system: Who, case: dict[str, Any], name: str, payload: dict[str, Any]) -> Any:
    return api.post("/messages", system, json={"name": name, "dossier_code": case["dossier_code"],
                                               "payload": payload})


def test_police_refuse_residence_the_birth_stays_registered_and_the_citizen_is_told(api: Api) -> None:
    citizen = api.citizen(MOTHER)
    desk = api.officer("motcua.xa", "ubnd-xa", "mot-cua")
    civil = api.officer("hotich.xa", "ubnd-xa", "chuyen-vien")
    chairman = api.officer("chutich.xa", "ubnd-xa", "lanh-dao")
    police, bhxh = api.agency_system("cong-an"), api.agency_system("bhxh")
    case = api.start(citizen, BIRTH, variant="to-be", data=START)
    assert [o["part"] for o in case["outcomes"]] == ["khai-sinh", "thuong-tru", "the-bhyt"]
    assert all(o["result"] is None and o["code"] is None for o in case["outcomes"])

    complete(api, desk, case, "TN_KiemTraHoSo", ket_qua_kiem_tra="day_du")
    complete(api, desk, case, "TN_TiepNhanHoSo")
    complete(api, civil, case, "ThamDinh", ket_qua_tham_dinh="dat")
    case = complete(api, chairman, case, "PheDuyet", quyet_dinh="dong_y")
    assert outcomes_of(case) == {"khai-sinh": ("registered", None), "thuong-tru": (None, None),
                                 "the-bhyt": (None, None)}
    birth = case["outcomes"][0]
    assert (birth["name_vi"], birth["agency"]) == ("Đăng ký khai sinh", "ubnd-xa") and birth["decided_at"]

    # A refusal without its reason is the sender's 422; the case and its outcomes are untouched.
    bare = send(api, police, case, "Kết quả đăng ký thường trú", {"ket_qua_cu_tru": "tu_choi"})
    assert bare.status_code == 422, bare.text
    assert outcomes_of(api.get(f"/cases/{case['id']}", desk).json())["thuong-tru"] == (None, None)
    refused = send(api, police, case, "Kết quả đăng ký thường trú",
                   {"ket_qua_cu_tru": "tu_choi", "ly_do": REASON})
    assert refused.status_code == 200 and refused.json()["accepted"], refused.text
    # BHXH's reply carries its own note; the police's reason stays the police's.
    issued = send(api, bhxh, case, "Kết quả cấp thẻ BHYT",
                  {"ket_qua_bhyt": "da_cap", "ma_so_bhxh": "3125012345", "ghi_chu": "Đã cấp thẻ điện tử"})
    assert issued.status_code == 200, issued.text

    seen = api.get(f"/cases/{case['id']}", citizen).json()
    assert (seen["status"], seen["completed"], seen["result"]) == (10, True, "approved")
    assert outcomes_of(seen) == {"khai-sinh": ("registered", None), "thuong-tru": ("refused", REASON),
                                 "the-bhyt": ("registered", None)}
    police_part = seen["outcomes"][1]
    assert (police_part["name_vi"], police_part["agency"], police_part["agency_name"]) == (
        "Đăng ký thường trú", "cong-an", "Cơ quan đăng ký cư trú (Công an)")
    assert police_part["decided_at"].endswith("+07:00")

    history = api.get(f"/cases/{case['id']}/history", citizen).json()["items"]
    decided = [(e["element_id"], e["to_state"], e["data"]["part"]) for e in history if e["kind"] == "outcome"]
    assert decided == [("DangKyKhaiSinh", "registered", "khai-sinh"),
                       ("NhanKetQuaCongAn", "refused", "thuong-tru"),
                       ("NhanKetQuaBHXH", "registered", "the-bhyt")]
    [returned] = [e for e in history if e["kind"] == "document_issued" and e["to_state"] == "mau-06"]
    notice = returned["data"]["thong_bao_ket_qua"]
    assert f"Đăng ký thường trú (Cơ quan đăng ký cư trú (Công an)): bị từ chối — lý do: {REASON}." in notice
    commune = "Ủy ban nhân dân cấp xã (công chức Tư pháp - Hộ tịch)"
    assert f"Đăng ký khai sinh ({commune}): đã giải quyết." in notice
    assert "Cấp thẻ bảo hiểm y tế (Cơ quan Bảo hiểm xã hội): đã giải quyết." in notice

    portal = Portal()
    OutboxDelivery(api.engine.store, portal, clock=api.engine.clock).deliver_once()
    [result] = [p for p in portal.received if p.get("status") == 10]
    assert result["dossier_code"] == case["dossier_code"] and result["result"] == "approved"
    assert result["thong_bao_ket_qua"] == notice
    assert [(o["part"], o["result_vi"], o["reason"]) for o in result["outcomes"]] == [
        ("khai-sinh", "đã giải quyết", None), ("thuong-tru", "bị từ chối", REASON),
        ("the-bhyt", "đã giải quyết", None)]
    # Earlier statuses say nothing of outcomes: only the result notice does.
    assert all("outcomes" not in p for p in portal.received if p.get("status") != 10)
