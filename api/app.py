"""The FastAPI application over ready parts, built by `build_app()`.

The composition root (lienthong/compose/server.py, uvicorn's `create_app --factory`) builds the engine, the
API's store and the token keys from settings and hands them in; nothing here reads a setting.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from engine import Engine
from engine.sandbox.confine import confinement
from web.officer import officer_router
from web.pages import lookup_router
from web.session import DemoLogins, Gate
from web.studio.drafts import MAX_DRAFT_BYTES
from web.studio.pages import StudioTools, studio_router
from workbench.check.run import Draft, check_draft

from .auth import TokenKeys, VerifiedTokens
from .config import ApiConfig
from .deps import Services
from .diagrams import case_diagram, procedure_diagram
from .errors import install_error_handlers
from .idempotency import Replayed, replay
from .limits import BodyLimit
from .metrics import Metrics, MetricsMiddleware
from .openapi import install_docs, install_openapi
from .persistence import ApiStore
from .routers import cases, documents, health, inbox, incidents, messages, outbox, procedures, reports, tasks
from .routers.forms import router as forms_router


def build_app(engine: Engine, store: ApiStore, keys: TokenKeys, config: ApiConfig | None = None,
              demo: DemoLogins | None = None) -> FastAPI:
    """The application over an engine and the API's store on the engine's own Store (`demo`: the officer
    pages' one-click logins of `serve --demo`)."""
    if store.store is not engine.store:
        # Otherwise an idempotency key's answer and the effect it guards would be in different databases.
        raise ValueError("the API's store must be built on the engine's own Store "
                         "(lienthong/compose/server.py builds both), so that one unit of work holds both")
    config = config or ApiConfig()
    services = Services(engine=engine, store=store, keys=keys, tokens=VerifiedTokens(keys), metrics=Metrics())

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        services.store.purge_keys(datetime.now(UTC) - config.idempotency_retention)
        confinement()  # the children that run scripts start now, not on the first citizen's request
        yield
        engine.store.dispose()

    app = FastAPI(title="Liên Thông API", version="1", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.services = services
    install_error_handlers(app)
    app.add_exception_handler(Replayed, replay)
    for module in (procedures, cases, tasks, messages, inbox, health, documents, incidents, outbox, reports):
        app.include_router(module.router)
    app.include_router(forms_router)  # /cases/{id}/forms/{mau}.pdf, printed by web/
    app.include_router(lookup_router(engine))  # /tra-cuu, the citizens' lookup page (web/)
    # /, the officers' pages (web/): tokens checked as the API checks them, the case diagram the API draws.
    gate = Gate(services.tokens.actor, demo)
    app.include_router(officer_router(engine, gate, case_diagram))
    # /studio, the analysts' pages (web/studio/): the diagrams the API draws, the workbench's Check.
    app.include_router(studio_router(engine, gate, studio_tools(engine, config)))
    # A document upload may exceed its cap by the multipart framing; the engine refuses the content itself.
    app.add_middleware(BodyLimit, max_bytes=config.max_body_bytes,
                       uploads={"versions": config.max_upload_bytes,
                                "documents": config.max_document_bytes + 65_536, "check": MAX_DRAFT_BYTES})
    app.add_middleware(MetricsMiddleware, metrics=services.metrics)
    install_openapi(app)
    install_docs(app)
    return app


def studio_tools(engine: Engine, config: ApiConfig) -> StudioTools:
    """The studio's drafts directory, its diagrams (drawn as the API draws them) and the workbench's Check."""
    root = engine.catalog.root or Path("processes")

    def check(path: Path, slug: str, variant: str) -> Iterator[dict[str, Any]]:
        return check_draft(Draft(path, slug, variant, root))

    return StudioTools(config.drafts_dir, lambda e, slug, variant: procedure_diagram(e, slug, variant, None),
                       check)
