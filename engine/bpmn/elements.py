"""What the engine reads off a diagram's flow nodes, sequence and message flows, and pools."""

from __future__ import annotations

from dataclasses import dataclass

HUMAN_TASKS = frozenset({"userTask", "manualTask"})


@dataclass(frozen=True)
class Element:
    """A flow node of the diagram and what the engine needs to know about it."""

    id: str
    name: str
    kind: str
    process_id: str
    lane: str | None
    file: str
    line: int | None
    properties: dict[str, str]
    event: str | None = None  # timer, message, error … for events
    attached_to: str | None = None


@dataclass(frozen=True)
class Flow:
    """A sequence flow (or a message flow, with `message`)."""

    id: str
    source: str
    target: str
    name: str = ""
    condition: str | None = None
    message: str | None = None


@dataclass(frozen=True)
class Pool:
    """A participant of the collaboration: one agency."""

    id: str
    name: str
    process_id: str | None
    executable: bool
