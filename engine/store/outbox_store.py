"""The outbox as a work queue: lease the next status changes of each case, settle them, replay dead letters.

Order per case: only a case's oldest undelivered change (its head) can be leased, together with the
changes right behind it; the next one becomes a head only once the one before it is delivered. Several
workers share the queue on PostgreSQL (`FOR UPDATE SKIP LOCKED` while leasing); on SQLite the write lock
serialises them. A lease expires: a crashed worker's rows are leased again by another worker after it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, exists, func, or_, select, update

from . import tables as t
from .tx import Tx
from .unit import Transactions

o = t.outbox


@dataclass(frozen=True)
class Delivery:
    """One leased outbox row: a status change to send to the portal."""

    id: int
    case_id: str
    seq: int
    payload: dict[str, Any]
    idempotency_key: str
    attempts: int


@dataclass(frozen=True)
class Settled:
    """What became of one delivery attempt: sent, or failed (retry at `retry_at`, or dead)."""

    id: int
    delivered: bool
    error: str | None = None
    retry_at: datetime | None = None
    dead: bool = False


@dataclass(frozen=True)
class InboxItem:
    """A message a case sent to an agency, as that agency reads it from its feed."""

    id: int  # the feed's cursor: ask for items after it
    case_id: str
    dossier_code: str
    procedure: str
    procedure_code: str | None  # mã TTHC, as the message row carries it
    message: str
    sender: str | None
    payload: dict[str, Any]
    sent_at: datetime
    delivered_at: datetime | None


@dataclass(frozen=True)
class DeadLetter:
    """An outbox row the worker gave up on: an operator replays it once the portal is back."""

    id: int
    case_id: str
    dossier_code: str
    seq: int
    status: int | None
    attempts: int
    last_error: str | None
    created_at: datetime


def _free(now: datetime) -> Any:
    return or_(o.c.lease_until.is_(None), o.c.lease_until < now)


class OutboxStore:
    """Outbox operations for workers and operators, each in its own transaction."""

    def __init__(self, store: Transactions) -> None:
        self.store = store

    def lease(self, owner: str, now: datetime, until: datetime, limit: int) -> list[Delivery]:
        """Lease up to `limit` deliverable rows: case heads that are due, and the rows queued behind them."""
        earlier = o.alias("earlier")
        waiting_behind = exists().where(
            earlier.c.case_id == o.c.case_id, earlier.c.seq < o.c.seq, earlier.c.delivered_at.is_(None)
        )
        heads = (
            select(o.c.id, o.c.case_id, o.c.seq)
            .where(
                o.c.delivered_at.is_(None),
                o.c.dead.is_(False),
                or_(o.c.next_attempt_at.is_(None), o.c.next_attempt_at <= now),
                _free(now),
                ~waiting_behind,
            )
            .order_by(o.c.id)
            .limit(limit)
        )
        with self.store.transaction() as tx:
            head_rows = tx.c.execute(_locking(tx, heads)).all()
            if not head_rows:
                return []
            head_seq = {r.case_id: r.seq for r in head_rows}
            ids = [r.id for r in head_rows]
            ids += self._followers(tx, head_seq, now, limit - len(ids))
            tx.c.execute(update(o).where(o.c.id.in_(ids)).values(lease_owner=owner, lease_until=until))
            rows = tx.c.execute(select(o).where(o.c.id.in_(ids)).order_by(o.c.case_id, o.c.seq)).all()
        return [
            Delivery(r.id, r.case_id, r.seq, json.loads(r.payload), r.idempotency_key, r.attempts)
            for r in rows
        ]

    def _followers(self, tx: Tx, head_seq: dict[str, int], now: datetime, room: int) -> list[int]:
        """Rows right behind the leased heads, in sequence with no gap (they go out after their head)."""
        if room <= 0:
            return []
        query = (
            select(o.c.id, o.c.case_id, o.c.seq)
            .where(
                o.c.case_id.in_(list(head_seq)),
                o.c.delivered_at.is_(None),
                o.c.dead.is_(False),
                _free(now),
            )
            .order_by(o.c.case_id, o.c.seq)
        )
        out: list[int] = []
        expected = {case: seq + 1 for case, seq in head_seq.items()}
        for row in tx.c.execute(_locking(tx, query)):
            if row.seq != expected.get(row.case_id):
                continue
            out.append(row.id)
            expected[row.case_id] = row.seq + 1
            if len(out) >= room:
                break
        return out

    def settle(self, owner: str, now: datetime, outcomes: Sequence[Settled]) -> None:
        """Record each attempt; a delivery counts even if the lease passed to another worker meanwhile."""
        if not outcomes:
            return
        with self.store.transaction() as tx:
            for item in outcomes:
                if item.delivered:
                    tx.c.execute(
                        update(o)
                        .where(o.c.id == item.id, o.c.delivered_at.is_(None))
                        .values(
                            delivered_at=now,
                            attempts=o.c.attempts + 1,
                            last_error=None,
                            lease_owner=None,
                            lease_until=None,
                        )
                    )
                    continue
                tx.c.execute(
                    update(o)
                    .where(o.c.id == item.id, o.c.lease_owner == owner, o.c.delivered_at.is_(None))
                    .values(
                        attempts=o.c.attempts + 1,
                        next_attempt_at=item.retry_at,
                        last_error=item.error,
                        dead=item.dead,
                        lease_owner=None,
                        lease_until=None,
                    )
                )

    def release(self, owner: str, ids: Iterable[int]) -> None:
        """Give back leased rows that were not attempted (a change before them failed)."""
        wanted = list(ids)
        if not wanted:
            return
        with self.store.transaction() as tx:
            tx.c.execute(
                update(o)
                .where(o.c.id.in_(wanted), o.c.lease_owner == owner)
                .values(lease_owner=None, lease_until=None)
            )

    def dead_letters(
        self, *, agency: str | None = None, limit: int = 100, offset: int = 0
    ) -> tuple[list[DeadLetter], int]:
        """Dead rows, oldest first (only cases an agency works on, when given), and how many there are."""
        query = _dead_query(agency)
        with self.store.transaction(write=False) as tx:
            total = tx.c.execute(select(func.count()).select_from(query.subquery())).scalar_one()
            rows = tx.c.execute(query.order_by(o.c.id).limit(limit).offset(offset)).all()
        return [_dead_letter(r) for r in rows], int(total)

    def dead_letter(self, row_id: int, agency: str | None = None) -> DeadLetter | None:
        """One dead row by id (of a case the agency works on, when given)."""
        query = _dead_query(agency).where(o.c.id == row_id)
        with self.store.transaction(write=False) as tx:
            row = tx.c.execute(query).first()
        return None if row is None else _dead_letter(row)

    def replay(self, ids: Iterable[int] | None = None) -> int:
        """Queue dead rows again (the given ones, or all): fresh attempts, due now; returns how many."""
        query = update(o).where(o.c.dead.is_(True))
        if ids is not None:
            query = query.where(o.c.id.in_(list(ids)))
        with self.store.transaction() as tx:
            result = tx.c.execute(query.values(dead=False, attempts=0, next_attempt_at=None))
        return int(result.rowcount)

    def inbox(
        self, agency: str, *, after: int = 0, limit: int = 50, offset: int = 0, case_id: str | None = None
    ) -> tuple[list[InboxItem], int]:
        """Messages sent to an agency (by one case, when given), oldest first, after a cursor (an item's id),
        and how many there are after it."""
        query = (
            select(o, t.cases.c.dossier_code, t.cases.c.procedure)
            .join(t.cases, t.cases.c.id == o.c.case_id)
            .where(o.c.recipient == agency, o.c.id > after)
        )
        if case_id is not None:
            query = query.where(o.c.case_id == case_id)
        with self.store.transaction(write=False) as tx:
            total = tx.c.execute(select(func.count()).select_from(query.subquery())).scalar_one()
            rows = tx.c.execute(query.order_by(o.c.id).limit(limit).offset(offset)).all()
        items = []
        for row in rows:
            body = json.loads(row.payload)
            items.append(
                InboxItem(
                    id=row.id,
                    case_id=row.case_id,
                    dossier_code=row.dossier_code,
                    procedure=row.procedure,
                    procedure_code=body.get("procedure_code"),
                    message=str(body.get("message", "")),
                    sender=body.get("from"),
                    payload=body.get("payload") or {},
                    sent_at=row.created_at,
                    delivered_at=row.delivered_at,
                )
            )
        return items, int(total)

    def counts(self, now: datetime) -> dict[str, int]:
        """How many rows are delivered, pending, leased right now, and dead."""
        pending = and_(o.c.delivered_at.is_(None), o.c.dead.is_(False))
        query = select(
            func.count().filter(o.c.delivered_at.is_not(None)),
            func.count().filter(pending),
            func.count().filter(pending, o.c.lease_until >= now),
            func.count().filter(o.c.dead.is_(True)),
        ).select_from(o)
        with self.store.transaction(write=False) as tx:
            delivered, waiting, leased, dead = tx.c.execute(query).one()
        return {"delivered": delivered, "pending": waiting, "leased": leased, "dead": dead}


def _dead_query(agency: str | None) -> Any:
    query = (
        select(o, t.cases.c.dossier_code).join(t.cases, t.cases.c.id == o.c.case_id).where(o.c.dead.is_(True))
    )
    if agency is not None:
        query = query.where(o.c.case_id.in_(select(t.tasks.c.case_id).where(t.tasks.c.agency == agency)))
    return query


def _locking(tx: Tx, query: Any) -> Any:
    # Rows another worker is leasing right now are skipped, not waited for.
    return query if tx.is_sqlite else query.with_for_update(skip_locked=True, of=o)


def _dead_letter(row: Any) -> DeadLetter:
    payload = json.loads(row.payload)
    status = payload.get("status")
    return DeadLetter(
        id=row.id,
        case_id=row.case_id,
        dossier_code=row.dossier_code,
        seq=row.seq,
        status=int(status) if status is not None else None,
        attempts=row.attempts,
        last_error=row.last_error,
        created_at=row.created_at,
    )
