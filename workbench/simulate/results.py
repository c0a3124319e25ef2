"""What a simulation run measured, case by case and lane by lane, and the figures a reader wants from it."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class CaseOutcome:
    """One simulated dossier: how long it took and what the citizen had to do."""

    dossier: str
    arrived_at: datetime
    lead_days: float | None  # submission to the end of the case, in working days (None: never ended)
    legal_days: int | None  # working days on the legal clock (pauses for supplements not counted)
    on_time: bool | None  # finished by the legal due date (None: the legal clock never ran)
    result: str | None
    status: int
    trips: int
    papers: int
    handoffs: int
    supplements: int
    apologies: int


@dataclass(frozen=True)
class LaneUse:
    """How busy the people of one lane were."""

    lane: str
    capacity: int | None  # None: unlimited (citizens, or no capacity given)
    busy_days: float
    utilisation: float | None  # share of the lane's office hours spent working (finite capacity only)
    mean_wait_days: float  # time a task waited for a free person
    tasks: int


@dataclass
class SimRun:
    """The raw outcome of one run."""

    outcomes: list[CaseOutcome]
    lanes: list[LaneUse]
    element_days: dict[str, float]  # mean working days a case spends at each element (queue + work)
    span_days: float
    warnings: list[str] = field(default_factory=list)
    stuck: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)


@dataclass
class Figures:
    """The summary a report shows: lead time, on-time share, hand-offs, trips, papers, utilisation."""

    label: str
    cases: int
    finished: int
    seed: int
    lead_mean: float
    lead_p50: float
    lead_p90: float
    lead_p95: float
    on_time_share: float | None
    on_time_counted: int
    approved_share: float
    refused_share: float
    no_result_share: float  # finished without any `result` property on the way: neither approved nor refused
    supplement_share: float
    apology_share: float
    handoffs: float
    trips: float
    papers: float
    lanes: list[LaneUse]
    lead_times: list[float]
    element_days: dict[str, float]
    warnings: list[str]
    stuck: list[tuple[str, tuple[str, ...]]]
    wall_seconds: float = 0.0

    def to_dict(self, *, with_samples: bool = False) -> dict[str, Any]:
        """JSON-ready figures (the per-case lead times only when asked)."""
        out = asdict(self)
        if not with_samples:
            out.pop("lead_times")
        return out


def summarise(run: SimRun, label: str, seed: int) -> Figures:
    """Turn a run's outcomes into the figures; means are per case, over the cases that finished."""
    done = [o for o in run.outcomes if o.lead_days is not None]
    leads = sorted(o.lead_days for o in done if o.lead_days is not None)
    timed = [o for o in done if o.on_time is not None]
    n = max(len(done), 1)
    unresolved = sum(1 for o in done if o.result is None)
    warnings = list(run.warnings)
    if unresolved:
        warnings.append(f"{unresolved} of {len(done)} finished cases ended without a result: no step or end "
                        "event on their way has a `result` property (approved/refused), so the refused share "
                        "does not count them (docs/modelling.md)")
    return Figures(
        label=label, cases=len(run.outcomes), finished=len(done), seed=seed,
        lead_mean=sum(leads) / n, lead_p50=percentile(leads, 50), lead_p90=percentile(leads, 90),
        lead_p95=percentile(leads, 95),
        on_time_share=sum(1 for o in timed if o.on_time) / len(timed) if timed else None,
        on_time_counted=len(timed),
        approved_share=sum(1 for o in done if o.result == "approved") / n,
        refused_share=sum(1 for o in done if o.result == "refused") / n, no_result_share=unresolved / n,
        supplement_share=sum(1 for o in done if o.supplements) / n,
        apology_share=sum(1 for o in done if o.apologies) / n,
        handoffs=sum(o.handoffs for o in done) / n, trips=sum(o.trips for o in done) / n,
        papers=sum(o.papers for o in done) / n, lanes=run.lanes, lead_times=leads,
        element_days=run.element_days, warnings=warnings, stuck=run.stuck,
    )


def percentile(ordered: list[float], q: float) -> float:
    """The q-th percentile of sorted values, interpolated linearly between ranks (numpy's default)."""
    if not ordered:
        return math.nan
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)
