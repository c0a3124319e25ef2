"""The comparison of two variants: diff, simulation of each, scenarios against each — then one HTML page."""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from engine.time.calendar import WorkingCalendar
from engine.time.clock import VN_TZ
from workbench.diff.changes import VariantDiff, diff_facts
from workbench.diff.facts import read_facts
from workbench.simulate.results import Figures
from workbench.simulate.variant import simulate_variant
from workbench.variants import Outside, VariantFile, load_variant

from .bdd import ScenarioRun, run_scenarios

# Below this many cases the two simulations run one after the other: a worker process costs more than it
# saves.
PARALLEL_FROM = 2_000


@dataclass
class Comparison:
    """Everything the report shows."""

    a: VariantFile
    b: VariantFile
    diff: VariantDiff
    figures: tuple[Figures, Figures]
    scenarios: tuple[ScenarioRun, ScenarioRun] | None
    cases: int
    seed: int
    made_at: datetime


Progress = Callable[[str, int], None]


def compare_files(a: str | Path, b: str | Path, *, cases: int, seed: int = 1,
                  calendar: WorkingCalendar | None = None, scenarios: bool = True,
                  progress: Progress | None = None, outside: Outside | None = None) -> Comparison:
    """Diff, simulate and run the scenarios of two variants (usually as-is and to-be)."""
    left, right = load_variant(a, outside), load_variant(b, outside)
    diff = diff_facts(read_facts(left), read_facts(right))
    calendar = calendar or WorkingCalendar()
    if cases >= PARALLEL_FROM:
        figures = _simulate_in_parallel(left, right, cases, seed, calendar, progress, outside)
    else:
        figures = (
            simulate_variant(left, cases=cases, seed=seed, calendar=calendar,
                             progress=_labelled(progress, left.label)),
            simulate_variant(right, cases=cases, seed=seed, calendar=calendar,
                             progress=_labelled(progress, right.label)),
        )
    runs = (run_scenarios(left), run_scenarios(right)) if scenarios else None
    return Comparison(left, right, diff, figures, runs, cases, seed, datetime.now(VN_TZ))


def _labelled(progress: Progress | None, label: str) -> Callable[[int], None] | None:
    if progress is None:
        return None
    return lambda n: progress(label, n)


def _simulate_in_parallel(left: VariantFile, right: VariantFile, cases: int, seed: int,
                          calendar: WorkingCalendar, progress: Progress | None,
                          outside: Outside | None = None) -> tuple[Figures, Figures]:
    """One worker process per variant (this machine has two cores); progress comes back through a queue."""
    context = multiprocessing.get_context("fork")
    with context.Manager() as manager, ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        ticks = manager.Queue()
        jobs: list[Future[Figures]] = [
            pool.submit(_simulate_worker, str(v.path), v.label, cases, seed, calendar, ticks, outside)
            for v in (left, right)
        ]
        while not all(job.done() for job in jobs):
            try:
                label, n = ticks.get(timeout=0.2)
            except queue.Empty:
                continue
            if progress is not None:
                progress(label, n)
        first, second = (job.result() for job in jobs)
    return first, second


def _simulate_worker(path: str, label: str, cases: int, seed: int, calendar: WorkingCalendar,
                     ticks: queue.Queue[tuple[str, int]], outside: Outside | None = None) -> Figures:
    pending = [0]

    def tick(n: int) -> None:
        # Batch the ticks: a queue message per case would cost more than the case.
        pending[0] += n
        if pending[0] >= 50:
            ticks.put((label, pending[0]))
            pending[0] = 0

    figures = simulate_variant(load_variant(path, outside), cases=cases, seed=seed, calendar=calendar,
                               progress=tick)
    ticks.put((label, pending[0]))
    return figures
