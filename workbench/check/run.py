"""`check_draft`: one Check of a studio draft, as events — lint, scenarios and coverage, a short simulation
of the draft and of as-is, the comparison, and the verdict with the seconds each stage took."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.bpmn.catalog import Catalog
from engine.errors import LienThongError
from engine.time.calendar import WorkingCalendar
from workbench.lint.findings import engine_message
from workbench.lint.run import lint_source
from workbench.simulate.results import Figures
from workbench.simulate.variant import simulate_variant
from workbench.variants import VariantFile

from .scenarios import scenario_events

Event = dict[str, Any]
SHORT_RUN = 60  # cases per variant: enough for lead time and shares to settle roughly, in about a second
BASELINE = "as-is"
# The figures the studio compares, each with its Vietnamese label and whether less is better.
FIGURES = (
    ("lead_mean", "Thời gian giải quyết trung bình (ngày làm việc)", True),
    ("on_time_share", "Tỷ lệ đúng hẹn", False),
    ("trips", "Số lần đến cơ quan", True),
    ("papers", "Số giấy tờ giấy", True),
    ("handoffs", "Số lần chuyển giao", True),
)


@dataclass(frozen=True)
class Draft:
    """A draft diagram saved for a Check: its file, the catalogue procedure and variant it stands for."""

    path: Path
    slug: str
    variant: str
    catalog_root: Path


def check_draft(draft: Draft, *, cases: int = SHORT_RUN, calendar: WorkingCalendar | None = None
                ) -> Iterator[Event]:
    """Every stage of the Check, as events (docs/pages.md); the last one is `done` with the verdict."""
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    catalog = Catalog(draft.catalog_root)
    content = draft.path.read_bytes()

    try:
        variant = draft_variant(catalog, draft, content)
    except LienThongError as exc:
        variant, unloadable = None, engine_message(exc)
    with ThreadPoolExecutor(max_workers=1) as pool:
        # The simulation runs beside the lint and the scenarios (their pytest child is another process):
        # on two cores the Check takes about as long as the scenarios alone.
        simulated = (pool.submit(simulate, catalog, draft, variant, cases, calendar or WorkingCalendar())
                     if variant is not None else None)
        yield {"event": "stage", "stage": "lint", "state": "started"}
        clock = time.perf_counter()
        findings = lint_source(content, draft.path.name, catalog, draft.slug, draft.variant)
        seconds["lint"] = time.perf_counter() - clock
        errors = sum(1 for f in findings if f.severity == "error")
        yield {"event": "lint", "seconds": seconds["lint"], "errors": errors,
               "findings": [{"severity": f.severity, "code": f.code, "message": f.message, "line": f.line,
                             "element_id": f.element_id, "hint": f.hint} for f in findings]}
        if variant is None or simulated is None:
            seconds["total"] = time.perf_counter() - started
            yield {"event": "done", "verdict": "fail", "seconds": seconds, "lint_errors": errors,
                   "failed_scenarios": 0, "reason": f"Động cơ không chạy được sơ đồ: {unloadable}"}
            return
        yield {"event": "stage", "stage": "scenarios", "state": "started"}
        failed, ran = 0, True
        for event in scenario_events(variant):
            if event["event"] == "scenario" and event["status"] == "failed":
                failed += 1
            if event["event"] in ("coverage", "scenarios"):
                seconds["scenarios"] = event["seconds"]
                ran = event.get("ran", True)
            yield event
        yield {"event": "stage", "stage": "simulation", "state": "started"}
        events, seconds["simulation"] = simulated.result()
        yield from events
    seconds["total"] = time.perf_counter() - started
    verdict = "pass" if errors == 0 and failed == 0 and ran else "fail"
    yield {"event": "done", "verdict": verdict, "seconds": seconds, "lint_errors": errors,
           "failed_scenarios": failed}


def draft_variant(catalog: Catalog, draft: Draft, content: bytes) -> VariantFile:
    """The draft bundled as the variant it stands for, with that variant's procedure folder as its home."""
    bundle = catalog.bundle(draft.slug, draft.variant, bpmn=content, filename=draft.path.name)
    return VariantFile(draft.path, catalog.model(bundle), draft.variant,
                       home=(draft.catalog_root / draft.slug).resolve())


def simulate(catalog: Catalog, draft: Draft, variant: VariantFile, cases: int, calendar: WorkingCalendar
             ) -> tuple[list[Event], float]:
    """A short simulation of the draft and of the procedure's as-is, the comparison of their figures, and
    the seconds it took."""
    clock = time.perf_counter()
    procedure = catalog.procedure(draft.slug)
    baseline = BASELINE if BASELINE in procedure.variants else next(iter(procedure.variants))
    listed = (draft.catalog_root / draft.slug).resolve() / procedure.variants[baseline].file
    before = VariantFile(listed, catalog.model(catalog.bundle(draft.slug, baseline)), baseline)
    try:
        figures = [simulate_variant(v, cases=cases, seed=1, calendar=calendar) for v in (before, variant)]
    except LienThongError as exc:
        taken = time.perf_counter() - clock
        return [{"event": "simulation", "ran": False, "reason": engine_message(exc), "seconds": taken}], taken
    taken = time.perf_counter() - clock
    return [{"event": "simulation", "ran": True, "cases": cases, "seconds": taken, "baseline": baseline,
             "finished": {baseline: figures[0].finished, "draft": figures[1].finished},
             "warnings": figures[1].warnings[:5]},
            {"event": "comparison", "baseline": baseline, "rows": comparison_rows(*figures)}], taken


def comparison_rows(before: Figures, after: Figures) -> list[Event]:
    """As-is against the draft, figure by figure, and whether the draft does better, worse or the same."""
    rows = []
    for name, label, less_is_better in FIGURES:
        old, new = getattr(before, name), getattr(after, name)
        if old is None or new is None or abs(new - old) < 1e-9:
            change = "same"
        else:
            change = "better" if (new < old) == less_is_better else "worse"
        rows.append({"figure": name, "label": label, "as_is": old, "draft": new, "change": change})
    return rows
