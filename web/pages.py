"""The citizens' lookup (`/tra-cuu`): a server-rendered page, and its JSON twin (`POST /lookup`).

A citizen gives the dossier code (mã hồ sơ, printed on Mẫu 01 and behind its QR code) and the applicant's
id number; the page shows the status, the appointment date and the steps so far. An unknown code and a wrong
id number get the same answer, and each client address has a few tries a minute (web/limiter.py).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Body, Form, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from engine.engine import Engine
from engine.errors import NotFoundError

from .limiter import Limiter
from .lookup import LookupAnswer, answer_of
from .reading import looked_up
from .vietnamese import local, long_date, moment_vi, short_moment

HERE = Path(__file__).parent
STATIC = {"tra-cuu.css": "text/css; charset=utf-8"}
CODE = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
ID_NUMBER = r"^[0-9]{9,12}$"  # CCCD (12 digits) or the older CMND (9)
NOT_FOUND = "Không tìm thấy hồ sơ với mã hồ sơ và số định danh đã nhập. Xin kiểm tra lại cả hai."
TOO_MANY = "Bạn đã tra cứu quá nhiều lần. Xin thử lại sau {seconds} giây."


class LookupQuery(BaseModel):
    """The dossier code and the applicant's id number."""

    dossier_code: str = Field(pattern=CODE, examples=["LT-250303-7D0F3C2B"])
    id_number: str = Field(pattern=ID_NUMBER, examples=["001203004567"])


def templates() -> Environment:
    """The page templates (autoescaped), with the Vietnamese date filters."""
    environment = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(),
                              trim_blocks=True, lstrip_blocks=True)
    environment.filters.update(long_date=long_date, moment_vi=moment_vi, short_moment=short_moment,
                               has_time=lambda value: isinstance(value, datetime))
    return environment


def lookup_router(engine: Engine, limiter: Limiter | None = None) -> APIRouter:
    """The lookup page, its stylesheet and its JSON twin, over this engine."""
    router = APIRouter(tags=["lookup"])
    pages = templates()
    limiter = limiter or Limiter()

    def page(status: int, **values: Any) -> HTMLResponse:
        return HTMLResponse(pages.get_template("tra-cuu.html.j2").render(**values), status_code=status)

    def wait_for(request: Request) -> float | None:
        return limiter.allow(request.client.host if request.client else "unknown")

    @router.get("/tra-cuu", response_class=HTMLResponse, include_in_schema=False)
    def lookup_form(ma_ho_so: Annotated[str, Query(max_length=64)] = "") -> HTMLResponse:
        """The empty form (the code filled in from Mẫu 01's QR code)."""
        return page(200, code=ma_ho_so)

    @router.post("/tra-cuu", response_class=HTMLResponse, include_in_schema=False)
    def lookup_page(request: Request, ma_ho_so: Annotated[str, Form(max_length=64)] = "",
                    so_dinh_danh: Annotated[str, Form(max_length=32)] = "") -> HTMLResponse:
        """The answer: the dossier, or the one not-found message."""
        code, id_number = ma_ho_so.strip(), so_dinh_danh.strip()
        wait = wait_for(request)
        if wait is not None:
            return page(429, code=code, error=TOO_MANY.format(seconds=int(wait)))
        found = _find(engine, code, id_number)
        if found is None:
            return page(404, code=code, error=NOT_FOUND)
        return page(200, code=code, answer=found)

    @router.get("/tra-cuu/{name}", include_in_schema=False)
    def asset(name: str) -> Response:
        """The page's own stylesheet (nothing comes from elsewhere)."""
        if name not in STATIC:
            raise HTTPException(404, f"no asset {name}")
        return Response((HERE / "static" / name).read_bytes(), media_type=STATIC[name],
                        headers={"Cache-Control": "public, max-age=3600"})

    # Outside the OpenAPI document, like the page: it takes no credentials (docs/api.md describes it).
    @router.post("/lookup", include_in_schema=False)
    def lookup_json(request: Request, query: Annotated[LookupQuery, Body()]) -> dict[str, Any]:
        """The lookup page's answer as JSON: status, appointment date and steps of a dossier, by its code and
        the applicant's id number (no credentials; rate-limited per client address)."""
        wait = wait_for(request)
        if wait is not None:
            raise HTTPException(429, TOO_MANY.format(seconds=int(wait)),
                                headers={"Retry-After": str(int(wait))})
        found = _find(engine, query.dossier_code, query.id_number)
        if found is None:
            raise NotFoundError(NOT_FOUND, hint="the dossier code is on the receipt (Mẫu 01)")
        return _json(found)

    return router


def _find(engine: Engine, code: str, id_number: str) -> LookupAnswer | None:
    if not re.fullmatch(CODE, code) or not re.fullmatch(ID_NUMBER, id_number):
        return None  # malformed input gets the same answer as a wrong one
    dossier = looked_up(engine, code, id_number)
    return answer_of(dossier) if dossier is not None else None


def _json(answer: LookupAnswer) -> dict[str, Any]:
    return {
        "dossier_code": answer.dossier_code, "procedure": answer.procedure, "status": answer.status,
        "status_label": answer.status_label, "received_at": _iso(answer.received_at),
        "appointment": _iso(answer.appointment), "returned_at": _iso(answer.returned_at),
        "steps": [{"at": _iso(s.at), "text": s.text} for s in answer.steps],
    }


def _iso(value: date | datetime | None) -> str | None:
    """Times in Vietnam's time zone, as the rest of the API shows them."""
    if isinstance(value, datetime):
        return local(value).isoformat()
    return value.isoformat() if value is not None else None
