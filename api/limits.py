"""A cap on request bodies (413), checked on Content-Length and again while the body streams in."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyLimit:
    """ASGI middleware: refuse bodies over `max_bytes`, or over the limit of the path's last segment
    (`uploads`, e.g. {"versions": 10 MiB} for POST /procedures/{code}/versions)."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, uploads: dict[str, int]) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.uploads = uploads

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.uploads.get(scope["path"].rstrip("/").rsplit("/", 1)[-1], self.max_bytes)
        declared = dict(scope.get("headers", ())).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            # Refused before reading: the handler table turns the exception into problem+json.
            scope["lienthong.too_large"] = limit
        received = 0

        async def limited() -> Message:
            nonlocal received
            if "lienthong.too_large" in scope:
                raise _too_large(limit)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _too_large(limit)
            return message

        await self.app(scope, limited, send)


def _too_large(limit: int) -> HTTPException:
    return HTTPException(413, f"the request body is larger than {limit} bytes")
