"""SQL aggregates of the monthly report (docs/reports.md defines every measure).

One row of facts per case that had to be processed in the period, computed in SQL from the cases, tasks,
events, outbox and documents tables; then sums grouped by (agency, procedure), by procedure, and in total.
No workflow is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, func, literal, not_, or_, select

from . import tables as t
from .codes import CITIZEN_ROLE
from .statements import OPEN_TASK_STATES
from .unit import Transactions
from .worker_tables import documents

VN_OFFSET = "+7 hours"  # Vietnam keeps no daylight saving time: local = UTC+7 all year
VN_ZONE = "Asia/Ho_Chi_Minh"
NOTHING_TO_COLLECT = (3, 7, 8)  # not received, withdrawn, stopped: no result to hand over
COUNTS = (
    "received",
    "carried_over",
    "to_process",
    "in_progress",
    "in_progress_late",
    "in_progress_near_due",
    "finished",
    "finished_early",
    "finished_on_time",
    "finished_late",
    "not_collected",
    "fully_online",
    "payments",
    "paid_online",
    "digitised",
    "status_changes",
    "synced",
)


@dataclass(frozen=True)
class Period:
    """The month reported on: [start, end), figures as of `at` (the month's end, or now if earlier);
    `near` is when "near due" ends (the close of the next working day after `at`)."""

    start: datetime
    end: datetime
    at: datetime
    near: datetime


@dataclass(frozen=True)
class Sums:
    """The counts of one group."""

    agency: str | None
    procedure: str | None
    counts: dict[str, int]


def monthly_sums(
    store: Transactions, period: Period, agency: str | None = None
) -> tuple[list[Sums], list[Sums], Sums]:
    """Sums by (agency, procedure), by procedure, and in total — over one agency's cases when given."""
    facts = _facts(period, agency, sqlite=store.is_sqlite).subquery("facts")
    sums = [func.coalesce(func.sum(facts.c[name]), 0).label(name) for name in COUNTS]
    worked = _agencies_of_cases().subquery("worked")
    by_agency = (
        select(worked.c.agency, facts.c.procedure, *sums)
        .join(worked, worked.c.case_id == facts.c.id)
        .group_by(worked.c.agency, facts.c.procedure)
        .order_by(worked.c.agency, facts.c.procedure)
    )
    if agency is not None:
        by_agency = by_agency.where(worked.c.agency == agency)
    by_procedure = select(facts.c.procedure, *sums).group_by(facts.c.procedure).order_by(facts.c.procedure)
    total = select(*sums)
    with store.transaction(write=False) as tx:
        rows = [Sums(r.agency, r.procedure, _counts(r)) for r in tx.c.execute(by_agency)]
        procedures = [Sums(None, r.procedure, _counts(r)) for r in tx.c.execute(by_procedure)]
        overall = Sums(None, None, _counts(tx.c.execute(total).one()))
    return rows, procedures, overall


def _agencies_of_cases() -> Any:
    """(case, agency) for every agency that had a task in a case (citizen lanes are no agency)."""
    return (
        select(t.tasks.c.case_id, t.tasks.c.agency)
        .where(t.tasks.c.agency.is_not(None), t.tasks.c.role != CITIZEN_ROLE)
        .distinct()
    )


def _facts(period: Period, agency: str | None, *, sqlite: bool) -> Any:
    c = t.cases.c
    start, end, at = period.start, period.end, period.at
    closed = func.coalesce(c.finished_at, case((c.completed.is_(True), c.updated_at)))
    received = and_(c.received_at >= start, c.received_at < end)
    finished = and_(closed.is_not(None), closed < at)
    running = not_(finished)
    paused = and_(c.paused_at.is_not(None), c.paused_at < at)
    early = and_(finished, c.due_at.is_not(None), _day(closed, sqlite) < _day(c.due_at, sqlite))
    late = and_(finished, c.due_at.is_not(None), closed > c.due_at)
    open_late = and_(running, not_(paused), c.due_at < at)
    open_near = and_(running, not_(paused), c.due_at >= at, c.due_at <= period.near)
    collected = and_(c.returned_at.is_not(None), c.returned_at < at)
    uncollected = and_(
        finished, c.finished_at.is_not(None), not_(collected), c.status.not_in(NOTHING_TO_COLLECT)
    )
    touched = exists().where(t.events.c.case_id == c.id, t.events.c.kind == "citizen_touchpoint")
    paid = exists().where(t.events.c.case_id == c.id, t.events.c.kind == "payment")
    paid_online = exists().where(
        t.events.c.case_id == c.id, t.events.c.kind == "payment", t.events.c.to_state == "online"
    )
    digitised = exists().where(documents.c.case_id == c.id, documents.c.component.is_not(None))
    # Portal status rows only: messages to other agencies go through the same outbox
    # (engine/agencies/exchange.py).
    changes = and_(
        t.outbox.c.case_id == c.id,
        t.outbox.c.kind == "status",
        t.outbox.c.created_at >= start,
        t.outbox.c.created_at < at,
    )
    query = select(
        c.id,
        c.procedure,
        _flag(received).label("received"),
        _flag(c.received_at < start).label("carried_over"),
        literal(1).label("to_process"),
        _flag(running).label("in_progress"),
        _flag(open_late).label("in_progress_late"),
        _flag(open_near).label("in_progress_near_due"),
        _flag(finished).label("finished"),
        _flag(early).label("finished_early"),
        _flag(and_(finished, not_(early), not_(late))).label("finished_on_time"),
        _flag(late).label("finished_late"),
        _flag(uncollected).label("not_collected"),
        _flag(and_(received, c.channel == "online", not_(touched))).label("fully_online"),
        _flag(and_(received, paid)).label("payments"),
        _flag(and_(received, paid_online)).label("paid_online"),
        _flag(and_(received, digitised)).label("digitised"),
        select(func.count()).where(changes).scalar_subquery().label("status_changes"),
        select(func.count())
        .where(changes, t.outbox.c.delivered_at.is_not(None))
        .scalar_subquery()
        .label("synced"),
    ).where(
        c.received_at < end,
        or_(closed.is_(None), closed >= start),
        # Implied by the line above; said plainly so that ix_cases_finished_at finds the month's cases
        # without reading ten years of finished ones.
        or_(c.finished_at.is_(None), c.finished_at >= start),
    )
    if agency is not None:
        # Asked case by case (EXISTS), so that the month's cases are found first, not all the agency's.
        query = query.where(exists().where(t.tasks.c.case_id == c.id, t.tasks.c.agency == agency,
                                           t.tasks.c.role != CITIZEN_ROLE))
    return query


def _flag(condition: ColumnElement[bool]) -> Any:
    return case((condition, 1), else_=0)


def _day(column: Any, sqlite: bool) -> Any:
    """The Vietnamese calendar day of a stored instant (SQLite keeps UTC text; PostgreSQL timestamptz)."""
    if sqlite:
        return func.date(column, VN_OFFSET)
    return func.date(func.timezone(VN_ZONE, column))


def _counts(row: Any) -> dict[str, int]:
    return {name: int(row._mapping[name]) for name in COUNTS}


@dataclass(frozen=True)
class Totals:
    """Database-wide totals since the first case (what /metrics exports as counters and gauges)."""

    cases_started: int
    cases_completed: int
    tasks_completed: int
    open_tasks: dict[tuple[str, str], int]


def totals(store: Transactions) -> Totals:
    """Cases started and completed, tasks completed, open tasks by (agency, role): one read snapshot."""
    count = func.count()
    with store.transaction(write=False) as tx:
        started, completed = tx.c.execute(
            select(count, func.coalesce(func.sum(case((t.cases.c.completed.is_(True), 1), else_=0)), 0))
            .select_from(t.cases)).one()
        done = tx.c.execute(
            select(count).select_from(t.tasks).where(t.tasks.c.state == "completed")).scalar_one()
        open_rows = tx.c.execute(
            select(t.tasks.c.agency, t.tasks.c.role, count)
            .where(t.tasks.c.state.in_(OPEN_TASK_STATES)).group_by(t.tasks.c.agency, t.tasks.c.role)
        ).all()
    lanes = {(r[0] or "", r[1] or ""): int(r[2]) for r in open_rows}
    return Totals(int(started), int(completed), int(done), lanes)
