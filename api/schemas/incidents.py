"""A case's incidents: steps that failed at run time, as the case view lists them."""

from __future__ import annotations

from pydantic import Field

from .common import LocalTime, Read


class CaseIncidentRead(Read):
    """A step of the case that failed at run time: the case waits at its last committed state."""

    id: int
    element_id: str | None
    expression: str | None = Field(description="what was being evaluated")
    field: str | None = Field(description="the field it read and did not find, when known")
    error: str
    operation: str = Field(description="`message` (the delivery is kept, to retry) or `timer`")
    message: str | None
    raised_by: str
    created_at: LocalTime
    resolved_at: LocalTime | None = None
    resolved_by: str | None = None
    resolution: str | None = None
