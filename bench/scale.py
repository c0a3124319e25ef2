"""A province's ten years of dossiers in one database, against the same figures at 1,000 cases, in one run.

Two fresh databases are filled through the store's own tables (bench/scale_seed.py: real cases of the five
catalogue groups cloned in bulk, dates over ten years, their events, tasks and outbox rows): 1,000 finished
cases and 50 open ones, then `--cases` finished (default 1,000,000) and a twentieth as many open. On each:
  step          the engine in-process: start a case, complete its first task (median ms of each)
  work list     GET /tasks of the busiest lane's officer, p50 and p95 over HTTP (`lienthong serve`)
  cases         GET /cases with each filter (none, status, procedure, overdue, agency), p95
  history       GET /cases/{id}/history of finished cases of that agency, p95
  report        GET /reports/monthly for the last full month, median s
  outbox        the worker's drain of the open cases' undelivered status rows: ms per row (the portal's
                side is not measured: the sender accepts at once)
  bytes         the database's bytes per case (all tables and indexes, after a checkpoint)
Prints each figure at both sizes with the ratio large/small; `--json` prints them as JSON.

    python bench/scale.py [--cases 1000000] [--database postgresql+psycopg://…] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from api.auth import issue_token  # noqa: E402
from bench.api import free_port, wait_until_up  # noqa: E402
from bench.databases import scratch_url, stored_bytes  # noqa: E402
from bench.scale_seed import APPLICANT, Cloner, load, make_templates, next_step, utc_now  # noqa: E402
from engine import Engine  # noqa: E402
from engine.agencies.fakes import fake_connectors  # noqa: E402
from engine.agencies.outbox import OutboxDelivery  # noqa: E402
from engine.bpmn.catalog import Catalog  # noqa: E402
from engine.bpmn.procedure import CITIZEN_ROLE  # noqa: E402
from engine.store import tables as t  # noqa: E402
from engine.store.store import Store  # noqa: E402
from engine.time.calendar import WorkingCalendar  # noqa: E402
from engine.time.clock import SystemClock  # noqa: E402
from lienthong.compose.demo import sample  # noqa: E402
from lienthong.compose.settings import Settings  # noqa: E402
from lienthong.compose.wiring import build_token_keys  # noqa: E402

PROCESSES = ROOT / "processes"
STEP_PROCEDURE = "chuyen-truong-thpt"
SMALL = 1_000


class Accepting:
    """A portal that takes every status change at once: the drain measures the queue, not the network."""

    def send(self, payload: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        """Accept the change."""
        return {"accepted": key}


def fill(store: Store, finished: int, open_cases: int) -> float:
    """Seed templates and bulk-load the cases; returns the seconds the loading took."""
    now = utc_now()
    templates = make_templates(store, Catalog(PROCESSES), now - timedelta(days=3700))
    cloner = Cloner(templates, now)
    start = time.perf_counter()
    load(store, cloner, finished, True)
    load(store, cloner, open_cases, False)
    return time.perf_counter() - start


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def timed_ms(call: Callable[[], object], times: int) -> list[float]:
    """Milliseconds of each of `times` calls, after one warm-up call."""
    call()
    out = []
    for _ in range(times):
        start = time.perf_counter()
        call()
        out.append(1000 * (time.perf_counter() - start))
    return out


def steps(engine: Engine, times: int) -> dict[str, float]:
    """Median ms of starting a case and of completing its first task."""
    variant = next(iter(engine.catalog.procedure(STEP_PROCEDURE).variants))
    version = engine.versions.deploy(STEP_PROCEDURE, variant)
    form = engine.versions.model(version.id).forms.get("start", {})
    started: list[str] = []

    def start() -> None:
        started.append(engine.cases.start(STEP_PROCEDURE, applicant=APPLICANT, data=sample(form)).id)

    def complete() -> None:
        next_step(engine, engine.cases.get(started.pop()))

    start_ms = timed_ms(start, times + 1)
    complete_ms = timed_ms(complete, times)
    return {"start_ms": statistics.median(start_ms), "complete_ms": statistics.median(complete_ms)}


def busiest_lane(store: Store) -> tuple[str, str]:
    """The (agency, role) with the most open tasks."""
    query = (select(t.tasks.c.agency, t.tasks.c.role, func.count().label("n"))
             .where(t.tasks.c.state.in_(("ready", "claimed")), t.tasks.c.agency.is_not(None),
                    t.tasks.c.role != CITIZEN_ROLE)
             .group_by(t.tasks.c.agency, t.tasks.c.role).order_by(func.count().desc()).limit(1))
    with store.transaction(write=False) as tx:
        row = tx.c.execute(query).one()
    return row.agency, row.role


def finished_cases_of(store: Store, agency: str, count: int) -> list[str]:
    """Ids of finished cases an agency worked on."""
    worked = select(t.tasks.c.case_id).where(t.tasks.c.agency == agency)
    query = select(t.cases.c.id).where(t.cases.c.completed.is_(True), t.cases.c.id.in_(worked)).limit(count)
    with store.transaction(write=False) as tx:
        return [r.id for r in tx.c.execute(query)]


def over_http(url: str, store: Store, samples: int, directory: str) -> dict[str, float]:
    """The read figures through `lienthong serve` on this database."""
    settings = Settings(database_url=url, processes_dir=PROCESSES, dev_key_file=Path(directory) / "dev.key")
    agency, role = busiest_lane(store)
    token = issue_token(build_token_keys(settings), sub="bench.scale", agency=agency, roles=[role],
                        ttl=timedelta(hours=4))
    env = {**os.environ, "LIENTHONG_DATABASE_URL": url, "LIENTHONG_PROCESSES_DIR": str(PROCESSES),
           "LIENTHONG_DEV_KEY_FILE": str(settings.dev_key_file)}
    port = free_port()
    command = [sys.executable, "-m", "lienthong", "serve", "--port", str(port), "--workers", "1"]
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    out: dict[str, float] = {}
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base, server)
        # A slow figure is measured, not failed: the report before the indexes took minutes at 100k cases.
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=base, headers=headers, timeout=1800) as client:
            def get(path: str, params: dict[str, Any] | None = None) -> Callable[[], object]:
                def call() -> object:
                    response = client.get(path, params=params)
                    if response.status_code != 200:
                        raise SystemExit(f"GET {path} {params}: {response.status_code} {response.text[:300]}")
                    return response
                return call

            worklist = timed_ms(get("/tasks"), samples)
            out["worklist_p50_ms"] = percentile(worklist, 0.5)
            out["worklist_p95_ms"] = percentile(worklist, 0.95)
            filters: dict[str, dict[str, Any]] = {
                "none": {}, "status": {"status": 4}, "procedure": {"procedure": STEP_PROCEDURE},
                "overdue": {"overdue": "true"}, "agency": {"agency": agency},
            }
            for name, params in filters.items():
                out[f"cases_{name}_p95_ms"] = percentile(timed_ms(get("/cases", params), samples), 0.95)
            ids = finished_cases_of(store, agency, samples + 1)
            history = [timed_ms(get(f"/cases/{case_id}/history"), 1)[0] for case_id in ids]
            out["history_p95_ms"] = percentile(history, 0.95)
            month = (utc_now().replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
            report = timed_ms(get("/reports/monthly", {"month": month}), 2)
            out["monthly_report_s"] = statistics.median(report) / 1000
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # still inside a long request
            server.kill()
            server.wait()
    out["lane"] = f"{agency}/{role}"  # type: ignore[assignment]
    return out


def drain(store: Store) -> dict[str, float]:
    """Ms per undelivered outbox row drained by the worker's delivery pass, and how many rows."""
    delivery = OutboxDelivery(store, Accepting(), batch=50)
    delivered = 0
    start = time.perf_counter()
    while (done := delivery.deliver_once()).leased:
        delivered += done.delivered
    elapsed = time.perf_counter() - start
    return {"outbox_rows": delivered, "outbox_ms_per_row": 1000 * elapsed / max(delivered, 1)}


def measure(url: str, finished: int, samples: int, directory: str) -> dict[str, float]:
    """Fill a fresh database and take every figure on it."""
    store = Store(url)
    store.migrate()
    figures: dict[str, float] = {"load_s": fill(store, finished, max(1, finished // 20))}
    figures["db_bytes_per_case"] = stored_bytes(store) / (finished + finished // 20)
    figures.update(over_http(url, store, samples, directory))
    figures.update(drain(store))
    engine = Engine(catalog=Catalog(PROCESSES), store=store, clock=SystemClock(), calendar=WorkingCalendar(),
                    connectors=fake_connectors())
    figures.update(steps(engine, samples))
    store.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000, help="finished cases in the large database")
    parser.add_argument("--samples", type=int, default=40, help="requests (and steps) per figure")
    parser.add_argument("--database", metavar="URL", help="a PostgreSQL server (default: SQLite files)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        with scratch_url(args.database, directory, "small") as url:
            small = measure(url, SMALL, args.samples, directory)
        with scratch_url(args.database, directory, "large") as url:
            large = measure(url, args.cases, args.samples, directory)
    step_small = small["start_ms"] + small["complete_ms"]
    step_large = large["start_ms"] + large["complete_ms"]
    result: dict[str, Any] = {
        "database": "postgresql" if args.database else "sqlite",
        "cases": args.cases,
        "step_ratio_1m_vs_1k": round(step_large / step_small, 2),
        "worklist_p95_ms": round(large["worklist_p95_ms"], 1),
        "monthly_report_s": round(large["monthly_report_s"], 2),
        "small": {k: v if isinstance(v, str) else round(v, 2) for k, v in small.items()},
        "large": {k: v if isinstance(v, str) else round(v, 2) for k, v in large.items()},
        "load": os.getloadavg(),
    }
    if args.json:
        print(json.dumps(result))
        return
    print(f"{'figure':28s} {SMALL:>12,} {args.cases:>12,}   ratio   ({result['database']}; "
          f"open cases a twentieth as many)")
    for key, value in small.items():
        if isinstance(value, str):
            continue
        ratio = large[key] / value if value else float("nan")
        print(f"{key:28s} {value:12.2f} {large[key]:12.2f}   {ratio:5.2f}")
    print(f"step (start + complete) ratio {result['step_ratio_1m_vs_1k']:.2f}; lane {large['lane']}; "
          f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
