"""Simulate many cases of a variant through the real engine on a fake clock (see docs/simulation.md)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from engine.time.calendar import WorkingCalendar
from workbench.variants import Outside, VariantFile, load_variant

from .model import load_config
from .results import Figures, summarise
from .run import Simulation


def simulate_file(path: str | Path, *, cases: int, seed: int = 1, sim_file: str | Path | None = None,
                  calendar: WorkingCalendar | None = None,
                  progress: Callable[[int], None] | None = None, outside: Outside | None = None) -> Figures:
    """Simulate `cases` dossiers of the diagram at `path` (inputs from `<stem>.sim.toml` beside it)."""
    return simulate_variant(load_variant(path, outside), cases=cases, seed=seed, sim_file=sim_file,
                            calendar=calendar, progress=progress)


def simulate_variant(variant: VariantFile, *, cases: int, seed: int = 1, sim_file: str | Path | None = None,
                     calendar: WorkingCalendar | None = None,
                     progress: Callable[[int], None] | None = None) -> Figures:
    """Simulate a loaded variant; the same seed gives the same figures."""
    side = Path(sim_file) if sim_file is not None else variant.sim_file()
    config = load_config(variant.model, side)
    if variant.note:
        config.warnings.insert(0, f"{variant.path.name}: {variant.note}")
    if config.source is None:
        config.warnings.insert(0, f"no side file {side.name}: every input is a default")
    started = time.perf_counter()
    run = Simulation(variant.model, config, calendar or WorkingCalendar(), seed=seed).run(cases, progress)
    figures = summarise(run, variant.label, seed)
    figures.wall_seconds = time.perf_counter() - started
    return figures
