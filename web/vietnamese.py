"""Dates, times and names as Vietnamese forms print them: "ngày 05 tháng 3 năm 2025", "10 giờ 00 phút"."""

from __future__ import annotations

from datetime import date, datetime

from engine.time.clock import VN_TZ

FORM_TITLES = {
    "mau-01": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "mau-02": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "mau-03": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "mau-04": "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    "mau-05": "Phiếu kiểm soát quá trình giải quyết hồ sơ",
    "mau-06": "Sổ theo dõi hồ sơ",
}
FORMS = tuple(FORM_TITLES)


def local(moment: datetime) -> datetime:
    """The moment in Vietnam's time zone."""
    return moment.astimezone(VN_TZ)


def long_date(day: date | datetime) -> str:
    """'ngày 05 tháng 3 năm 2025' (the day two digits, the month without a leading zero, as forms write)."""
    if isinstance(day, datetime):
        day = local(day).date()
    return f"ngày {day.day:02d} tháng {day.month} năm {day.year}"


def short_date(day: date | datetime) -> str:
    """'05/03/2025'."""
    if isinstance(day, datetime):
        day = local(day).date()
    return f"{day:%d/%m/%Y}"


def clock_time(moment: datetime) -> str:
    """'10 giờ 00 phút'."""
    at = local(moment)
    return f"{at.hour:02d} giờ {at.minute:02d} phút"


def moment_vi(moment: datetime) -> str:
    """'10 giờ 00 phút, ngày 05 tháng 3 năm 2025'."""
    return f"{clock_time(moment)}, {long_date(moment)}"


def short_moment(moment: datetime) -> str:
    """'10:00 05/03/2025' (a table's column of times)."""
    return f"{local(moment):%H:%M %d/%m/%Y}"


def parse_day(value: object) -> date | None:
    """A date a form field holds ('2025-03-21' or '21/03/2025'); None for anything else."""
    text = str(value or "").strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text[:10], pattern).date()
        except ValueError:
            continue
    return None


EVENTS = {
    "case_started": "Nộp hồ sơ", "status_changed": "Chuyển trạng thái", "task_claimed": "Nhận việc",
    "element_completed": "Hoàn thành bước", "document_issued": "Cấp biểu mẫu",
    "document_attached": "Đính kèm tài liệu", "document_reused": "Dùng lại tài liệu",
    "appointment_changed": "Hẹn lại ngày trả", "message_sent": "Gửi liên thông",
    "message_received": "Nhận liên thông", "timer_fired": "Đến hạn", "incident_raised": "Phát sinh sự cố",
    "incident_retried": "Thử lại sự cố", "incident_resolved": "Xử lý xong sự cố",
    "case_withdrawn": "Rút hồ sơ", "case_stopped": "Dừng xử lý", "citizen_touchpoint": "Tiếp xúc công dân",
    "data_corrected": "Sửa dữ liệu", "event_fired": "Sự kiện xảy ra",
    "history_purged": "Xoá lịch sử đã hết hạn lưu",
}


def event_vi(kind: str) -> str:
    """An audit event's kind as the case page names it (the code itself for one it does not know)."""
    return EVENTS.get(kind, kind)
