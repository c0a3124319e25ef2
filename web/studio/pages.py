"""The studio's pages: the catalogue (`/studio`), a group with both diagrams and its versions
(`/studio/{group}`), the editor (`/studio/{group}/{variant}/edit`), submitting a checked draft as a version
and activating it, and the vendored modeler's files. The Check's stream is web/studio/check.py.

What needs the workbench — the diagrams drawn from DI and the Check itself — the application hands in
(`StudioTools`, built in api/app.py), so that web/ imports neither the API nor the workbench.
"""

from __future__ import annotations

import json
import mimetypes
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup
from starlette.exceptions import HTTPException

from engine import Engine
from engine.actors import Actor
from engine.bpmn.procedure import Procedure
from engine.bpmn.properties import PROPERTIES
from engine.errors import ConflictError, NotFoundError
from engine.law.status import DossierStatus

from ..pages import templates
from ..screens import Screens
from ..session import Gate
from .access import ANALYST_ROLE, REVIEWER_ROLE, may, require, require_studio
from .check import SLUG, VARIANT, check_router
from .drafts import DRAFT_ID, Drafts
from .reading import activate, catalogue_root, current_diagram, form_keys, group, groups, submit, variants

HERE = FilePath(__file__).parent
STATIC = HERE / "static"
Slug = Annotated[str, Path(max_length=64, pattern=SLUG)]
VariantName = Annotated[str, Path(max_length=64, pattern=VARIANT)]
# The variant's diagram as SVG drawn from its DI (api/diagrams.py's procedure_diagram).
Diagram = Callable[[Engine, str, str], str]
# One Check of a draft file standing for (procedure, variant): its events (workbench/check/run.py).
Checker = Callable[[FilePath, str, str], Iterator[dict[str, Any]]]
SUBMITTED = "Đã gửi phiên bản {number} của {variant} chờ duyệt. Một cán bộ duyệt quy trình khác kích hoạt nó."
ACTIVATED = "Đã kích hoạt phiên bản {number} của {variant}: hồ sơ mới chạy trên phiên bản này."
NOT_PASSED = "Bản nháp này chưa được Kiểm tra đạt; chỉ bản nháp đạt mới gửi duyệt được."


@dataclass(frozen=True)
class StudioTools:
    """What the studio needs from outside web/: the drafts directory, diagrams drawn from DI, the Check."""

    drafts_dir: FilePath
    diagram: Diagram
    check: Checker


def studio_router(engine: Engine, gate: Gate, tools: StudioTools) -> APIRouter:
    """The studio's pages over this engine, for analysts and reviewers signed in as officers (through the
    officer pages' gate and session)."""
    router = APIRouter(tags=["studio pages"])
    screens = Screens(templates(), gate)
    drafts = Drafts(tools.drafts_dir, catalogue_root(engine))
    router.include_router(check_router(engine, screens, drafts, tools.check))

    @router.get("/studio", include_in_schema=False)
    def catalogue(request: Request) -> Response:
        """Every group, its variants and versions, and the last verdict of each variant's drafts."""
        def show(actor: Actor) -> Response:
            require_studio(actor)
            rows = [(p, variants(engine, p), {v: drafts.latest(p.slug, v) for v in p.variants})
                    for p in groups(engine)]
            return screens.render(request, "studio.html.j2", actor=actor, rows=rows)
        return screens.page(request, show)

    @router.get("/studio/{slug}", include_in_schema=False)
    def group_page(request: Request, slug: Slug,
                   gui: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
                   kich_hoat: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None) -> Response:
        """A group: each variant's diagram (as-is and to-be), its versions, and who may do what."""
        def show(actor: Actor) -> Response:
            require_studio(actor)
            procedure = group(engine, slug)
            rows = variants(engine, procedure)
            notice = _notice(rows, gui, SUBMITTED) or _notice(rows, kich_hoat, ACTIVATED)
            pictures = {row.name: Markup(tools.diagram(engine, slug, row.name)) for row in rows}  # ours
            return screens.render(request, "studio-nhom.html.j2", actor=actor, procedure=procedure,
                                  rows=rows, pictures=pictures, notice=notice,
                                  may_edit=may(actor, procedure, ANALYST_ROLE),
                                  may_review=may(actor, procedure, REVIEWER_ROLE),
                                  verdicts={v: drafts.latest(slug, v) for v in procedure.variants})
        return screens.page(request, show)

    @router.get("/studio/{slug}/{variant}/edit", include_in_schema=False)
    def editor(request: Request, slug: Slug, variant: VariantName) -> Response:
        """The modeler with the variant's current diagram and the project's properties panel."""
        def show(actor: Actor) -> Response:
            procedure = _variant_of(engine, slug, variant)
            require(actor, procedure, ANALYST_ROLE, "Sửa sơ đồ")
            setup = editor_setup(engine, procedure, variant)
            return screens.render(request, "studio-sua.html.j2", actor=actor, procedure=procedure,
                                  variant=variant, setup=Markup(_script_json(setup)))  # escaped for <script>
        return screens.page(request, show)

    @router.get("/studio/{slug}/{variant}/bpmn", include_in_schema=False)
    def diagram_xml(request: Request, slug: Slug, variant: VariantName) -> Response:
        """The variant's current BPMN, which the editor opens."""
        def show(actor: Actor) -> Response:
            procedure = _variant_of(engine, slug, variant)
            require(actor, procedure, ANALYST_ROLE, "Sửa sơ đồ")
            return Response(current_diagram(engine, procedure, variant), media_type="application/xml",
                            headers={"Cache-Control": "no-store"})
        return screens.page(request, show)

    @router.post("/studio/{slug}/{variant}/submit", include_in_schema=False)
    def submit_draft(request: Request, slug: Slug, variant: VariantName,
                     csrf: Annotated[str, Form(max_length=128)] = "",
                     nhap: Annotated[str, Form(max_length=16, pattern=DRAFT_ID.pattern)] = "",
                     ghi_chu: Annotated[str, Form(max_length=500)] = "") -> Response:
        """A draft whose Check passed, as a new version pending review (the engine's version flow)."""
        def send(actor: Actor) -> Response:
            procedure = _variant_of(engine, slug, variant)
            require(actor, procedure, ANALYST_ROLE, "Gửi phiên bản mới")
            draft = drafts.get(slug, nhap)
            if draft.variant != variant or draft.verdict != "pass":
                raise ConflictError(NOT_PASSED)
            version = submit(engine, procedure, variant, draft.path.read_bytes(), actor, ghi_chu.strip())
            return RedirectResponse(f"/studio/{slug}?gui={version.id}", status_code=303)
        return screens.page(request, send, posted_csrf=csrf)

    @router.post("/studio/{slug}/versions/{version_id}/activate", include_in_schema=False)
    def activate_version(request: Request, slug: Slug,
                         version_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
                         csrf: Annotated[str, Form(max_length=128)] = "") -> Response:
        """Activate a pending version: a reviewer other than its author (the engine checks who)."""
        def act(actor: Actor) -> Response:
            procedure = group(engine, slug)
            require(actor, procedure, REVIEWER_ROLE, "Kích hoạt phiên bản")
            version = activate(engine, procedure, version_id, actor)
            return RedirectResponse(f"/studio/{slug}?kich_hoat={version.id}", status_code=303)
        return screens.page(request, act, posted_csrf=csrf)

    @router.get("/studio/static/{name:path}", include_in_schema=False)
    def asset(name: str) -> Response:
        """The studio's script and style, and the vendored bpmn-js modeler (nothing from elsewhere)."""
        path = (STATIC / name).resolve()
        if not path.is_relative_to(STATIC) or not path.is_file() or path.name.startswith("."):
            raise HTTPException(404, f"no asset {name}")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind == "application/javascript":
            kind += "; charset=utf-8"
        return Response(path.read_bytes(), media_type=kind, headers={"Cache-Control": "public, max-age=3600"})

    return router


def _variant_of(engine: Engine, slug: str, variant: str) -> Procedure:
    """The procedure, if it has this variant (NotFoundError, the 404 page, otherwise)."""
    procedure = group(engine, slug)
    if variant not in procedure.variants:
        raise NotFoundError(f"thủ tục {slug} không có biến thể {variant}")
    return procedure


def _notice(rows: list[Any], version_id: int | None, text: str) -> str | None:
    found = next(((row.name, v) for row in rows for v in row.versions if v.id == version_id), None)
    return text.format(number=found[1].number, variant=found[0]) if found else None


def editor_setup(engine: Engine, procedure: Procedure, variant: str) -> dict[str, Any]:
    """What the editor's script needs: where to load and check, the lanes, properties and their choices."""
    base = f"/studio/{procedure.slug}/{variant}"
    return {
        "bpmn": f"{base}/bpmn", "check": f"{base}/check", "submit": f"{base}/submit",
        "lanes": [{"name": name, "agency": lane.agency, "role": lane.role,
                   "agency_name": procedure.agency_name(lane.agency)}
                  for name, lane in procedure.lanes.items()],
        "properties": [{"name": p.name, "kind": p.kind, "label": p.label, "values": list(p.values)}
                       for p in PROPERTIES.values()],
        "statuses": [{"code": int(status), "label": status.label_vi} for status in DossierStatus],
        "components": [{"code": code, "name": str(c.get("name_vi", code))}
                       for code, c in procedure.components.items()],
        "deadlines": procedure.variants[variant].deadlines,
        "forms": form_keys(engine, procedure, variant),
    }


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element (no "</script>" can close it early)."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
