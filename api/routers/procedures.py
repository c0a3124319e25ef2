"""/procedures: the catalogue, its diagrams, new BPMN versions (uploaded, then activated by a reviewer)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from engine.errors import NotFoundError

from .. import examples as ex
from ..contracts import MessageContractRead, form_schema, message_contracts, message_schema
from ..deps import ActorDep, EngineDep, current_actor
from ..diagrams import SVG, procedure_diagram
from ..idempotency import OnceDep
from ..lint import lint_upload
from ..policy import EDITOR_ROLE, REVIEWER_ROLE, require_role
from ..responses import ok, problems
from ..schemas.common import PRINTABLE
from ..schemas.pages import Limit, Offset, Page
from ..schemas.procedures import ProcedureRead, ProcedureSummary, VersionCreated, VersionRead

router = APIRouter(prefix="/procedures", tags=["procedures"], dependencies=[Depends(current_actor)])
Code = Annotated[str, Path(min_length=1, max_length=128, pattern=PRINTABLE,
                           description="slug or procedure code (mã TTHC)", examples=["chuyen-truong-thpt"])]
Variant = Annotated[str, Query(min_length=1, max_length=64, pattern=PRINTABLE, examples=["to-be"])]
SCHEMA_JSON = "application/schema+json"
XML_TYPES = ("application/xml", "text/xml", "application/bpmn+xml")
UPLOAD_BODY = {"required": True, "description": "the BPMN 2.0 file as saved by Camunda Modeler or bpmn.io",
               "content": {t: {"schema": {"type": "string"}, "example": ex.BPMN_UPLOAD} for t in XML_TYPES}}


async def bpmn_body(request: Request) -> bytes:
    """The uploaded diagram's bytes (an XML media type is required)."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type not in XML_TYPES:
        raise HTTPException(415, f"send the BPMN file as {' or '.join(XML_TYPES)}, "
                                 f"not '{media_type or 'nothing'}'")
    return await request.body()


@router.get("", responses={**ok(ex.page([ex.PROCEDURE_SUMMARY], 100)), **problems()})
def list_procedures(engine: EngineDep, limit: Limit = 100, offset: Offset = 0) -> Page[ProcedureSummary]:
    """Every procedure in the catalogue."""
    return Page.cut([ProcedureSummary.of(p) for p in engine.catalog.procedures()], limit, offset)


@router.get("/{code}", responses={**ok(ex.PROCEDURE), **problems(404)})
def get_procedure(code: Code, engine: EngineDep) -> ProcedureRead:
    """A procedure: agencies, lanes and who works them, variants with deadlines, components, versions, and
    every message its variants receive (name, sending agency, payload schema, an example)."""
    procedure = engine.catalog.procedure(code)
    versions = engine.versions.list(procedure.slug)
    return ProcedureRead.of(procedure, versions, message_contracts(engine, procedure))


@router.get("/{code}/messages", responses={**ok(ex.page([ex.MESSAGE_CONTRACT], 100)), **problems(404)})
def list_message_contracts(code: Code, engine: EngineDep, limit: Limit = 100,
                           offset: Offset = 0) -> Page[MessageContractRead]:
    """Every message the procedure's variants receive from other agencies, with payload schema and example."""
    return Page.cut(message_contracts(engine, engine.catalog.procedure(code)), limit, offset)


@router.get("/{code}/messages/{message_id}", response_class=Response,
            responses={**ok(ex.MESSAGE_CONTRACT["payload_schema"], media_type=SCHEMA_JSON), **problems(404)})
def get_message_schema(code: Code, message_id: Annotated[str, Path(min_length=1, max_length=128,
                                                                     pattern=PRINTABLE)],
                       engine: EngineDep, variant: Variant | None = None) -> JSONResponse:
    """The JSON Schema of one message's payload (what POST /messages checks it against)."""
    schema = message_schema(engine, engine.catalog.procedure(code), variant, message_id)
    return JSONResponse(schema, media_type=SCHEMA_JSON)


@router.get("/{code}/forms/{key}", response_class=Response,
            responses={**ok(ex.START_FORM, media_type=SCHEMA_JSON), **problems(404)})
def get_form(code: Code, key: Annotated[str, Path(min_length=1, max_length=128, pattern=PRINTABLE,
                                                  examples=["start", "ThamDinh"])],
             engine: EngineDep, variant: Variant | None = None) -> JSONResponse:
    """A variant's form as JSON Schema: `start` (the data POST /cases takes) or a task's form key."""
    schema = form_schema(engine, engine.catalog.procedure(code), variant, key)
    return JSONResponse(schema, media_type=SCHEMA_JSON)


@router.get("/{code}/diagram.svg", response_class=Response,
            responses={**ok("<svg …>", media_type=SVG), **problems(404)})
def get_procedure_diagram(code: Code, engine: EngineDep, variant: Variant | None = None,
                          version: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None) -> Response:
    """A variant's diagram (the active version's, or the catalogue file before any deployment)."""
    return Response(procedure_diagram(engine, code, variant, version), media_type=SVG)


@router.post("/{code}/versions", status_code=201, openapi_extra={"requestBody": UPLOAD_BODY},
             responses={**ok(ex.VERSION, 201, "Created (pending review)"), **problems(403, 404, 413, 415)})
def upload_version(code: Code, variant: Variant, bpmn: Annotated[bytes, Depends(bpmn_body)],
                   engine: EngineDep, actor: ActorDep, once: OnceDep,
                   note: Annotated[str, Query(max_length=500, pattern=PRINTABLE,
                                              examples=["Bỏ học bạ giấy"])] = "",
                   ) -> VersionCreated:
    """Upload a new BPMN version of a variant: checked, stored immutable, pending until a reviewer activates
    it."""
    procedure = engine.catalog.procedure(code)
    require_role(actor, procedure, EDITOR_ROLE, "uploading a version")

    def deploy() -> VersionCreated:
        findings = lint_upload(engine, procedure.slug, variant, bpmn)
        version = engine.versions.deploy(procedure.slug, variant, bpmn=bpmn, actor=actor, activate=False,
                                         note=note)
        return VersionCreated.of(version, findings)

    return once(deploy, status_code=201, location=lambda v: f"/procedures/{procedure.slug}/versions/{v.id}")


@router.post("/{code}/versions/{version_id}/activate",
             responses={**ok(ex.VERSION_ACTIVE), **problems(403, 404, 409)})
def activate_version(code: Code, version_id: Annotated[int, Path(ge=1, le=2**31 - 1)], engine: EngineDep,
                     actor: ActorDep, once: OnceDep) -> VersionRead:
    """Activate a pending version: a reviewer other than its author. New cases start on it; running cases
    stay on the version they started on."""
    procedure = engine.catalog.procedure(code)
    require_role(actor, procedure, REVIEWER_ROLE, "activating a version")
    if version_id not in {v.id for v in engine.versions.list(procedure.slug)}:
        raise NotFoundError(f"procedure '{procedure.slug}' has no version {version_id}")
    return once(lambda: VersionRead.of(engine.versions.activate(version_id, actor)))
