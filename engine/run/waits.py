"""What a case waits for after a step — its human tasks, timers and messages — and the position column
that lists them on the case row (`element=task,element,…`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from SpiffWorkflow.task import Task

from ..bpmn.elements import Element
from ..store.records import SubscriptionRecord, TimerRecord


@dataclass
class Waits:
    """What a case waits for after a step: human tasks, timers, messages."""

    human: list[tuple[Task, Element]] = field(default_factory=list)
    timers: list[TimerRecord] = field(default_factory=list)
    subscriptions: list[SubscriptionRecord] = field(default_factory=list)
    events: list[tuple[Task, Element]] = field(default_factory=list)

    def key(self) -> str:
        """Identifies the timer and subscription rows: when it is unchanged they need no rewrite."""
        parts = [f"{r.task_id}@{r.due_at.isoformat()}" for r in self.timers]
        parts += [f"{r.task_id}#{r.message}" for r in self.subscriptions]
        return ",".join(sorted(parts))


def waiting_at(position: str) -> list[tuple[str, str | None]]:
    """Decode a case's position column: (element id, task id or None) pairs."""
    out: list[tuple[str, str | None]] = []
    for item in filter(None, position.split(",")):
        element, _, task = item.partition("=")
        out.append((element, task or None))
    return out


def open_tasks(position: str) -> dict[str, str]:
    """Task ids of the human tasks a case waits at, by element id."""
    return {element: task for element, task in waiting_at(position) if task}
