"""Prometheus text exposition: request counters of this worker, case and task totals from the database.

Request counters live in each worker process (labelled with its pid, since several uvicorn workers share
one port); case and task figures are read from the database, so every worker reports the same totals.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from engine import Totals

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


class Metrics:
    """Thread-safe request counters and a latency histogram per route."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: Counter[tuple[str, str, str]] = Counter()
        self.buckets: Counter[tuple[str, float]] = Counter()
        self.seconds: dict[str, float] = {}
        self.count: Counter[str] = Counter()

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        """Count one answered request."""
        with self._lock:
            self.requests[(method, route, str(status))] += 1
            self.seconds[route] = self.seconds.get(route, 0.0) + seconds
            self.count[route] += 1
            for bound in BUCKETS:
                if seconds <= bound:
                    self.buckets[(route, bound)] += 1

    def render(self, counts: Totals) -> str:
        """The exposition text (format 0.0.4)."""
        worker = str(os.getpid())
        lines = [
            "# HELP lienthong_http_requests_total HTTP requests answered by this worker process.",
            "# TYPE lienthong_http_requests_total counter",
        ]
        with self._lock:
            for (method, route, status), n in sorted(self.requests.items()):
                lines.append(_sample("lienthong_http_requests_total", n, method=method, route=route,
                                     status=status, worker=worker))
            name = "lienthong_http_request_duration_seconds"
            lines += [f"# HELP {name} Time to answer, by route (this worker).", f"# TYPE {name} histogram"]
            for route in sorted(self.count):
                at = {"route": route, "worker": worker}
                for bound in BUCKETS:
                    count = self.buckets[(route, bound)]
                    lines.append(_sample(f"{name}_bucket", count, **at, le=repr(bound)))
                lines.append(_sample(f"{name}_bucket", self.count[route], **at, le="+Inf"))
                lines.append(_sample(f"{name}_sum", round(self.seconds[route], 6), **at))
                lines.append(_sample(f"{name}_count", self.count[route], **at))
        lines += [
            "# HELP lienthong_cases_started_total Cases started (all workers, from the database).",
            "# TYPE lienthong_cases_started_total counter",
            _sample("lienthong_cases_started_total", counts.cases_started),
            "# HELP lienthong_cases_completed_total Cases that reached an end event.",
            "# TYPE lienthong_cases_completed_total counter",
            _sample("lienthong_cases_completed_total", counts.cases_completed),
            "# HELP lienthong_tasks_completed_total Human tasks completed.",
            "# TYPE lienthong_tasks_completed_total counter",
            _sample("lienthong_tasks_completed_total", counts.tasks_completed),
            "# HELP lienthong_open_tasks Human tasks waiting (ready or claimed), by agency and role.",
            "# TYPE lienthong_open_tasks gauge",
        ]
        lines += [_sample("lienthong_open_tasks", n, agency=agency, role=role)
                  for (agency, role), n in sorted(counts.open_tasks.items())]
        return "\n".join(lines) + "\n"


def _sample(name: str, value: float, **labels: str) -> str:
    if not labels:
        return f"{name} {value}"
    text = ",".join(f'{key}="{_escape(val)}"' for key, val in labels.items())
    return f"{name}{{{text}}} {value}"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


class MetricsMiddleware:
    """ASGI middleware that times every HTTP request and counts it under its route template."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def record(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, record)
        finally:
            route = scope.get("route")
            # The template (/cases/{case_id}), never the raw path: label values stay few.
            template = getattr(route, "path", None) or "(unmatched)"
            self.metrics.observe(scope["method"], template, status, time.perf_counter() - started)
