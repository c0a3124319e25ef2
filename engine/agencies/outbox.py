"""Delivering the outbox: every status change to the National Public Service Portal and every message to its
recipient agency (AgencyRouter), once, in order per case.

The engine writes one outbox row per dossier status change in the transaction of the change itself, so a
change that was rolled back is never sent and a committed one is never lost. A worker leases rows
(engine/store/outbox_store.py), sends each with its idempotency key `<case id>:<seq>` outside any
transaction, then records the outcome. A failed send is retried with exponential backoff and jitter; after
`max_attempts` it becomes a dead letter, and the changes queued behind it in the same case wait with it
(never overtaking) until an operator replays it.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from itertools import groupby
from typing import Any, Protocol

from ..store.outbox_store import Delivery, OutboxStore, Settled
from ..store.store import Store
from ..time.clock import Clock, SystemClock
from .remote import RemoteError
from .retry import RetryPolicy

log = logging.getLogger("lienthong.outbox")


class StatusSender(Protocol):
    """Where status changes go: the portal over HTTP (engine/agencies/remote.py), or a test double."""

    def send(self, payload: Mapping[str, Any], key: str) -> Mapping[str, Any]: ...


class AgencyRouter:
    """Sends each outbox row where it goes: `message` rows to the recipient agency's endpoint, status rows
    to the portal. A row with nowhere to go counts as delivered: the recipient reads it from its feed."""

    def __init__(self, portal: StatusSender | None, agencies: Mapping[str, StatusSender]) -> None:
        self.portal = portal
        self.agencies = dict(agencies)

    def send(self, payload: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        """Deliver one row (the same idempotency key on every attempt)."""
        is_message = payload.get("kind") == "message"
        target = self.agencies.get(str(payload.get("to"))) if is_message else self.portal
        if target is None:
            return {"feed_only": True}
        return target.send(payload, key)

    def close(self) -> None:
        """Release every endpoint's connections."""
        for sender in [self.portal, *self.agencies.values()]:
            close = getattr(sender, "close", None)
            if callable(close):
                close()


@dataclass(frozen=True)
class DeliveryPass:
    """What one pass over the outbox did."""

    leased: int = 0
    delivered: int = 0
    failed: int = 0
    dead: int = 0


def worker_id(name: str | None = None) -> str:
    """A lease owner name that is unique per process: `<name or host>:<pid>:<random>`."""
    return f"{name or socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class OutboxDelivery:
    """Leases a batch of status changes, sends them in order per case, records what happened."""

    def __init__(
        self,
        store: Store,
        sender: StatusSender,
        *,
        owner: str | None = None,
        clock: Clock | None = None,
        policy: RetryPolicy | None = None,
        batch: int = 50,
        lease: timedelta = timedelta(seconds=60),
    ) -> None:
        self.queue = OutboxStore(store)
        self.sender = sender
        self.owner = owner or worker_id()
        self.clock = clock or SystemClock()
        self.policy = policy or RetryPolicy()
        self.batch = batch
        self.lease = lease

    def deliver_once(self) -> DeliveryPass:
        """One pass: lease, send, settle. Returns counts (leased 0 means nothing was due)."""
        now = self.clock.now()
        until = now + self.lease
        rows = self.queue.lease(self.owner, now, until, self.batch)
        if not rows:
            return DeliveryPass()
        outcomes: list[Settled] = []
        untried: list[int] = []
        for _, case_rows in groupby(rows, key=lambda r: r.case_id):
            blocked = False
            for row in case_rows:
                # After a failure the case's later changes must wait; past the lease another worker may
                # already hold these rows, so stop sending (its copies carry the same keys anyway).
                if blocked or self.clock.now() >= until:
                    untried.append(row.id)
                    continue
                outcome = self._send(row)
                outcomes.append(outcome)
                blocked = not outcome.delivered
        self.queue.settle(self.owner, self.clock.now(), outcomes)
        self.queue.release(self.owner, untried)
        delivered = sum(o.delivered for o in outcomes)
        dead = sum(o.dead for o in outcomes)
        return DeliveryPass(len(rows), delivered, len(outcomes) - delivered, dead)

    def close(self) -> None:
        """Release the sender's connections (an HTTP portal's pool)."""
        close = getattr(self.sender, "close", None)
        if callable(close):
            close()

    def _send(self, row: Delivery) -> Settled:
        try:
            self.sender.send(row.payload, row.idempotency_key)
        except RemoteError as exc:
            return self._failed(row, str(exc), exc.retryable)
        except Exception as exc:  # a broken sender must not stop the worker: count it as a failed attempt
            log.exception("sending outbox row %s failed unexpectedly", row.id)
            return self._failed(row, f"{type(exc).__name__}: {exc}", True)
        return Settled(row.id, True)

    def _failed(self, row: Delivery, error: str, retryable: bool) -> Settled:
        attempt = row.attempts + 1
        retry_at = self.policy.next_attempt(attempt, self.clock.now()) if retryable else None
        if retry_at is None:
            log.warning(
                "outbox row %s (%s) is a dead letter after %d attempts: %s",
                row.id,
                row.idempotency_key,
                attempt,
                error,
            )
        return Settled(row.id, False, error=error[:2000], retry_at=retry_at, dead=retry_at is None)
