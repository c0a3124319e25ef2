"""Full cases through HTTP against `lienthong serve` (2 workers, PostgreSQL), and the engine in-process.

Each case is the 10-user-task benchmark process (bench/processes/muoi-buoc): POST /cases, then POST
/tasks/{id}/complete for every task, each answer naming the next task (a client that also lists its work
would add one GET per step). Clients run concurrently on this machine, so they share its two cores with the
server and PostgreSQL. Prints cases/s, requests/s, p50/p99 latency and the ratio to the engine driven
in-process on the same database in the same run.

    python bench/api.py [--cases 200] [--clients 8] [--workers 2] [--json]
      (LIENTHONG_BENCH_POSTGRES_URL, default postgresql+psycopg://postgres@127.0.0.1:5432/test)
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.databases import drop_schema, fresh_schema  # noqa: E402
from engine import Engine, Store  # noqa: E402
from engine.actors import Actor  # noqa: E402
from engine.bpmn.catalog import Catalog  # noqa: E402
from engine.time.calendar import WorkingCalendar  # noqa: E402
from engine.time.clock import SystemClock  # noqa: E402

PROCESSES = ROOT / "bench" / "processes"
DATA = {"T1_note": "Hồ sơ chuyển trường", "needs_supplement": False}
OFFICER = Actor.officer("bench.officer", "so-gddt", "mot-cua", "chuyen-vien")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def in_process(url: str, cases: int) -> float:
    """Cases/s of the engine driven directly (one thread), on the same database."""
    store = Store(url)
    store.migrate()
    engine = Engine(catalog=Catalog(PROCESSES), store=store, clock=SystemClock(), calendar=WorkingCalendar())
    engine.versions.deploy("muoi-buoc", "default")
    start = time.perf_counter()
    for n in range(cases):
        case = engine.cases.start("muoi-buoc", applicant=f"00120300{n:04d}", data=DATA, actor=OFFICER)
        while not case.completed:
            task_id = next(p.task_id for p in case.position if p.task_id)
            case = engine.tasks.complete(task_id, {}, OFFICER)
    elapsed = time.perf_counter() - start
    store.dispose()
    return cases / elapsed


def run_client(base_url: str, token: str, cases: int, latencies: list[float], errors: list[str]) -> None:
    """One client: `cases` full cases, one request at a time."""
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=30) as client:
        for _ in range(cases):
            body = {
                "procedure": "muoi-buoc",
                "applicant": f"0012{uuid.uuid4().int % 10**8:08d}",
                "data": DATA,
            }
            case = timed(client, "POST", "/cases", body, latencies, errors)
            while case is not None and not case["completed"]:
                task_id = next(p["task_id"] for p in case["position"] if p.get("task_id"))
                case = timed(client, "POST", f"/tasks/{task_id}/complete", {"data": {}}, latencies, errors)


def timed(
    client: httpx.Client,
    method: str,
    path: str,
    body: dict[str, object],
    latencies: list[float],
    errors: list[str],
) -> dict[str, object] | None:
    start = time.perf_counter()
    response = client.request(method, path, json=body)
    latencies.append(time.perf_counter() - start)
    if response.status_code >= 300:
        errors.append(f"{method} {path}: {response.status_code} {response.text[:200]}")
        return None
    answer: dict[str, object] = response.json()
    return answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200, help="cases through HTTP (in total)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent HTTP clients")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    base = os.environ.get("LIENTHONG_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    schema, url = fresh_schema(base)
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "LIENTHONG_DATABASE_URL": url,
            "LIENTHONG_PROCESSES_DIR": str(PROCESSES),
            "LIENTHONG_DEV_KEY_FILE": f"{tmp}/dev.key",
        }
        try:
            engine_rate = in_process(url, max(20, args.cases // 4))
            server = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "lienthong",
                    "serve",
                    "--port",
                    str(port),
                    "--workers",
                    str(args.workers),
                ],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            try:
                base_url = f"http://127.0.0.1:{port}"
                wait_until_up(base_url, server)
                token = (
                    subprocess.run(
                        [
                            sys.executable,
                            "-m",
                            "lienthong",
                            "token",
                            "--sub",
                            OFFICER.id,
                            "--agency",
                            "so-gddt",
                            "--roles",
                            "mot-cua,chuyen-vien",
                            "--hours",
                            "2",
                        ],
                        env=env,
                        cwd=ROOT,
                        check=True,
                        capture_output=True,
                        text=True,
                    )
                    .stdout.strip()
                    .splitlines()[-1]
                )
                result = drive(base_url, token, args.cases, args.clients)
            finally:
                server.terminate()
                server.wait(timeout=30)
        finally:
            drop_schema(base, schema)
    result["engine_in_process_cases_per_s"] = round(engine_rate, 1)
    result["ratio_to_in_process"] = round(result["cases_per_s"] / engine_rate, 3)
    if args.json:
        print(json.dumps(result))
        return
    print(
        f"HTTP, {args.workers} workers, {args.clients} clients   {result['cases_per_s']:8.1f} cases/s  "
        f"{result['requests_per_s']:8.1f} requests/s"
    )
    print(f"latency                          p50 {result['p50_ms']:6.1f} ms   p99 {result['p99_ms']:6.1f} ms")
    print(
        f"engine in-process, one thread    {engine_rate:8.1f} cases/s   ratio HTTP/in-process "
        f"{result['ratio_to_in_process']:.2f}"
    )
    if result["errors"]:
        print(f"errors: {result['errors']}")


def wait_until_up(base_url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(
                f"lienthong serve exited: {server.stderr.read().decode() if server.stderr else ''}"
            )
        try:
            if httpx.get(f"{base_url}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("lienthong serve did not answer /health within 60 s")


def drive(base_url: str, token: str, cases: int, clients: int) -> dict[str, float]:
    latencies: list[float] = []
    errors: list[str] = []
    share = [cases // clients + (1 if n < cases % clients else 0) for n in range(clients)]
    threads = [
        threading.Thread(target=run_client, args=(base_url, token, n, latencies, errors)) for n in share
    ]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    ordered = sorted(latencies)
    return {
        "cases_per_s": round(cases / elapsed, 1),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(1000 * statistics.median(ordered), 1),
        "p99_ms": round(1000 * ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], 1),
        "errors": len(errors),
    }


if __name__ == "__main__":
    main()
