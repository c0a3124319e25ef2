"""HTTP calls to other systems on loopback: idempotency keys, answers, which failures may retry."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import httpx
import pytest

from engine.agencies.remote import HttpPortal, RemoteError, call_key, http_agency_connectors, post_json
from engine.errors import ConnectorError

# path → (status, body bytes) the server answers with
ANSWERS: dict[str, tuple[int, bytes]] = {
    "/ok": (200, b'{"da_nhan": true}'),
    "/list": (200, b"[1, 2]"),
    "/empty": (204, b""),
    "/html": (200, b"<html>bao tri</html>"),
    "/bad": (422, b'{"loi": "thieu so_dinh_danh"}'),
    "/busy": (429, b"cham lai"),
    "/down": (503, b"bao tri"),
    "/operations/population.lookup": (200, b'{"ton_tai": true}'),
}


class Recorder(BaseHTTPRequestHandler):
    """Answers from ANSWERS and keeps each request's path, Idempotency-Key and JSON body."""

    seen: ClassVar[list[tuple[str, str | None, Any]]] = []

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length))
        self.seen.append((self.path, self.headers.get("Idempotency-Key"), body))
        status, answer = ANSWERS[self.path]
        self.send_response(status)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: Any) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    Recorder.seen.clear()
    with httpx.Client(timeout=2.0) as made:
        yield made


def test_a_call_carries_its_key_and_returns_the_json_answer(base: str, client: httpx.Client) -> None:
    assert post_json(client, f"{base}/ok", {"ma_ho_so": "LT-1"}, "khoa-1") == {"da_nhan": True}
    assert Recorder.seen == [("/ok", "khoa-1", {"ma_ho_so": "LT-1"})]
    assert post_json(client, f"{base}/list", {}, "k") == {"result": [1, 2]}
    assert post_json(client, f"{base}/empty", {}, "k") == {}


@pytest.mark.parametrize(
    ("path", "retryable", "status"),
    [("/bad", False, 422), ("/busy", True, 429), ("/down", True, 503), ("/html", True, None)],
)
def test_failures_say_whether_trying_again_can_help(
    base: str, client: httpx.Client, path: str, retryable: bool, status: int | None
) -> None:
    with pytest.raises(RemoteError) as caught:
        post_json(client, f"{base}{path}", {}, "k")
    assert (caught.value.retryable, caught.value.status) == (retryable, status)
    assert isinstance(caught.value, ConnectorError) and caught.value.message.startswith(f"{base}{path}: ")
    if status == 422:
        assert "HTTP 422" in caught.value.message and "thieu so_dinh_danh" in caught.value.message


def test_a_refused_connection_and_a_silent_server_may_pass_later() -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    with httpx.Client(timeout=0.2) as client, pytest.raises(RemoteError, match="ConnectError") as refused:
        post_json(client, f"http://127.0.0.1:{port}/x", {}, "k")
    assert refused.value.retryable
    with socket.socket() as silent:  # listens, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/x"
        silent_client = httpx.Client(timeout=0.2)
        with silent_client, pytest.raises(RemoteError, match="no answer in time") as late:
            post_json(silent_client, url, {}, "k")
    assert late.value.retryable


def test_the_portal_sends_each_status_change_with_its_key(base: str, client: httpx.Client) -> None:
    portal = HttpPortal(f"{base}/ok", client=client)
    assert portal.send({"trang_thai": 2}, "outbox-7") == {"da_nhan": True}
    assert Recorder.seen[-1] == ("/ok", "outbox-7", {"trang_thai": 2})


def test_agency_connectors_go_to_their_agency_keyed_by_job_or_by_what_they_ask(
    base: str, client: httpx.Client
) -> None:
    operations = ["population.lookup", "residence.register"]
    connectors = http_agency_connectors({"population": base + "/"}, operations, client=client)
    assert connectors.names() == ["population.lookup"]  # the residence system has no URL here
    params = {"so_dinh_danh": "001203004567"}
    assert connectors.call("population.lookup", params) == {"ton_tai": True}
    connectors.call("population.lookup", dict(params))
    with call_key("job-42"):
        connectors.call("population.lookup", params)
    keys = [key for _path, key, _body in Recorder.seen]
    assert keys[0] == keys[1] and len(keys[0] or "") == 64  # the same question, the same key
    assert keys[2] == "job-42"
    assert Recorder.seen[0][0] == "/operations/population.lookup"
