"""Diagrams as SVG, drawn from diagram interchange by `workbench.render`, with a case's position and path."""

from __future__ import annotations

from engine import Engine
from engine.actors import Actor
from engine.bpmn.elements import Flow
from engine.bpmn.model import ProcessModel
from workbench.render.svg import render_svg

from .contracts import variant_model

SVG = "image/svg+xml"
JOINS = ("parallelGateway", "inclusiveGateway")


def procedure_diagram(engine: Engine, code: str, variant: str | None, version_id: int | None) -> str:
    """A variant's diagram: a given version, the active one, or the catalogue's file before any deployment."""
    procedure = engine.catalog.procedure(code)
    model, variant = variant_model(engine, procedure, variant, version_id)
    return render_svg(model.documents[0], title=f"{procedure.name_vi} — {variant}")


def case_diagram(engine: Engine, case_id: str, actor: Actor) -> str:
    """The diagram a case runs on, with where it waits now and the flows it took (loops counted)."""
    case = engine.cases.get(case_id, actor)
    model = engine.versions.model(case.version_id)
    done = [e.element_id for e in engine.cases.history(case.id, actor)
            if e.kind == "element_completed" and e.element_id in model.elements]
    current = [p.element_id for p in case.position]
    highlight = {element: "covered" for element in done}
    highlight.update({element: "current" for element in current})
    return render_svg(model.documents[0], highlight=highlight, path=taken_flows(model, done, current),
                      title=f"{case.dossier_code} — {case.status_label}", legend=True)


def taken_flows(model: ProcessModel, done: list[str], current: list[str]) -> list[str]:
    """The sequence flows a case took, in order, from the order its elements completed.

    An element was entered through the flow from the most recently completed of its sources; a parallel
    or inclusive join through every flow whose source completed since the join last fired.
    """
    incoming: dict[str, list[Flow]] = {}
    for flow in model.flows.values():
        incoming.setdefault(flow.target, []).append(flow)
    completed_at: dict[str, int] = {}
    path: list[str] = []
    for step, element in enumerate([*done, *current]):
        sources = [f for f in incoming.get(element, []) if f.source in completed_at]
        if sources and model.elements[element].kind in JOINS:
            since = completed_at.get(element, -1)
            path += [f.id for f in sources if completed_at[f.source] > since]
        elif sources:
            path.append(max(sources, key=lambda f: completed_at[f.source]).id)
        if step < len(done):
            completed_at[element] = step
    return path
