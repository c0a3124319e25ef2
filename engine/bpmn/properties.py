"""The extension properties a diagram's elements carry (spiffworkflow:property): one registry, read by the
engine, lint, the simulation and docs/modelling.md's table (a test checks the table lists exactly these).
What each one does is docs/modelling.md's "Extension properties the engine acts on"."""

from __future__ import annotations

from dataclasses import dataclass

from .procedure import OUTCOME_RESULTS

LEGAL_CLOCK_ACTIONS = ("start", "pause", "resume", "extend", "set", "stop")
CASE_RESULTS = ("approved", "refused")
DOCUMENTS = tuple(f"mau-0{n}" for n in range(1, 7))  # the forms of Circular 01/2018


@dataclass(frozen=True)
class ElementProperty:
    """One property: its name, what kind of value it takes (and the closed set, if any), its label."""

    name: str
    # choice (one of `values`), status, integer, boolean, field (a data field's name), components (codes of
    # procedure.toml's components), deadline (working days or a deadline key), form, part, distribution
    kind: str
    label: str  # Vietnamese, for a properties panel
    values: tuple[str, ...] = ()


PROPERTIES = {
    prop.name: prop
    for prop in (
        ElementProperty("status", "status", "Trạng thái hồ sơ (1–10)"),
        ElementProperty("legal_clock", "choice", "Đồng hồ pháp lý", LEGAL_CLOCK_ACTIONS),
        ElementProperty("extend_by", "deadline", "Gia hạn thêm (ngày làm việc)"),
        ElementProperty("deadline", "deadline", "Thời hạn áp dụng (ngày làm việc)"),
        ElementProperty("result", "choice", "Kết quả giải quyết", CASE_RESULTS),
        ElementProperty("reason_field", "field", "Trường ghi lý do"),
        ElementProperty("outcome", "part", "Thủ tục được quyết định (liên thông)"),
        ElementProperty("outcome_field", "field", "Trường cho biết kết quả thủ tục"),
        ElementProperty("outcome_result", "choice", "Kết quả cố định của thủ tục", OUTCOME_RESULTS),
        ElementProperty("document", "choice", "Biểu mẫu ban hành (Thông tư 01/2018)", DOCUMENTS),
        ElementProperty("appointment_field", "field", "Trường ngày hẹn mới"),
        ElementProperty("payment_field", "field", "Trường hình thức nộp phí"),
        ElementProperty("form", "form", "Biểu mẫu nhập liệu"),
        ElementProperty("trips", "integer", "Số lần người dân phải đến cơ quan"),
        ElementProperty("papers", "components", "Giấy tờ giấy phải nộp"),
        ElementProperty("replaces", "components", "Giấy tờ được thay bằng tra cứu dữ liệu"),
        ElementProperty("handoff", "boolean", "Chuyển giao giữa cơ quan/bộ phận", ("true", "false")),
        ElementProperty("duration", "distribution", "Thời gian xử lý (mô phỏng)"),
    )
}
