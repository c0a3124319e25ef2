"""Steps that check where a case is: where it waits, what it went through and sent, its legal clock."""

from __future__ import annotations

from pytest_bdd import parsers, then

from engine import Position
from engine.bpmn.elements import HUMAN_TASKS
from engine.time.clock import VN_TZ, as_aware
from features.support.agencies import resolve_agency, sent_messages
from features.support.describe import positions
from features.support.phrases import (
    StepProblem,
    normalise,
    parse_count,
    parse_day,
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
    """The due date is the published deadline that applies, in working days from receipt (plus paused days).

    That is the variant's `overall`, or the deadline chosen after reception (`legal_clock=set`: a copy the
    same day, a correction in 5 days), plus the lawful extensions since (`legal_clock=extend`).
    """
    case = world.current()
    days = _published_days(world)
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


def _published_days(world: World) -> int | None:
    """The deadline in working days that applies: `overall`, or the one set after reception, extended."""
    days = world.model.deadlines.get("overall")
    for event in world.events():
        if event.kind == "legal_clock_set":
            days = int(event.data["days"])
        elif event.kind == "legal_clock_extended" and days is not None:
            days += int(event.data["days"])
    return days


@then(parsers.re(r"(?i)hạn giải quyết (?:được )?tính từ (?:ngày )?(?P<day>.+)"))
@then(parsers.re(r"(?i)the deadline counts from (?P<day>.+)"))
def counted_from(world: World, day: str) -> None:
    """The published deadline counts from that working day: the receipt day, or the next one after 15:00.

    Counted here day by day on the working-day calendar (the day itself, then N more working days, due at
    17:00), not by the engine's cut-off, so "after 15:00" is checked, not repeated.
    """
    first, _ = parse_day(day)
    calendar = world.engine.calendar
    days = _published_days(world)
    if days is None:
        world.fail("Không kiểm tra được: biến thể không công bố thời hạn 'overall'.")
    if not calendar.is_working_day(first):
        raise StepProblem(f"{first:%d/%m/%Y} không phải ngày làm việc; hạn chỉ tính từ một ngày làm việc")
    last = first
    for _ in range(days):
        last = calendar.next_working_day(last)
    due = world.current().legal_clock.due_at
    local = due.astimezone(VN_TZ) if due else None
    if local is None or local.date() != last:
        received = show_moment(world.current().legal_clock.started_at)
        world.fail(f"Mong đợi hạn tính từ {first:%d/%m/%Y}: {days} ngày làm việc, hạn {last:%d/%m/%Y} 17:00; "
                   f"nhưng hạn là {show_moment(due)} (tiếp nhận {received}).")


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
