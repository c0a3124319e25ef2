"""Statements on the hot path of every engine operation, built and compiled once.

Building a SQLAlchemy statement per call (coercions, cache key) costs about 100 µs on this machine and
executing a built one through Core about 35 µs; a Prepared statement on the driver's cursor costs a few µs.
An engine step runs five to seven of them (bench/engine.py has the figures).
"""

from __future__ import annotations

from functools import cache

from sqlalchemy import LABEL_STYLE_TABLENAME_PLUS_COL, Table, bindparam, delete, insert, or_, select, update

from . import tables as t
from .prepared import Prepared

OPEN_TASK_STATES = ("ready", "claimed")
# `state IN (…)` would compile to an expanding parameter, which a Prepared statement cannot hold.
TASK_IS_OPEN = or_(*(t.tasks.c.state == state for state in OPEN_TASK_STATES))


def _insert(table: Table, skip: tuple[str, ...] = ()) -> Prepared:
    """INSERT naming every column but `skip` (autoincrement keys must not be sent as NULL)."""
    return Prepared(
        insert(table).values({c.name: bindparam(c.name) for c in table.columns if c.name not in skip})
    )


ACTIVE_VERSION = Prepared(
    select(t.versions)
    .where(t.versions.c.procedure == bindparam("procedure"), t.versions.c.variant == bindparam("variant"),
           t.versions.c.status == "active")
    .order_by(t.versions.c.number.desc())
    .limit(1)
)

GET_CASE = Prepared(select(t.cases).where(t.cases.c.id == bindparam("id")))
GET_CASE_BY_CODE = Prepared(select(t.cases).where(t.cases.c.dossier_code == bindparam("code")))
INSERT_CASE = _insert(t.cases)


@cache
def update_case(columns: tuple[str, ...]) -> Prepared:
    """UPDATE of these case columns, version-checked: a step sets only what it changed, so an unchanged
    indexed column (status, applicant, due date) costs no index rewrite (SQLite rewrites an index whenever
    its column is in the SET list, whatever the value)."""
    return Prepared(
        update(t.cases)
        .where(t.cases.c.id == bindparam("w_id"), t.cases.c.version == bindparam("w_version"))
        .values({name: bindparam(f"v_{name}") for name in columns})
    )


GET_TASK = Prepared(select(t.tasks).where(t.tasks.c.id == bindparam("id")))
# A task and its case in one round trip (completing a task needs both, before anything else).
GET_TASK_AND_CASE = Prepared(
    select(t.tasks, t.cases)
    .join(t.cases, t.cases.c.id == t.tasks.c.case_id)
    .where(t.tasks.c.id == bindparam("id"))
    .set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL)
)
INSERT_TASK = _insert(t.tasks)
CLOSE_TASK = Prepared(
    update(t.tasks)
    .where(t.tasks.c.id == bindparam("w_id"), TASK_IS_OPEN)
    .values(state=bindparam("v_state"), completed_by=bindparam("v_by"), completed_at=bindparam("v_at"))
)
OPEN_TASKS_OF_CASE = Prepared(
    select(t.tasks, t.cases.c.dossier_code)
    .join(t.cases, t.cases.c.id == t.tasks.c.case_id)
    .where(t.tasks.c.case_id == bindparam("case_id"), TASK_IS_OPEN)
    .order_by(t.tasks.c.created_at, t.tasks.c.id)
)

DELETE_TIMERS = Prepared(delete(t.timers).where(t.timers.c.case_id == bindparam("case_id")))
DELETE_SUBSCRIPTIONS = Prepared(
    delete(t.subscriptions).where(t.subscriptions.c.case_id == bindparam("case_id"))
)
INSERT_TIMER = _insert(t.timers)
INSERT_SUBSCRIPTION = _insert(t.subscriptions, skip=("id",))
FIND_SUBSCRIPTIONS = Prepared(
    select(t.subscriptions).where(
        t.subscriptions.c.message == bindparam("message"),
        t.subscriptions.c.correlation == bindparam("correlation"),
    )
)

INSERT_EVENT = _insert(t.events, skip=("id",))
INSERT_OUTBOX = _insert(t.outbox, skip=("id",))
