"""No request blocks another: a real one-worker server keeps answering while four hostile script cases run,
and refuses each of those with a clear 422 naming the script task.

On SQLite and PostgreSQL alike, every other request — /health and an ordinary case's whole walk (start,
work list, claim, complete: four writes and a read) — is answered within 100 ms p99 (on a machine that runs
this test alone, as CI does; see LOADED): a step runs its scripts
with no transaction open (Engine._mutate), so not even SQLite's one write lock waits for a script, and the
bombs carry Idempotency-Keys, whose unit of work begins only when the step writes."""

from __future__ import annotations

import math
import os
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from api.auth import TokenKeys, issue_token
from engine.sandbox.confine import MAX_WALL_SECONDS
from tests.api.server import lienthong_serve
from tests.conftest import ROOT
from tests.hostile import ORDINARY, SLUG, hostile_catalog, payloads

SECRET = "responsive-test-secret-" + "0123456789abcdef" * 3
KEYS = TokenKeys(("HS256",), SECRET, SECRET, "lienthong", "lienthong-dev", 30)
BOMBS = 4
REQUESTS = 300  # timed while the bombs run: p99 is the third slowest
LIMIT = 0.100  # p99 while the bombs run, on a machine that runs this test alone (as CI does)
# On a machine already loaded by other work (a load average above its cores before the test starts) the
# bombs' CPU competes with more than this server, and p99 measured 108–150 ms (docs/security.md); the bound
# is then LOADED, still far below what a request waiting for a bomb takes (its 1 s of CPU at least).
LOADED = 0.500
PICKED = ("sum-map-lambda", "replace-2-ty-ky-tu", "vong-lap-vo-han", "str-list-lap")  # CPU, memory, loop


def p99(samples: list[float]) -> float:
    """The 99th percentile (nearest rank)."""
    ordered = sorted(samples)
    return ordered[math.ceil(0.99 * len(ordered)) - 1]


def test_requests_stay_fast_while_four_bombs_run(tmp_path: Path, database_url: str) -> None:
    corpus = {p.name: p for p in payloads()}
    bombs = [corpus[name] for name in PICKED]
    catalog = hostile_catalog(tmp_path / "processes", bombs)
    env = {"LIENTHONG_PROCESSES_DIR": str(catalog), "LIENTHONG_JWT_SECRET": SECRET,
           "LIENTHONG_DATABASE_URL": database_url,
           "LIENTHONG_CALENDAR_OVERRIDES": str(ROOT / "config/calendar-overrides.toml")}
    token = issue_token(KEYS, sub="can-bo.xa", agency="ubnd-xa", roles=["ho-tich"])
    desk = {"Authorization": f"Bearer {token}"}
    latencies: list[tuple[float, str]] = []
    answers: list[tuple[int, httpx.Response, float]] = []
    measured = threading.Event()
    load = os.getloadavg()[0]
    loaded = load > (os.cpu_count() or 1)
    with lienthong_serve(tmp_path, "--workers", "1", env=env) as server, \
            httpx.Client(base_url=server.url, timeout=60, headers=desk) as http:

        def timed(method: str, url: str, **kwargs: Any) -> httpx.Response:
            started = time.monotonic()
            response = http.request(method, url, **kwargs)
            latencies.append((time.monotonic() - started, f"{method} {url}"))
            assert response.status_code < 300, f"{method} {url}: {response.text}"
            return response

        def start(variant: str, client: httpx.Client = http) -> httpx.Response:
            return client.post("/cases", json={"procedure": SLUG, "variant": variant,
                                                "applicant": "001090000099", "data": {}})

        def bomb(i: int) -> None:
            # Sent again once answered (at most once a second: four bombs at once, not a flood of them),
            # so that the bombs run for the whole measurement.
            with httpx.Client(base_url=server.url, timeout=60, headers=desk) as own:
                while not measured.is_set():
                    own.headers["Idempotency-Key"] = f"bom-{i}-{time.time_ns()}"
                    started = time.monotonic()
                    answers.append((i, start(bombs[i].name, own), time.monotonic() - started))
                    measured.wait(1 - (time.monotonic() - started))

        def walk() -> None:
            case = timed("POST", "/cases", json={"procedure": SLUG, "variant": ORDINARY,
                                                 "applicant": "001090000099", "data": {}}).json()
            task = timed("GET", "/tasks", params={"case": case["id"]}).json()["items"][0]
            timed("POST", f"/tasks/{task['id']}/claim")
            timed("POST", f"/tasks/{task['id']}/complete", json={"data": {}})

        for name in PICKED:  # each variant's first case registers its version (the bombs' are refused)
            assert start(name).status_code == 422
        for _ in range(10):  # warm: measured is a server that has answered each request once
            walk()
        latencies.clear()
        threads = [threading.Thread(target=bomb, args=(i,)) for i in range(BOMBS)]
        for thread in threads:
            thread.start()
        time.sleep(0.05)  # let the bombs reach the engine first
        while len(latencies) < REQUESTS:
            timed("GET", "/health")
            walk()
        measured.set()
        for thread in threads:
            thread.join()

    seconds = [s for s, _ in latencies]
    bound = LIMIT if not loaded else LOADED
    print(f"\n{database_url.split(':')[0]}: p99 {p99(seconds) * 1000:.0f} ms over {len(seconds)} requests "
          f"while {BOMBS} bombs ran (load average {load:.1f}, bound {bound * 1000:.0f} ms); bombs answered "
          f"{len(answers)} times, in {min(t for *_, t in answers):.1f}–{max(t for *_, t in answers):.1f} s")
    slowest = sorted(latencies)[-5:]
    assert p99(seconds) < bound, (f"p99 {p99(seconds) * 1000:.0f} ms over {len(seconds)} requests "
                                  f"(load average {load:.1f} before): {slowest}")
    answer_within = MAX_WALL_SECONDS + 5  # each bomb is stopped within the wall limit, all at once
    for i, response, took in answers:
        assert response.status_code == 422, f"{bombs[i].name}: {response.status_code} {response.text}"
        problem = response.json()
        assert problem["element_id"] == "Script_Tinh", problem
        assert bombs[i].stopped(problem["detail"]), problem
        assert took < answer_within, f"{bombs[i].name} answered after {took:.1f} s"
    assert {i for i, *_ in answers} == set(range(BOMBS))
