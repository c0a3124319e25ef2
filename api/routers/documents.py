"""/cases/{id}/documents: digitised dossier components — upload, list, download, reuse an earlier one."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Annotated, TypeVar
from urllib.parse import quote

from fastapi import APIRouter, Body, File, Form, Header, Path, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from engine import DocumentTooLargeError, DocumentView, UnsupportedDocumentError
from engine.documents import ALLOWED_TYPES

from .. import examples as ex
from ..deps import ActorDep, EngineDep, ServicesDep, UnitDep
from ..idempotency import KEY_PATTERN, Once, OnceDep, fingerprint
from ..responses import ok, problems
from ..schemas.common import Identifier, LocalTime, Read
from ..schemas.pages import Limit, Offset, Page

router = APIRouter(prefix="/cases/{case_id}/documents", tags=["documents"])
CaseId = Annotated[str, Path(min_length=1, max_length=64, description="case id or dossier code (mã hồ sơ)",
                             examples=[ex.DOSSIER])]
DocumentId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$", examples=["3f1c0a9e5b7d4e2f8a6c1b0d9e8f7a6b"])]
T = TypeVar("T")
DOCUMENT = {"id": "3f1c0a9e5b7d4e2f8a6c1b0d9e8f7a6b", "case_id": "7d0f3c2b1a9e48d6b5c4a3f2e1d0c9b8",
            "component": "giay_to_tuy_than", "filename": "cccd.pdf", "media_type": "application/pdf",
            "size": 183204, "sha256": "9f2c…", "uploaded_by": "001203004567",
            "created_at": "2025-03-03T09:12:00+07:00", "reused_from": None}


class DocumentRead(Read):
    """A document attached to a case (a digitised dossier component when `component` is set)."""

    id: str
    case_id: str
    component: str | None = Field(description="dossier component code from procedure.toml, if it is one")
    filename: str
    media_type: str = Field(description="sniffed from the content: " + ", ".join(ALLOWED_TYPES))
    size: int
    sha256: str
    uploaded_by: str
    created_at: LocalTime
    reused_from: str | None = Field(description="the earlier document this one reuses (no new upload)")

    @classmethod
    def of(cls, view: DocumentView) -> DocumentRead:
        """From the engine's view."""
        return cls.model_validate(view)


class DocumentReuse(BaseModel):
    """Reuse a document the applicant submitted for an earlier case."""

    document_id: Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]
    component: Identifier | None = Field(None, description="component code here (default: the earlier one)")


def _checked(action: Callable[[], T]) -> T:
    # Two refusals are HTTP's own: too large (413) and a type that is not allowed (415).
    try:
        return action()
    except DocumentTooLargeError as exc:
        raise HTTPException(413, str(exc)) from None
    except UnsupportedDocumentError as exc:
        raise HTTPException(415, str(exc)) from None


UPLOAD_EXAMPLE = {"requestBody": {"content": {"multipart/form-data": {
    "example": {"file": "(the scanned PDF's bytes)", "component": "giay_to_tuy_than"}}}}}
REUSE_EXAMPLES = {"giay-to-tuy-than": {"summary": "Reuse the ID card scan of an earlier dossier",
                                       "value": {"document_id": DOCUMENT["id"],
                                                 "component": "giay_to_tuy_than"}}}


@router.post("", status_code=201, openapi_extra=UPLOAD_EXAMPLE,
             responses={**ok(DOCUMENT, 201, "Created"), **problems(403, 404, 409, 413, 415)})
def upload_document(
    case_id: CaseId, engine: EngineDep, actor: ActorDep, services: ServicesDep, unit: UnitDep,
    request: Request, response: Response,
    file: Annotated[UploadFile, File(description="PDF, PNG, JPEG, or an XML/JSON e-document")],
    component: Annotated[str | None, Form(max_length=128, examples=["giay_to_tuy_than"])] = None,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key", pattern=KEY_PATTERN,
                                                  description="makes a retried upload safe")] = None,
) -> DocumentRead:
    """Attach a scanned paper or an e-document to the case, as one of its dossier components."""
    documents = engine.documents
    content = file.file.read(documents.max_bytes + 1)  # one byte over is enough to refuse it
    # The form has been read already: the request is identified by what it uploads, not by its raw body.
    what = json.dumps({"component": component, "filename": file.filename,
                       "sha256": hashlib.sha256(content).hexdigest()}).encode()
    path = request.url.path
    once = Once(services, unit, response, actor, idempotency_key, request.method, path,
                fingerprint(request.method, path, request.url.query, what))
    return once(lambda: _checked(lambda: DocumentRead.of(documents.attach(
        case_id, content, filename=file.filename, component=component, actor=actor))),
        status_code=201, location=lambda d: f"/cases/{d.case_id}/documents/{d.id}/content")


@router.get("", responses={**ok(ex.page([DOCUMENT], 100)), **problems(404, 409)})
def list_documents(case_id: CaseId, engine: EngineDep, actor: ActorDep, limit: Limit = 100,
                   offset: Offset = 0) -> Page[DocumentRead]:
    """The case's documents, oldest first."""
    return Page.cut([DocumentRead.of(d) for d in engine.documents.list(case_id, actor)], limit, offset)


@router.get("/reusable", responses={**ok(ex.page([DOCUMENT], 100)), **problems(404, 409)})
def reusable_documents(case_id: CaseId, engine: EngineDep, actor: ActorDep, limit: Limit = 100,
                       offset: Offset = 0) -> Page[DocumentRead]:
    """Documents the same applicant submitted for earlier cases: reuse them instead of uploading again."""
    return Page.cut([DocumentRead.of(d) for d in engine.documents.reusable(case_id, actor)], limit,
                    offset)


@router.post("/reuse", status_code=201, responses={**ok(DOCUMENT, 201, "Created"), **problems(403, 404, 409)})
def reuse_document(case_id: CaseId, body: Annotated[DocumentReuse, Body(openapi_examples=REUSE_EXAMPLES)],
                   engine: EngineDep,
                   actor: ActorDep, once: OnceDep) -> DocumentRead:
    """Attach one of the applicant's earlier documents to this case, without uploading it again."""
    documents = engine.documents
    return once(lambda: DocumentRead.of(documents.reuse(case_id, body.document_id, component=body.component,
                                                        actor=actor)),
                status_code=201, location=lambda d: f"/cases/{d.case_id}/documents/{d.id}/content")


@router.get("/{document_id}/content", response_class=Response,
            responses={**ok("%PDF-1.7 …", media_type="application/pdf"), **problems(404, 409)})
def document_content(case_id: CaseId, document_id: DocumentId, engine: EngineDep,
                     actor: ActorDep) -> Response:
    """The document's bytes, with the media type sniffed at upload."""
    record, content = engine.documents.read(case_id, document_id, actor)
    disposition = f"attachment; filename*=UTF-8''{quote(record.filename)}"
    return Response(content, media_type=record.media_type,
                    headers={"Content-Disposition": disposition, "X-Content-Type-Options": "nosniff",
                             "ETag": f'"{record.sha256}"'})
