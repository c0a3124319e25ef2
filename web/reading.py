"""The one module of web/ that calls the engine's façade: a case with its procedure and history, as seen by
a caller, or by a citizen who gives the dossier code and the applicant's id number; an officer's work list,
a task to do, and everything the case page shows."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from engine import CaseView, DocumentView, Engine, EventView, InboxItemView, TaskView
from engine.actors import SYSTEM, Actor
from engine.bpmn.procedure import Procedure
from engine.errors import ForbiddenError, NotFoundError


@dataclass(frozen=True)
class Dossier:
    """A case, its procedure and its audit trail: everything the lookup page and the forms print."""

    case: CaseView
    procedure: Procedure
    history: tuple[EventView, ...]


def dossier(engine: Engine, case_id: str, actor: Actor) -> Dossier:
    """The case with its data and history, if the actor may see it (NotFoundError otherwise)."""
    case = engine.cases.get(case_id, actor, with_data=True)
    history = tuple(engine.cases.history(case.id, actor))
    return Dossier(case, engine.catalog.procedure(case.procedure), history)


def looked_up(engine: Engine, dossier_code: str, id_number: str) -> Dossier | None:
    """The dossier with this code whose applicant has this id number; None when there is none, for an unknown
    code and a wrong id number alike (nothing tells them apart)."""
    try:
        case = engine.cases.get(dossier_code, SYSTEM)
    except NotFoundError:
        return None
    same_code = case.dossier_code == dossier_code  # a case id is not a dossier code for a citizen
    same_applicant = hmac.compare_digest(case.applicant.encode(), id_number.encode())
    if not (same_code and same_applicant):
        return None
    return dossier(engine, case.id, SYSTEM)


@dataclass(frozen=True)
class WorkItem:
    """A task of the work list and the name of its case's procedure."""

    task: TaskView
    procedure: str


@dataclass(frozen=True)
class WorkPage:
    """One page of an officer's work list, newest task first."""

    items: tuple[WorkItem, ...]
    total: int
    page: int  # from 1
    pages: int


def work_list(engine: Engine, actor: Actor, page: int, size: int) -> WorkPage:
    """The page-th page of the tasks the actor may work (GET /tasks's list), the newest first."""
    total = engine.tasks.page(actor, limit=1)[1]
    pages = max(1, -(-total // size))
    page = min(max(1, page), pages)
    # The engine lists the oldest first: take the page's slice from the end, and turn it round.
    end = total - (page - 1) * size
    start = max(0, end - size)
    views = engine.tasks.page(actor, limit=max(1, end - start), offset=start)[0] if total else []
    names: dict[str, str] = {}
    for view in views:
        if view.case_id not in names:
            slug = engine.cases.get(view.case_id, actor).procedure
            names[view.case_id] = engine.catalog.procedure(slug).name_vi
    items = tuple(WorkItem(v, names[v.case_id]) for v in reversed(views))
    return WorkPage(items, total, page, pages)


@dataclass(frozen=True)
class TaskAtHand:
    """A task with its form and data, the case it belongs to, and the case's procedure."""

    task: TaskView
    case: CaseView
    procedure: str


def task_at_hand(engine: Engine, task_id: str, actor: Actor) -> TaskAtHand:
    """The task, if the actor may work it (NotFoundError, or ForbiddenError for another lane's task)."""
    task = engine.tasks.get(task_id, actor)
    case = engine.cases.get(task.case_id, actor)
    return TaskAtHand(task, case, engine.catalog.procedure(case.procedure).name_vi)


def finished_task(engine: Engine, task_id: str, actor: Actor) -> TaskView | None:
    """A task the actor may work, done or not (for the message after completing it); None otherwise."""
    try:
        return engine.tasks.get(task_id, actor)
    except (NotFoundError, ForbiddenError):
        return None


def complete(engine: Engine, task_id: str, data: dict[str, Any], actor: Actor,
             expected_version: int | None) -> CaseView:
    """Claim the task if nobody has, then complete it with the form's data (the engine validates it).

    Two units of work, on purpose: the claim stays when the form is turned back, since the officer is
    working on the task and colleagues should see it.
    """
    if engine.tasks.get(task_id, actor).state == "ready":
        engine.tasks.claim(task_id, actor)
    return engine.tasks.complete(task_id, data, actor, expected_version=expected_version)


@dataclass(frozen=True)
class DocumentLine:
    """A document of the case, as the case page lists it."""

    id: str
    filename: str
    component: str | None
    media_type: str
    size: int
    uploaded_by: str
    created_at: datetime


@dataclass(frozen=True)
class IncidentLine:
    """A step stuck on another agency's system, as the case page lists it."""

    element_id: str
    operation: str
    message: str
    attempts: int
    created_at: datetime
    resolved_at: datetime | None


@dataclass(frozen=True)
class CaseFile:
    """Everything the case page shows but the diagram."""

    dossier: Dossier
    documents: tuple[DocumentLine, ...]
    incidents: tuple[IncidentLine, ...]
    keeps_documents: bool  # whether the installation stores documents (a printed form can be kept)
    feed: tuple[InboxItemView, ...]  # what the case sent to the officer's agency, oldest first


def case_file(engine: Engine, case_id: str, actor: Actor) -> CaseFile:
    """The case, its history, documents, incidents and what it sent to the actor's agency, if the actor may
    see it (NotFoundError otherwise)."""
    found = dossier(engine, case_id, actor)
    case_id = found.case.id
    documents = engine.documents.list(case_id, actor) if engine.documents.kept else []
    incidents = engine.incidents.list(actor, open_only=False, case_id=case_id, limit=50)[0]
    feed = engine.outbox.inbox(actor, case_id=case_id, limit=50)[0] if actor.agency else []
    return CaseFile(
        found,
        tuple(DocumentLine(d.id, d.filename, d.component, d.media_type, d.size, d.uploaded_by, d.created_at)
              for d in documents),
        tuple(IncidentLine(i.element_id, i.operation, i.message, i.attempts, i.created_at, i.resolved_at)
              for i in incidents),
        engine.documents.kept,
        tuple(feed),
    )


def keep_document(engine: Engine, case_id: str, content: bytes, filename: str, actor: Actor) -> DocumentView:
    """Attach a file the case produced (a printed form) to the case; the same bytes again: the first row."""
    return engine.documents.attach(case_id, content, filename=filename, actor=actor)
