"""/incidents: service tasks whose retries ran out — on the case, in a list, resolvable by retry."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from engine import ForbiddenError, JobIncident

from .. import examples as ex
from ..deps import ActorDep, EngineDep
from ..idempotency import OnceDep
from ..responses import ok, problems
from ..schemas.common import LocalTime, Read
from ..schemas.pages import Offset, Page

router = APIRouter(tags=["incidents"])
IncidentId = Annotated[int, Path(ge=1, le=2**62, examples=[1])]
INCIDENT = {"id": 1, "case_id": "7d0f3c2b1a9e48d6b5c4a3f2e1d0c9b8", "dossier_code": ex.DOSSIER,
            "element_id": "TraCuuDanCu", "operation": "population.lookup",
            "message": "'population.lookup' failed: ConnectError: [Errno 111] Connection refused",
            "attempts": 8,
            "created_at": "2025-03-03T09:40:00+07:00", "resolved_at": None, "resolved_by": None}


class IncidentRead(Read):
    """A service task whose agency system kept failing: the case waits there until someone retries it."""

    id: int
    case_id: str
    dossier_code: str
    element_id: str
    operation: str
    message: str
    attempts: int
    created_at: LocalTime
    resolved_at: LocalTime | None
    resolved_by: str | None

    @classmethod
    def of(cls, view: JobIncident) -> IncidentRead:
        """From the engine's view."""
        return cls.model_validate(view)


class IncidentPage(Page[IncidentRead]):
    """One page of incidents, newest first, and how many match in all."""


@router.get("/incidents", responses={**ok(ex.page([INCIDENT], 50)), **problems(403)})
def incidents(
    engine: EngineDep, actor: ActorDep,
    open_only: Annotated[bool, Query(alias="open", description="only unresolved ones")] = True,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Offset = 0,
) -> IncidentPage:
    """Incidents of the cases the caller's agency works on."""
    if actor.kind == "citizen":
        raise ForbiddenError("incidents are handled by agencies; a citizen sees those of a case on the case")
    items, total = engine.incidents.list(actor, open_only=open_only, limit=limit, offset=offset)
    return IncidentPage.of([IncidentRead.of(i) for i in items], total, limit, offset)


@router.get("/incidents/{incident_id}", responses={**ok(INCIDENT), **problems(404)})
def incident(incident_id: IncidentId, engine: EngineDep, actor: ActorDep) -> IncidentRead:
    """One incident."""
    return IncidentRead.of(engine.incidents.get(incident_id, actor))


@router.post("/incidents/{incident_id}/retry",
             responses={**ok({**INCIDENT, "resolved_at": "2025-03-03T10:05:00+07:00",
                              "resolved_by": "canbo.motcua"}), **problems(403, 404, 409)})
def retry(incident_id: IncidentId, engine: EngineDep, actor: ActorDep, once: OnceDep) -> IncidentRead:
    """Resolve the incident by running its service task again (fresh attempts, now)."""
    if actor.kind == "citizen":
        raise ForbiddenError("an agency retries a failed service task, not the citizen")
    return once(lambda: IncidentRead.of(engine.incidents.retry(incident_id, actor)))


@router.get("/cases/{case_id}/incidents", responses={**ok(ex.page([INCIDENT], 50)), **problems(404)})
def case_incidents(
    case_id: Annotated[str, Path(min_length=1, max_length=64, examples=[ex.DOSSIER])],
    engine: EngineDep, actor: ActorDep,
    open_only: Annotated[bool, Query(alias="open", description="only unresolved ones")] = False,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Offset = 0,
) -> IncidentPage:
    """A case's incidents (where it is stuck on another agency's system), newest first."""
    items, total = engine.incidents.list(actor, open_only=open_only, case_id=case_id, limit=limit,
                                  offset=offset)
    return IncidentPage.of([IncidentRead.of(i) for i in items], total, limit, offset)
