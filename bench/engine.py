"""Engine throughput against raw SpiffWorkflow, measured in the same run (this machine is noisy).

The same 10-user-task process (two lanes, one gateway, one script) runs three ways:
  raw            SpiffWorkflow in memory, the spec parsed once
  raw_roundtrip  SpiffWorkflow with its JSON serializer: save and restore the workflow after every step
  engine_sqlite  the Liên Thông engine on SQLite (WAL): list the case's tasks, complete one, commit — per step
Prints cases/s for each, the ratio engine/raw, the stored state size mid-way and after 500 loops of the
supplement gateway, and the database bytes per finished case (every table and index, after a checkpoint).
`python bench/engine.py --json` prints the same as JSON; `--database postgresql+psycopg://…` runs the engine
on that PostgreSQL server instead (a fresh schema per engine, dropped after); `--breakdown` adds where an
engine case's time goes and how many SQL statements each step runs.

It also prints what the sandbox's confinement (engine/sandbox/confine.py) costs, against the old in-process
path in the same run: the engine's cases/s with every script and non-plain expression run in-process,
unbounded in C builtins (`engine_in_process`, the path before issue 11), and µs per evaluation of an ordinary
condition (plain: it stays in-process) and of an ordinary script (confined: one round trip to a child
process), each against the same code run in-process.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.serializer.workflow import BpmnWorkflowSerializer
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.util.task import TaskState

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.databases import scratch_url, stored_bytes  # noqa: E402
from engine import Engine, Store  # noqa: E402
from engine.bpmn.catalog import Catalog  # noqa: E402
from engine.sandbox.sandbox import Sandbox  # noqa: E402
from engine.time.calendar import WorkingCalendar  # noqa: E402
from engine.time.clock import FakeClock  # noqa: E402

PROCESSES = ROOT / "bench" / "processes"
BPMN = PROCESSES / "muoi-buoc" / "default.bpmn"
DATA = {"T1_note": "Hồ sơ chuyển trường", "needs_supplement": False}


def raw_spec() -> tuple[object, dict[str, object]]:
    parser = SpiffBpmnParser()
    parser.add_bpmn_file(str(BPMN))
    return parser.get_spec("bench_ten_tasks"), parser.get_subprocess_specs("bench_ten_tasks")


def run_raw(spec: object, subprocesses: dict[str, object], roundtrip: bool) -> None:
    serializer = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(SPIFF_CONFIG))
    workflow = BpmnWorkflow(spec, subprocesses)
    workflow.do_engine_steps()
    while not workflow.completed:
        task = workflow.get_tasks(state=TaskState.READY, manual=True)[0]
        task.data.update(DATA)
        task.run()
        workflow.do_engine_steps()
        if roundtrip:
            workflow = serializer.deserialize_json(serializer.serialize_json(workflow))


class InProcessSandbox(Sandbox):
    """The old path, for comparison only: every evaluation in the server process, no confinement."""

    def evaluate(self, source: str, data: Mapping[str, Any], helpers: Mapping[str, Any]) -> Any:
        """Evaluate here, whatever the expression."""
        return self.evaluate_here(source, data, helpers)

    def execute(self, source: str, data: dict[str, Any], helpers: Mapping[str, Any]) -> None:
        """Run the script here."""
        self.execute_here(source, data, helpers)


def make_engine(url: str, sandbox: Sandbox | None = None) -> Engine:
    store = Store(url)
    store.migrate()
    return Engine(catalog=Catalog(PROCESSES), store=store, clock=FakeClock(), calendar=WorkingCalendar(),
                  sandbox=sandbox)


def run_engine(engine: Engine) -> int:
    """One case, driven the way a client does: each answer says which task is open next; returns its steps."""
    case = engine.cases.start("muoi-buoc", applicant="001203004567", data=DATA)
    steps = 1
    while not case.completed:
        task_id = next(p.task_id for p in case.position if p.task_id)
        case = engine.tasks.complete(task_id, {})
        steps += 1
    return steps


def rate(run: Callable[[], None], cases: int, repeats: int) -> float:
    """Median cases/s over `repeats` batches of `cases`."""
    run()  # warm-up
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(cases):
            run()
        rates.append(cases / (time.perf_counter() - start))
    return statistics.median(rates)


def rates(runs: list[Callable[[], None]], cases: int, repeats: int) -> list[float]:
    """Median cases/s of each run, their batches interleaved so that the machine's load falls on all alike."""
    for run in runs:
        run()  # warm-up
    measured: list[list[float]] = [[] for _ in runs]
    for _ in range(repeats):
        for run, out in zip(runs, measured, strict=True):
            start = time.perf_counter()
            for _ in range(cases):
                run()
            out.append(cases / (time.perf_counter() - start))
    return [statistics.median(out) for out in measured]


def breakdown(engine: Engine, cases: int) -> tuple[dict[str, float], dict[str, float]]:
    """Where the engine's time goes, in ms per case: exclusive time of its main steps (timers wrapped
    around them; time in an inner wrapped step is not counted again in the outer one); and the SQL
    statements per step (a start or a task completion)."""
    from sqlalchemy.engine import Connection

    from engine.run import runtime, state
    from engine.services import core
    from engine.store import prepared

    spent: dict[str, float] = {}
    stack: list[float] = []  # time already attributed to inner steps, per open step
    wrapped: list[tuple[object, str, object]] = []
    counted = dict.fromkeys(STATEMENTS, 0)
    counting = [False]

    def on_cursor(_conn: object, _cursor: object, _sql: str, parameters: object, _context: object,
                  executemany: bool) -> None:
        if counting[0]:
            counted["through Core (before_cursor_execute)"] += len(parameters) if executemany else 1  # type: ignore[arg-type]

    engine.store.listen("before_cursor_execute", on_cursor)

    def wrap(owner: object, name: str, label: str) -> None:
        original = getattr(owner, name)
        wrapped.append((owner, name, original))

        def timed(*args: object, **kwargs: object) -> object:
            if owner is prepared.Prepared:
                # Prepared statements run on the driver's cursor, which SQLAlchemy's events do not see.
                rows = len(args[2]) if name == "execute_many" else 1  # type: ignore[arg-type]
                counted["prepared, on the driver's cursor"] += rows
            stack.append(0.0)
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - start
                inner = stack.pop()
                spent[label] = spent.get(label, 0.0) + elapsed - inner
                if stack:
                    stack[-1] += elapsed

        setattr(owner, name, timed)

    wrap(runtime.CaseRun, "complete_human", "SpiffWorkflow stepping (incl. sandboxed scripts)")
    wrap(runtime.CaseRun, "run_engine", "SpiffWorkflow stepping (incl. sandboxed scripts)")
    wrap(state.StateCodec, "dumps", "state: prune + serialise to JSON")
    wrap(runtime.CaseRun, "waits", "reading what the case waits for")
    wrap(core.Core, "case_view", "building the returned view")
    for name in ("execute", "execute_many", "fetch"):
        wrap(prepared.Prepared, name, "SQL statements (prepared)")
    wrap(Connection, "execute", "SQL statements (Core)")
    wrap(Connection, "_commit_impl", "COMMIT (the durable write)")
    wrap(Connection, "_begin_impl", "BEGIN + pool checkout")
    counting[0] = True
    start = time.perf_counter()
    steps = sum(run_engine(engine) for _ in range(cases))
    total = time.perf_counter() - start
    counting[0] = False
    for owner, name, original in wrapped:
        setattr(owner, name, original)
    out = {label: 1000 * value / cases for label, value in spent.items()}
    out["engine bookkeeping (events, records, checks)"] = 1000 * total / cases - sum(out.values())
    statements = {label: value / steps for label, value in counted.items()}
    statements["steps per case"] = steps / cases
    return out, statements


# Executemany rows count one statement each: the driver runs the statement once per row.
STATEMENTS = ("through Core (before_cursor_execute)", "prepared, on the driver's cursor")


def bytes_per_finished_case(url: str, cases: int) -> float:
    """Database bytes per finished case: every table and index, measured before and after `cases` cases
    (one case first, so that the procedure's bundle and version rows are not counted)."""
    engine = make_engine(url)
    run_engine(engine)
    before = stored_bytes(engine.store)
    for _ in range(cases):
        run_engine(engine)
    after = stored_bytes(engine.store)
    engine.store.dispose()
    return (after - before) / cases


CONDITION = 'le_phi > 0 and ket_qua == "dat" and not can_bo_sung'
SCRIPT = "tong = le_phi * 3\nnhan_xet = f'xong {tong}'"
SANDBOX_DATA = {"le_phi": 50_000, "ket_qua": "dat", "can_bo_sung": False}


def per_call_us(call: Callable[[], object], calls: int, repeats: int) -> float:
    """Median µs per call over `repeats` batches."""
    call()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            call()
        times.append((time.perf_counter() - start) / calls * 1e6)
    return statistics.median(times)


def sandbox_costs(calls: int, repeats: int) -> dict[str, float]:
    """µs per evaluation: a plain condition and an ordinary script, each with and without confinement."""
    sandbox = Sandbox()
    return {
        "condition_us": per_call_us(lambda: sandbox.evaluate(CONDITION, SANDBOX_DATA, {}), calls, repeats),
        "condition_in_process_us": per_call_us(lambda: sandbox.evaluate_here(CONDITION, SANDBOX_DATA, {}),
                                               calls, repeats),
        "script_confined_us": per_call_us(lambda: sandbox.execute(SCRIPT, dict(SANDBOX_DATA), {}),
                                          calls, repeats),
        "script_in_process_us": per_call_us(lambda: sandbox.execute_here(SCRIPT, dict(SANDBOX_DATA), {}),
                                            calls, repeats),
    }


def state_sizes(engine: Engine) -> tuple[int, int]:
    """Stored state bytes after 5 of 10 tasks, and after 500 supplement loops."""
    case = engine.cases.start("muoi-buoc", applicant="001203004567", data=DATA)
    for _ in range(5):
        engine.tasks.complete(engine.tasks.list(case_id=case.id)[0].id, {})
    midway = stored_state(engine, case.id)
    case = engine.cases.start("muoi-buoc", applicant="001203004567", data=DATA)
    for _ in range(4):
        engine.tasks.complete(engine.tasks.list(case_id=case.id)[0].id, {})
    for _ in range(500):  # T5 sent back to itself through the gateway
        engine.tasks.complete(engine.tasks.list(case_id=case.id)[0].id, {"needs_supplement": True})
    return midway, stored_state(engine, case.id)


def stored_state(engine: Engine, case_id: str) -> int:
    with engine.store.transaction(write=False) as tx:
        record = tx.get_case(case_id)
    assert record is not None
    return len(record.state.encode())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100, help="cases per batch")
    parser.add_argument("--repeats", type=int, default=5, help="batches per measurement (median kept)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--breakdown", action="store_true",
                        help="also print where the engine's time goes and its SQL statements per step")
    parser.add_argument("--database", metavar="URL",
                        help="a PostgreSQL server to run the engine on (default: SQLite in a temporary file)")
    parser.add_argument("--bytes-cases", type=int, default=200,
                        help="finished cases over which db_bytes_per_finished_case is measured")
    args = parser.parse_args()
    if args.database is not None and not args.database.startswith("postgresql"):
        parser.error("--database takes a PostgreSQL URL (postgresql+psycopg://…); SQLite is the default")
    spec, subprocesses = raw_spec()
    backend = "PostgreSQL" if args.database else "SQLite"
    with (tempfile.TemporaryDirectory() as directory,
          scratch_url(args.database, directory, "bench") as url,
          scratch_url(args.database, directory, "in-process") as old_url,
          scratch_url(args.database, directory, "bytes") as bytes_url):
        engine = make_engine(url)
        old = make_engine(old_url, InProcessSandbox())
        raw = rate(lambda: run_raw(spec, subprocesses, False), args.cases, args.repeats)
        roundtrip = rate(lambda: run_raw(spec, subprocesses, True), args.cases, args.repeats)
        persisted, in_process = rates(
            [lambda: run_engine(engine), lambda: run_engine(old)], args.cases, args.repeats)
        old.store.dispose()
        midway, looped = state_sizes(engine)
        parts, statements = breakdown(engine, args.cases) if args.breakdown else ({}, {})
        engine.store.dispose()
        db_bytes = bytes_per_finished_case(bytes_url, args.bytes_cases)
    costs = sandbox_costs(10 * args.cases, args.repeats)
    result: dict[str, object] = {
        "database": backend.lower(),
        "raw_cases_per_s": round(raw, 1),
        "raw_roundtrip_cases_per_s": round(roundtrip, 1),
        "engine_sqlite_cases_per_s": round(persisted, 1),
        "engine_in_process_cases_per_s": round(in_process, 1),
        "ratio": round(persisted / raw, 3),
        "confinement_ratio": round(persisted / in_process, 3),
        "roundtrip_ratio": round(roundtrip / raw, 3),
        "state_bytes_midway": midway,
        "state_bytes_after_500_loops": looped,
        "db_bytes_per_finished_case": round(db_bytes),
        **{key: round(value, 1) for key, value in costs.items()},
        "condition_ratio": round(costs["condition_us"] / costs["condition_in_process_us"], 2),
        "script_ratio": round(costs["script_confined_us"] / costs["script_in_process_us"], 2),
    }
    if statements:
        result["statements_per_step"] = round(sum(statements[label] for label in STATEMENTS), 2)
    if args.json:
        print(json.dumps(result))
        return
    print(f"raw SpiffWorkflow in memory        {raw:8.1f} cases/s")
    print(f"raw SpiffWorkflow + JSON per step  {roundtrip:8.1f} cases/s   ratio {roundtrip / raw:.2f}")
    print(f"engine on {backend:10s} commit/step {persisted:8.1f} cases/s   ratio {persisted / raw:.2f}")
    print(f"  the same, scripts in-process     {in_process:8.1f} cases/s   confined/in-process "
          f"{persisted / in_process:.2f} (the path before issue 11)")
    print(f"stored state mid-way               {midway:8d} bytes")
    print(f"stored state after 500 loops       {looped:8d} bytes")
    print(f"database per finished case         {db_bytes:8.0f} bytes  (all tables and indexes, "
          f"over {args.bytes_cases} cases)")
    print(f"plain condition, in-process        {costs['condition_us']:8.1f} µs      "
          f"ratio {result['condition_ratio']:.2f} to the unconfined path "
          f"({costs['condition_in_process_us']:.1f} µs)")
    print(f"ordinary script, confined          {costs['script_confined_us']:8.1f} µs      "
          f"ratio {result['script_ratio']:.2f} to in-process ({costs['script_in_process_us']:.1f} µs)")
    if parts:
        print(f"\nwhere the engine's time goes (ms per case; raw SpiffWorkflow takes {1000 / raw:.2f} ms)")
        for label, value in sorted(parts.items(), key=lambda item: -item[1]):
            print(f"  {label:45s} {value:6.2f}")
        print(f"\nSQL statements per step ({statements['steps per case']:.0f} steps per case: the start and "
              f"each task completion; executemany rows counted one each)")
        for label in STATEMENTS:
            print(f"  {label:45s} {statements[label]:6.2f}")
        print(f"  {'in all':45s} {result['statements_per_step']:6.2f}")


if __name__ == "__main__":
    main()
