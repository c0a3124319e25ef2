"""Tx: the store's operations inside one transaction (one engine operation)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from . import statements as q
from . import tables as t
from .errors import ConflictError
from .list_queries import ListQueries
from .records import (
    CaseRecord,
    EventRecord,
    OutboxRecord,
    SubscriptionRecord,
    TaskRecord,
    TimerRecord,
    VersionRecord,
)
from .rows import case_record, case_row, record_from_row, row_from_record

R = TypeVar("R")
OPEN_TASK_STATES = q.OPEN_TASK_STATES


class Tx(ListQueries):
    """The store's operations inside one transaction; the caller (Store.transaction) commits."""

    def __init__(self, connection: Connection, is_sqlite: bool) -> None:
        self.c = connection
        self.is_sqlite = is_sqlite

    # -- bundles and versions -------------------------------------------------------------------
    def put_bundle(self, bundle_hash: str, slug: str, variant: str, content: str, now: datetime) -> None:
        """Store a bundle once per hash."""
        if self.c.execute(select(t.bundles.c.hash).where(t.bundles.c.hash == bundle_hash)).first() is None:
            self.c.execute(
                insert(t.bundles).values(
                    hash=bundle_hash, slug=slug, variant=variant, content=content, created_at=now
                )
            )

    def get_bundle(self, bundle_hash: str) -> str | None:
        """A bundle's JSON by hash."""
        row = self.c.execute(select(t.bundles.c.content).where(t.bundles.c.hash == bundle_hash)).first()
        return None if row is None else str(row[0])

    def add_version(
        self,
        procedure: str,
        variant: str,
        bundle_hash: str,
        status: str,
        created_by: str,
        now: datetime,
        note: str = "",
    ) -> VersionRecord:
        """Append the next numbered version of a procedure variant."""
        number = self.c.execute(
            select(func.coalesce(func.max(t.versions.c.number), 0) + 1).where(
                t.versions.c.procedure == procedure, t.versions.c.variant == variant
            )
        ).scalar_one()
        values = dict(
            procedure=procedure,
            variant=variant,
            number=number,
            bundle_hash=bundle_hash,
            status=status,
            created_by=created_by,
            created_at=now,
            note=note,
        )
        if status == "active":
            values.update(activated_by=created_by, activated_at=now)
        try:
            new_id = self.c.execute(
                insert(t.versions).values(**values).returning(t.versions.c.id)
            ).scalar_one()
        except IntegrityError as exc:
            raise ConflictError("another version was added at the same moment; retry") from exc
        return VersionRecord(id=new_id, **values)

    def versions(self, procedure: str | None = None, variant: str | None = None) -> list[VersionRecord]:
        """Versions, newest first."""
        query = select(t.versions).order_by(t.versions.c.id.desc())
        if procedure is not None:
            query = query.where(t.versions.c.procedure == procedure)
        if variant is not None:
            query = query.where(t.versions.c.variant == variant)
        return [record_from_row(VersionRecord, r) for r in self.c.execute(query)]

    def get_version(self, version_id: int) -> VersionRecord | None:
        """One version by id."""
        row = self.c.execute(select(t.versions).where(t.versions.c.id == version_id)).first()
        return None if row is None else record_from_row(VersionRecord, row)

    def active_version(self, procedure: str, variant: str) -> VersionRecord | None:
        """The newest active version of a variant."""
        rows = q.ACTIVE_VERSION.fetch(self.c, {"procedure": procedure, "variant": variant})
        return record_from_row(VersionRecord, rows[0]) if rows else None

    def set_version_status(self, version_id: int, status: str, by: str | None, now: datetime) -> None:
        """Activate or retire a version."""
        values: dict[str, Any] = {"status": status}
        if status == "active":
            values.update(activated_by=by, activated_at=now)
        self.c.execute(update(t.versions).where(t.versions.c.id == version_id).values(**values))

    # -- cases ------------------------------------------------------------------------------------
    def insert_case(self, case: CaseRecord) -> None:
        """Create a case row."""
        # Prepared statements run on the driver's cursor: its own IntegrityError arrives, not SQLAlchemy's.
        try:
            q.INSERT_CASE.execute(self.c, row_from_record(case))
        except (IntegrityError, self.c.dialect.loaded_dbapi.IntegrityError) as exc:
            raise ConflictError(f"a case with dossier code {case.dossier_code} already exists") from exc

    def get_case(self, case_id: str) -> CaseRecord | None:
        """A case by id."""
        rows = q.GET_CASE.fetch(self.c, {"id": case_id})
        return case_record(rows[0]) if rows else None

    def get_case_by_code(self, dossier_code: str) -> CaseRecord | None:
        """A case by dossier code (mã hồ sơ)."""
        rows = q.GET_CASE_BY_CODE.fetch(self.c, {"code": dossier_code})
        return case_record(rows[0]) if rows else None

    def update_case(
        self, case: CaseRecord, expected_version: int, read_as: Mapping[str, Any] | None = None
    ) -> None:
        """Write a case back, only if nobody changed it since `expected_version` was read; given the row as
        it was read (`case_row`), only the columns that differ from it are set."""
        row = case_row(case)
        changed = tuple(k for k, v in row.items() if read_as is None or read_as.get(k) != v or k == "version")
        values = {f"v_{k}": row[k] for k in changed}
        statement = q.update_case(changed)
        if statement.execute(self.c, {"w_id": case.id, "w_version": expected_version, **values}) != 1:
            raise ConflictError(
                f"case {case.dossier_code} was changed by someone else (expected version {expected_version})",
                hint="reload the case and try again",
            )

    # -- tasks ------------------------------------------------------------------------------------
    def get_task_and_case(self, task_id: str) -> tuple[TaskRecord | None, CaseRecord | None]:
        """A task row and its case row, in one statement."""
        rows = q.GET_TASK_AND_CASE.fetch(self.c, {"id": task_id})
        if not rows:
            return None, None
        task = {k.removeprefix("tasks_"): v for k, v in rows[0].items() if k.startswith("tasks_")}
        case = {k.removeprefix("cases_"): v for k, v in rows[0].items() if k.startswith("cases_")}
        return record_from_row(TaskRecord, task), case_record(case)

    def get_task(self, task_id: str) -> TaskRecord | None:
        """A task row by id."""
        rows = q.GET_TASK.fetch(self.c, {"id": task_id})
        return record_from_row(TaskRecord, rows[0]) if rows else None

    def insert_tasks(self, records: Sequence[TaskRecord]) -> None:
        """Add newly ready tasks."""
        if records:
            q.INSERT_TASK.execute_many(self.c, [row_from_record(r) for r in records])

    def close_tasks(self, task_ids: Iterable[str], state: str, by: str | None, now: datetime) -> int:
        """Mark open tasks completed or cancelled; returns how many were still open."""
        ids = list(task_ids)
        if not ids:
            return 0
        return sum(
            q.CLOSE_TASK.execute(self.c, {"w_id": task_id, "v_state": state, "v_by": by, "v_at": now})
            for task_id in ids
        )

    def claim_task(self, task_id: str, actor: str) -> bool:
        """Claim a ready task (or re-claim one's own); False if someone else holds it or it is closed."""
        result = self.c.execute(
            update(t.tasks)
            .where(
                t.tasks.c.id == task_id,
                t.tasks.c.state.in_(OPEN_TASK_STATES),
                or_(t.tasks.c.claimed_by.is_(None), t.tasks.c.claimed_by == actor),
            )
            .values(state="claimed", claimed_by=actor)
        )
        return bool(result.rowcount == 1)

    def release_task(self, task_id: str, actor: str) -> bool:
        """Give a claimed task back to the lane."""
        result = self.c.execute(
            update(t.tasks)
            .where(t.tasks.c.id == task_id, t.tasks.c.state == "claimed", t.tasks.c.claimed_by == actor)
            .values(state="ready", claimed_by=None)
        )
        return bool(result.rowcount == 1)

    def open_tasks_of_case(self, case_id: str) -> list[tuple[TaskRecord, str]]:
        """A case's open tasks with its dossier code (the common work-list query, in one statement)."""
        rows = q.OPEN_TASKS_OF_CASE.fetch(self.c, {"case_id": case_id})
        return [(record_from_row(TaskRecord, r), r["dossier_code"]) for r in rows]

    def case_agencies(self, case_id: str) -> set[str]:
        """Agencies that have (or had) a task in a case, or take part in it: the ones allowed to see it."""
        tasks = select(t.tasks.c.agency).where(t.tasks.c.case_id == case_id)
        parties = select(t.case_parties.c.agency).where(t.case_parties.c.case_id == case_id)
        return {r[0] for r in self.c.execute(tasks.union(parties)) if r[0]}

    def task_agencies(self, case_id: str) -> set[str]:
        """Agencies that have (or had) a task in a case: the ones that work it."""
        rows = self.c.execute(select(t.tasks.c.agency).where(t.tasks.c.case_id == case_id).distinct())
        return {r[0] for r in rows if r[0]}

    def add_parties(self, case_id: str, agencies: Iterable[str]) -> None:
        """Record agencies taking part in a case (messages to or from them), once each."""
        new = set(agencies) - self.case_agencies(case_id) if agencies else set()
        if new:
            self.c.execute(insert(t.case_parties), [{"case_id": case_id, "agency": a} for a in sorted(new)])

    # -- timers and subscriptions -----------------------------------------------------------------
    def replace_waits(
        self,
        case_id: str,
        timer_rows: Sequence[TimerRecord],
        subscription_rows: Sequence[SubscriptionRecord],
        had_waits: bool = True,
    ) -> None:
        """Make a case's timer and subscription rows match what its workflow now waits for."""
        if had_waits:
            q.DELETE_TIMERS.execute(self.c, {"case_id": case_id})
            q.DELETE_SUBSCRIPTIONS.execute(self.c, {"case_id": case_id})
        q.INSERT_TIMER.execute_many(self.c, [row_from_record(r) for r in timer_rows])
        q.INSERT_SUBSCRIPTION.execute_many(self.c, [row_from_record(r) for r in subscription_rows])

    def due_timers(self, now: datetime, limit: int, exclude: Iterable[str] = ()) -> list[TimerRecord]:
        """Due timers, earliest first (not locked: the save that fires one locks it, see lock_timer)."""
        query = select(t.timers).where(t.timers.c.due_at <= now).order_by(t.timers.c.due_at).limit(limit)
        skip = list(exclude)
        if skip:
            query = query.where(t.timers.c.task_id.not_in(skip))
        return [record_from_row(TimerRecord, r) for r in self.c.execute(query)]

    def lock_timer(self, task_id: str) -> TimerRecord | None:
        """A waiting timer, locked for this transaction; None once it is gone, or while another
        transaction holds it (PostgreSQL, SKIP LOCKED): whoever holds it fires it."""
        query = select(t.timers).where(t.timers.c.task_id == task_id)
        if not self.is_sqlite:
            query = query.with_for_update(skip_locked=True)
        row = self.c.execute(query).first()
        return None if row is None else record_from_row(TimerRecord, row)

    def timers_of(self, case_id: str) -> list[TimerRecord]:
        """A case's waiting timers."""
        return self.timers_of_cases([case_id])

    def timers_of_cases(self, case_ids: Iterable[str]) -> list[TimerRecord]:
        """The waiting timers of several cases (one query for a page of cases)."""
        rows = self.c.execute(
            select(t.timers).where(t.timers.c.case_id.in_(list(case_ids))).order_by(t.timers.c.due_at)
        )
        return [record_from_row(TimerRecord, r) for r in rows]

    def next_timer_due(self) -> datetime | None:
        """When the earliest waiting timer is due."""
        value = self.c.execute(select(func.min(t.timers.c.due_at))).scalar_one()
        if value is None:
            return None
        return t.UtcDateTime().process_result_value(value, self.c.dialect)

    def find_subscriptions(self, message: str, correlation: str) -> list[SubscriptionRecord]:
        """Cases waiting for `message` with this correlation value."""
        rows = q.FIND_SUBSCRIPTIONS.fetch(self.c, {"message": message, "correlation": correlation})
        return [record_from_row(SubscriptionRecord, r) for r in rows]

    def subscriptions_of(self, case_id: str) -> list[SubscriptionRecord]:
        """The messages a case waits for."""
        rows = self.c.execute(select(t.subscriptions).where(t.subscriptions.c.case_id == case_id))
        return [record_from_row(SubscriptionRecord, r) for r in rows]

    # -- events and outbox ------------------------------------------------------------------------
    def append_events(self, records: Sequence[EventRecord]) -> None:
        """Append audit events (never updated, never deleted)."""
        if records:
            q.INSERT_EVENT.execute_many(self.c, [row_from_record(r, skip=("id",)) for r in records])

    def events(self, case_id: str, kinds: Sequence[str] | None = None) -> list[EventRecord]:
        """A case's events in order."""
        query = select(t.events).where(t.events.c.case_id == case_id)
        if kinds:
            query = query.where(t.events.c.kind.in_(list(kinds)))
        return [record_from_row(EventRecord, r) for r in self.c.execute(query.order_by(t.events.c.id))]

    def count_events(self, kind: str, case_id: str | None = None) -> int:
        """How many events of a kind (for one case or all)."""
        query = select(func.count()).select_from(t.events).where(t.events.c.kind == kind)
        if case_id is not None:
            query = query.where(t.events.c.case_id == case_id)
        return int(self.c.execute(query).scalar_one())

    def add_outbox(self, records: Sequence[OutboxRecord]) -> None:
        """Queue status changes for the national portal, in the caller's transaction."""
        if records:
            q.INSERT_OUTBOX.execute_many(self.c, [row_from_record(r, skip=("id",)) for r in records])

    def outbox_rows(self, case_id: str | None = None) -> list[OutboxRecord]:
        """Outbox rows in order (of a case, or all)."""
        query = select(t.outbox).order_by(t.outbox.c.id)
        if case_id is not None:
            query = query.where(t.outbox.c.case_id == case_id)
        return [record_from_row(OutboxRecord, r) for r in self.c.execute(query)]
