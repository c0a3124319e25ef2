"""What a case shows, in words: the text every failing step appends so that it explains itself."""

from __future__ import annotations

from typing import Any

from engine import CaseView, Engine, EventView
from engine.time.clock import VN_TZ, as_aware

from .phrases import RESULT_VI, show_moment

EVENT_WORDS = {
    "case_started": "bắt đầu hồ sơ",
    "element_completed": "xong",
    "status_changed": "trạng thái",
    "message_sent": "gửi thông điệp",
    "message_received": "nhận thông điệp",
    "timer_fired": "hẹn giờ kích hoạt",
    "legal_clock_started": "bắt đầu tính hạn",
    "legal_clock_paused": "tạm dừng tính hạn",
    "legal_clock_resumed": "tiếp tục tính hạn",
    "legal_clock_stopped": "dừng tính hạn",
    "document_issued": "lập",
    "result": "kết quả",
    "outcome": "kết quả thủ tục",
    "citizen_touchpoint": "công dân đến/nộp giấy",
    "appointment_changed": "hẹn lại ngày",
    "task_claimed": "nhận việc",
}


def describe_case(engine: Engine, case: CaseView | None, *, last_events: int = 8) -> str:
    """A few lines on where a case is: status, positions and lanes, legal clock, effort, last events."""
    if case is None:
        return "Chưa có hồ sơ nào: kịch bản chưa có bước công dân nộp hồ sơ."
    lines = [
        f"Hồ sơ {case.dossier_code} · thủ tục {case.procedure} · biến thể {case.variant}",
        f"  trạng thái: {case.status} — {case.status_label}"
        f" · kết quả: {RESULT_VI.get(case.result or '', case.result or '(chưa có)')}"
        f" · đã kết thúc: {'có' if case.completed else 'chưa'}",
        f"  đang chờ ở: {positions(case) or '(không chờ gì)'}",
        f"  đồng hồ pháp lý: {clock_text(case)}",
        f"  công dân: {case.summary.get('trips', 0)} lần đi lại, "
        f"{len(case.summary.get('papers', []))} giấy tờ"
        + (f" · hẹn lại: {case.summary['appointment']}" if case.summary.get("appointment") else ""),
    ]
    decided = [f"{o.name_vi}: {'đã giải quyết' if o.result == 'registered' else 'bị từ chối'}"
               for o in case.outcomes if o.result]
    if case.outcomes:
        lines.append(f"  các thủ tục trong nhóm: {'; '.join(decided) or '(chưa thủ tục nào có kết quả)'}")
    history = engine.cases.history(case.id)
    if history:
        lines.append(f"  {min(last_events, len(history))} sự kiện gần nhất:")
        lines += [f"    {event_text(e)}" for e in history[-last_events:]]
    return "\n".join(lines)


def positions(case: CaseView) -> str:
    """`"Thẩm định hồ sơ" [ThamDinh] — Phòng GDTrH (so-gddt); hẹn giờ "Hết hạn" [Timer_Han]`."""
    parts = []
    for p in case.position:
        where = f"\"{p.name or p.element_id}\" [{p.element_id}]"
        if p.kind in ("userTask", "manualTask"):
            where += f" — làn \"{p.lane}\" ({p.agency})" if p.lane else f" — cơ quan {p.agency}"
        else:
            where = f"{_kind(p.kind)} {where}"
        parts.append(where)
    return "; ".join(parts)


def _kind(kind: str) -> str:
    return {"intermediateCatchEvent": "sự kiện chờ", "boundaryEvent": "sự kiện biên",
            "receiveTask": "việc chờ nhận", "eventBasedGateway": "cổng chờ sự kiện"}.get(kind, kind)


def clock_text(case: CaseView) -> str:
    """Receipt, due date, working days used and paused."""
    c = case.legal_clock
    if c.started_at is None:
        return "chưa bắt đầu (hồ sơ chưa được tiếp nhận)"
    state = "đang tạm dừng" if c.paused else ("đã dừng" if case.finished_at else "đang chạy")
    text = (f"nhận {show_moment(c.started_at)} · hạn {show_moment(c.due_at)} · đã dùng {c.days_used}"
            f"/{c.days_allowed if c.days_allowed is not None else '?'} ngày làm việc · {state}")
    if c.paused_days:
        text += f" · đã tạm dừng {c.paused_days} ngày"
    if c.overdue:
        text += " · QUÁ HẠN"
    return text


def event_text(event: EventView) -> str:
    """One audit event on one line."""
    data: dict[str, Any] = event.data or {}
    what = EVENT_WORDS.get(event.kind, event.kind)
    detail = ""
    if event.kind == "element_completed":
        detail = f"\"{data.get('name') or event.element_id}\" [{event.element_id}]"
    elif event.kind == "status_changed":
        detail = f"{event.from_state} → {event.to_state} {data.get('label', '')}"
    elif event.kind in ("message_sent", "message_received"):
        detail = f"\"{data.get('message')}\" " + (f"đến {data.get('agency')}" if event.kind == "message_sent"
                                                  else f"từ {data.get('from')}")
    elif event.kind in ("document_issued", "result", "appointment_changed"):
        detail = str(event.to_state)
    elif event.kind == "outcome":
        detail = f"{data.get('part')}: {event.to_state} [{event.element_id}]"
    elif event.element_id:
        detail = f"[{event.element_id}]"
    return f"{as_aware(event.at).astimezone(VN_TZ):%d/%m %H:%M} {event.actor}: {what} {detail}".rstrip()
