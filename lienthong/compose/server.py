"""The HTTP application assembled from settings: `create_app` is uvicorn's factory (`--factory`)."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI

from api.app import build_app
from api.auth import TokenKeys
from api.persistence import ApiStore
from engine import Engine
from engine.time.clock import Clock

from .demo import demo_connectors, demo_logins
from .settings import Settings
from .wiring import build_api_config, build_engine, build_token_keys

FACTORY = "lienthong.compose.server:create_app"  # what uvicorn imports in each worker process


@dataclass(frozen=True)
class ApiParts:
    """What the API runs on: the engine, the API's own store on the engine's Store, the token keys."""

    engine: Engine
    store: ApiStore
    keys: TokenKeys


def build_api_parts(settings: Settings, *, engine: Engine | None = None,
                    clock: Clock | None = None) -> ApiParts:
    """The engine (built from settings, migrated, unless given), the API's store over it, the token keys."""
    if engine is None:
        connectors = demo_connectors() if settings.demo else None
        engine = build_engine(settings, clock=clock, connectors=connectors)
    return ApiParts(engine, ApiStore(engine.store), build_token_keys(settings))


def create_app(settings: Settings | None = None, *, engine: Engine | None = None,
               clock: Clock | None = None) -> FastAPI:
    """The application over an engine (built from settings unless given)."""
    settings = settings or Settings()
    parts = build_api_parts(settings, engine=engine, clock=clock)
    demo = demo_logins(parts.engine, parts.keys) if settings.demo else None
    return build_app(parts.engine, parts.store, parts.keys, build_api_config(settings), demo)
