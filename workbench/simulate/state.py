"""The state a simulation keeps per case, per message it waits for, per task being worked and per lane."""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from SpiffWorkflow.task import Task

from engine.bpmn.elements import Element
from engine.run.case_start import CaseInMemory


@dataclass(eq=False)
class SimCase:
    """One simulated dossier: its workflow, its random stream and what it has been through."""

    index: int
    code: str  # its dossier code
    dossier: CaseInMemory  # its row and workflow, stepped by the engine's CaseRun
    rng: random.Random
    arrived: float
    work: dict[str, SimWork] = field(default_factory=dict)
    timers: set[tuple[str, datetime]] = field(default_factory=set)  # scheduled already
    waiting_timers: list[datetime] = field(default_factory=list)  # due times of the timers it waits at now
    replies: dict[str, SimReply] = field(default_factory=dict)  # by message name
    visits: dict[str, int] = field(default_factory=dict)
    handoffs: int = 0
    supplements: int = 0
    apologies: int = 0
    held: list[Callable[[float], None]] = field(default_factory=list)  # steps waiting for the apology
    steps: int = 0
    ended: float | None = None


@dataclass(eq=False)
class SimReply:
    """A message the case waits for and whether (and when) the sender answers; catchers waiting together
    for the same message (a receive task and a boundary event) share one answer."""

    name: str
    catchers: set[str]
    coming: bool
    payload: dict[str, Any]
    sent_at: float


@dataclass(eq=False)
class SimWork:
    """A human task of a case, waiting for or being done by someone of its lane."""

    case: SimCase
    task: Task
    element: Element
    lane: SimLane
    ready: float
    queued: float
    started: float | None = None


@dataclass(eq=False)
class SimLane:
    """The people of a lane: how many, how busy, who queues."""

    name: str
    capacity: int | None
    busy: int = 0
    queue: deque[SimWork] = field(default_factory=deque)
    busy_hours: float = 0.0
    waited_hours: float = 0.0
    tasks: int = 0
