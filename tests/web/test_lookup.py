"""/tra-cuu and POST /lookup: a citizen finds a dossier by its code and the applicant's id number; a wrong id
number gets the very answer an unknown code gets; each client address has ten tries a minute."""

from __future__ import annotations

import re

import httpx

from tests.api.conftest import SCHOOL, Api, Cast

MESSAGE = "Không tìm thấy hồ sơ với mã hồ sơ và số định danh đã nhập"


def lookup(api: Api, code: str, id_number: str) -> httpx.Response:
    return api.post("/tra-cuu", data={"ma_ho_so": code, "so_dinh_danh": id_number})


def without_code(html: str) -> str:
    return re.sub(r'value="[^"]*"', 'value=""', html)


def test_the_lookup_shows_status_appointment_and_steps_and_nothing_leaks(api: Api, cast: Cast) -> None:
    case = api.start(cast.desk, SCHOOL, applicant=cast.citizen_a.name, channel="truc-tiep")
    api.do(cast.desk, case, "KiemTraHoSo", {"ket_qua_kiem_tra": "day_du"})
    api.do(cast.desk, case, "TiepNhanHoSo")
    found = lookup(api, case["dossier_code"], cast.citizen_a.name)
    assert found.status_code == 200 and found.headers["content-type"].startswith("text/html")
    assert "Được tiếp nhận" in found.text and "17 giờ 00 phút, ngày 12 tháng 3 năm 2025" in found.text
    assert "Cấp Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in found.text and "Nguyễn Văn An" not in found.text
    wrong_id = lookup(api, case["dossier_code"], "079088001234")
    unknown = lookup(api, "LT-000000-NOTHING0", "079088001234")
    by_case_id = lookup(api, case["id"], cast.citizen_a.name)  # the internal id is not a dossier code
    assert wrong_id.status_code == unknown.status_code == by_case_id.status_code == 404
    assert MESSAGE in wrong_id.text
    assert without_code(wrong_id.text) == without_code(unknown.text) == without_code(by_case_id.text)
    twin = api.post("/lookup", json={"dossier_code": case["dossier_code"], "id_number": cast.citizen_a.name})
    assert twin.status_code == 200
    body = twin.json()
    assert body["status"] == 2 and body["status_label"] == "Được tiếp nhận"
    assert body["appointment"] == "2025-03-12T17:00:00+07:00" and body["steps"][0]["text"] == "Nộp hồ sơ"
    missing = api.post("/lookup", json={"dossier_code": case["dossier_code"], "id_number": "079088001234"})
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"


def test_the_lookup_page_loads_only_its_own_stylesheet(api: Api) -> None:
    page = api.get("/tra-cuu")
    assert page.status_code == 200 and '<html lang="vi">' in page.text
    urls = re.findall(r"""(?:src|href)=["']([^"']+)["']""", page.text)
    assert [u for u in urls if not u.startswith("data:")] == ["/tra-cuu/tra-cuu.css"]
    css = api.get("/tra-cuu/tra-cuu.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert "http" not in css.text
    assert api.get("/tra-cuu/other.css").status_code == 404
    assert 'for="ma_ho_so"' in page.text and 'for="so_dinh_danh"' in page.text  # every input labelled


def test_the_eleventh_lookup_in_a_minute_is_refused_with_429(api: Api) -> None:
    answers = [lookup(api, f"LT-000000-GUESS{n:03d}", "001203004567") for n in range(10)]
    assert {a.status_code for a in answers} == {404}
    refused = lookup(api, "LT-000000-GUESS999", "001203004567")
    assert refused.status_code == 429 and "quá nhiều lần" in refused.text
    twin = api.post("/lookup", json={"dossier_code": "LT-1", "id_number": "001203004567"})
    assert twin.status_code == 429 and twin.headers["content-type"] == "application/problem+json"
    assert int(twin.headers["retry-after"]) >= 1
