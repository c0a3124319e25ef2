"""The wording of Circular 01/2018/TT-VPCP's forms Mẫu 01–06, filled from a case's facts (web/facts.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .facts import FormFacts
from .vietnamese import clock_time, long_date, moment_vi, short_date

BLANK = "…………………………"
CHANNELS = {"online": "trực tuyến", "truc-tiep": "trực tiếp", "buu-chinh": "qua dịch vụ bưu chính"}
RESULTS = {"approved": "Đã giải quyết", "refused": "Từ chối giải quyết"}


@dataclass(frozen=True)
class Layout:
    """One printed page: its title, paragraphs, an optional table and who signs it."""

    title: str
    code_line: str
    paragraphs: tuple[str, ...]
    signatures: tuple[str, ...]
    table: tuple[tuple[str, ...], ...] = ()  # the first row is the header
    widths: tuple[float, ...] = ()
    qr_url: str | None = None
    landscape: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)


def layout(facts: FormFacts) -> Layout:
    """The page of the facts' form."""
    return BUILDERS[facts.form](facts)


def _who(f: FormFacts) -> str:
    return f"Ông/bà: {f.applicant_name} (số định danh cá nhân: {f.applicant_id})"


def _contacts(f: FormFacts) -> list[str]:
    return [f"Địa chỉ: {f.address or BLANK}",
            f"Số điện thoại: {f.phone or BLANK}    Email: {f.email or BLANK}"]


def _due(f: FormFacts) -> str:
    return moment_vi(f.due_at) if f.due_at else "theo thời hạn giải quyết của thủ tục"


def _mau_01(f: FormFacts) -> Layout:
    components = [f"  {i}. {name}" for i, name in enumerate(f.components, 1)] or [f"  {BLANK}"]
    days = f"{f.days_allowed} ngày làm việc" if f.days_allowed is not None else "theo quy định của thủ tục"
    return Layout(
        title="GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        code_line=f"Mã hồ sơ: {f.dossier_code}",
        paragraphs=(
            f"{f.agency} đã tiếp nhận hồ sơ của:", _who(f), *_contacts(f),
            f"Nội dung yêu cầu giải quyết: {f.procedure}" + (f" (mã thủ tục {f.procedure_code})"
                                                             if f.procedure_code else ""),
            "1. Thành phần hồ sơ nộp gồm:", *components,
            "2. Số lượng hồ sơ: 01 (bộ)",
            f"3. Thời gian giải quyết hồ sơ theo quy định là: {days}",
            f"4. Thời gian nhận hồ sơ: {moment_vi(f.received_at)}",
            f"5. Thời gian trả kết quả giải quyết hồ sơ: {_due(f)}",
            f"6. Đăng ký nhận kết quả tại: {f.agency} (nộp {CHANNELS.get(f.channel, f.channel)})",
            "Vào Sổ theo dõi hồ sơ, tra cứu tình trạng hồ sơ bằng mã hồ sơ và số định danh của người nộp tại "
            "địa chỉ dưới đây hoặc bằng mã QR.",
        ),
        signatures=("NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ"),
        qr_url=f.lookup_url,
    )


def _mau_02(f: FormFacts) -> Layout:
    return Layout(
        title="PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        code_line=f"Mã hồ sơ: {f.dossier_code}",
        paragraphs=(
            f"Ngày {short_date(f.received_at)}, {f.agency} đã tiếp nhận hồ sơ của:", _who(f),
            f"Nội dung yêu cầu giải quyết: {f.procedure}",
            "Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:",
            f"  {f.reason or BLANK}",
            "Việc yêu cầu bổ sung, hoàn thiện hồ sơ được thực hiện một lần, bằng văn bản. Thời hạn giải "
            "quyết tạm dừng trong thời gian chờ bổ sung và tiếp tục khi nhận đủ hồ sơ.",
            f"Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ với {f.agency} để được "
            "hướng dẫn.",
        ),
        signatures=("NGƯỜI HƯỚNG DẪN", ),
    )


def _mau_03(f: FormFacts) -> Layout:
    return Layout(
        title="PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        code_line=f"Mã hồ sơ: {f.dossier_code}",
        paragraphs=(
            f"{f.agency} tiếp nhận hồ sơ của:", _who(f), *_contacts(f),
            f"Nội dung yêu cầu giải quyết: {f.procedure}",
            f"Qua xem xét, {f.agency} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể "
            "như sau:",
            f"  {f.reason or BLANK}",
            "Xin thông báo để ông/bà được biết và thực hiện./.",
        ),
        signatures=("NGƯỜI TIẾP NHẬN HỒ SƠ", ),
    )


def _mau_04(f: FormFacts) -> Layout:
    new = long_date(f.new_appointment) if f.new_appointment else BLANK
    return Layout(
        title="PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        code_line=f"Mã hồ sơ: {f.dossier_code}",
        paragraphs=(
            f"Ngày {short_date(f.received_at)}, {f.agency} tiếp nhận giải quyết hồ sơ của:", _who(f),
            f"Nội dung yêu cầu giải quyết: {f.procedure}",
            f"Thời gian hẹn trả kết quả giải quyết hồ sơ: {_due(f)}",
            f"Tuy nhiên đến nay, {f.agency} chưa trả kết quả giải quyết hồ sơ cho ông/bà.",
            f"Lý do: {f.reason or BLANK}",
            f"Sự chậm trễ này đã gây phiền hà cho ông/bà. {f.agency} xin lỗi ông/bà và sẽ trả kết quả giải "
            f"quyết hồ sơ cho ông/bà vào {new}.",
            "Mong nhận được sự thông cảm của ông/bà vì sự chậm trễ này.",
        ),
        signatures=("THỦ TRƯỞNG CƠ QUAN", ),
    )


def _mau_05(f: FormFacts) -> Layout:
    rows = [("TT", "Bước xử lý (giao, nhận hồ sơ)", "Bộ phận", "Thời gian", "Kết quả")]
    for i, step in enumerate(f.handoffs, 1):
        on_time = "Đúng hạn" if f.due_at is None or step.at <= f.due_at else "Quá hạn"
        rows.append((str(i), step.step, step.lane, f"{clock_time(step.at)}, {short_date(step.at)}", on_time))
    return Layout(
        title="PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        code_line=f"Mã hồ sơ: {f.dossier_code}",
        paragraphs=(
            f"(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả mã số {f.dossier_code})",
            f"Cơ quan (bộ phận) giải quyết hồ sơ: {f.agency}", _who(f),
            f"Nội dung yêu cầu giải quyết: {f.procedure}",
            f"Thời gian nhận hồ sơ: {moment_vi(f.received_at)}    Hẹn trả kết quả: {_due(f)}",
        ),
        signatures=(),
        table=tuple(rows),
        widths=(10, 70, 42, 38, 20),
    )


def _mau_06(f: FormFacts) -> Layout:
    header = ("STT", "Mã hồ sơ", "Tên TTHC", "Tên người nộp", "Địa chỉ, số điện thoại", "Cơ quan chủ trì",
              "Nhận hồ sơ", "Hẹn trả", "Có kết quả", "Trả kết quả", "Ghi chú")
    contact = ", ".join(x for x in (f.address, f.phone) if x) or BLANK
    result = RESULTS.get(f.result or "", f.result or "")
    row = ("1", f.dossier_code, f.procedure, f.applicant_name, contact, f.agency,
           short_date(f.received_at), short_date(f.due_at) if f.due_at else "",
           short_date(f.finished_at) if f.finished_at else "", short_date(f.issued_at), result)
    return Layout(
        title="SỔ THEO DÕI HỒ SƠ",
        code_line=f"Mã hồ sơ: {f.dossier_code}",
        paragraphs=(f"{f.agency} — trích sổ theo dõi hồ sơ, {long_date(f.issued_at)}", ),
        signatures=(),
        table=(header, row),
        widths=(8, 34, 38, 26, 26, 28, 21, 21, 21, 21, 18),
        landscape=True,
    )


BUILDERS: dict[str, Callable[[FormFacts], Layout]] = {
    "mau-01": _mau_01, "mau-02": _mau_02, "mau-03": _mau_03, "mau-04": _mau_04, "mau-05": _mau_05,
    "mau-06": _mau_06,
}
