"""/cases: start a dossier, list and read cases, their audit trail and their diagram.

Every route that calls the engine is a plain `def`: FastAPI runs it on its bounded thread pool, so a slow
script, an SQLite busy wait or a lock wait holds one thread, never the event loop that answers everyone
else (issue 11: an `async def` route calling the engine stalled every request of its worker)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from engine import CASE_TOTAL_CAP
from engine.law.status import DossierStatus

from .. import examples as ex
from ..deps import ActorDep, EngineDep
from ..diagrams import SVG, case_diagram
from ..idempotency import OnceDep
from ..policy import applicant_for_start, procedure_in_body
from ..responses import ok, problems
from ..schemas.cases import CaseCreate, CaseEnd, CasePage, CaseRead
from ..schemas.common import PRINTABLE, Data
from ..schemas.history import EventRead
from ..schemas.pages import Limit, Offset, Page

router = APIRouter(prefix="/cases", tags=["cases"])
CaseId = Annotated[str, Path(min_length=1, max_length=64, pattern=PRINTABLE,
                             description="case id or dossier code (mã hồ sơ)", examples=[ex.DOSSIER])]
SLUG = "chuyen-truong-thpt"
Status = Annotated[int, Query(ge=min(DossierStatus), le=max(DossierStatus))]


@router.post("", status_code=201,
             responses={**ok(ex.CASE, 201, "Created"), **problems(403, 404, 409, 413, 502)})
def start_case(
    body: Annotated[CaseCreate, Body(openapi_examples=ex.CASE_CREATE)], engine: EngineDep, actor: ActorDep,
    once: OnceDep,
) -> CaseRead:
    """Start a case: a citizen submits online, or an officer registers a dossier received at the desk."""
    procedure = procedure_in_body(engine.catalog, body.procedure)
    applicant = applicant_for_start(actor, procedure, body.applicant, body.dossier_code)
    return once(lambda: CaseRead.of(engine.cases.start(
        procedure.slug, applicant=applicant, data=body.data, variant=body.variant, version_id=body.version_id,
        channel=body.channel, actor=actor, dossier_code=body.dossier_code,
    )), status_code=201, location=lambda case: f"/cases/{case.id}")


@router.post("/{case_id}/withdraw", responses={**ok(ex.CASE), **problems(403, 404, 409)})
def withdraw_case(
    case_id: CaseId, engine: EngineDep, actor: ActorDep, once: OnceDep,
    body: Annotated[CaseEnd | None, Body(openapi_examples=ex.WITHDRAW)] = None,
) -> CaseRead:
    """The citizen withdraws the dossier (status 7): every open step of the case is cancelled."""
    reason = body.ly_do if body else None
    return once(lambda: CaseRead.of(engine.cases.withdraw(case_id, reason=reason, actor=actor)))


@router.post("/{case_id}/stop", responses={**ok(ex.CASE), **problems(403, 404, 409, 422)})
def stop_case(case_id: CaseId, body: Annotated[CaseEnd, Body(openapi_examples=ex.STOP)],
              engine: EngineDep, actor: ActorDep, once: OnceDep) -> CaseRead:
    """An officer stops processing the dossier (status 8), with a written reason in `ly_do`."""
    return once(lambda: CaseRead.of(engine.cases.stop(case_id, reason=body.ly_do or "", actor=actor)))


@router.get("", responses={**ok(ex.page([ex.CASE], 50, unreadable=[], total_capped=False)), **problems(404)})
def list_cases(
    engine: EngineDep, actor: ActorDep,
    status: Annotated[list[Status] | None, Query(description="dossier statuses 1–10")] = None,
    agency: Annotated[str | None, Query(max_length=64, pattern=PRINTABLE, examples=["so-gddt"])] = None,
    overdue: Annotated[bool, Query(description="only cases past their legal due date")] = False,
    procedure: Annotated[str | None, Query(max_length=128, pattern=PRINTABLE, examples=[SLUG])] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Offset = 0,
) -> CasePage:
    """The cases the caller may see (own dossiers for a citizen, the agency's for officers), newest first."""
    views, total, unreadable = engine.cases.list(actor, procedure=procedure, status=status, agency=agency,
                                                 overdue=overdue, limit=limit, offset=offset)
    return CasePage.of([CaseRead.of(v) for v in views], total, limit, offset, unreadable=unreadable,
                       total_capped=total >= CASE_TOTAL_CAP)


@router.get("/{case_id}", responses={**ok(ex.CASE), **problems(404)})
def get_case(case_id: CaseId, engine: EngineDep, actor: ActorDep,
             with_data: Annotated[bool, Query(description="include the current data")] = False) -> CaseRead:
    """A case: status, where it waits, its legal clock (due date, working days used, paused)."""
    return CaseRead.of(engine.cases.get(case_id, actor, with_data=with_data))


class Correction(BaseModel):
    """The fields to set on the case, and the incident whose operation to run again."""

    model_config = ConfigDict(extra="forbid")

    incident: int = Field(ge=1, le=2**62, description="the id of one of the case's open `incidents`")
    data: Data = Field(description="field → corrected value (system fields are refused)")


@router.post("/{case_id}/corrections",
             responses={**ok(ex.CASE), **problems(403, 404, 409)},
             openapi_extra={"requestBody": {"content": {"application/json": {"example": ex.CORRECTION}}}})
def correct_case(case_id: CaseId, body: Correction, engine: EngineDep, actor: ActorDep,
                 once: OnceDep) -> CaseRead:
    """Correct the data a failed step needed (audited: old and new values) and retry that step; officers of
    an agency that works the case. If the step fails again, nothing is changed and the error says why."""
    return once(lambda: CaseRead.of(engine.incidents.correct_and_retry(case_id, body.incident, body.data,
                                                                       actor)))


@router.get("/{case_id}/history", responses={**ok(ex.page(ex.EVENTS, 500)), **problems(404)})
def case_history(case_id: CaseId, engine: EngineDep, actor: ActorDep, limit: Limit = 500,
                 offset: Offset = 0) -> Page[EventRead]:
    """The case's audit trail, oldest first: who did what, when, from which state to which."""
    return Page.cut([EventRead.of(e) for e in engine.cases.history(case_id, actor)], limit, offset)


@router.get("/{case_id}/diagram.svg", response_class=Response,
            responses={**ok("<svg …>", media_type=SVG), **problems(404)})
def case_diagram_svg(case_id: CaseId, engine: EngineDep, actor: ActorDep) -> Response:
    """The case's diagram with where it waits now and the path it took."""
    return Response(case_diagram(engine, case_id, actor), media_type=SVG)
