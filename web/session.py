"""An officer's session on the pages: the token in an HttpOnly, SameSite=Strict cookie, and the CSRF token
every form posts back.

The cookie holds the token itself (a JWT as `lienthong token` or the identity provider issues it), so every
process checks it as the API does and none keeps sessions. A form's CSRF token is an HMAC, keyed by a random
cookie of the browser's own, of the session's token: a page of another site can neither read the cookie nor
compute the value, and a value is worth nothing once the officer signs in as someone else or out.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

import jwt
from fastapi import Request
from fastapi.responses import Response

from engine.actors import Actor
from engine.errors import LienThongError

SESSION_COOKIE = "lt_phien"
CSRF_COOKIE = "lt_csrf"
EXPIRED = "Phiên đăng nhập đã hết hạn. Xin đăng nhập lại."
REFUSED = "Mã đăng nhập không hợp lệ ({reason}). Xin kiểm tra lại, hoặc xin cấp mã mới."
CITIZEN = "Mã này là của công dân; các trang này dành cho cán bộ. Công dân tra cứu hồ sơ tại /tra-cuu."
NOT_OFFICER = "Mã này không phải của cán bộ một cơ quan; các trang này dành cho cán bộ."


class SignInError(Exception):
    """A token that does not sign an officer in: expired, refused, or someone else's kind of token."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class DemoLane:
    """A lane of the demo catalogue an officer can sign in as with one click."""

    agency: str
    role: str
    label: str  # "Bộ phận Một cửa — Sở Giáo dục và Đào tạo"


@dataclass(frozen=True)
class DemoLogins:
    """The development login of `serve --demo`: its lanes, and how a token for one is made."""

    lanes: tuple[DemoLane, ...]
    issue: Callable[[str, str], str]  # (agency, role) → a token of that lane's officer


@dataclass(frozen=True)
class Gate:
    """How the pages check a token (as the API does), and the demo's logins when it runs the demo."""

    verify: Callable[[str], Actor]  # raises a LienThongError for a bad or expired token
    demo: DemoLogins | None = None

    def officer(self, token: str) -> Actor:
        """The officer a token names (SignInError, with a Vietnamese message, for anything else)."""
        try:
            actor = self.verify(token)
        except LienThongError as exc:
            raise SignInError(EXPIRED if _expired(token) else REFUSED.format(reason=exc.message)) from None
        if actor.kind == "citizen":
            raise SignInError(CITIZEN)
        if actor.kind != "officer" or not actor.agency:
            raise SignInError(NOT_OFFICER)
        return actor


def _expired(token: str) -> bool:
    """Whether a refused token says it expired (read unverified, only to word the message)."""
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return False
    expiry = claims.get("exp")
    return isinstance(expiry, int | float) and expiry < time.time()


def session_token(request: Request) -> str | None:
    """The token of the request's session cookie, if any."""
    return request.cookies.get(SESSION_COOKIE) or None


def csrf_token(request: Request, token: str | None = None) -> str:
    """The CSRF value forms of this page post back (for `token`'s session, else the request's)."""
    key = request.cookies.get(CSRF_COOKIE) or _new_key(request)
    session = token if token is not None else session_token(request) or ""
    return hmac.new(key.encode(), session.encode(), hashlib.sha256).hexdigest()


def _new_key(request: Request) -> str:
    """A CSRF key for a browser that has none yet, made once per request (sent by `keep_csrf`)."""
    if not getattr(request.state, "new_csrf", None):
        request.state.new_csrf = secrets.token_urlsafe(32)
    key: str = request.state.new_csrf
    return key


def keep_csrf(request: Request, response: Response) -> None:
    """Send the CSRF key made for this request, if one was."""
    if getattr(request.state, "new_csrf", None):
        response.set_cookie(CSRF_COOKIE, request.state.new_csrf, httponly=True, samesite="strict",
                            secure=_https(request), path="/")


def csrf_ok(request: Request, posted: str, token: str | None = None) -> bool:
    """Whether a posted CSRF value is this session's, or `token`'s ("": signed out); False without the
    browser's key."""
    if not request.cookies.get(CSRF_COOKIE):
        return False
    return hmac.compare_digest(posted.encode(), csrf_token(request, token).encode())


def sign_in(request: Request, response: Response, token: str) -> None:
    """Keep the token as the session (the browser's session: it ends when the browser closes, or earlier
    when the token expires)."""
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="strict", secure=_https(request),
                        path="/")


def sign_out(request: Request, response: Response) -> None:
    """Forget the session."""
    response.delete_cookie(SESSION_COOKIE, httponly=True, samesite="strict", secure=_https(request), path="/")


def _https(request: Request) -> bool:
    return request.url.scheme == "https"
