"""Problem details (RFC 9457) and the lint findings a refused upload carries."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class FieldError(BaseModel):
    """One field that is wrong, and why."""

    model_config = ConfigDict(populate_by_name=True)

    field: str
    message: str
    in_: str | None = Field(None, alias="in", description="body, query, path or header")


class LintFinding(BaseModel):
    """A problem the linter found in an uploaded diagram."""

    severity: Literal["error", "warning"]
    code: str
    message: str
    file: str
    line: int | None = None
    element_id: str | None = None
    hint: str | None = None


class Problem(BaseModel):
    """RFC 9457 problem details, with where the error is (element id, file, line, field) and a hint."""

    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    detail: str
    instance: str
    element_id: str | None = None
    file: str | None = None
    line: int | None = None
    field: str | None = None
    hint: str | None = None
    errors: list[FieldError] | None = None
    findings: list[LintFinding] | None = Field(None, description="every lint finding of a refused upload")
    incident: str | None = None
