"""/messages: another agency's system answers a case (correlated on the dossier code).

The payload is checked against the message's schema before the case moves (422 to the sender, the case
untouched). When a step after it fails, the message is kept as an incident of the case (`accepted`
false, `incident` says where and why): the sender may send a corrected one, or an officer of the case
corrects its data and retries (POST /cases/{id}/corrections).

Every route that calls the engine is a plain `def`: FastAPI runs it on its bounded thread pool, so a slow
script, an SQLite busy wait or a lock wait holds one thread, never the event loop that answers everyone
else (issue 11: an `async def` route calling the engine stalled every request of its worker)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body
from pydantic import BaseModel, ConfigDict, Field

from engine.errors import ForbiddenError, NotFoundError

from .. import examples as ex
from ..deps import ActorDep, EngineDep
from ..idempotency import OnceDep
from ..responses import ok, problems
from ..schemas.common import PRINTABLE, Data
from ..schemas.incidents import CaseIncidentRead

router = APIRouter(prefix="/messages", tags=["messages"])


class MessageIn(BaseModel):
    """A message from another agency's system, correlated on the dossier code."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=256, pattern=PRINTABLE, description="as named in the diagram")
    dossier_code: str = Field(min_length=1, max_length=64, pattern=PRINTABLE)
    payload: Data = Field(default_factory=dict, description="checked against the message's schema "
                          "(GET /procedures/{code}/messages)")


class MessageReceipt(BaseModel):
    """What became of the message: delivered and the case moved on, or kept in an incident."""

    case_id: str
    dossier_code: str
    status: int
    status_label: str
    accepted: bool = Field(True, description="false: a step after it failed; see `incident`")
    incident: CaseIncidentRead | None = None


@router.post("", responses={**ok(ex.MESSAGE_RECEIPT), **problems(403, 404, 409, 413, 502)})
def receive_message(body: Annotated[MessageIn, Body(openapi_examples=ex.MESSAGE)], engine: EngineDep,
                    actor: ActorDep, once: OnceDep) -> MessageReceipt:
    """Deliver a message from another agency to the case waiting for it (its payload joins the case data)."""
    if actor.kind == "citizen":
        raise ForbiddenError("messages come from agencies' systems and officers, not from citizens")

    def deliver() -> MessageReceipt:
        try:
            case = engine.messages.correlate(body.name, dossier_code=body.dossier_code, payload=body.payload,
                                            actor=actor)
        except ForbiddenError:
            # Same answer as for an unknown dossier: a caller cannot probe other agencies' cases.
            raise NotFoundError(f"no case with dossier code {body.dossier_code} is waiting for message "
                                f"'{body.name}' from agency '{actor.agency}'") from None
        kept = next((i for i in case.incidents if i.operation == "message" and i.message == body.name), None)
        return MessageReceipt(case_id=case.id, dossier_code=case.dossier_code, status=case.status,
                              status_label=case.status_label, accepted=kept is None,
                              incident=CaseIncidentRead.model_validate(kept) if kept else None)

    return once(deliver)
