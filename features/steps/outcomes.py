"""Steps that check how a case ended: result and reasons, timeliness, apology, effort, portal, forms."""

from __future__ import annotations

from datetime import datetime, time

from pytest_bdd import parsers, then

from engine.law.status import FINISHED
from engine.time.clock import VN_TZ, as_aware
from features.support.phrases import (
    RESULT_VI,
    normalise,
    parse_count,
    parse_day,
    parse_document,
    parse_result,
    parse_status,
    parse_statuses,
    show_moment,
)
from features.support.world import World


@then(parsers.re(r"(?i)hồ sơ (?:đã )?kết thúc với kết quả \"(?P<result>[^\"]+)\""
                 r"(?: với lý do \"(?P<reason>[^\"]+)\")?"))
@then(parsers.re(r"(?i)the case ended (?:with|as) \"(?P<result>[^\"]+)\""
                 r"(?: because \"(?P<reason>[^\"]+)\")?"))
def ended_with(world: World, result: str, reason: str | None) -> None:
    """The case is finished with a result (approved / refused), and the written reason if given."""
    case = world.current()
    code = parse_result(result)
    if not case.completed or case.result != code or case.status not in FINISHED:
        world.fail(f"Mong đợi hồ sơ kết thúc với kết quả {RESULT_VI[code]}.")
    actual = str(case.summary.get("result_reason") or "")
    if reason and normalise(reason) not in normalise(actual):
        world.fail(f"Mong đợi lý do \"{reason}\", nhưng lý do ghi nhận là \"{actual or '(không có)'}\".")


@then(parsers.re(r"(?i)hồ sơ bị từ chối (?:có|với) lý do bằng văn bản"))
@then(parsers.re(r"(?i)the refusal states a written reason"))
def refused_in_writing(world: World) -> None:
    """A refusal always carries a written reason (Mẫu 03 / reasoned notice)."""
    case = world.current()
    if case.result != "refused":
        world.fail("Mong đợi hồ sơ bị từ chối.")
    if not str(case.summary.get("result_reason") or "").strip():
        world.fail("Hồ sơ bị từ chối mà không có lý do bằng văn bản "
                   "(trường lý do trống hoặc không được ghi nhận).")


@then(parsers.re(r"(?i)hồ sơ có kết quả (?P<when>đúng hẹn|trước hoặc đúng ngày hẹn|trong hạn|trễ hạn"
                 r"|quá hạn)"))
@then(parsers.re(r"(?i)the result is (?P<when>on time|late)"))
def on_time(world: World, when: str) -> None:
    """The result was ready on or before the appointment date (the due date, or the apology's new date)."""
    case = world.current()
    if case.finished_at is None:
        world.fail("Hồ sơ chưa có kết quả.")
    appointment = case.legal_clock.due_at
    new_date = case.summary.get("appointment")
    if new_date:
        appointment = datetime.combine(parse_day(str(new_date))[0], time(17, 0), VN_TZ)
    if appointment is None:
        world.fail("Hồ sơ không có ngày hẹn trả kết quả (đồng hồ pháp lý chưa bắt đầu).")
    late_expected = normalise(when) in ("trễ hạn", "quá hạn", "late")
    is_late = as_aware(case.finished_at) > appointment
    if is_late != late_expected:
        world.fail(f"Mong đợi kết quả {'trễ hạn' if late_expected else 'đúng hẹn'}: có kết quả lúc "
                   f"{show_moment(case.finished_at)}, hẹn {show_moment(appointment)}.")


@then(parsers.re(r"(?i)đã có (?:thư|phiếu) xin lỗi(?: hẹn lại ngày (?P<day>.+))?"))
@then(parsers.re(r"(?i)an apology letter was issued(?: with the new date (?P<day>.+))?"))
def apology(world: World, day: str | None) -> None:
    """The late case got its apology letter (Mẫu 04), with the new appointment date if given."""
    letters = [e for e in world.events("document_issued") if e.to_state == "mau-04"]
    if not letters:
        world.fail("Mong đợi đã có thư xin lỗi (Mẫu 04), nhưng chưa có.")
    if day:
        wanted = parse_day(day)[0].isoformat()
        dates = [str(e.to_state) for e in world.events("appointment_changed")]
        if wanted not in dates:
            world.fail(f"Mong đợi thư xin lỗi hẹn lại ngày {wanted}, nhưng ngày hẹn mới là "
                       f"{', '.join(dates) or '(không có)'}.")


@then(parsers.re(r"(?i)(?:ngày )?hẹn trả kết quả (?:mới )?là (?P<day>.+)"))
@then(parsers.re(r"(?i)the new appointment date is (?P<day>.+)"))
def new_appointment(world: World, day: str) -> None:
    """The citizen was given a new appointment date (by an apology letter or a verification notice)."""
    wanted = parse_day(day)[0].isoformat()
    actual = str(world.current().summary.get("appointment") or "")
    if not actual.startswith(wanted):
        world.fail(f"Mong đợi ngày hẹn trả kết quả mới là {wanted}, nhưng là {actual or '(không có)'}.")


@then(parsers.re(r"(?i)(?:không có|chưa có) (?:thư|phiếu) xin lỗi"))
@then(parsers.re(r"(?i)no apology letter was issued"))
def no_apology(world: World) -> None:
    """A case on time never gets an apology."""
    if any(e.to_state == "mau-04" for e in world.events("document_issued")):
        world.fail("Mong đợi không có thư xin lỗi, nhưng đã có.")


@then(parsers.re(r"(?i)công dân đã đi lại (?P<trips>\w+) lần"
                 r"(?: và nộp (?P<papers>\w+) (?:giấy tờ|bản giấy))?"))
@then(parsers.re(r"(?i)the citizen made (?P<trips>\w+) trips?(?: and handed in (?P<papers>\w+) papers?)?"))
def citizen_effort(world: World, trips: str, papers: str | None) -> None:
    """How many times the citizen went to an office, and how many paper documents they handed in."""
    summary = world.current().summary
    made, handed = summary.get("trips", 0), summary.get("papers", [])
    if made != parse_count(trips) or (papers is not None and len(handed) != parse_count(papers)):
        world.fail(f"Mong đợi công dân đi lại {trips} lần" + (f", nộp {papers} giấy tờ" if papers else "")
                   + f"; thực tế {made} lần, {len(handed)} giấy tờ ({', '.join(handed)}).")


@then(parsers.re(r"(?i)công dân (?:đã )?nộp (?P<papers>\w+) (?:giấy tờ|bản giấy)"))
@then(parsers.re(r"(?i)the citizen handed in (?P<papers>\w+) papers?"))
def citizen_papers(world: World, papers: str) -> None:
    """How many paper documents the citizen handed in."""
    actual = world.current().summary.get("papers", [])
    if len(actual) != parse_count(papers):
        world.fail(f"Mong đợi công dân nộp {papers} giấy tờ; thực tế {len(actual)} ({', '.join(actual)}).")


@then(parsers.re(r"(?i)trạng thái hồ sơ trên Cổng (?:DVC|dịch vụ công)(?: quốc gia)? "
                 r"là \"?(?P<status>[^\"]+)\"?"))
@then(parsers.re(r"(?i)the dossier status at the portal is \"?(?P<status>[^\"]+)\"?"))
def portal_status(world: World, status: str) -> None:
    """The last status queued for the national portal (the outbox) is this one."""
    wanted = parse_status(status)
    rows = _outbox(world)
    last = rows[-1] if rows else None
    if last != wanted:
        world.fail(f"Mong đợi trạng thái trên Cổng DVC là {int(wanted)} ({wanted.label_vi}), nhưng là "
                   f"{last if last is not None else '(chưa gửi gì)'}; đã gửi: {rows}.")


@then(parsers.re(r"(?i)Cổng (?:DVC|dịch vụ công)(?: quốc gia)? đã nhận (?:lần lượt )?"
                 r"các trạng thái (?P<statuses>.+)"))
@then(parsers.re(r"(?i)the portal received the statuses (?P<statuses>.+)"))
def portal_statuses(world: World, statuses: str) -> None:
    """Every status change went to the portal, in this order."""
    wanted = [int(s) for s in parse_statuses(statuses)]
    rows = _outbox(world)
    if rows != wanted:
        world.fail(f"Mong đợi Cổng DVC nhận lần lượt {wanted}, nhưng đã nhận {rows}.")


@then(parsers.re(r"(?i)Cổng (?:DVC|dịch vụ công)(?: quốc gia)? (?:đã|(?P<negated>chưa)) nhận trạng thái "
                 r"\"?(?P<status>[^\"]+)\"?"))
@then(parsers.re(r"(?i)the portal (?:received|(?P<negated>never received)) the status "
                 r"\"?(?P<status>[^\"]+)\"?"))
def portal_received(world: World, status: str, negated: str | None = None) -> None:
    """The portal was told of this status at some point (whatever came after), or never (`chưa nhận`)."""
    wanted = parse_status(status)
    rows = _outbox(world)
    if negated:
        if int(wanted) in rows:
            world.fail(f"Mong đợi Cổng DVC chưa nhận trạng thái {int(wanted)} ({wanted.label_vi}); đã nhận "
                       f"{rows}.")
        return
    if int(wanted) not in rows:
        world.fail(f"Mong đợi Cổng DVC đã nhận trạng thái {int(wanted)} ({wanted.label_vi}); đã nhận {rows}.")


def _outbox(world: World) -> list[int]:
    with world.engine.store.transaction(write=False) as tx:
        rows = tx.outbox_rows(world.current().id)
    # The portal's rows only: messages to other agencies share the outbox (engine/agencies/exchange.py).
    return [int(row.payload["status"]) for row in rows if row.kind == "status"]


@then(parsers.re(r"(?i)đã (?:lập|cấp|gửi) \"(?P<document>[^\"]+)\"(?: (?P<n>\w+) lần)?"))
@then(parsers.re(r"(?i)the form \"(?P<document>[^\"]+)\" was issued(?: (?P<n>\w+) times?)?"))
def document_issued(world: World, document: str, n: str | None) -> None:
    """A Circular 01/2018 form (Mẫu 01 … 06) was issued (exactly N times, if given)."""
    code = parse_document(document)
    issued = [str(e.to_state) for e in world.events("document_issued")]
    count = issued.count(code)
    if (n is None and count == 0) or (n is not None and count != parse_count(n)):
        world.fail(f"Mong đợi đã lập {document}" + (f" {n} lần" if n else "")
                   + f", nhưng đã lập {count} lần; các mẫu đã lập: {', '.join(issued) or '(chưa có)'}.")


@then(parsers.re(r"(?i)thao tác bị từ chối(?: vì \"(?P<text>[^\"]+)\")?"))
@then(parsers.re(r"(?i)the action is refused(?: because \"(?P<text>[^\"]+)\")?"))
def refused_action(world: World, text: str | None) -> None:
    """The previous `thử …` step was refused, and the engine's reason mentions `text`."""
    if world.error is None:
        world.fail("Mong đợi thao tác trước bị từ chối, nhưng nó không bị từ chối "
                   "(hoặc không có bước 'thử …').")
    message = str(world.error) + " " + " ".join(str(e) for e in getattr(world.error, "errors", []))
    if text and normalise(text) not in normalise(message):
        world.fail(f"Thao tác bị từ chối, nhưng vì lý do khác: {world.error}")


@then(parsers.re(r"(?i)trạng thái hồ sơ là \"?(?P<status>[^\"]+)\"?"))
@then(parsers.re(r"(?i)the dossier status is \"?(?P<status>[^\"]+)\"?"))
def case_status(world: World, status: str) -> None:
    """The case's own canonical status."""
    wanted = parse_status(status)
    case = world.current()
    if case.status != wanted:
        world.fail(f"Mong đợi trạng thái {int(wanted)} ({wanted.label_vi}), nhưng là {case.status} "
                   f"({case.status_label}).")


@then(parsers.re(r"(?i)hệ thống \"(?P<operation>[^\"]+)\" (?:đã được gọi|được hỏi)(?: (?P<n>\w+) lần)?"))
@then(parsers.re(r"(?i)the system \"(?P<operation>[^\"]+)\" was called(?: (?P<n>\w+) times?)?"))
def system_called(world: World, operation: str, n: str | None) -> None:
    """A national database was asked (instead of asking the citizen for a paper)."""
    count = sum(1 for name, _ in world.fakes.calls if name == operation)
    if (n is None and count == 0) or (n is not None and count != parse_count(n)):
        world.fail(f"Mong đợi hệ thống \"{operation}\" được gọi" + (f" {n} lần" if n else "")
                   + f", nhưng được gọi {count} lần.")
