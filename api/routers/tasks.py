"""/tasks: the caller's work list, claiming a task, its e-form, and completing it.

Every route that calls the engine is a plain `def`: FastAPI runs it on its bounded thread pool, so a slow
script, an SQLite busy wait or a lock wait holds one thread, never the event loop that answers everyone
else (issue 11: an `async def` route calling the engine stalled every request of its worker)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Path, Query

from .. import examples as ex
from ..deps import ActorDep, EngineDep
from ..idempotency import OnceDep
from ..responses import ok, problems
from ..schemas.cases import CaseRead
from ..schemas.common import PRINTABLE
from ..schemas.pages import Limit, Offset
from ..schemas.tasks import TaskComplete, TaskForm, TaskPage, TaskRead

router = APIRouter(prefix="/tasks", tags=["tasks"])
TaskId = Annotated[str, Path(min_length=1, max_length=64, pattern=PRINTABLE, examples=[ex.TASK_ID])]


@router.get("", responses={**ok(ex.page([ex.TASK], 100)), **problems(404)})
def list_tasks(
    engine: EngineDep, actor: ActorDep,
    case: Annotated[str | None, Query(max_length=64, pattern=PRINTABLE, description="case id or dossier code",
                                      examples=[ex.DOSSIER])] = None,
    lane: Annotated[str | None, Query(max_length=128, pattern=PRINTABLE, examples=["Một cửa"])] = None,
    role: Annotated[str | None, Query(max_length=64, pattern=PRINTABLE, examples=["mot-cua"])] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> TaskPage:
    """The caller's work list: open tasks of the lanes its agency and roles grant (a citizen: its own), each
    with its due date, whether it is overdue, and its dossier's status."""
    views, total = engine.tasks.page(actor, case_id=case, lane=lane, role=role, limit=limit, offset=offset)
    return TaskPage.of([TaskRead.of(v) for v in views], total, limit, offset)


@router.get("/{task_id}/form", responses={**ok(ex.FORM), **problems(403, 404)})
def task_form(task_id: TaskId, engine: EngineDep, actor: ActorDep) -> TaskForm:
    """What a screen needs to render the task's interactive e-form: JSON Schema and current data."""
    view = engine.tasks.get(task_id, actor)
    return TaskForm(task=TaskRead.of(view), schema=view.form, data=view.data)


@router.post("/{task_id}/claim", responses={**ok(ex.TASK_CLAIMED), **problems(403, 404, 409)})
def claim_task(task_id: TaskId, engine: EngineDep, actor: ActorDep, once: OnceDep) -> TaskRead:
    """Take a task, so that colleagues of the lane see who works on it."""
    return once(lambda: TaskRead.of(engine.tasks.claim(task_id, actor)))


@router.post("/{task_id}/complete", responses={**ok(ex.CASE), **problems(403, 404, 409, 413, 502)})
def complete_task(
    task_id: TaskId, body: Annotated[TaskComplete, Body(openapi_examples=ex.TASK_COMPLETE)],
    engine: EngineDep, actor: ActorDep, once: OnceDep,
) -> CaseRead:
    """Complete a task with its form data (checked against the form's JSON Schema; 422 lists each field).

    A task already completed, or a case that moved past `expected_version`, answers 409.
    """
    return once(lambda: CaseRead.of(engine.tasks.complete(task_id, body.data, actor,
                                                         expected_version=body.expected_version)))
