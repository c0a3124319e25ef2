"""The case an engine operation is running, visible to expression helpers and timers while it steps."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime

from SpiffWorkflow.task import Task

LEGAL_CLOCK_KEY = "legal_clock"  # task internal data: this timer counts on the legal clock


@dataclass
class CaseContext:
    """The legal clock of the case being stepped (mutable: receipt and pauses update it mid-step)."""

    deadlines: Mapping[str, int] = field(default_factory=dict)
    legal_due_at: datetime | None = None
    paused: bool = False  # waiting for the citizen's supplements
    stopped: bool = False  # the result is ready: collecting it does not count against the deadline
    supplements: int = 0  # clock-pausing supplement requests so far (the law allows one, engine/law/law.py)

    @property
    def counting(self) -> bool:
        """Whether timers on the legal clock may fire now."""
        return not (self.paused or self.stopped)


_case: ContextVar[CaseContext | None] = ContextVar("lienthong_case", default=None)
_task: ContextVar[Task | None] = ContextVar("lienthong_task", default=None)


@contextmanager
def running_case(context: CaseContext) -> Iterator[CaseContext]:
    """Make `context` the case that helpers and timers see."""
    token = _case.set(context)
    try:
        yield context
    finally:
        _case.reset(token)


def current_case() -> CaseContext:
    """The running case, or an empty context outside engine operations."""
    return _case.get() or CaseContext()


@contextmanager
def evaluating_for(task: Task) -> Iterator[None]:
    """Mark `task` as the one whose expression is being evaluated."""
    token = _task.set(task)
    try:
        yield
    finally:
        _task.reset(token)


def current_task() -> Task | None:
    """The task whose expression is being evaluated, if any."""
    return _task.get()
