"""Typed dependencies: the application's services, the engine, the authenticated caller."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from engine import Engine, UnitOfWork
from engine.actors import Actor
from web.session import session_token

from .auth import TokenKeys, VerifiedTokens, hash_api_key
from .errors import AuthenticationError
from .metrics import Metrics
from .persistence import ApiStore


@dataclass(frozen=True)
class Services:
    """Everything a request may use, built once by build_app()."""

    engine: Engine
    store: ApiStore
    keys: TokenKeys
    tokens: VerifiedTokens
    metrics: Metrics


bearer = HTTPBearer(auto_error=False, scheme_name="bearer",
                    description="JWT with claims sub, kind (citizen|officer), agency, roles; "
                                "for development: `lienthong token --sub … --agency … --roles …`")
api_key = APIKeyHeader(name="X-API-Key", auto_error=False, scheme_name="apiKey",
                       description="an agency system's key: `lienthong api-key --agency …`")


# Dependencies that do not block are `async def`: they run on the event loop, without a hop to a thread.
async def get_services(request: Request) -> Services:
    """The services of the application serving this request."""
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


def unit_of_work(services: ServicesDep) -> Iterator[UnitOfWork]:
    """This request's unit of work: what it writes commits together, before the response is sent."""
    # A plain function: FastAPI runs it in the thread pool, so the COMMIT does not block the event loop.
    with UnitOfWork(services.engine.store) as unit:
        yield unit


# scope="function": the unit closes when the route returns, before the answer leaves (never acknowledge a
# write whose COMMIT could still fail).
UnitDep = Annotated[UnitOfWork, Depends(unit_of_work, scope="function")]


async def get_engine(services: ServicesDep, unit: UnitDep) -> Engine:
    """The engine, its every operation in this request's unit of work."""
    return services.engine.within(unit)


EngineDep = Annotated[Engine, Depends(get_engine)]


READS = ("GET", "HEAD")


async def current_actor(services: ServicesDep, request: Request,
                        credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)],
                        key: Annotated[str | None, Security(api_key)]) -> Actor:
    """The caller: a citizen or officer from a bearer token, or an agency system from its API key; for a
    read, also an officer signed in on the pages (their session cookie), so that the case page's links to
    documents and printed forms open in the browser."""
    if credentials is not None and key is not None:
        raise AuthenticationError("send a bearer token or an API key, not both")
    if key is not None:
        record = await run_in_threadpool(services.store.find_api_key, hash_api_key(key))
        if record is None:
            raise AuthenticationError("unknown or revoked API key")
        return Actor.agency_system(record.agency)
    if credentials is None and request.method in READS and session_token(request):
        # Reads only: a write must carry its credentials itself (the cookie is no defence against CSRF).
        return services.tokens.actor(session_token(request) or "")
    if credentials is None:
        raise AuthenticationError("no credentials",
                                  hint="send 'Authorization: Bearer <token>' or 'X-API-Key: <key>'")
    return services.tokens.actor(credentials.credentials)


ActorDep = Annotated[Actor, Depends(current_actor)]
