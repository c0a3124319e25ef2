"""The queries behind the API's lists: a page of cases or of tasks with how many match in all, and what a
work list shows of each task's case (a part of Tx, kept in its own module)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields
from datetime import datetime

from sqlalchemy import Connection, func, or_, select

from . import statements as q
from . import tables as t
from .codes import CITIZEN_ROLE
from .errors import CaseUnreadableError
from .records import CaseRecord, TaskRecord, WorkCase
from .rows import case_record, record_from_row

# GET /cases counts its matches up to this many (docs/api.md): from it on, "at least 10,000".
CASE_TOTAL_CAP = 10_000


class ListQueries:
    """Tx's list queries."""

    c: Connection

    def list_cases(
        self,
        *,
        procedure: str | None = None,
        status: Sequence[int] | None = None,
        applicant: str | None = None,
        agency: str | None = None,
        overdue_at: datetime | None = None,
        completed: bool | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[CaseRecord], int, list[str]]:
        """Cases matching the filters (newest first), how many match (exact below CASE_TOTAL_CAP, at least
        that many from it on), and the ids of rows that cannot be read (left out instead of breaking the
        page)."""
        query = select(t.cases)
        if procedure is not None:
            query = query.where(t.cases.c.procedure == procedure)
        if status:
            query = query.where(t.cases.c.status.in_(list(status)))
        if applicant is not None:
            query = query.where(t.cases.c.applicant == applicant)
        if completed is not None:
            query = query.where(t.cases.c.completed == completed)
        if agency is not None:
            # Per case, from two indexes: the page walks its index newest first and stops after `limit`
            # matches, where `id IN (every case of the agency)` built that whole set first.
            with_agency = select(t.tasks.c.case_id).where(
                t.tasks.c.case_id == t.cases.c.id, t.tasks.c.agency == agency)
            taking_part = select(t.case_parties.c.case_id).where(
                t.case_parties.c.case_id == t.cases.c.id, t.case_parties.c.agency == agency)
            query = query.where(or_(with_agency.exists(), taking_part.exists()))
        if overdue_at is not None:
            query = query.where(
                t.cases.c.due_at < overdue_at,
                t.cases.c.completed.is_(False),
                t.cases.c.finished_at.is_(None),
                t.cases.c.paused_at.is_(None),
            )
        # Ids only: ix_cases_listing or ix_cases_procedure_listing answers them without a case row (overdue
        # cases come from the open cases' rows, a twentieth of them).
        matching = query.with_only_columns(t.cases.c.id)
        # An exact count reads every match (400,000 for a large agency at 1M cases): count up to a bound.
        bound = max(CASE_TOTAL_CAP, offset + limit + 1)
        counted = select(func.count()).select_from(matching.limit(bound).subquery())
        total = int(self.c.execute(counted).scalar_one())
        # The page's ids, then their rows: sorting whole rows would carry each match's state through the sort.
        newest = matching.order_by(t.cases.c.created_at.desc(), t.cases.c.id).limit(limit).offset(offset)
        ids = list(self.c.execute(newest).scalars())
        by_id = {row.id: row for row in self.c.execute(select(t.cases).where(t.cases.c.id.in_(ids)))}
        records, unreadable = [], []
        for row in (by_id[i] for i in ids):
            try:
                records.append(case_record(row))
            except CaseUnreadableError as exc:
                unreadable.append(exc.case_id)
        return records, total, unreadable

    def list_tasks(
        self,
        *,
        case_id: str | None = None,
        grants: Sequence[tuple[str, str]] | None = None,
        agency: str | None = None,
        lane: str | None = None,
        role: str | None = None,
        applicant: str | None = None,
        states: Sequence[str] = q.OPEN_TASK_STATES,
        limit: int = 100,
        offset: int = 0,
    ) -> tuple[list[TaskRecord], int]:
        """Open tasks, filtered, and how many match in all; `grants` limits to (agency, role) pairs the
        caller holds, `applicant` to the citizen lanes of that citizen's own cases."""
        query = select(t.tasks).where(t.tasks.c.state.in_(list(states)))
        if applicant is not None:
            own = select(t.cases.c.id).where(t.cases.c.applicant == applicant)
            query = query.where(t.tasks.c.role == CITIZEN_ROLE, t.tasks.c.case_id.in_(own))
        for column, value in (("case_id", case_id), ("agency", agency), ("lane", lane), ("role", role)):
            if value is not None:
                query = query.where(t.tasks.c[column] == value)
        if grants is not None:
            if not grants:
                return [], 0
            query = query.where(or_(*[(t.tasks.c.agency == a) & (t.tasks.c.role == r) for a, r in grants]))
        total = self.c.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        rows = self.c.execute(query.order_by(t.tasks.c.created_at, t.tasks.c.id).limit(limit).offset(offset))
        return [record_from_row(TaskRecord, r) for r in rows], int(total)

    def work_cases(self, case_ids: Iterable[str]) -> dict[str, WorkCase]:
        """What work lists show of the given cases (plain columns: a corrupt state or summary is not read)."""
        ids = list(case_ids)
        if not ids:
            return {}
        columns = [t.cases.c[f.name] for f in fields(WorkCase)]
        rows = self.c.execute(select(*columns).where(t.cases.c.id.in_(ids)))
        return {r.id: record_from_row(WorkCase, r) for r in rows}
