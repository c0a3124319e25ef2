"""Tasks: a work-list item, a page of them, a task's form and completing it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from engine import TaskView

from .common import Data, LocalTime, Read
from .pages import Page


class TaskRead(Read):
    """A work-list item: a human task waiting in a lane, when it is due, and where its dossier stands."""

    id: str
    case_id: str
    dossier_code: str | None
    element_id: str
    name: str
    lane: str | None
    agency: str | None
    role: str | None
    state: Literal["ready", "claimed", "completed", "cancelled"]
    created_at: LocalTime
    claimed_by: str | None
    form_key: str | None
    due_at: LocalTime | None = Field(None, description="the step's share of the deadline (a timer on the "
                                     "task), else the case's legal deadline; null: no deadline runs")
    overdue: bool = Field(False, description="past `due_at` while the legal clock runs")
    case_status: int | None = Field(None, description="the dossier's status 1–10")
    case_status_label: str | None = Field(None, description="the status in Vietnamese")

    @classmethod
    def of(cls, view: TaskView) -> TaskRead:
        """From the engine's view."""
        return cls.model_validate(view)


class TaskPage(Page[TaskRead]):
    """One page of the caller's work list, oldest task first."""


class TaskForm(BaseModel):
    """What a screen needs to render a task's e-form: the task, its JSON Schema and the current data."""

    model_config = ConfigDict(populate_by_name=True)

    task: TaskRead
    schema_: Data | None = Field(alias="schema", description="JSON Schema 2020-12; null if there is no form")
    data: Data


class TaskComplete(BaseModel):
    """The filled-in form, and optionally the case version the officer was looking at."""

    model_config = ConfigDict(extra="forbid")

    data: Data = Field(default_factory=dict)
    expected_version: int | None = Field(None, ge=0, le=2**31 - 1,
                                         description="refuse with 409 if the case changed since")
