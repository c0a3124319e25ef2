"""One handler table: every error becomes `application/problem+json` (RFC 9457), never a traceback."""

from __future__ import annotations

import logging
import re
import uuid
from http import HTTPStatus
from pathlib import PurePath
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from engine.errors import (
    ConflictError,
    ConnectorError,
    ForbiddenError,
    InvalidProcessError,
    LegalRuleError,
    LienThongError,
    NotFoundError,
    TaskFailedError,
    ValidationError,
)

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("lienthong.api")


class AuthenticationError(LienThongError):
    """No credentials, or credentials that are invalid, expired or for another audience."""

    title = "Chưa xác thực"


# The HTTP status of each error class; a subclass takes the status of its nearest listed ancestor.
STATUS: dict[type[LienThongError], int] = {
    LienThongError: 400,
    AuthenticationError: 401,
    ForbiddenError: 403,
    NotFoundError: 404,
    ConflictError: 409,
    ValidationError: 422,
    LegalRuleError: 422,
    InvalidProcessError: 422,
    TaskFailedError: 422,
    ConnectorError: 502,
}

HTTP_TITLES = {
    400: "Yêu cầu không hợp lệ",
    401: "Chưa xác thực",
    403: "Không có quyền",
    404: "Không tìm thấy",
    405: "Phương thức không được hỗ trợ",
    409: "Xung đột trạng thái",
    413: "Yêu cầu quá lớn",
    415: "Kiểu nội dung không được hỗ trợ",
    422: "Dữ liệu không hợp lệ",
    500: "Lỗi máy chủ",
}


def status_of(error: LienThongError) -> int:
    """The status of an engine error, found along its class's MRO."""
    for cls in type(error).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 400


def problem(status: int, title: str, detail: str, instance: str, *, kind: str | None = None,
            headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    """A problem+json response."""
    body = {"type": f"urn:lienthong:problem:{kind or f'http-{status}'}", "title": title, "status": status,
            "detail": detail, "instance": instance}
    body.update({k: v for k, v in extra.items() if v is not None})
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


def _kind(error: LienThongError) -> str:
    name = type(error).__name__.removesuffix("Error") or "Error"
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def _public_file(file: str | None) -> str | None:
    # A catalogue file's server path is nobody's business: keep only its name.
    return PurePath(file).name if file and PurePath(file).is_absolute() else file


async def engine_error(request: Request, exc: Exception) -> JSONResponse:
    """An engine error, with where it happened (element, file, line, field) and what to do."""
    assert isinstance(exc, LienThongError)
    status = status_of(exc)
    headers = {"WWW-Authenticate": 'Bearer realm="lienthong"'} if status == 401 else None
    errors = exc.errors if isinstance(exc, ValidationError) and exc.errors else None
    findings = exc.details.get("findings")
    return problem(status, exc.title, exc.message, request.url.path, kind=_kind(exc), headers=headers,
                   element_id=exc.element_id, file=_public_file(exc.file), line=exc.line, field=exc.field,
                   hint=exc.hint, errors=errors, findings=findings, case_id=exc.details.get("case_id"))


async def request_invalid(request: Request, exc: Exception) -> JSONResponse:
    """FastAPI's own validation of parameters and bodies, one entry per field."""
    assert isinstance(exc, RequestValidationError)
    errors = []
    for error in exc.errors():
        location = [str(part) for part in error.get("loc", ())]
        source = location[0] if location else "body"
        # A body that is not JSON at all is located by character offset, not by a field.
        field = ".".join(location[1:]) or f"({source})"
        if error.get("type") == "json_invalid":
            field = f"({source})"
        errors.append({"field": field, "in": source, "message": str(error.get("msg", "invalid"))})
    fields = ", ".join(e["field"] for e in errors)
    return problem(422, HTTP_TITLES[422], f"invalid request fields: {fields}", request.url.path,
                   kind="validation", field=errors[0]["field"] if errors else None, errors=errors)


async def http_error(request: Request, exc: Exception) -> JSONResponse:
    """Routing and protocol errors (404 unknown path, 405, 413 …) in the same shape."""
    assert isinstance(exc, StarletteHTTPException)
    title = HTTP_TITLES.get(exc.status_code) or HTTPStatus(exc.status_code).phrase
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).description
    return problem(exc.status_code, title, detail, request.url.path, headers=dict(exc.headers or {}))


async def unexpected(request: Request, exc: Exception) -> JSONResponse:
    """A bug: logged with its traceback under an id; the caller gets the id, never the traceback."""
    incident = uuid.uuid4().hex[:12]
    log.error("unhandled error %s on %s %s", incident, request.method, request.url.path, exc_info=exc)
    detail = f"an unexpected error occurred (incident {incident}); it was logged"
    return problem(500, HTTP_TITLES[500], detail, request.url.path, kind="internal", incident=incident)


def install_error_handlers(app: FastAPI) -> None:
    """Register the handler table on an application."""
    app.add_exception_handler(LienThongError, engine_error)
    app.add_exception_handler(RequestValidationError, request_invalid)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unexpected)
