"""What one variant declares: its tasks, hand-offs, citizen touchpoints, papers asked for and deadlines."""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.bpmn.elements import Element, Flow
from engine.bpmn.model import ProcessModel
from engine.bpmn.procedure import CITIZEN_ROLE
from workbench.variants import VariantFile

ACTIVITY_KINDS = frozenset(
    {
        "task", "userTask", "manualTask", "serviceTask", "scriptTask", "sendTask", "receiveTask",
        "businessRuleTask", "callActivity", "subProcess", "transaction", "adHocSubProcess",
    }
)
# Properties that feed the simulation only: they are inputs, not process changes.
SIMULATION_PROPERTIES = frozenset({"duration"})


@dataclass(frozen=True)
class Place:
    """Where work happens: a lane (role) of a pool, and the agency it belongs to."""

    lane: str
    agency: str
    citizen: bool = False  # the applicant's own lane: passing work to them is a touchpoint, not a hand-off

    def __str__(self) -> str:
        return self.lane if self.lane == self.agency else f"{self.lane} ({self.agency})"


@dataclass(frozen=True)
class TaskFact:
    """One activity of the diagram, as the diff compares it."""

    id: str
    name: str
    kind: str
    lane: str
    agency: str
    properties: dict[str, str]
    shared: bool = False  # defined in a processes/_shared call activity


@dataclass(frozen=True)
class Handoff:
    """A dossier changing hands: `agency` (between agencies), `lane` (inside one), `message` or `declared`."""

    kind: str
    element_id: str
    name: str
    source: str
    target: str


@dataclass(frozen=True)
class Touchpoint:
    """A step where the citizen goes to an office or hands in papers."""

    element_id: str
    name: str
    lane: str
    trips: int
    papers: tuple[str, ...]


@dataclass(frozen=True)
class Replacement:
    """A service task that fetches data from another system instead of asking for papers."""

    element_id: str
    name: str
    operation: str
    papers: tuple[str, ...]


@dataclass
class VariantFacts:
    """Everything the diff and the report read from one variant."""

    label: str
    file: str
    procedure: str | None
    tasks: dict[str, TaskFact]
    handoffs: list[Handoff]
    touchpoints: list[Touchpoint]
    replacements: list[Replacement]
    papers: list[str]
    paper_names: dict[str, str]
    deadlines: dict[str, int]
    crossing_flows: frozenset[str] = field(default_factory=frozenset)

    def handoff_counts(self) -> dict[str, int]:
        """Hand-offs by kind, plus the total."""
        counts = {kind: 0 for kind in ("agency", "lane", "message", "declared")}
        for handoff in self.handoffs:
            counts[handoff.kind] += 1
        counts["total"] = len(self.handoffs)
        return counts

    @property
    def trips(self) -> int:
        """Trips declared over all steps (each step counted once, whether or not a case passes it)."""
        return sum(t.trips for t in self.touchpoints)


def read_facts(variant: VariantFile) -> VariantFacts:
    """Read the facts of a variant from its model and procedure.toml."""
    model = variant.model
    places = {element.id: place_of(model, element) for element in model.elements.values()}
    tasks = {
        e.id: TaskFact(e.id, e.name, e.kind, places[e.id].lane, places[e.id].agency, dict(e.properties),
                       shared=e.file.startswith("_shared/"))
        for e in model.elements.values() if e.kind in ACTIVITY_KINDS
    }
    handoffs, crossing = _handoffs(model, places)
    touchpoints: list[Touchpoint] = []
    papers: list[str] = []
    for element in model.elements.values():
        trips = int(element.properties.get("trips", "0") or 0)
        handed = _codes(element.properties.get("papers", ""))
        if trips or handed:
            touchpoints.append(Touchpoint(element.id, element.name, places[element.id].lane, trips, handed))
        papers.extend(code for code in handed if code not in papers)
    operations = _operations(model)
    replacements = [
        Replacement(e.id, e.name, operations.get(e.id, ""), _codes(e.properties["replaces"]))
        for e in model.elements.values() if e.properties.get("replaces")
    ]
    components = model.procedure.components if model.procedure else {}
    names = {code: str(entry.get("name_vi", code)) for code, entry in components.items()}
    return VariantFacts(
        label=variant.label, file=str(variant.path),
        procedure=model.procedure.slug if model.procedure else None,
        tasks=tasks, handoffs=handoffs, touchpoints=touchpoints, replacements=replacements, papers=papers,
        paper_names=names, deadlines=model.deadlines, crossing_flows=frozenset(crossing),
    )


def place_of(model: ProcessModel, element: Element) -> Place:
    """The lane and agency of an element (the pool stands in for both when there are no lanes)."""
    pool = model.pool_of(element)
    role = model.lane_role(element)
    pool_name = pool.name if pool else element.process_id
    lane = element.lane or pool_name
    if role is not None:
        agency = model.procedure.agency_name(role.agency) if model.procedure else role.agency
    else:
        agency = pool_name
    return Place(lane, agency, citizen=role is not None and role.role == CITIZEN_ROLE)


def crossing_flows(model: ProcessModel, places: dict[str, Place]) -> list[str]:
    """Sequence flows that pass the dossier from one lane to another (not to or from the citizen)."""
    out = []
    for flow in model.flows.values():
        source, target = places.get(flow.source), places.get(flow.target)
        if source is None or target is None or source.lane == target.lane or source.citizen or target.citizen:
            continue
        out.append(flow.id)
    return out


def _handoffs(model: ProcessModel, places: dict[str, Place]) -> tuple[list[Handoff], set[str]]:
    handoffs: list[Handoff] = []
    crossing: set[str] = set()
    entered: set[str] = set()
    for flow_id in crossing_flows(model, places):
        flow = model.flows[flow_id]
        source, target = places[flow.source], places[flow.target]
        crossing.add(flow.id)
        entered.add(flow.target)
        kind = "agency" if source.agency != target.agency else "lane"
        handoffs.append(Handoff(kind, flow.target, model.elements[flow.target].name or flow.target,
                                str(source), str(target)))
    for flow in agency_messages(model):
        handoffs.append(Handoff("message", flow.id, flow.message or flow.name or flow.id,
                                _pool_label(model, flow.source), _pool_label(model, flow.target)))
        entered |= {flow.source, flow.target}
    for element in model.elements.values():
        if element.properties.get("handoff") == "true" and element.id not in entered:
            handoffs.append(Handoff("declared", element.id, element.name or element.id,
                                    str(places[element.id]), ""))
    return handoffs, crossing


def agency_messages(model: ProcessModel) -> list[Flow]:
    """Message flows between agencies (those to or from the applicant's own pool are touchpoints)."""
    out = []
    for flow in model.message_flows:
        pools = [model.pool_by_ref(ref) for ref in (flow.source, flow.target)]
        if not any(pool is not None and _is_citizen(model, pool.name) for pool in pools):
            out.append(flow)
    return out


def handoff_elements(model: ProcessModel) -> set[str]:
    """Elements whose completion passes the dossier on: declared `handoff=true`, or sending to or receiving
    from another agency (an end of a message flow)."""
    ends = {ref for flow in agency_messages(model) for ref in (flow.source, flow.target)}
    declared = {e.id for e in model.elements.values() if e.properties.get("handoff") == "true"}
    return (ends & set(model.elements)) | declared


def _is_citizen(model: ProcessModel, pool_name: str) -> bool:
    role = model.procedure.lane(pool_name) if model.procedure else None
    return role is not None and role.role == CITIZEN_ROLE


def _pool_label(model: ProcessModel, ref: str) -> str:
    pool = model.pool_by_ref(ref)
    return pool.name if pool is not None else ref


def _operations(model: ProcessModel) -> dict[str, str]:
    """Service task id → the connector operation it calls."""
    found: dict[str, str] = {}
    for doc in model.documents:
        for node in doc.xpath("//spiffworkflow:serviceTaskOperator"):
            task = node.getparent().getparent()  # operator ← extensionElements ← serviceTask
            found[str(task.get("id"))] = str(node.get("id") or "")
    return found


def _codes(value: str) -> tuple[str, ...]:
    return tuple(code.strip() for code in value.split(",") if code.strip())
