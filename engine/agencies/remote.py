"""HTTP JSON calls to systems outside the engine — the national portal and other agencies' systems.

Every call carries an `Idempotency-Key`, so that a call repeated after a lost answer (timeout, dropped
connection) is recognised by the other side and applied once. A failure says whether trying again can
help: a timeout, a refused connection or a 5xx may pass; a 4xx (the request itself is wrong) will not.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import httpx

from ..errors import ConnectorError
from .connectors import Connector, Connectors

RETRYABLE_STATUS = frozenset({408, 425, 429})
_call_key: ContextVar[str | None] = ContextVar("lienthong_call_key", default=None)


class RemoteError(ConnectorError):
    """A remote system did not accept a call; `retryable` says whether the same call may succeed later."""

    def __init__(self, message: str, *, retryable: bool, status: int | None = None) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.status = status


def post_json(client: httpx.Client, url: str, body: Mapping[str, Any], key: str) -> dict[str, Any]:
    """POST `body` as JSON with an Idempotency-Key; the JSON answer, or RemoteError."""
    try:
        response = client.post(url, json=dict(body), headers={"Idempotency-Key": key})
    except httpx.TimeoutException as exc:
        raise RemoteError(f"{url}: no answer in time ({type(exc).__name__})", retryable=True) from exc
    except httpx.TransportError as exc:
        raise RemoteError(f"{url}: {type(exc).__name__}: {exc}", retryable=True) from exc
    if response.is_success:
        try:
            answer = response.json() if response.content else {}
        except ValueError as exc:
            raise RemoteError(f"{url}: the answer is not JSON", retryable=True) from exc
        return answer if isinstance(answer, dict) else {"result": answer}
    retryable = response.status_code >= 500 or response.status_code in RETRYABLE_STATUS
    detail = response.text[:300].strip()
    raise RemoteError(
        f"{url}: HTTP {response.status_code} {detail}", retryable=retryable, status=response.status_code
    )


@contextmanager
def call_key(key: str) -> Any:
    """Make `key` the idempotency key of the agency calls made inside the block (the worker's job key)."""
    token = _call_key.set(key)
    try:
        yield
    finally:
        _call_key.reset(token)


class HttpPortal:
    """The National Public Service Portal's status endpoint (or the fake one on loopback)."""

    def __init__(self, url: str, *, timeout: float = 10.0, client: httpx.Client | None = None) -> None:
        self.url = url
        self.client = client or httpx.Client(timeout=timeout)

    def send(self, payload: Mapping[str, Any], key: str) -> dict[str, Any]:
        """Deliver one status change."""
        return post_json(self.client, self.url, payload, key)

    def close(self) -> None:
        """Close the connection pool."""
        self.client.close()


def http_agency_connectors(
    urls: Mapping[str, str],
    operations: list[str],
    *,
    client: httpx.Client | None = None,
    timeout: float = 10.0,
) -> Connectors:
    """Connectors calling agency systems over HTTP: `population.lookup` goes to `urls["population"]`
    as POST {url}/operations/population.lookup (operations whose agency has no URL are left out).

    The client (made here unless given) lives as long as the connectors; pass one to close it yourself.
    """
    client = client or httpx.Client(timeout=timeout)
    connectors = Connectors()
    for operation in operations:
        agency = operation.split(".", 1)[0]
        if agency in urls:
            connectors.register(operation, _agency_call(client, urls[agency].rstrip("/"), operation))
    return connectors


def _agency_call(client: httpx.Client, base: str, operation: str) -> Connector:
    def call(params: Mapping[str, Any]) -> Mapping[str, Any]:
        # Inside the worker the job's key; a synchronous call (no job) is keyed by what it asks.
        key = _call_key.get() or _fingerprint(operation, params)
        return post_json(client, f"{base}/operations/{operation}", params, key)

    return call


def _fingerprint(operation: str, params: Mapping[str, Any]) -> str:
    text = json.dumps([operation, params], sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()
