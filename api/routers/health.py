"""/health and /metrics: for load balancers and Prometheus (no credentials needed)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse

from ..deps import ServicesDep
from ..responses import ok
from ..schemas.health import Health

router = APIRouter(tags=["operations"])
PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8"


def _version() -> str:
    try:
        return version("lienthong")
    except PackageNotFoundError:
        return "0+unknown"


@router.get("/health", responses=ok({"status": "ok", "database": "ok", "version": "0.1.0"}))
def health(services: ServicesDep) -> Health:
    """The service answers and its database too."""
    services.store.ping()
    return Health(status="ok", database="ok", version=_version())


@router.get("/metrics", response_class=PlainTextResponse,
            responses=ok("lienthong_cases_started_total 42\n", media_type="text/plain"))
def metrics(services: ServicesDep) -> PlainTextResponse:
    """Prometheus text exposition: requests by route and status, cases and tasks, open tasks by lane."""
    return PlainTextResponse(services.metrics.render(services.engine.reports.totals()), media_type=PROMETHEUS)
