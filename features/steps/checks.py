"""Steps that check what a case shows: where it waits, its clock, result, letters, portal status, effort."""

from __future__ import annotations

from datetime import datetime, time

from pytest_bdd import parsers, then

from engine.clock import VN_TZ, as_aware
from engine.model import HUMAN_TASKS
from engine.status import FINISHED
from engine.views import Position
from features.support.agencies import resolve_agency, sent_messages
from features.support.describe import positions
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
from features.support.world import World, words_in_order

WAITABLE = HUMAN_TASKS | {"receiveTask", "intermediateCatchEvent", "boundaryEvent", "eventBasedGateway"}


def _matches(position: Position, text: str) -> bool:
    wanted = normalise(text)
    return words_in_order(wanted, position.name) or wanted == position.element_id.casefold()


@then(parsers.re(r"(?i)hồ sơ (?:đang )?chờ (?:ở|tại) \"(?P<task>[^\"]+)\""
                 r"(?: (?:của|thuộc|ở) (?:làn )?\"(?P<lane>[^\"]+)\")?"
                 r"(?: (?:của|thuộc) cơ quan \"(?P<agency>[^\"]+)\")?"))
@then(parsers.re(r"(?i)the case waits at \"(?P<task>[^\"]+)\"(?: in \"(?P<lane>[^\"]+)\")?"
                 r"(?: of \"(?P<agency>[^\"]+)\")?"))
def waits_at(world: World, task: str, lane: str | None, agency: str | None) -> None:
    """The case waits at a task (or event) named as in the diagram, in a lane, of an agency."""
    case = world.current()
    found = [p for p in case.position if _matches(p, task)]
    if not found:
        world.fail(f"Mong đợi hồ sơ chờ ở \"{task}\", nhưng không. {world.explain_element(task, WAITABLE)}")
    if lane and not any(normalise(p.lane or "") == normalise(lane) for p in found):
        world.fail(f"Mong đợi \"{task}\" ở làn \"{lane}\", nhưng nó ở làn "
                   f"{', '.join(repr(p.lane) for p in found)}.")
    if agency:
        code = resolve_agency(world, agency)
        if not any(p.agency == code for p in found):
            world.fail(f"Mong đợi \"{task}\" thuộc cơ quan {code}, nhưng thuộc "
                       f"{', '.join(str(p.agency) for p in found)}.")


@then(parsers.re(r"(?i)hồ sơ (?P<negated>không )?(?:còn )?(?:đang )?chờ ở làn \"(?P<lane>[^\"]+)\""))
@then(parsers.re(r"(?i)the case (?P<negated>does not wait|waits) in the lane \"(?P<lane>[^\"]+)\""))
def waits_in_lane(world: World, negated: str | None, lane: str) -> None:
    """Some open task of the case is (or none is) in this lane, whatever the variant calls the task."""
    case = world.current()
    found = [p for p in case.position if normalise(p.lane or "") == normalise(lane)]
    if negated and normalise(negated).startswith(("không", "does not")):
        if found:
            world.fail(f"Mong đợi hồ sơ không chờ ở làn \"{lane}\", nhưng đang chờ ở đó.")
    elif not found:
        world.fail(f"Mong đợi hồ sơ chờ ở làn \"{lane}\", nhưng không.")


@then(parsers.re(r"(?i)hồ sơ không (?:còn )?chờ (?:ở|tại) \"(?P<task>[^\"]+)\""))
@then(parsers.re(r"(?i)the case does not wait at \"(?P<task>[^\"]+)\""))
def not_waits_at(world: World, task: str) -> None:
    """The case does not wait at a task or event."""
    found = [p for p in world.current().position if _matches(p, task)]
    if found:
        world.fail(f"Mong đợi hồ sơ không còn chờ ở \"{task}\", nhưng vẫn chờ.")


@then(parsers.re(r"(?i)hồ sơ không còn chờ (?:gì|việc gì|ở đâu)(?: nữa)?"))
@then(parsers.re(r"(?i)the case waits for nothing"))
def waits_for_nothing(world: World) -> None:
    """Nothing is left open: no task, timer or message (a finished case, its watchdog ended too)."""
    case = world.current()
    if case.position:
        world.fail(f"Mong đợi hồ sơ không còn chờ gì, nhưng còn chờ ở: {positions(case)}.")


@then(parsers.re(r"(?i)đã gửi thông điệp \"(?P<message>[^\"]+)\"(?: đến \"(?P<agency>[^\"]+)\")?"))
@then(parsers.re(r"(?i)(?:a|the) message \"(?P<message>[^\"]+)\" was sent(?: to \"(?P<agency>[^\"]+)\")?"))
def message_sent(world: World, message: str, agency: str | None) -> None:
    """A message was sent to another agency (as the collaboration's message flows say)."""
    sent = sent_messages(world)
    wanted = normalise(message)
    found = [(m, a) for m, a in sent if wanted in normalise(m)]
    if agency:
        code = resolve_agency(world, agency)
        found = [(m, a) for m, a in found if a == code]
    if not found:
        shown = ", ".join(f"\"{m}\" → {a}" for m, a in sent)
        world.fail(f"Mong đợi đã gửi \"{message}\"" + (f" đến {agency}" if agency else "")
                   + f"; các thông điệp đã gửi: {shown or '(chưa gửi gì)'}.")


@then(parsers.re(r"(?i)đồng hồ pháp lý (?:đã )?(?:dùng|tính) (?P<n>\w+) ngày làm việc"))
@then(parsers.re(r"(?i)the legal clock shows (?P<n>\w+) working days? used"))
def days_used(world: World, n: str) -> None:
    """The legal clock has counted N working days (pauses excluded)."""
    clock = world.current().legal_clock
    if clock.days_used != parse_count(n):
        world.fail(f"Mong đợi đồng hồ pháp lý đã dùng {n} ngày làm việc, nhưng là {clock.days_used}.")


@then(parsers.re(r"(?i)đồng hồ pháp lý (?P<state>đang tạm dừng|đang chạy|đã dừng|chưa bắt đầu)"))
@then(parsers.re(r"(?i)the legal clock (?:is )?(?P<state>paused|running|stopped|not started)"))
def clock_state(world: World, state: str) -> None:
    """The legal clock is paused (waiting for the citizen), running, stopped (result ready) or not started."""
    case = world.current()
    c = case.legal_clock
    actual = ("chưa bắt đầu" if c.started_at is None else "đang tạm dừng" if c.paused
              else "đã dừng" if case.finished_at else "đang chạy")
    english = {"paused": "đang tạm dừng", "running": "đang chạy", "stopped": "đã dừng",
               "not started": "chưa bắt đầu"}
    wanted = english.get(state.casefold(), state.casefold())
    if actual != wanted:
        world.fail(f"Mong đợi đồng hồ pháp lý {wanted}, nhưng {actual}.")


@then(parsers.re(r"(?i)hạn giải quyết là (?P<when>.+)"))
@then(parsers.re(r"(?i)the case is due (?:on )?(?P<when>.+)"))
def due_on(world: World, when: str) -> None:
    """The legal due date (working days from receipt, 15:00 cut-off, holidays, pauses) is this day."""
    day, at = parse_day(when)
    due = world.current().legal_clock.due_at
    local = due.astimezone(VN_TZ) if due else None
    if local is None or local.date() != day or (at is not None and local.time() != at):
        world.fail(f"Mong đợi hạn giải quyết {when}, nhưng là {show_moment(due)}.")


@then(parsers.re(r"(?i)hạn giải quyết (?:được tính )?đúng thời hạn (?:công bố|của thủ tục)"
                 r"(?: cộng (?P<n>\w+) ngày tạm dừng)?"))
@then(parsers.re(r"(?i)the case is due within the published deadline(?: plus (?P<n>\w+) paused days?)?"))
def due_as_published(world: World, n: str | None) -> None:
    """The due date is the variant's published deadline in working days from receipt (plus paused days)."""
    case = world.current()
    days = world.model.deadlines.get("overall")
    started = case.legal_clock.started_at
    if days is None or started is None:
        world.fail("Không kiểm tra được: biến thể không công bố thời hạn 'overall', hoặc hồ sơ chưa được "
                   "tiếp nhận.")
    calendar = world.engine.calendar
    expected = calendar.due_at(started, days)
    if n:
        expected = calendar.shift(expected, parse_count(n))
    if case.legal_clock.due_at != expected:
        world.fail(f"Mong đợi hạn giải quyết {show_moment(expected)} ({days} ngày làm việc kể từ khi tiếp "
                   f"nhận {show_moment(started)}" + (f", cộng {n} ngày tạm dừng" if n else "")
                   + f"), nhưng là {show_moment(case.legal_clock.due_at)}.")


@then(parsers.re(r"(?i)hạn giải quyết (?:đã )?lùi (?P<n>\w+) ngày làm việc"))
@then(parsers.re(r"(?i)the due date moved (?P<n>\w+) working days? later"))
def due_moved(world: World, n: str) -> None:
    """Since receipt, the due date moved by N working days (the time the citizen took to supplement)."""
    started = world.events("legal_clock_started")
    due = world.current().legal_clock.due_at
    if not started or started[0].to_state is None or due is None:
        world.fail("Hồ sơ chưa có hạn giải quyết (chưa được tiếp nhận).")
    first = as_aware(started[0].to_state)
    expected = world.engine.calendar.shift(first, parse_count(n))
    if due != expected:
        world.fail(f"Mong đợi hạn giải quyết lùi {n} ngày làm việc, từ {show_moment(first)} đến "
                   f"{show_moment(expected)}, nhưng là {show_moment(due)}.")


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


@then(parsers.re(r"(?i)hồ sơ (?P<negated>không )?(?:đã )?(?:qua|đi qua) (?:bước )?\"(?P<name>[^\"]+)\""))
@then(parsers.re(r"(?i)the case (?P<negated>did not )?(?:passed|pass) \"(?P<name>[^\"]+)\""))
def passed_element(world: World, negated: str | None, name: str) -> None:
    """The case went (or did not go) through a diagram element: a task, an event, a gateway."""
    wanted = normalise(name)
    done = [e for e in world.events("element_completed") if wanted == str(e.element_id).casefold()
            or words_in_order(wanted, str(e.data.get("name") or ""))]
    if bool(done) == bool(negated):
        world.fail(f"Mong đợi hồ sơ {'không ' if negated else ''}đi qua \"{name}\", nhưng "
                   f"{'đã' if done else 'chưa'} đi qua. {'' if done else world.explain_element(name, None)}")


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


@then(parsers.re(r"(?i)Cổng (?:DVC|dịch vụ công)(?: quốc gia)? đã nhận trạng thái \"?(?P<status>[^\"]+)\"?"))
@then(parsers.re(r"(?i)the portal received the status \"?(?P<status>[^\"]+)\"?"))
def portal_received(world: World, status: str) -> None:
    """The portal was told of this status at some point (whatever came after)."""
    wanted = parse_status(status)
    rows = _outbox(world)
    if int(wanted) not in rows:
        world.fail(f"Mong đợi Cổng DVC đã nhận trạng thái {int(wanted)} ({wanted.label_vi}); đã nhận {rows}.")


def _outbox(world: World) -> list[int]:
    with world.engine.store.transaction(write=False) as tx:
        return [int(row.payload["status"]) for row in tx.outbox_rows(world.current().id)]


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
