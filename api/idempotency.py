"""Idempotency-Key on POSTs: the first answer is stored with its effect, in one transaction; retries get it.

Every request runs in one unit of work (api/deps.py); with a key, the key is reserved in it, the engine
operation's effect is written, and its answer is recorded — all committed together, so an effect is never
left without its answer nor the reverse. The key is reserved first in the unit's write transaction, which
begins when the operation writes (after its scripts ran; engine/store/unit.py). A second request
with the same key waits for the first to finish, then receives its answer (header `Idempotent-Replayed:
true`); the same key with a different request is refused (422). Only successes are stored: a failed request
changed nothing, so running its retry again is right.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, NoReturn, TypeVar

from fastapi import Depends, Header, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from engine import UnitOfWork
from engine.actors import Actor
from engine.errors import ValidationError

from .deps import ActorDep, Services, ServicesDep, UnitDep
from .persistence import StoredAnswer

M = TypeVar("M", bound=BaseModel)
KEY_PATTERN = r"^[\x21-\x7e]{1,255}$"  # printable ASCII, no spaces


class Replayed(Exception):
    """Raised to send back the answer stored under an idempotency key."""

    def __init__(self, answer: StoredAnswer) -> None:
        super().__init__(answer.path)
        self.answer = answer


@dataclass
class Once:
    """Runs a route's action at most once per idempotency key (or simply runs it without a key)."""

    services: Services
    unit: UnitOfWork
    response: Response
    actor: Actor
    key: str | None
    method: str
    path: str
    fingerprint: str

    def __call__(self, action: Callable[[], M], *, status_code: int = 200,
                 location: Callable[[M], str] | None = None) -> M:
        """The action's result; a retry with the same key raises Replayed with the first answer."""
        if self.key is None:
            result = action()
            self._locate(result, location)
            return result
        store = self.services.store.within(self.unit)
        principal = f"{self.actor.kind}:{self.actor.id}"
        now = datetime.now(UTC)

        def claim(_tx: object) -> None:
            # First in the request's write transaction: a concurrent twin waits here, then replays.
            stored = store.claim_key(principal, self.key or "", method=self.method, path=self.path,
                                     fingerprint=self.fingerprint, now=now)
            if stored is not None:
                self._replay(stored)

        stored = store.find_answer(principal, self.key)
        if stored is not None:  # a retry of a request that finished: no need to run it again
            self._replay(stored)
        self.unit.first(claim)
        result = action()
        where = self._locate(result, location)
        store.save_answer(principal, self.key, status_code, result.model_dump_json(by_alias=True), where)
        return result

    def _replay(self, stored: StoredAnswer) -> NoReturn:
        """Send back the first answer of this key, or refuse a different request under it."""
        if stored.fingerprint != self.fingerprint:
            raise ValidationError(
                f"Idempotency-Key '{self.key}' was already used for a different request "
                f"({stored.method} {stored.path})", field="Idempotency-Key",
                hint="use a new key for each new request; reuse a key only to retry the same request")
        raise Replayed(stored)

    def _locate(self, result: M, location: Callable[[M], str] | None) -> str | None:
        if location is None:
            return None
        where = location(result)
        self.response.headers["Location"] = where
        return where


def fingerprint(method: str, path: str, query: str, body: bytes) -> str:
    """SHA-256 of the request; JSON bodies are canonicalised so whitespace and key order do not matter."""
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    except (ValueError, UnicodeDecodeError):
        canonical = body
    digest = hashlib.sha256(f"{method} {path}?{query}\n".encode())
    digest.update(canonical)
    return digest.hexdigest()


async def once(request: Request, response: Response, services: ServicesDep, unit: UnitDep, actor: ActorDep,
               idempotency_key: Annotated[str | None, Header(
                   alias="Idempotency-Key", pattern=KEY_PATTERN,
                   description="any unique string (e.g. a UUID) to make retries safe",
                   examples=["9b2f6c1e-3d4a-4b5c-8d7e-0f1a2b3c4d5e"])] = None) -> Once:
    """The Once helper for this request."""
    body = await request.body()
    return Once(services, unit, response, actor, idempotency_key, request.method, request.url.path,
                fingerprint(request.method, request.url.path, request.url.query, body))


OnceDep = Annotated[Once, Depends(once)]


async def replay(request: Request, exc: Exception) -> JSONResponse:
    """Send a stored first answer again."""
    assert isinstance(exc, Replayed)
    answer = exc.answer
    headers = {"Idempotent-Replayed": "true"}
    if answer.location:
        headers["Location"] = answer.location
    return JSONResponse(json.loads(answer.body), status_code=answer.status_code, headers=headers)
