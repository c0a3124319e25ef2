"""A small real HTTP server (stdlib, loopback) that stands in for a remote system in tests and the demo.

It records what it receives, enforces idempotency keys (a repeated key gets the first answer and applies
nothing twice; the same key with another body is refused), and misbehaves on request:

- `fail_before`: the share of calls answered 503 before anything is applied;
- `fail_after`: the share of calls applied, then dropped without an answer (the caller cannot tell);
- `delay`: seconds to wait before handling a call (a caller with a shorter timeout gives up);
- `down`: every call answered 503.

Set them with CLI flags or `POST /control`; `GET /received` reads back what was applied, `GET /control`
the counters. With a journal file the applied calls survive a restart (the portal "comes back").
"""

from __future__ import annotations

import hashlib
import json
import random
import socket
import threading
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit


class Refused(Exception):
    """The call itself is wrong (answered 4xx: retrying cannot help)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Faults:
    """How the fake misbehaves (see the module docstring)."""

    fail_before: float = 0.0
    fail_after: float = 0.0
    delay: float = 0.0
    down: bool = False

    def update(self, changes: Mapping[str, Any]) -> None:
        """Change some settings; unknown names and out-of-range values are refused."""
        for name, value in changes.items():
            if name not in ("fail_before", "fail_after", "delay", "down"):
                raise Refused(422, f"unknown control '{name}' (fail_before, fail_after, delay, down)")
            if name == "down":
                self.down = bool(value)
                continue
            number = float(value)
            if number < 0 or (name != "delay" and number > 1):
                raise Refused(422, f"{name} must be {'≥ 0' if name == 'delay' else 'a share in [0, 1]'}")
            setattr(self, name, number)


@dataclass
class Counters:
    """What happened to the calls so far."""

    calls: int = 0
    applied: int = 0
    replayed: int = 0
    failed_before: int = 0
    dropped_after: int = 0
    refused: int = 0


@dataclass
class Answer:
    """What a call gets back, and whether its connection is dropped instead."""

    status: int
    body: dict[str, Any]
    replayed: bool = False
    drop: bool = False


@dataclass
class FakeService:
    """The state of one fake system; subclasses say which POST paths exist and what applying one does."""

    name: str = "fake"
    faults: Faults = field(default_factory=Faults)
    seed: int | None = None
    journal: Path | None = None
    records: list[dict[str, Any]] = field(default_factory=list)
    counters: Counters = field(default_factory=Counters)

    def __post_init__(self) -> None:
        self.lock = threading.Lock()
        self.rng = random.Random(self.seed)
        self.answers: dict[str, tuple[str, dict[str, Any]]] = {}
        if self.journal is not None and self.journal.exists():
            for line in self.journal.read_text(encoding="utf-8").splitlines():
                entry = json.loads(line)
                self.answers[entry["key"]] = (entry["fingerprint"], entry["answer"])
                self.records.append(entry["record"])

    def apply(self, path: str, payload: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """Do what a call asks: returns (the answer, the record kept). Raise Refused for a bad call."""
        raise Refused(404, f"no such endpoint {path}")

    def post(self, path: str, raw: bytes, key: str | None) -> Answer:
        """Handle one POST through the fault injection and the idempotency table."""
        with self.lock:
            self.counters.calls += 1
            fail = self.faults.down or self.rng.random() < self.faults.fail_before
            drop = self.rng.random() < self.faults.fail_after
            delay = self.faults.delay
        if delay:
            time.sleep(delay)
        if fail:
            with self.lock:
                self.counters.failed_before += 1
            return Answer(503, {"error": f"{self.name} is unavailable (injected failure)"})
        try:
            answer = self._apply_once(path, raw, key)
        except Refused as exc:
            with self.lock:
                self.counters.refused += 1
            return Answer(exc.status, {"error": str(exc)})
        if drop:
            with self.lock:
                self.counters.dropped_after += 1
            answer.drop = True
        return answer

    def _apply_once(self, path: str, raw: bytes, key: str | None) -> Answer:
        if not key:
            raise Refused(400, "the Idempotency-Key header is required")
        try:
            payload = json.loads(raw or b"{}")
        except ValueError:
            raise Refused(400, "the body is not JSON") from None
        if not isinstance(payload, dict):
            raise Refused(400, "the body must be a JSON object")
        fingerprint = hashlib.sha256(path.encode() + b"\n" + raw).hexdigest()
        with self.lock:
            stored = self.answers.get(key)
            if stored is not None:
                if stored[0] != fingerprint:
                    raise Refused(422, f"Idempotency-Key {key} was used for a different request")
                self.counters.replayed += 1
                return Answer(200, stored[1], replayed=True)
            body, record = self.apply(path, payload)
            record = {"n": len(self.records) + 1, "key": key, **record}
            self.records.append(record)
            self.answers[key] = (fingerprint, body)
            self.counters.applied += 1
            if self.journal is not None:
                entry = {"key": key, "fingerprint": fingerprint, "answer": body, "record": record}
                with self.journal.open("a", encoding="utf-8") as out:
                    out.write(json.dumps(entry, ensure_ascii=False) + "\n")
        return Answer(200, body)

    def received(self, since: int = 0) -> dict[str, Any]:
        """What was applied (records after the first `since`)."""
        with self.lock:
            return {"count": len(self.records), "records": self.records[since:]}

    def control(self) -> dict[str, Any]:
        """The fault settings and the counters."""
        with self.lock:
            return {"name": self.name, "faults": asdict(self.faults), "counters": asdict(self.counters)}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    service: FakeService
    quiet = True

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in two writes; without NODELAY each answer waits for a delayed ACK.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/health":
            self._reply(200, {"ok": True, "name": self.service.name})
        elif url.path == "/received":
            since = parse_qs(url.query).get("since", ["0"])[0]
            self._reply(200, self.service.received(int(since) if since.isdigit() else 0))
        elif url.path == "/control":
            self._reply(200, self.service.control())
        else:
            self._reply(404, {"error": f"no such endpoint {url.path}"})

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if url.path == "/control":
            try:
                changes = json.loads(raw or b"{}")
                with self.service.lock:
                    self.service.faults.update(changes)
            except (ValueError, TypeError, AttributeError):
                self._reply(400, {"error": "send a JSON object of settings"})
                return
            except Refused as exc:
                self._reply(exc.status, {"error": str(exc)})
                return
            self._reply(200, self.service.control())
            return
        answer = self.service.post(url.path, raw, self.headers.get("Idempotency-Key"))
        if answer.drop:
            # Applied, but the caller never hears back: close the connection without a response.
            self.close_connection = True
            return
        headers = {"Idempotent-Replayed": "true"} if answer.replayed else {}
        self._reply(answer.status, answer.body, headers)

    def _reply(self, status: int, body: dict[str, Any], headers: Mapping[str, str] | None = None) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        if not self.quiet:
            super().log_message(format, *args)


class FakeServer(ThreadingHTTPServer):
    """A threading HTTP server over one FakeService."""

    daemon_threads = True

    def __init__(self, service: FakeService, host: str = "127.0.0.1", port: int = 0, quiet: bool = True):
        handler = type("Handler", (_Handler,), {"service": service, "quiet": quiet})
        super().__init__((host, port), handler)
        self.service = service

    @property
    def url(self) -> str:
        """The base URL it listens on."""
        host, port = self.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else host
        return f"http://{name}:{port}"

    def start(self) -> threading.Thread:
        """Serve in a daemon thread (the demo and in-process tests); `shutdown()` stops it."""
        thread = threading.Thread(target=self.serve_forever, args=(0.05,), name=f"fake-{self.service.name}",
                                  daemon=True)
        thread.start()
        return thread
