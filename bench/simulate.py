"""Simulation throughput against bare SpiffWorkflow doing the same work, measured in the same run.

`lienthong simulate` runs every case through the engine's CaseRun (properties, legal clock, audit events)
inside a discrete-event loop (arrivals, lanes with people, timers, replies). The baseline replays exactly
the steps each simulated case took — the same spec, the same form data, the same timer and message
instants — on a bare SpiffWorkflow workflow in a plain loop: complete the ready task, refresh timers, catch
the message, do_engine_steps. The ratio simulated cases/s ÷ replayed cases/s says what the simulator
costs on top of SpiffWorkflow itself (target ≥ 0.7).

    python bench/simulate.py [--cases N] [--file processes/<slug>/<variant>.bpmn] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from SpiffWorkflow.bpmn import BpmnEvent, BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.bpmn.model import ProcessModel  # noqa: E402
from engine.run.context import CaseContext, running_case  # noqa: E402
from engine.run.runtime import _message_definitions  # noqa: E402
from engine.sandbox.scripting import ScriptEnvironment  # noqa: E402
from engine.time.calendar import WorkingCalendar  # noqa: E402
from engine.time.clock import FakeClock  # noqa: E402
from workbench.simulate.connectors import FakeAgencies  # noqa: E402
from workbench.simulate.model import load_config  # noqa: E402
from workbench.simulate.run import Simulation  # noqa: E402
from workbench.variants import load_variant  # noqa: E402

DEFAULT_FILE = ROOT / "processes" / "khai-sinh-thuong-tru-bhyt" / "to-be.bpmn"


def replay(model: ProcessModel, trace: list[list[tuple[Any, ...]]], calendar: WorkingCalendar) -> int:
    """Run the traced steps on bare workflows; returns how many cases replayed to the end."""
    clock = FakeClock()
    script_engine = ScriptEnvironment(clock, calendar, FakeAgencies({}).connectors)
    matched = 0
    for steps in trace:
        at, _, data, code, channel = steps[0]
        clock.set(at)
        workflow = BpmnWorkflow(model.spec, model.subprocess_specs, script_engine=script_engine)
        workflow.task_tree.data.update(data, ma_ho_so=code, kenh=channel, nguoi_nop=code)
        with running_case(CaseContext(deadlines=model.deadlines)):
            workflow.do_engine_steps()
            matched += all(_apply(workflow, clock, step) for step in steps[1:])
    return matched


def _apply(workflow: BpmnWorkflow, clock: FakeClock, step: tuple[Any, ...]) -> bool:
    at, kind, *details = step
    clock.set(at)
    if kind == "complete":
        element_id, data = details
        task = next((t for t in workflow.get_tasks(state=TaskState.READY)
                     if getattr(t.task_spec, "bpmn_id", None) == element_id), None)
        if task is None:
            return False
        task.data.update(data)
        task.run()
    elif kind == "timers":
        workflow.refresh_timers()
    else:
        name, payload = details
        waiting = workflow.get_tasks(state=TaskState.WAITING)
        definitions = [d for t in waiting for d in _catches(t) if d.name == name]
        if not definitions:
            return False
        workflow.event_manager.catch(BpmnEvent(definitions[0], payload, {}), internal=False)
    workflow.do_engine_steps()
    return True


def _catches(task: Any) -> list[Any]:
    return _message_definitions(getattr(task.task_spec, "event_definition", None))


def measure(path: Path, cases: int, seed: int) -> dict[str, Any]:
    """Simulate, then replay the same steps; both timed on this machine in this run."""
    variant = load_variant(path)
    config = load_config(variant.model, variant.sim_file())
    calendar = WorkingCalendar()
    started = time.perf_counter()
    simulation = Simulation(variant.model, config, calendar, seed=seed, trace=True)
    simulation.run(cases)
    simulated = time.perf_counter() - started
    assert simulation.trace is not None
    started = time.perf_counter()
    matched = replay(variant.model, simulation.trace, calendar)
    raw = time.perf_counter() - started
    steps = sum(len(s) for s in simulation.trace)
    return {
        "file": str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path), "cases": cases,
        "steps": steps, "simulated_cases_per_s": cases / simulated, "raw_spiff_cases_per_s": cases / raw,
        "ratio": raw / simulated, "replayed_identically": matched, "target_ratio": 0.7,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    figures = measure(args.file.resolve(), args.cases, args.seed)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"{figures['file']}: {figures['cases']} cases, {figures['steps']} engine steps")
    print(f"  simulated (lienthong simulate)    {figures['simulated_cases_per_s']:8.0f} cases/s")
    print(f"  raw SpiffWorkflow, same steps     {figures['raw_spiff_cases_per_s']:8.0f} cases/s")
    print(f"  ratio simulated / raw             {figures['ratio']:8.2f}   (target ≥ 0.7)")
    print(f"  cases replayed identically        {figures['replayed_identically']:8d} / {figures['cases']}")


if __name__ == "__main__":
    main()
