"""The floor under a durable step: raw SpiffWorkflow plus the least a step must write, in the same run.

The bench's ten-task process runs four ways, their batches interleaved (this machine is noisy):
  raw          SpiffWorkflow in memory (bench/engine.py's baseline)
  event_row    + per step, on SQLite through sqlite3 (WAL, synchronous=NORMAL as the store opens it):
               BEGIN IMMEDIATE, INSERT the step's input as an event row, UPDATE the case's version, COMMIT
  whole_state  + the engine's state codec (SpiffWorkflow's serializer, no spec, history pruned) on the
               whole state, written by that UPDATE
  engine       the engine on SQLite, driven as bench/engine.py drives it
  in_process   the same with its script run in the server process, unconfined (what confinement costs)
Prints cases/s and each one's ratio to raw (`--json`: the same as JSON). It is what the engine could reach
if a step wrote only its input (docs/engine.md, "Where a step's time goes").
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sqlite3
import tempfile
from pathlib import Path

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

# bench/engine.py (its process, engine runner and rates) by path: its module name is the engine package's.
_SPEC = importlib.util.spec_from_file_location("bench_engine", Path(__file__).resolve().parent / "engine.py")
assert _SPEC is not None and _SPEC.loader is not None
bench = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(bench)

from engine.run.state import StateCodec  # noqa: E402  (bench/engine.py has put the project first on the path)

CODEC = StateCodec()

SCHEMA = """
CREATE TABLE cases (id TEXT PRIMARY KEY, version INTEGER NOT NULL, state TEXT NOT NULL);
CREATE TABLE events (id INTEGER PRIMARY KEY, case_id TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX ix_events_case ON events (case_id, id);
"""


def run_durable(spec: object, subprocesses: dict[str, object], db: sqlite3.Connection, whole: bool) -> None:
    """One case, every step followed by its durable write (the input only, or the whole state too)."""
    workflow = BpmnWorkflow(spec, subprocesses)
    workflow.do_engine_steps()
    case_id, version = str(workflow.task_tree.id), 1
    db.execute("INSERT INTO cases VALUES (?, 1, '')", (case_id,))
    while not workflow.completed:
        task = workflow.get_tasks(state=TaskState.READY, manual=True)[0]
        task.data.update(bench.DATA)
        task.run()
        workflow.do_engine_steps()
        state = CODEC.dumps(workflow) if whole else ""
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO events (case_id, kind, data) VALUES (?, 'task_completed', ?)",
                   (case_id, json.dumps({"task": str(task.id), "data": bench.DATA}, ensure_ascii=False)))
        if db.execute("UPDATE cases SET version = ?, state = ? WHERE id = ? AND version = ?",
                      (version + 1, state, case_id, version)).rowcount != 1:
            raise RuntimeError("lost the version check")
        db.execute("COMMIT")
        version += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100, help="cases per batch")
    parser.add_argument("--repeats", type=int, default=5, help="batches per measurement (median kept)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    spec, subprocesses = bench.raw_spec()
    with tempfile.TemporaryDirectory() as directory:
        db = sqlite3.connect(f"{directory}/floor.db", isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(SCHEMA)
        engine = bench.make_engine(f"sqlite:///{directory}/engine.db")
        unconfined = bench.make_engine(f"sqlite:///{directory}/in-process.db", bench.InProcessSandbox())
        raw, event_row, whole_state, persisted, in_process = bench.rates([
            lambda: bench.run_raw(spec, subprocesses, False),
            lambda: run_durable(spec, subprocesses, db, False),
            lambda: run_durable(spec, subprocesses, db, True),
            lambda: bench.run_engine(engine),
            lambda: bench.run_engine(unconfined),
        ], args.cases, args.repeats)
        engine.store.dispose()
        unconfined.store.dispose()
        db.close()
    result = {"raw_cases_per_s": round(raw, 1), "event_row_cases_per_s": round(event_row, 1),
              "whole_state_cases_per_s": round(whole_state, 1),
              "engine_sqlite_cases_per_s": round(persisted, 1),
              "event_row_ratio": round(event_row / raw, 3), "whole_state_ratio": round(whole_state / raw, 3),
              "ratio": round(persisted / raw, 3), "engine_in_process_cases_per_s": round(in_process, 1),
              "in_process_ratio": round(in_process / raw, 3)}
    if args.json:
        print(json.dumps(result))
        return
    print(f"raw SpiffWorkflow in memory              {raw:8.1f} cases/s")
    print(f"+ event row, version UPDATE, COMMIT      {event_row:8.1f} cases/s   ratio {event_row / raw:.2f}")
    print(f"+ the whole state serialised and written {whole_state:8.1f} cases/s   "
          f"ratio {whole_state / raw:.2f}")
    print(f"the engine on SQLite                     {persisted:8.1f} cases/s   ratio {persisted / raw:.2f}")
    print(f"the same, its script in-process          {in_process:8.1f} cases/s   "
          f"ratio {in_process / raw:.2f}")


if __name__ == "__main__":
    main()
