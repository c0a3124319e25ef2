"""The FastAPI application, built by `create_app()` (uvicorn: `api.app:create_app --factory`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI

from engine.clock import Clock
from engine.confine import confinement
from engine.engine import Engine
from engine.store.api_store import ApiStore, RequestStore

from .auth import TokenKeys, VerifiedTokens
from .demo import demo_connectors
from .deps import Services
from .errors import install_error_handlers
from .idempotency import Replayed, replay
from .limits import BodyLimit
from .metrics import Metrics, MetricsMiddleware
from .openapi import install_docs, install_openapi
from .routers import cases, documents, health, inbox, incidents, messages, outbox, procedures, reports, tasks
from .settings import Settings
from .wiring import build_engine


def create_app(settings: Settings | None = None, *, engine: Engine | None = None,
               clock: Clock | None = None) -> FastAPI:
    """The application over an engine (built from settings unless given, on a RequestStore)."""
    settings = settings or Settings()
    if engine is None:
        connectors = demo_connectors() if settings.demo else None
        engine = build_engine(settings, clock=clock, connectors=connectors,
                              store=RequestStore(settings.database_url))
    if not isinstance(engine.store, RequestStore):
        raise TypeError("the API's engine needs a RequestStore, so that a request owns its transaction")
    keys = TokenKeys.from_settings(settings)
    services = Services(settings=settings, engine=engine, store=ApiStore(engine.store), keys=keys,
                        tokens=VerifiedTokens(keys), metrics=Metrics())

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        retention = timedelta(hours=settings.idempotency_retention_hours)
        services.store.purge_keys(datetime.now(UTC) - retention)
        confinement()  # the children that run scripts start now, not on the first citizen's request
        yield
        engine.store.dispose()

    app = FastAPI(title="Liên Thông API", version="1", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.services = services
    install_error_handlers(app)
    app.add_exception_handler(Replayed, replay)
    for module in (procedures, cases, tasks, messages, inbox, health, documents, incidents, outbox, reports):
        app.include_router(module.router)
    # A document upload may exceed its cap by the multipart framing; the engine refuses the content itself.
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes,
                       uploads={"versions": settings.max_upload_bytes,
                                "documents": settings.documents_max_bytes + 65_536})
    app.add_middleware(MetricsMiddleware, metrics=services.metrics)
    install_openapi(app)
    install_docs(app)
    return app
