"""A real `lienthong serve` process on a free port, for the tests that need real sockets and workers."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx


@dataclass
class Server:
    """A running server: where it listens and what it printed so far."""

    url: str
    process: subprocess.Popen[str]
    log: Path

    def output(self) -> str:
        """Everything the server printed."""
        return self.log.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def lienthong_serve(cwd: Path, *args: str, env: dict[str, str] | None = None,
                    timeout: float = 60) -> Iterator[Server]:
    """Start `lienthong serve ARGS` in `cwd`, wait until /health answers, stop it afterwards."""
    port = free_port()
    log = cwd / f"serve-{port}.log"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LIENTHONG_")}
    environment.update(env or {}, PYTHONUNBUFFERED="1", COLUMNS="200")
    command = [sys.executable, "-m", "lienthong", "serve", "--port", str(port), *args]
    with log.open("w", encoding="utf-8") as out:
        # A process group of its own, so that stopping it stops uvicorn's worker processes too.
        process = subprocess.Popen(command, cwd=cwd, env=environment, stdout=out, stderr=subprocess.STDOUT,
                                   text=True, start_new_session=True)
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        _wait_healthy(server, timeout)
        yield server
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _wait_healthy(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            code = server.process.returncode
            raise AssertionError(f"lienthong serve exited with {code}:\n{server.output()}")
        try:
            if httpx.get(server.url + "/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"lienthong serve did not answer within {timeout} s:\n{server.output()}")
