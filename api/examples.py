"""Example payloads for the OpenAPI document: one school-transfer dossier (chuyển trường THPT)."""

from __future__ import annotations

from typing import Any

CASE_ID = "3f2a9c0d5b7e4e1f9a8b6c4d2e0f1a3b"
DOSSIER = "LT-250303-3F2A9C0D"
TASK_ID = "6b1e2f4a-9c3d-4e5f-8a7b-0c1d2e3f4a5b"


def page(items: list[Any], limit: int, **extra: Any) -> dict[str, Any]:
    """A list's answer (api/schemas/pages.py) holding these items only."""
    return {"items": items, "total": len(items), "limit": limit, "offset": 0, "has_more": False, **extra}


STUDENT = {
    "ho_ten_hoc_sinh": "Nguyễn Văn An",
    "ngay_sinh": "2008-05-14",
    "lop": 11,
    "truong_di": "THPT Lê Quý Đôn",
    "truong_den": "THPT Trần Phú",
    "pham_vi": "trong_tinh",
    "ly_do_chuyen": "Gia đình chuyển nơi cư trú về quận Hồng Bàng",
}

LEGAL_CLOCK = {
    "started_at": "2025-03-03T09:20:00+07:00", "due_at": "2025-03-12T17:00:00+07:00", "days_allowed": 7,
    "days_used": 1, "paused": False, "paused_days": 0, "overdue": False,
}

CASE = {
    "id": CASE_ID, "dossier_code": DOSSIER, "procedure": "chuyen-truong-thpt", "procedure_code": "1.005096",
    "variant": "as-is",
    "version_id": 1, "status": 4, "status_label": "Đang xử lý", "applicant": "001203004567",
    "channel": "truc-tiep",
    "created_at": "2025-03-03T09:00:00+07:00", "updated_at": "2025-03-04T10:15:00+07:00", "completed": False,
    "result": None, "legal_clock": LEGAL_CLOCK, "finished_at": None, "returned_at": None,
    "position": [{"element_id": "ThamDinh", "name": "Thẩm định hồ sơ", "kind": "userTask",
                  "lane": "Phòng Giáo dục Trung học", "agency": "so-gddt",
                  "task_id": "6b1f0c2e-5d8a-4c1e-9f3b-2a7d4e8c9b10"}],
    "summary": {"trips": 1, "papers": ["don_xin_chuyen_truong", "hoc_ba"]}, "version": 4, "data": None,
    "awaiting": [], "incidents": [],
    "outcomes": [],  # one procedure, no parts; a linked group's: CaseRead.outcomes' example
}

WITHDRAW: dict[str, Any] = {
    "rut-ho-so": {"summary": "Công dân rút hồ sơ",
                  "value": {"ly_do": "Gia đình không chuyển nơi cư trú nữa"}},
}
STOP: dict[str, Any] = {
    "dung-xu-ly": {"summary": "Dừng xử lý, nêu rõ lý do",
                   "value": {"ly_do": "Cơ quan điều tra yêu cầu tạm dừng để xác minh"}},
}
CASE_CREATE: dict[str, Any] = {
    "tai-quay": {
        "summary": "Bộ phận Một cửa nhận hồ sơ giấy tại quầy",
        "value": {"procedure": "chuyen-truong-thpt", "variant": "as-is", "applicant": "001203004567",
                  "channel": "truc-tiep", "data": STUDENT},
    },
    "truc-tuyen": {
        "summary": "Phụ huynh tự nộp trực tuyến (người nộp là chính mình)",
        "value": {"procedure": "1.005096", "channel": "online", "data": STUDENT},
    },
}

TASK = {
    "id": TASK_ID, "case_id": CASE_ID, "dossier_code": DOSSIER, "element_id": "KiemTraHoSo",
    "name": "Kiểm tra tính đầy đủ, hợp lệ của hồ sơ", "lane": "Bộ phận Một cửa", "agency": "so-gddt",
    "role": "mot-cua", "state": "ready", "created_at": "2025-03-03T09:00:00+07:00", "claimed_by": None,
    "form_key": "KiemTraHoSo", "due_at": "2025-03-12T17:00:00+07:00", "overdue": False, "case_status": 1,
    "case_status_label": "Mới đăng ký",
}

TASK_CLAIMED = {**TASK, "state": "claimed", "claimed_by": "canbo.motcua"}

TASK_COMPLETE: dict[str, Any] = {
    "day-du": {
        "summary": "Hồ sơ đầy đủ, hợp lệ",
        "value": {"data": {"ket_qua_kiem_tra": "day_du"}, "expected_version": 1},
    },
    "tu-choi": {
        "summary": "Từ chối tiếp nhận, nêu rõ lý do (Mẫu 03)",
        "value": {"data": {"ket_qua_kiem_tra": "tu_choi",
                           "ly_do": "Học sinh không thuộc diện được chuyển trường theo quy định"}},
    },
}

FORM = {
    "task": TASK,
    "schema": {
        "$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Kiểm tra hồ sơ",
        "type": "object",
        "properties": {"ket_qua_kiem_tra": {"type": "string", "title": "Kết quả kiểm tra",
                                            "enum": ["day_du", "can_bo_sung", "tu_choi"],
                                            "x-enum-labels": {"day_du": "Đầy đủ",
                                                              "can_bo_sung": "Cần bổ sung",
                                                              "tu_choi": "Từ chối"}},
                       "ly_do": {"type": "string", "title": "Lý do từ chối"}},
        "required": ["ket_qua_kiem_tra"],
    },
    "data": {**STUDENT, "ma_ho_so": DOSSIER, "kenh": "truc-tiep", "nguoi_nop": "001203004567"},
}

EVENTS = [
    {"id": 1, "at": "2025-03-03T09:00:00+07:00", "actor": "canbo.motcua", "kind": "case_started",
     "element_id": None, "from_state": None, "to_state": "1", "data": {"variant": "as-is", "version": 1}},
    {"id": 2, "at": "2025-03-03T09:12:00+07:00", "actor": "canbo.motcua", "kind": "element_completed",
     "element_id": "KiemTraHoSo", "from_state": None, "to_state": None,
     "data": {"ket_qua_kiem_tra": "day_du"}},
    {"id": 3, "at": "2025-03-03T09:20:00+07:00", "actor": "canbo.motcua", "kind": "status_changed",
     "element_id": "TiepNhanHoSo", "from_state": "1", "to_state": "2", "data": {"label": "Được tiếp nhận"}},
]

VERSION = {
    "id": 3, "procedure": "chuyen-truong-thpt", "variant": "to-be", "number": 2,
    "bundle_hash": "9d1c0b4e7f3a2d6c8b5e4f1a0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d", "status": "pending",
    "created_by": "chuyenvien.caicach", "created_at": "2025-03-05T14:00:00+07:00", "activated_by": None,
    "activated_at": None, "note": "Bỏ học bạ giấy; tra cứu cư trú từ CSDL quốc gia về dân cư",
}

VERSION_ACTIVE = {**VERSION, "status": "active", "activated_by": "truongphong.phaply",
                  "activated_at": "2025-03-06T08:30:00+07:00"}

PROCEDURE_SUMMARY = {
    "slug": "chuyen-truong-thpt", "code": "1.005096", "codes": ["1.005096"],
    "name_vi": "Chuyển trường đối với học sinh trung học phổ thông",
    "name_en": "School transfer for upper-secondary students", "online_level": "mot-phan",
    "agencies": [{"code": "so-gddt", "name_vi": "Sở Giáo dục và Đào tạo (nơi đến)"}],
    "variants": ["as-is", "to-be"],
}

PROCEDURE = {
    **PROCEDURE_SUMMARY,
    "variants": [
        {"name": "as-is", "file": "as-is.bpmn",
         "description_vi": "Hiện tại: hồ sơ giấy nộp tại Bộ phận Một cửa.",
         "description_en": "Today: paper dossier at the one-stop desk.", "deadlines": {"overall": 7},
         "active_version": 1},
    ],
    "lanes": [{"name": "Bộ phận Một cửa", "agency": "so-gddt", "role": "mot-cua"},
              {"name": "Phòng Giáo dục Trung học", "agency": "so-gddt", "role": "chuyen-vien"}],
    "components": [{"code": "hoc_ba", "name_vi": "Học bạ (bản chính)"}],
    "versions": [VERSION_ACTIVE],
}

# The receiving school's decision in the to-be school transfer (chuyen-truong-thpt/to-be.bpmn,
# NhanQuyetDinhTruongDen); tests/api/test_contracts.py checks both against that diagram and its schema.
MESSAGE_DECISION = {"quyet_dinh": "tiep_nhan", "lop_tiep_nhan": "11A2"}
MESSAGE: dict[str, Any] = {
    "quyet-dinh-tiep-nhan": {
        "summary": "Trường THPT nơi đến gửi quyết định tiếp nhận học sinh",
        "value": {"name": "Quyết định tiếp nhận học sinh", "dossier_code": DOSSIER,
                  "payload": MESSAGE_DECISION},
    },
    "khong-tiep-nhan": {
        "summary": "Trường THPT nơi đến không tiếp nhận: phải nêu lý do",
        "value": {"name": "Quyết định tiếp nhận học sinh", "dossier_code": DOSSIER,
                  "payload": {"quyet_dinh": "khong_tiep_nhan", "ly_do": "Lớp 11 chuyên Toán đã đủ sĩ số"}},
    },
}

MESSAGE_CONTRACT = {
    "variant": "to-be", "message_id": "Msg_QuyetDinhTruongDen", "name": "Quyết định tiếp nhận học sinh",
    "sender": "truong-thpt-den", "elements": ["NhanQuyetDinhTruongDen"],
    "schema_url": "/procedures/chuyen-truong-thpt/messages/Msg_QuyetDinhTruongDen?variant=to-be",
    "payload_schema": {
        "$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Quyết định tiếp nhận học sinh",
        "type": "object",
        "properties": {"quyet_dinh": {"type": "string", "enum": ["tiep_nhan", "khong_tiep_nhan"]},
                       "lop_tiep_nhan": {"type": "string", "maxLength": 20},
                       "ly_do": {"type": "string", "minLength": 1, "maxLength": 2000}},
        "required": ["quyet_dinh"], "additionalProperties": False,
        "allOf": [{"if": {"properties": {"quyet_dinh": {"const": "khong_tiep_nhan"}},
                          "required": ["quyet_dinh"]},
                   "then": {"required": ["ly_do"]}}],
    },
    "example": MESSAGE_DECISION,
}

START_FORM = {
    "$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Đơn xin chuyển trường",
    "type": "object",
    "properties": {"ho_ten_hoc_sinh": {"type": "string", "title": "Họ tên học sinh"},
                   "pham_vi": {"type": "string", "title": "Phạm vi chuyển",
                               "enum": ["trong_tinh", "ngoai_tinh"],
                               "x-enum-labels": {"trong_tinh": "Trong tỉnh", "ngoai_tinh": "Ngoài tỉnh"}}},
    "required": ["ho_ten_hoc_sinh", "pham_vi"],
}

CORRECTION = {"incident": 3, "data": {"so_ho_khau": "HK-0042"}}

MESSAGE_RECEIPT = {"case_id": CASE_ID, "dossier_code": DOSSIER, "status": 4,
                   "status_label": "Đang xử lý", "accepted": True, "incident": None}

BPMN_UPLOAD = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs" targetNamespace="…">
  <!-- the whole diagram, as saved by Camunda Modeler or bpmn.io -->
</bpmn:definitions>"""

PROBLEMS = {
    401: {"type": "urn:lienthong:problem:authentication", "title": "Chưa xác thực", "status": 401,
          "detail": "the token has expired", "instance": "/tasks", "hint": "sign in again"},
    403: {"type": "urn:lienthong:problem:forbidden", "title": "Không có quyền", "status": 403,
          "detail": "task 'Thẩm định hồ sơ' belongs to lane 'Phòng Giáo dục Trung học' "
                    "(so-gddt/chuyen-vien); you may not work it", "instance": f"/tasks/{TASK_ID}/complete"},
    404: {"type": "urn:lienthong:problem:not-found", "title": "Không tìm thấy", "status": 404,
          "detail": f"no case {DOSSIER}", "instance": f"/cases/{DOSSIER}"},
    409: {"type": "urn:lienthong:problem:conflict", "title": "Xung đột trạng thái", "status": 409,
          "detail": "task 'Kiểm tra tính đầy đủ, hợp lệ của hồ sơ' was already completed by canbo.motcua",
          "instance": f"/tasks/{TASK_ID}/complete", "hint": "reload the work list"},
    413: {"type": "urn:lienthong:problem:http-413", "title": "Yêu cầu quá lớn", "status": 413,
          "detail": "the request body is larger than 1048576 bytes", "instance": "/cases"},
    422: {"type": "urn:lienthong:problem:validation", "title": "Dữ liệu không hợp lệ", "status": 422,
          "detail": "form 'KiemTraHoSo' has invalid fields: ket_qua_kiem_tra",
          "instance": f"/tasks/{TASK_ID}/complete", "field": "ket_qua_kiem_tra",
          "errors": [{"field": "ket_qua_kiem_tra",
                      "message": "'co_le' is not one of ['day_du', 'can_bo_sung', 'tu_choi']"}]},
    502: {"type": "urn:lienthong:problem:connector", "title": "Lỗi kết nối hệ thống khác", "status": 502,
          "detail": "population.lookup did not answer", "instance": "/cases"},
}
