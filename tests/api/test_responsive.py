"""No request blocks another: a real one-worker server keeps answering while four hostile script cases run,
and refuses each of those with a clear 422 naming the script task.

On PostgreSQL every other request (an ordinary case's whole walk, /health) is answered within 100 ms p99.
On SQLite the one write lock is held by a case's step while its script runs (at most the confinement's
limits), so there the reads (/health, a case, a work list) are what stays within 100 ms.

The same requests are first timed without bombs: on a test machine already loaded by other work (whose p99
is above 33 ms without bombs), the bound is three times that baseline instead; the failure this guards
against (a request waiting for a script) costs seconds."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from api.auth import TokenKeys, issue_token
from engine.confine import MAX_WALL_SECONDS
from tests.api.server import lienthong_serve
from tests.conftest import ROOT
from tests.hostile import ORDINARY, SLUG, hostile_catalog, payloads

SECRET = "responsive-test-secret-" + "0123456789abcdef" * 3
KEYS = TokenKeys(("HS256",), SECRET, SECRET, "lienthong", "lienthong-dev", 30)
BOMBS = 4
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
    sqlite = database_url.startswith("sqlite")
    latencies: list[tuple[float, str]] = []
    answers: dict[int, tuple[httpx.Response, float]] = {}
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
            with httpx.Client(base_url=server.url, timeout=60, headers=desk) as own:
                started = time.monotonic()
                answers[i] = (start(bombs[i].name, own), time.monotonic() - started)

        # Each variant's first case registers its version; a waiting case for the reads on SQLite.
        waiting = start(ORDINARY).json()
        walk: Callable[[], None]
        if sqlite:
            def walk() -> None:
                timed("GET", f"/cases/{waiting['id']}")
                timed("GET", "/tasks", params={"case": waiting["id"]})
        else:
            def walk() -> None:
                case = timed("POST", "/cases", json={"procedure": SLUG, "variant": ORDINARY,
                                                     "applicant": "001090000099", "data": {}}).json()
                task = timed("GET", "/tasks", params={"case": case["id"]}).json()["items"][0]
                timed("POST", f"/tasks/{task['id']}/claim")
                timed("POST", f"/tasks/{task['id']}/complete", json={"data": {}})
        while len(latencies) < 100:
            timed("GET", "/health")
            walk()
        baseline = p99([s for s, _ in latencies])
        latencies.clear()
        threads = [threading.Thread(target=bomb, args=(i,)) for i in range(BOMBS)]
        for thread in threads:
            thread.start()
        time.sleep(0.05)  # let the bombs reach the engine first
        rounds = 0
        while any(t.is_alive() for t in threads) or len(latencies) < 100:
            timed("GET", "/health")
            walk()
            rounds += 1
        for thread in threads:
            thread.join()

    seconds = [s for s, _ in latencies]
    bound = max(0.100, 3 * baseline)
    print(f"\n{database_url.split(':')[0]}: p99 {p99(seconds) * 1000:.0f} ms over {len(seconds)} requests "
          f"while {BOMBS} bombs ran; {baseline * 1000:.0f} ms without; bombs answered in "
          f"{', '.join(f'{took:.1f}' for _, took in answers.values())} s")
    slowest = sorted(latencies)[-5:]
    assert p99(seconds) < bound, (f"p99 {p99(seconds) * 1000:.0f} ms over {len(seconds)} requests (baseline "
                                  f"without bombs {baseline * 1000:.0f} ms): {slowest}")
    assert rounds >= 5
    # Each bomb is stopped within the wall limit; on SQLite the bombs also take turns at the write lock.
    answer_within = (BOMBS if sqlite else 1) * MAX_WALL_SECONDS + 5
    for i, (response, took) in answers.items():
        assert response.status_code == 422, f"{bombs[i].name}: {response.status_code} {response.text}"
        problem = response.json()
        assert problem["element_id"] == "Script_Tinh", problem
        assert bombs[i].stopped(problem["detail"]), problem
        assert took < answer_within, f"{bombs[i].name} answered after {took:.1f} s"
    assert len(answers) == BOMBS
