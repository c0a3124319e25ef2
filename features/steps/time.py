"""Steps that move time: a given moment, working days or hours passing, the legal deadline going by."""

from __future__ import annotations

from datetime import timedelta

from pytest_bdd import parsers, step

from features.support.agencies import agency_share_passes, resolve_agency
from features.support.phrases import parse_count, parse_day, parse_moment
from features.support.world import World


@step(parsers.re(r"(?i)(?:bây giờ|hôm nay) là (?P<when>.+)"))
@step(parsers.re(r"(?i)it is (?:now )?(?P<when>.+)"))
def now_is(world: World, when: str) -> None:
    """The clock shows a given date and time (weekday checked); timers that fell due fire."""
    world.set_now(parse_moment(when))


@step(parsers.re(r"(?i)(?:qua |sau )?(?P<n>\w+) ngày làm việc(?: trôi qua| sau)?"))
@step(parsers.re(r"(?i)(?P<n>\w+) working days? (?:pass|passes|go by|later)"))
def working_days_pass(world: World, n: str) -> None:
    """N working days go by (weekends and holidays skipped), firing timers day by day."""
    world.pass_working_days(parse_count(n))


@step(parsers.re(r"(?i)(?:qua |sau )?(?P<n>\w+) giờ(?: trôi qua| sau)?"))
@step(parsers.re(r"(?i)(?P<n>\w+) hours? (?:pass|passes|go by|later)"))
def hours_pass(world: World, n: str) -> None:
    """N hours of calendar time go by."""
    world.pass_time(timedelta(hours=parse_count(n)))


@step(parsers.re(r"(?i)(?:hết|quá) phần thời hạn của \"(?P<agency>[^\"]+)\"(?: mà chưa có kết quả)?"))
@step(parsers.re(r"(?i)the share of the deadline of \"(?P<agency>[^\"]+)\" runs out"))
def agency_share_runs_out(world: World, agency: str) -> None:
    """The agency's own share of the deadline (its timer in the diagram) runs out without its reply."""
    agency_share_passes(world, resolve_agency(world, agency))


@step(parsers.re(r"(?i)(?:đã )?(?:quá|qua) hạn giải quyết(?: mà chưa có kết quả)?"))
@step(parsers.re(r"(?i)the legal deadline passes"))
def deadline_passes(world: World) -> None:
    """The case's appointment goes by: its legal due date (after pauses), or a later new appointment date."""
    case = world.current()
    due = case.legal_clock.due_at
    if due is None:
        world.fail("Hồ sơ chưa có hạn giải quyết: đồng hồ pháp lý chưa bắt đầu (chưa tiếp nhận).")
    if case.summary.get("appointment"):
        due = max(due, world.engine.calendar.end_of_day(parse_day(str(case.summary["appointment"]))[0]))
    world.set_now(max(due + timedelta(minutes=1), world.clock.now()))
