"""The Check: `POST /studio/{group}/{variant}/check` takes the modeler's BPMN, saves it as a draft (never over
a catalogue file) and streams the Check's events as NDJSON, one JSON object a line, while it runs (the
contract is docs/pages.md's "The Check stream")."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from engine import Engine
from engine.actors import Actor
from engine.errors import LienThongError

from ..screens import Screens
from .access import ANALYST_ROLE, require
from .drafts import MAX_DRAFT_BYTES, Drafts
from .reading import group

SLUG = r"^[a-z0-9][a-z0-9-]{0,63}$"
VARIANT = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
NDJSON = "application/x-ndjson"
XML_TYPES = ("application/xml", "text/xml", "application/bpmn+xml")
CSRF_HEADER = "x-csrf-token"
# Each Check runs the group's scenarios in a pytest child: a few at once, not one per click.
CONCURRENT_CHECKS = 2
BUSY = "Đang có {n} lượt Kiểm tra chạy; xin thử lại sau ít phút."
Checker = Callable[[FilePath, str, str], Iterator[dict[str, Any]]]


def check_router(engine: Engine, screens: Screens, drafts: Drafts, check: Checker) -> APIRouter:
    """The Check's route: save the draft, then stream its events."""
    router = APIRouter()
    running = threading.BoundedSemaphore(CONCURRENT_CHECKS)

    @router.post("/studio/{slug}/{variant}/check", include_in_schema=False)
    async def check_draft(request: Request, slug: Annotated[str, Path(max_length=64, pattern=SLUG)],
                          variant: Annotated[str, Path(max_length=64, pattern=VARIANT)]) -> Response:
        """Save the posted diagram as a draft and stream its Check (lint, scenarios, coverage, simulation)."""
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type not in XML_TYPES:
            return _refused(415, f"Gửi sơ đồ dạng {' hoặc '.join(XML_TYPES)}.")
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_DRAFT_BYTES:
                return _refused(413, f"Sơ đồ quá giới hạn {MAX_DRAFT_BYTES} byte.")

        def start(actor: Actor) -> Response:
            procedure = group(engine, slug)
            require(actor, procedure, ANALYST_ROLE, "Kiểm tra bản nháp")
            if variant not in procedure.variants:
                return _refused(404, f"Thủ tục {slug} không có biến thể {variant}.")
            try:
                draft = drafts.save(slug, variant, procedure.variants[variant].file, body, actor.id)
            except LienThongError as exc:
                return _refused(400, f"Không đọc được sơ đồ: {exc.message}")
            if not running.acquire(blocking=False):
                return _refused(429, BUSY.format(n=CONCURRENT_CHECKS))

            def lines() -> Iterator[bytes]:
                try:
                    yield _line({"event": "draft", "draft": draft.id, "bytes": len(body)})
                    for event in check(draft.path, slug, variant):
                        if event["event"] == "done":
                            drafts.record_verdict(draft, event["verdict"])
                        yield _line(event)
                except LienThongError as exc:
                    yield _line({"event": "error", "message": exc.message})
                finally:
                    running.release()

            # A sync generator: Starlette runs each step in its thread pool, so the event loop stays free.
            return StreamingResponse(lines(), media_type=NDJSON,
                                     headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})

        return screens.page(request, start, posted_csrf=request.headers.get(CSRF_HEADER, ""))

    return router


def _line(event: dict[str, Any]) -> bytes:
    return (json.dumps(event, ensure_ascii=False) + "\n").encode("utf-8")


def _refused(status: int, message: str) -> JSONResponse:
    """A Check that does not start: one error event, with the status saying why."""
    return JSONResponse({"event": "error", "message": message}, status_code=status)
