"""The business words of scenarios as engine values: moments, channels, results, statuses, forms."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time

from engine.law.status import DossierStatus
from engine.time.clock import VN_TZ


class StepProblem(AssertionError):
    """A step written in a way the library cannot read (a date, a name, a table): says how to write it."""


WEEKDAYS = {
    "thứ hai": 0, "thứ ba": 1, "thứ tư": 2, "thứ năm": 3, "thứ sáu": 4, "thứ bảy": 5, "chủ nhật": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
WEEKDAY_VI = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]
CHANNELS = {
    "trực tuyến": "online", "online": "online", "qua cổng dịch vụ công": "online",
    "tại quầy": "truc-tiep", "trực tiếp": "truc-tiep", "at the desk": "truc-tiep", "in person": "truc-tiep",
    "qua bưu chính": "buu-chinh", "by post": "buu-chinh",
}
RESULTS = {
    "đồng ý": "approved", "chấp thuận": "approved", "được giải quyết": "approved", "cấp": "approved",
    "approved": "approved",
    "từ chối": "refused", "không được giải quyết": "refused", "không đồng ý": "refused", "refused": "refused",
}
RESULT_VI = {"approved": "đồng ý (approved)", "refused": "từ chối (refused)"}
# Where a date is written day first (Vietnamese usage) or as ISO.
_DATE_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_DATE_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_TIME = re.compile(r"(\d{1,2})[:h](\d{2})(?::(\d{2}))?")  # seconds for the 15:00:00 cut-off


def normalise(text: str) -> str:
    """Lower-case, NFC, single spaces, no surrounding quotes: how names are compared."""
    text = unicodedata.normalize("NFC", text).strip().strip('"“”').strip()
    return re.sub(r"\s+", " ", text).casefold()


def parse_moment(text: str, default_time: time = time(8, 0)) -> datetime:
    """`thứ Sáu 24/01/2025 lúc 16:00`, `24/01/2025 16:00`, `2025-01-24T16:00` → an aware Vietnam datetime.

    A weekday, if written, must be the weekday of the date: a typo in a date is caught, not run.
    """
    return _parse(text, default_time)[0]


def parse_day(text: str) -> tuple[date, time | None]:
    """A date with an optional time of day (for checking deadlines)."""
    moment, has_time = _parse(text, time(0, 0))
    return moment.date(), moment.time() if has_time else None


def _parse(text: str, default_time: time) -> tuple[datetime, bool]:
    clean = normalise(text).replace("ngày ", " ").replace(" lúc ", " ").replace(" at ", " ")
    iso = _DATE_ISO.search(clean)
    dmy = _DATE_DMY.search(clean)
    if iso:
        day = date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        rest = clean[iso.end():]
    elif dmy:
        day = date(int(dmy.group(3)), int(dmy.group(2)), int(dmy.group(1)))
        rest = clean[dmy.end():]
    else:
        raise StepProblem(f"không đọc được ngày trong '{text}': viết như 'thứ Sáu 24/01/2025 16:00' "
                             "hoặc '2025-01-24T16:00'")
    found = _TIME.search(rest)
    at = time(int(found.group(1)), int(found.group(2)), int(found.group(3) or 0)) if found else default_time
    for name, weekday in WEEKDAYS.items():
        if re.search(rf"(^|\W){name}(\W|$)", clean) and weekday != day.weekday():
            raise StepProblem(f"{day:%d/%m/%Y} là {WEEKDAY_VI[day.weekday()]}, không phải {name} "
                                 f"(trong '{text}')")
    return datetime.combine(day, at, VN_TZ), found is not None


def show_moment(value: datetime | None) -> str:
    """A moment as Vietnamese officers write it: `thứ Năm 06/02/2025 17:00`."""
    if value is None:
        return "(chưa có)"
    local = value.astimezone(VN_TZ)
    return f"{WEEKDAY_VI[local.weekday()]} {local:%d/%m/%Y %H:%M}"


def parse_channel(text: str) -> str:
    """How the dossier was submitted: online, truc-tiep (at the desk) or buu-chinh (by post)."""
    channel = CHANNELS.get(normalise(text))
    if channel is None:
        raise StepProblem(f"kênh nộp '{text}' không rõ; dùng một trong: {', '.join(CHANNELS)}")
    return channel


def parse_result(text: str) -> str:
    """`đồng ý` / `từ chối` (or approved / refused) → the engine's result code."""
    result = RESULTS.get(normalise(text))
    if result is None:
        raise StepProblem(f"kết quả '{text}' không rõ; dùng một trong: {', '.join(RESULTS)}")
    return result


def parse_status(text: str) -> DossierStatus:
    """A dossier status by code (`10`) or Vietnamese label (`Đã trả kết quả`)."""
    try:
        return DossierStatus.parse(text.strip().strip('"'))
    except ValueError as exc:
        raise StepProblem(str(exc)) from None


def parse_statuses(text: str) -> list[DossierStatus]:
    """`1, 2, 4, 9, 10` or `"Mới đăng ký", "Được tiếp nhận"` → statuses in order."""
    quoted = re.findall(r'"([^"]+)"', text)
    parts = quoted or [p for p in re.split(r"[,;]|\svà\s|\sand\s", text) if p.strip()]
    return [parse_status(p) for p in parts]


def parse_document(text: str) -> str:
    """`Mẫu 02`, `mẫu 2`, `mau-02` → the form code the engine records (`mau-02`)."""
    found = re.search(r"(\d{1,2})", text)
    if found is None:
        raise StepProblem(f"không rõ mẫu '{text}': viết 'Mẫu 02' … 'Mẫu 06'")
    return f"mau-{int(found.group(1)):02d}"


def parse_count(text: str) -> int:
    """A number written with digits or as a small Vietnamese/English word."""
    words = {"không": 0, "một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "no": 0, "zero": 0, "one": 1,
             "two": 2, "three": 3, "four": 4, "five": 5, "once": 1, "twice": 2}
    clean = normalise(text)
    if clean.isdigit():
        return int(clean)
    if clean in words:
        return words[clean]
    raise StepProblem(f"'{text}' không phải là một số")
