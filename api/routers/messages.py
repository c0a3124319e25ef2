"""/messages: another agency's system answers a case (correlated on the dossier code).

Every route that calls the engine is a plain `def`: FastAPI runs it on its bounded thread pool, so a slow
script, an SQLite busy wait or a lock wait holds one thread, never the event loop that answers everyone
else (issue 11: an `async def` route calling the engine stalled every request of its worker)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body

from engine.errors import ForbiddenError, NotFoundError

from .. import examples as ex
from ..deps import ActorDep, EngineDep
from ..idempotency import OnceDep
from ..responses import ok, problems
from ..schemas import MessageIn, MessageReceipt

router = APIRouter(prefix="/messages", tags=["messages"])


@router.post("", responses={**ok(ex.MESSAGE_RECEIPT), **problems(403, 404, 409, 413, 502)})
def receive_message(body: Annotated[MessageIn, Body(openapi_examples=ex.MESSAGE)], engine: EngineDep,
                    actor: ActorDep, once: OnceDep) -> MessageReceipt:
    """Deliver a message from another agency to the case waiting for it (its payload joins the case data)."""
    if actor.kind == "citizen":
        raise ForbiddenError("messages come from agencies' systems and officers, not from citizens")

    def deliver() -> MessageReceipt:
        try:
            case = engine.correlate_message(body.name, dossier_code=body.dossier_code, payload=body.payload,
                                            actor=actor)
        except ForbiddenError:
            # Same answer as for an unknown dossier: a caller cannot probe other agencies' cases.
            raise NotFoundError(f"no case with dossier code {body.dossier_code} is waiting for message "
                                f"'{body.name}' from agency '{actor.agency}'") from None
        return MessageReceipt(case_id=case.id, dossier_code=case.dossier_code, status=case.status,
                              status_label=case.status_label)

    return once(deliver)
