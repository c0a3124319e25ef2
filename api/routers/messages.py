"""/messages: another agency's system answers a case (correlated on the dossier code).

Routes that run one short engine operation (a few ms of CPU) are `async def` and run it on the event loop:
the thread-pool hop of a plain `def` route cost more than the work itself (bench/api.py: 25 → 38 cases/s).
Slow work (diagram rendering, uploads) stays in plain `def` routes, off the loop."""

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
async def receive_message(body: Annotated[MessageIn, Body(openapi_examples=ex.MESSAGE)], engine: EngineDep,
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
