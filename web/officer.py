"""The officers' pages at `/`: signing in and out (a token, or the demo's one-click lanes), their stylesheet,
and the desk (web/desk.py: work list, task, case).

Nothing here checks a token itself: the composition root hands in the API's own check (`Gate.verify`), and
the case diagram the API draws (`diagram`), so that web/ imports neither the API nor the workbench.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException

from engine import Engine

from .desk import Diagram, desk_router
from .pages import templates
from .screens import BAD_CSRF, Screens, safe_next
from .session import Gate, SignInError, csrf_ok, session_token, sign_in, sign_out
from .studio.access import STUDIO_ROLES
from .vietnamese import event_vi

HERE = Path(__file__).parent
STATIC = {"can-bo.css": "text/css; charset=utf-8"}
SIGNED_OUT = "Bạn đã đăng xuất."
NO_DEMO = "Đăng nhập nhanh chỉ có khi chạy bản trình diễn (lienthong serve --demo)."
NO_LANE = "Không có làn {role} của {agency} trong bản trình diễn."
EMPTY = "Xin dán mã đăng nhập (token) do cơ quan cấp."
MAX_TOKEN = 8192


def officer_router(engine: Engine, gate: Gate, diagram: Diagram) -> APIRouter:
    """The sign-in, sign-out and desk pages over this engine, checking tokens through the gate."""
    router = APIRouter(tags=["officer pages"])
    pages = templates()
    pages.filters["event_vi"] = event_vi
    screens = Screens(pages, gate)

    def signed_in(request: Request, token: str, next_page: str) -> Response:
        try:
            gate.officer(token)
        except SignInError as exc:
            return screens.sign_in_page(request, 401, error=exc.message, next_page=next_page)
        response = RedirectResponse(safe_next(next_page), status_code=303)
        sign_in(request, response, token)
        return response

    @router.get("/dang-nhap", include_in_schema=False)
    def sign_in_form(request: Request, tiep: Annotated[str, Query(max_length=512)] = "/") -> Response:
        """The sign-in page (the work list when a valid session is already open)."""
        token = session_token(request)
        if token is not None:
            try:
                gate.officer(token)
                return RedirectResponse(safe_next(tiep), status_code=303)
            except SignInError as exc:
                response = screens.sign_in_page(request, 401, error=exc.message, next_page=tiep)
                sign_out(request, response)
                return response
        return screens.sign_in_page(request, next_page=tiep)

    @router.post("/dang-nhap", include_in_schema=False)
    def sign_in_with_token(request: Request, csrf: Annotated[str, Form(max_length=128)] = "",
                           token: Annotated[str, Form(max_length=MAX_TOKEN)] = "",
                           tiep: Annotated[str, Form(max_length=512)] = "/") -> Response:
        """Sign in with a pasted token."""
        if not csrf_ok(request, csrf, ""):
            return screens.sign_in_page(request, 403, error=BAD_CSRF, next_page=tiep)
        if not token.strip():
            return screens.sign_in_page(request, 400, error=EMPTY, next_page=tiep)
        return signed_in(request, token.strip(), tiep)

    @router.post("/dang-nhap/demo", include_in_schema=False)
    def sign_in_as_demo_lane(request: Request, csrf: Annotated[str, Form(max_length=128)] = "",
                             agency: Annotated[str, Form(max_length=128)] = "",
                             role: Annotated[str, Form(max_length=128)] = "") -> Response:
        """One click: sign in as the officer of a demo lane (only when the app runs the demo)."""
        if gate.demo is None:
            return screens.sign_in_page(request, 404, error=NO_DEMO)
        if not csrf_ok(request, csrf, ""):
            return screens.sign_in_page(request, 403, error=BAD_CSRF)
        if not any(lane.agency == agency and lane.role == role for lane in gate.demo.lanes):
            return screens.sign_in_page(request, 404, error=NO_LANE.format(role=role, agency=agency))
        return signed_in(request, gate.demo.issue(agency, role), "/studio" if role in STUDIO_ROLES else "/")

    @router.post("/dang-xuat", include_in_schema=False)
    def sign_out_now(request: Request, csrf: Annotated[str, Form(max_length=128)] = "") -> Response:
        """Sign out (the form posts this session's CSRF value)."""
        if not csrf_ok(request, csrf):
            return screens.sign_in_page(request, 403, error=BAD_CSRF)
        response = screens.sign_in_page(request, notice=SIGNED_OUT)
        sign_out(request, response)
        return response

    @router.get("/can-bo/{name}", include_in_schema=False)
    def asset(name: str) -> Response:
        """The pages' own stylesheet (nothing comes from elsewhere)."""
        if name not in STATIC:
            raise HTTPException(404, f"no asset {name}")
        return Response((HERE / "static" / name).read_bytes(), media_type=STATIC[name],
                        headers={"Cache-Control": "public, max-age=3600"})

    router.include_router(desk_router(engine, screens, diagram))
    return router
