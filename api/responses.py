"""OpenAPI response declarations: success examples and problem+json errors, per operation."""

from __future__ import annotations

from typing import Any

from . import examples as ex
from .errors import PROBLEM_JSON

DESCRIPTIONS = {
    401: "No valid credentials",
    403: "The caller's agency or role does not allow this",
    404: "Unknown, or not visible to the caller",
    409: "The object changed under the caller (stale, already done, or the same key still running)",
    413: "The request body is too large",
    415: "The body is not of a supported media type",
    422: "A field is invalid; `errors` lists each one",
    502: "Another agency's system failed",
}


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """problem+json responses for these statuses (401 and 422 are always possible)."""
    out: dict[int | str, dict[str, Any]] = {}
    for status in sorted({401, 422, *statuses}):
        generic = {"type": f"urn:lienthong:problem:http-{status}", "title": DESCRIPTIONS[status],
                   "status": status, "detail": DESCRIPTIONS[status], "instance": "/procedures/x/versions"}
        example = ex.PROBLEMS.get(status, generic)
        out[status] = {"description": DESCRIPTIONS[status],
                       "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"},
                                                  "example": example}}}
    return out


def ok(value: Any, status: int = 200, description: str = "OK",
       media_type: str = "application/json") -> dict[int | str, dict[str, Any]]:
    """A success response with an example (merge it with `problems(...)`)."""
    return {status: {"description": description, "content": {media_type: {"example": value}}}}
