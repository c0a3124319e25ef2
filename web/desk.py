"""The officer's desk: the work list (`/`), a task's form (`/viec/{id}`) and a case (`/ho-so/{id}`).

Every read and every completion goes through web/reading.py, with the signed-in officer as the actor: the
engine's own checks decide what an officer sees, exactly as for the API.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from engine import Engine
from engine.actors import Actor
from engine.errors import ValidationError

from .issuing import attach_form
from .reading import case_file, complete, finished_task, task_at_hand, work_list
from .schema_form import data_of, fields_of, place_errors, typed_values
from .screens import Screens
from .vietnamese import FORM_TITLES, FORMS, parse_day

Diagram = Callable[[Engine, str, Actor], str]  # the case's diagram as SVG (api/diagrams.py draws it)
PAGE_SIZE = 20
ID = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$"
DONE = "Đã hoàn thành «{name}» của hồ sơ {code}."
RESERVED = ("csrf", "expected_version")  # the form's own inputs, never task data


def desk_router(engine: Engine, screens: Screens, diagram: Diagram) -> APIRouter:
    """The work list, task and case pages over this engine."""
    router = APIRouter()

    @router.get("/", include_in_schema=False)
    def work(request: Request, trang: Annotated[int, Query(ge=1, le=100_000)] = 1,
             xong: Annotated[str | None, Query(max_length=64, pattern=ID)] = None) -> Response:
        """The officer's work list: the tasks of their agency's lanes and roles, newest first."""
        def show(actor: Actor) -> Response:
            done = finished_task(engine, xong, actor) if xong else None
            notice = DONE.format(name=done.name, code=done.dossier_code) if done else None
            listed = work_list(engine, actor, trang, PAGE_SIZE)
            return screens.render(request, "can-bo-viec.html.j2", actor=actor, work=listed, notice=notice)
        return screens.page(request, show)

    @router.get("/viec/{task_id}", include_in_schema=False)
    def task_page(request: Request, task_id: Annotated[str, Path(max_length=64, pattern=ID)]) -> Response:
        """A task's form, filled with the task's data."""
        def show(actor: Actor) -> Response:
            at_hand = task_at_hand(engine, task_id, actor)
            fields = fields_of(at_hand.task.form, at_hand.task.data)
            return screens.render(request, "can-bo-nhiem-vu.html.j2", actor=actor, at_hand=at_hand,
                                  fields=fields, errors=[])
        return screens.page(request, show)

    @router.post("/viec/{task_id}", include_in_schema=False)
    async def task_done(request: Request, task_id: Annotated[str, Path(max_length=64, pattern=ID)]
                        ) -> Response:
        """Complete the task with the posted form: back to the work list, or the form again with the
        engine's errors at their fields and what was typed."""
        form = await request.form()
        posted = {k: v for k, v in form.items() if isinstance(v, str) and k not in RESERVED}
        csrf = form.get("csrf")
        version = str(form.get("expected_version") or "")

        def submit(actor: Actor) -> Response:
            at_hand = task_at_hand(engine, task_id, actor)
            try:
                complete(engine, task_id, data_of(at_hand.task.form, posted), actor,
                         int(version) if version.isdigit() else None)
            except ValidationError as exc:
                fields = fields_of(at_hand.task.form, typed_values(posted))
                left = place_errors(fields, exc.errors or [{"field": exc.field, "message": exc.message}])
                # 200, as a form shown again with its errors: a 4xx page is a console error in the browser.
                return screens.render(request, "can-bo-nhiem-vu.html.j2", 200, actor, at_hand=at_hand,
                                      fields=fields, errors=left)
            return RedirectResponse(f"/?xong={task_id}", status_code=303)

        # The engine runs the case on (scripts, connectors): in the thread pool, not on the event loop.
        return await run_in_threadpool(screens.page, request, submit,
                                       posted_csrf=csrf if isinstance(csrf, str) else "")

    @router.get("/ho-so/{case_id}", include_in_schema=False)
    def case_page(request: Request, case_id: Annotated[str, Path(max_length=64, pattern=ID)]) -> Response:
        """A case: status, appointment, the live diagram, history, documents, incidents, printed forms."""
        def show(actor: Actor) -> Response:
            found = case_file(engine, case_id, actor)
            case = found.dossier.case
            issued = {e.to_state for e in found.dossier.history if e.kind == "document_issued"}
            forms = [(f, FORM_TITLES[f]) for f in FORMS if f in issued]
            appointment = parse_day(case.summary.get("appointment")) or case.legal_clock.due_at
            return screens.render(request, "can-bo-ho-so.html.j2", actor=actor, file=found, case=case,
                                  forms=forms, appointment=appointment,
                                  diagram=Markup(diagram(engine, case.id, actor)))  # ours, escaped
        return screens.page(request, show)

    @router.post("/ho-so/{case_id}/bieu-mau/{form}", include_in_schema=False)
    async def keep_form(request: Request, case_id: Annotated[str, Path(max_length=64, pattern=ID)],
                        form: Annotated[str, Path(pattern=r"^mau-0[1-6]$")]) -> Response:
        """Keep a printed form among the case's documents, then back to the case's documents."""
        posted = await request.form()
        csrf = posted.get("csrf")

        def keep(actor: Actor) -> Response:
            attach_form(engine, case_id, form, actor, str(request.base_url))
            return RedirectResponse(f"/ho-so/{case_id}#tai-lieu", status_code=303)

        return await run_in_threadpool(screens.page, request, keep,
                                       posted_csrf=csrf if isinstance(csrf, str) else "")

    return router
