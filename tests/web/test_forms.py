"""GET /cases/{id}/forms/{mau}.pdf: each form of Circular 01/2018 is printed once the case issued it, read
back from the PDF with its Vietnamese letters, and scoped like the case itself."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pypdf
import zxingcpp

from tests.api.conftest import SCHOOL, STUDENT, Api, Cast

NAME = "Nguyễn Văn An"  # STUDENT's ho_ten_hoc_sinh: the school transfer's applicant name
PROCEDURE = "Chuyển trường đối với học sinh trung học phổ thông"


def form(api: Api, who: Any, case: dict[str, Any], mau: str) -> Any:
    return api.get(f"/cases/{case['dossier_code']}/forms/{mau}.pdf", who)


def text_of(response: Any) -> str:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf" and response.content.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def received(api: Api, cast: Cast) -> dict[str, Any]:
    case = api.start(cast.desk, SCHOOL, applicant=cast.citizen_a.name, channel="truc-tiep", data=STUDENT)
    api.do(cast.desk, case, "KiemTraHoSo", {"ket_qua_kiem_tra": "day_du"})
    return api.do(cast.desk, case, "TiepNhanHoSo")


def test_the_receipt_mau_01_is_printed_with_its_appointment_and_a_qr_code_of_the_lookup(
        api: Api, cast: Cast) -> None:
    case = received(api, cast)
    text = text_of(form(api, cast.citizen_a, case, "mau-01"))
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text and f"Mã hồ sơ: {case['dossier_code']}" in text
    assert f"Ông/bà: {NAME}" in text and "001203004567" in text and PROCEDURE in text
    assert "Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 03 tháng 3 năm 2025" in text
    assert "Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 12 tháng 3 năm 2025" in text
    assert "7 ngày làm việc" in text and "Học bạ (bản chính)" in text
    lookup = f"http://lienthong.test/tra-cuu?ma_ho_so={case['dossier_code']}"
    reader = pypdf.PdfReader(io.BytesIO(form(api, cast.desk, case, "mau-01").content))
    images = reader.pages[0].images
    assert len(images) == 1
    decoded = [code.text for code in zxingcpp.read_barcodes(images[0].image.convert("L"))]
    assert decoded == [lookup]
    page = api.get(lookup.removeprefix("http://lienthong.test"))
    assert page.status_code == 200 and f'value="{case["dossier_code"]}"' in page.text


def test_a_form_is_printed_only_once_issued_and_only_for_who_may_see_the_case(api: Api, cast: Cast) -> None:
    case = api.start(cast.desk, SCHOOL, applicant=cast.citizen_a.name, channel="truc-tiep")
    early = form(api, cast.desk, case, "mau-01")
    assert early.status_code == 409 and early.headers["content-type"] == "application/problem+json"
    assert "mau-01" in early.json()["detail"] and early.json()["hint"] == "forms issued so far: none"
    api.do(cast.desk, case, "KiemTraHoSo", {"ket_qua_kiem_tra": "day_du"})
    api.do(cast.desk, case, "TiepNhanHoSo")
    assert form(api, cast.desk, case, "mau-01").status_code == 200
    assert form(api, cast.desk, case, "mau-04").json()["hint"] == "forms issued so far: mau-01"
    for stranger in (cast.citizen_b, cast.xa_desk):  # not theirs: the same 404 as an unknown case
        refused = form(api, stranger, case, "mau-01")
        assert refused.status_code == 404 and refused.json()["detail"] == f"no case {case['dossier_code']}"
    assert form(api, None, case, "mau-01").status_code == 401
    unknown = form(api, cast.desk, case, "mau-07")
    assert unknown.status_code == 422 and unknown.json()["field"] == "form"


def test_the_supplement_request_mau_02_says_what_to_supplement(api: Api, cast: Cast) -> None:
    case = api.start(cast.desk, SCHOOL, applicant=cast.citizen_a.name, channel="truc-tiep")
    api.do(cast.desk, case, "KiemTraHoSo", {"ket_qua_kiem_tra": "can_bo_sung"})
    api.do(cast.desk, case, "HuongDanBoSung",
           {"noi_dung_bo_sung": "Bổ sung học bạ bản chính có dấu giáp lai"})
    text = text_of(form(api, cast.citizen_a, case, "mau-02"))
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text and case["dossier_code"] in text
    assert "Bổ sung học bạ bản chính có dấu giáp lai" in text and NAME in text


def test_the_refusal_mau_03_gives_its_written_reason(api: Api, cast: Cast) -> None:
    case = api.start(cast.desk, SCHOOL, applicant=cast.citizen_a.name, channel="truc-tiep")
    api.do(cast.desk, case, "KiemTraHoSo", {"ket_qua_kiem_tra": "tu_choi"})
    api.do(cast.desk, case, "TuChoiTiepNhan",
           {"ly_do": "Học sinh không thuộc diện được chuyển trường giữa năm"})
    text = text_of(form(api, cast.citizen_a, case, "mau-03"))
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text and case["dossier_code"] in text
    assert "Học sinh không thuộc diện được chuyển trường giữa năm" in text and f"Ông/bà: {NAME}" in text


def test_the_apology_mau_04_gives_the_reason_and_the_new_appointment(api: Api, cast: Cast) -> None:
    case = received(api, cast)
    api.engine.clock.advance(timedelta(days=10))  # Thursday 13/03, the 7 working days ran out on 12/03
    api.engine.timers.fire_due()
    api.do(cast.desk, case, "XinLoi",
           {"ly_do_tre_han": "Chờ trường nơi đi gửi học bạ", "ngay_hen_moi": "2025-03-17"})
    text = text_of(form(api, cast.citizen_a, case, "mau-04"))
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text and case["dossier_code"] in text
    assert "Lý do: Chờ trường nơi đi gửi học bạ" in text
    assert "trả kết quả giải quyết hồ sơ cho ông/bà vào ngày 17 tháng 3 năm 2025" in text
    assert "17 giờ 00 phút, ngày 12 tháng 3 năm 2025" in text  # the appointment that was missed


def test_the_control_sheet_mau_05_and_the_register_mau_06_follow_the_case_to_its_end(
        api: Api, cast: Cast) -> None:
    case = received(api, cast)
    api.do(cast.desk, case, "ChuyenPhongChuyenMon")
    control = text_of(form(api, cast.specialist, case, "mau-05"))
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in control and case["dossier_code"] in control
    assert "Tiếp nhận, cấp Giấy tiếp nhận và hẹn trả kết quả (Mẫu 01) Bộ phận Một cửa 09 giờ 00 phút, " \
           "03/03/2025 Đúng hạn" in control
    api.do(cast.specialist, case, "ThamDinh", {"ket_qua_tham_dinh": "dat"})
    api.do(cast.director, case, "PheDuyet", {"quyet_dinh": "dong_y"})
    done = api.do(cast.desk, case, "TraKetQua")
    assert done["status"] == 10
    register = text_of(form(api, cast.citizen_a, case, "mau-06"))
    assert "SỔ THEO DÕI HỒ SƠ" in register and NAME in register and "Đã giải quyết" in register
    assert "03/03/2025 12/03/2025" in register  # received, due


def test_a_printed_form_is_kept_among_the_case_documents_and_printing_it_again_adds_nothing(
        api: Api, cast: Cast) -> None:
    case = received(api, cast)
    code = case["dossier_code"]
    early = api.post(f"/cases/{code}/forms/mau-02/document", cast.desk)
    assert early.status_code == 409 and early.json()["hint"] == "forms issued so far: mau-01"
    kept = api.post(f"/cases/{code}/forms/mau-01/document", cast.desk)
    assert kept.status_code == 201, kept.text
    document = kept.json()
    assert (document["filename"], document["media_type"]) == (f"{code}-mau-01.pdf", "application/pdf")
    assert document["uploaded_by"] == cast.desk.name
    again = api.post(f"/cases/{code}/forms/mau-01/document", cast.desk)
    assert again.status_code == 201 and again.json()["id"] == document["id"]
    stored = api.get(kept.headers["location"], cast.desk)
    assert stored.content == form(api, cast.desk, case, "mau-01").content
    listed = api.get(f"/cases/{code}/documents", cast.desk).json()["items"]
    assert [d["id"] for d in listed] == [document["id"]]
    refused = api.post(f"/cases/{code}/forms/mau-01/document", cast.citizen_b)
    assert refused.status_code == 404  # not theirs: nothing printed, nothing kept
