"""/cases/{id}/forms/{mau}.pdf: the printed forms Mẫu 01–06 of Circular 01/2018, filled from the case, and
/cases/{id}/forms/{mau}/document: the printed PDF kept among the case's documents."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from web.issuing import attach_form, form_pdf

from .. import examples as ex
from ..deps import ActorDep, EngineDep
from ..idempotency import OnceDep
from ..responses import ok, problems
from ..schemas.common import PRINTABLE
from .documents import DOCUMENT, DocumentRead

router = APIRouter(prefix="/cases/{case_id}/forms", tags=["forms"])
CaseId = Annotated[str, Path(min_length=1, max_length=64, pattern=PRINTABLE,
                             description="case id or dossier code (mã hồ sơ)", examples=[ex.DOSSIER])]
FormCode = Annotated[str, Path(pattern=r"^mau-0[1-6]$", description="the form: mau-01 … mau-06",
                               examples=["mau-01"])]


@router.get("/{form}.pdf", response_class=Response,
            responses={**ok("%PDF-1.4 …", media_type="application/pdf"), **problems(404, 409)})
def printed_form(case_id: CaseId, form: FormCode, engine: EngineDep, actor: ActorDep,
                 request: Request) -> Response:
    """The form as PDF, once the case has issued it (409 before: the step with `document=<form>` has not
    completed). Mẫu 01 carries a QR code of the lookup page for this dossier."""
    filename, pdf = form_pdf(engine, case_id, form, actor, str(request.base_url))
    return Response(pdf, media_type="application/pdf",
                    headers={"Content-Disposition": f"inline; filename*=UTF-8''{quote(filename)}",
                             "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"})


@router.post("/{form}/document", status_code=201,
             responses={**ok(DOCUMENT, 201, "Created"), **problems(403, 404, 409)})
def keep_printed_form(case_id: CaseId, form: FormCode, engine: EngineDep, actor: ActorDep, once: OnceDep,
                      request: Request) -> DocumentRead:
    """Print the form and attach the PDF to the case as a document (409 before the case issued it, or when
    the installation keeps no documents). The same issue printed again is the same document."""
    base = str(request.base_url)
    return once(lambda: DocumentRead.of(attach_form(engine, case_id, form, actor, base)), status_code=201,
                location=lambda d: f"/cases/{d.case_id}/documents/{d.id}/content")
