"""Tasks: a work-list item, a page of them, a task's form and completing it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from engine.views import TaskView

from .common import Data, LocalTime, Read


class TaskRead(Read):
    """A human task waiting in a lane."""


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

    @classmethod
    def of(cls, view: TaskView) -> TaskRead:
        """From the engine's view."""
        return cls.model_validate(view)


class TaskPage(BaseModel):
    """One page of the caller's work list, oldest task first."""

    items: list[TaskRead]
    limit: int
    offset: int
    has_more: bool


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
