"""The outbox as operators and agencies see it: dead letters to replay, and an agency's inbox feed.

Delivering it is the worker's (engine/agencies/outbox.py `OutboxDelivery`); this service reads what delivery
left behind and queues dead letters again once their recipient is back.
"""

from __future__ import annotations

from ..actors import Actor
from ..errors import ForbiddenError, NotFoundError
from ..presenting import view_of
from ..store.outbox_store import OutboxStore
from ..time.clock import SystemClock
from ..views import DeadLetterView, InboxItemView, Replayed
from .core import Core


class OutboxService:
    """Dead letters, their replay, and the inbox feed of an agency (the engine's `outbox`)."""

    def __init__(self, core: Core) -> None:
        self.core = core
        self.queue = OutboxStore(core.store)

    def dead_letters(
        self, actor: Actor, *, limit: int = 100, offset: int = 0
    ) -> tuple[list[DeadLetterView], int]:
        """Dead letters of the cases the actor's agency works on (all for the system), oldest first."""
        items, total = self.queue.dead_letters(agency=_operator_agency(actor), limit=limit, offset=offset)
        return [view_of(DeadLetterView, d) for d in items], total

    def dead_letter(self, row_id: int, actor: Actor) -> DeadLetterView:
        """One dead letter of a case the actor's agency works on."""
        letter = self.queue.dead_letter(row_id, _operator_agency(actor))
        if letter is None:
            raise NotFoundError(f"no dead letter {row_id}")
        return view_of(DeadLetterView, letter)

    def replay(self, actor: Actor, row_id: int | None = None) -> Replayed:
        """Queue one dead letter again, or every one of the actor's agency's (once the portal is back)."""
        if row_id is not None:
            ids = [self.dead_letter(row_id, actor).id]
        else:
            items, _ = self.queue.dead_letters(agency=_operator_agency(actor), limit=1_000_000)
            ids = [d.id for d in items]
        count = self.queue.replay(ids) if ids else 0
        # Leases are taken on the workers' clock, the wall's: "leased right now" is read on it too.
        return Replayed(replayed=count, counts=self.counts())

    def counts(self) -> dict[str, int]:
        """How many rows are delivered, pending, leased right now (on the workers' wall clock), and dead."""
        return self.queue.counts(SystemClock().now())

    def inbox(
        self, actor: Actor, *, after: int = 0, limit: int = 50, offset: int = 0, case_id: str | None = None
    ) -> tuple[list[InboxItemView], int]:
        """Messages sent to the actor's agency (its officers and its system) — by one case it may see, when
        given (an id or dossier code) — oldest first after `after`, and how many there are after it."""
        if actor.kind == "citizen" or actor.agency is None:
            raise ForbiddenError(
                "the inbox is an agency's: call it with an agency's key or an officer's token"
            )
        if case_id is not None:
            with self.core.store.transaction(write=False) as tx:
                case_id = self.core.visible_case(tx, case_id, actor).id
        items, total = self.queue.inbox(actor.agency, after=after, limit=limit, offset=offset,
                                        case_id=case_id)
        return [view_of(InboxItemView, i) for i in items], total


def _operator_agency(actor: Actor) -> str | None:
    """The agency whose cases' dead letters the actor handles (None: every case, for the system)."""
    if actor.kind == "citizen":
        raise ForbiddenError("dead letters are handled by agencies' operators")
    return None if actor.is_system else actor.agency
