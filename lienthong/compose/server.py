"""The HTTP application assembled from settings: `create_app` is uvicorn's factory (`--factory`)."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI

from api.app import build_app
from api.auth import TokenKeys
from api.persistence import ApiStore, RequestStore
from engine import Engine
from engine.clock import Clock

from .demo import demo_connectors, demo_logins
from .settings import Settings
from .wiring import build_api_config, build_engine, build_token_keys

FACTORY = "lienthong.compose.server:create_app"  # what uvicorn imports in each worker process


@dataclass(frozen=True)
class ApiParts:
    """What the API runs on: the engine on a RequestStore, the API's own store on the same one, the keys."""

    engine: Engine
    store: ApiStore
    keys: TokenKeys


def build_api_parts(settings: Settings, *, engine: Engine | None = None,
                    clock: Clock | None = None) -> ApiParts:
    """The engine (built on a migrated RequestStore unless given), the API's store over it, the token keys."""
    if engine is None:
        connectors = demo_connectors() if settings.demo else None
        engine = build_engine(settings, clock=clock, connectors=connectors,
                              store=RequestStore(settings.database_url))
    if not isinstance(engine.store, RequestStore):
        raise TypeError("the API's engine needs a RequestStore, so that a request owns its transaction")
    return ApiParts(engine, ApiStore(engine.store), build_token_keys(settings))


def create_app(settings: Settings | None = None, *, engine: Engine | None = None,
               clock: Clock | None = None) -> FastAPI:
    """The application over an engine (built from settings unless given, on a RequestStore)."""
    settings = settings or Settings()
    parts = build_api_parts(settings, engine=engine, clock=clock)
    demo = demo_logins(parts.engine, parts.keys) if settings.demo else None
    return build_app(parts.engine, parts.store, parts.keys, build_api_config(settings), demo)
