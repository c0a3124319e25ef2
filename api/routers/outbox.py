"""/outbox: the status changes the worker could not deliver to the national portal (dead letters)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from .. import examples as ex
from ..deps import ActorDep, EngineDep
from ..idempotency import OnceDep
from ..responses import ok, problems
from ..schemas.common import LocalTime, Read
from ..schemas.pages import Limit, Offset, Page

router = APIRouter(prefix="/outbox", tags=["outbox"])
DEAD = {"id": 42, "case_id": "7d0f3c2b1a9e48d6b5c4a3f2e1d0c9b8", "dossier_code": ex.DOSSIER, "seq": 3,
        "status": 4, "attempts": 8, "last_error": "http://portal/api/dossier-status: HTTP 503",
        "created_at": "2025-03-03T09:40:00+07:00"}


class DeadLetterRead(Read):
    """A status change the worker gave up on after its retries; it holds back the case's later ones."""

    id: int
    case_id: str
    dossier_code: str
    seq: int
    status: int | None
    attempts: int
    last_error: str | None
    created_at: LocalTime


class DeadLetterPage(Page[DeadLetterRead]):
    """One page of dead letters, oldest first, and how many there are."""


class Replayed(Read):
    """How many dead letters were queued again."""

    replayed: int
    counts: dict[str, int]


@router.get("/dead-letters", responses={**ok(ex.page([DEAD], 50)), **problems(403)})
def dead_letters(
    engine: EngineDep, actor: ActorDep,
    limit: Limit = 50,
    offset: Offset = 0,
) -> DeadLetterPage:
    """Dead letters of the cases the caller's agency works on, oldest first."""
    items, total = engine.outbox.dead_letters(actor, limit=limit, offset=offset)
    return DeadLetterPage.of([DeadLetterRead.model_validate(d) for d in items], total, limit, offset)


@router.post("/dead-letters/replay", responses={**ok({"replayed": 1, "counts": {"dead": 0}}),
                                                **problems(403)})
def replay_all(engine: EngineDep, actor: ActorDep, once: OnceDep) -> Replayed:
    """Queue every dead letter of the caller's agency's cases again (once the portal is back)."""
    return once(lambda: Replayed.model_validate(engine.outbox.replay(actor)))


@router.post("/dead-letters/{row_id}/replay", responses={**ok({"replayed": 1, "counts": {"dead": 0}}),
                                                         **problems(403, 404)})
def replay_one(row_id: Annotated[int, Path(ge=1, le=2**62)], engine: EngineDep, actor: ActorDep,
               once: OnceDep) -> Replayed:
    """Queue one dead letter again."""
    return once(lambda: Replayed.model_validate(engine.outbox.replay(actor, row_id)))
