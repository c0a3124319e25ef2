"""What every officer page shares: who is signed in, the page rendered with its CSRF value, and the engine's
refusals as pages (a case of another agency is the very 404 page of a missing one)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment

from engine.actors import Actor
from engine.errors import ConflictError, ForbiddenError, LienThongError, NotFoundError

from .session import Gate, SignInError, csrf_ok, csrf_token, keep_csrf, session_token, sign_out

NOT_FOUND = "Không tìm thấy. Hồ sơ hoặc công việc này không có, hoặc không thuộc cơ quan của bạn."
FORBIDDEN = "Bạn không có quyền làm việc này: {detail}"
CONFLICT = "Không thực hiện được vì trạng thái đã thay đổi: {detail}"
REFUSED = "Không thực hiện được: {detail}"
BAD_CSRF = "Biểu mẫu đã cũ hoặc không đến từ trang này. Xin tải lại trang và thử lại."


class Screens:
    """Renders the officer pages over the templates, for the officer the session names."""

    def __init__(self, pages: Environment, gate: Gate) -> None:
        self.pages = pages
        self.gate = gate

    def render(self, request: Request, template: str, status: int = 200, actor: Actor | None = None,
               **values: Any) -> HTMLResponse:
        """A page, with its forms' CSRF value (for the session, or for none without an officer) and the
        officer in its header."""
        csrf = csrf_token(request, None if actor else "")
        html = self.pages.get_template(template).render(csrf=csrf, officer=actor,
                                                        demo=self.gate.demo, **values)
        response = HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})
        keep_csrf(request, response)
        return response

    def sign_in_page(self, request: Request, status: int = 200, error: str | None = None,
                     notice: str | None = None, next_page: str = "/") -> HTMLResponse:
        """The sign-in page (the demo's lanes too when it runs the demo), then on to `next_page`."""
        return self.render(request, "can-bo-dang-nhap.html.j2", status, error=error, notice=notice,
                           next=safe_next(next_page))

    def page(self, request: Request, action: Callable[[Actor], Response], *, posted_csrf: str | None = None
             ) -> Response:
        """The page `action` makes for the signed-in officer; the sign-in page without a session or with an
        expired one; the engine's refusals as pages."""
        token = session_token(request)
        if token is None:
            return RedirectResponse(f"/dang-nhap?tiep={quote(_here(request), safe='')}", status_code=303)
        try:
            actor = self.gate.officer(token)
        except SignInError as exc:
            here = _here(request) if request.method == "GET" else "/"
            response = self.sign_in_page(request, 401, error=exc.message, next_page=here)
            sign_out(request, response)
            return response
        if posted_csrf is not None and not csrf_ok(request, posted_csrf):
            return self.problem(request, 403, BAD_CSRF, actor)
        try:
            return action(actor)
        except NotFoundError:
            return self.problem(request, 404, NOT_FOUND, actor)
        except ForbiddenError as exc:
            return self.problem(request, 403, FORBIDDEN.format(detail=exc.message), actor)
        except ConflictError as exc:
            return self.problem(request, 409, CONFLICT.format(detail=exc.message), actor)
        except LienThongError as exc:
            return self.problem(request, 400, REFUSED.format(detail=exc.message), actor)

    def problem(self, request: Request, status: int, message: str, actor: Actor | None) -> HTMLResponse:
        """The error page."""
        return self.render(request, "can-bo-loi.html.j2", status, actor, code=status, message=message)


def _here(request: Request) -> str:
    return request.url.path + (f"?{request.url.query}" if request.url.query else "")


def safe_next(target: str) -> str:
    """Where to go after signing in: a path of this site only (never another site's address)."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"
