"""A case's history: its audit events."""

from __future__ import annotations

from engine import EventView

from .common import Data, LocalTime, Read


class EventRead(Read):
    """One audit event."""

    id: int | None
    at: LocalTime
    actor: str
    kind: str
    element_id: str | None
    from_state: str | None
    to_state: str | None
    data: Data

    @classmethod
    def of(cls, view: EventView) -> EventRead:
        """From the engine's view."""
        return cls.model_validate(view)
