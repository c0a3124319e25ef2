"""The confined child over its socket, as engine/sandbox/confine.py talks to it: answers, helpers, limits."""

from __future__ import annotations

import os
import pickle
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]


class Child:
    """A `python -m engine.sandbox.confine_child` and our end of its socket."""

    def __init__(self) -> None:
        ours, theirs = socket.socketpair()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "engine.sandbox.confine_child", str(theirs.fileno())],
            pass_fds=[theirs.fileno()],
            cwd=ROOT, env={**os.environ, "PYTHONSAFEPATH": "1"},
        )
        theirs.close()
        self.conn = Connection(ours.detach())
        assert self.conn.poll(30) and self.conn.recv() == "ready"

    def ask(self, mode: str, source: str, data: dict[str, Any], helpers: dict[str, Any] | None = None) -> Any:
        self.conn.send((mode, source, data, sorted(helpers or {})))
        while True:
            message = self.conn.recv()
            if message[0] != "call":
                return message
            _, name, args, kwargs = message
            self.conn.send(("ok", (helpers or {})[name](*args, **kwargs)))


@pytest.fixture
def child() -> Iterator[Child]:
    started = Child()
    yield started
    started.conn.close()
    started.process.wait(10)


def test_answers_one_evaluation_after_another(child: Child) -> None:
    assert child.ask("eval", "a + 1", {"a": 41}) == ("done", 42)
    assert child.ask("exec", "b = a * 2", {"a": 21}) == ("done", {"a": 21, "b": 42})


def test_helpers_are_called_in_the_parent(child: Child) -> None:
    calls: list[tuple[Any, ...]] = []

    def deadline(key: str) -> int:
        calls.append((key,))
        return 7

    assert child.ask("eval", "deadline('overall') + 1", {}, {"deadline": deadline}) == ("done", 8)
    assert calls == [("overall",)]


def test_errors_come_back_as_the_engines_own(child: Child) -> None:
    kind, name, state = child.ask("eval", "__import__('os')", {})
    assert (kind, name) == ("error", "UnsafeExpressionError") and "__import__" in state["message"]
    kind, name, state = child.ask("eval", "1 / 0", {})
    assert (kind, name) == ("error", "TaskFailedError") and "ZeroDivisionError" in state["message"]
    assert child.ask("eval", "2 + 2", {}) == ("done", 4)  # a refused evaluation leaves the child serving


def test_memory_beyond_the_limit_is_fatal_and_ends_the_child(child: Child) -> None:
    kind, name, state = child.ask("eval", "('a' * 10**6).replace('a', 'bb' * 1000)", {})
    assert (kind, name) == ("fatal", "UnsafeExpressionError") and "MB of memory" in state["message"]
    assert child.process.wait(10) == 0


def test_cpu_beyond_the_limit_ends_the_child_by_sigprof(child: Child) -> None:
    child.conn.send(("eval", "sum(map(lambda i: sum(range(10**6)), range(10**6)))", {}, []))
    assert child.process.wait(30) == -signal.SIGPROF
    with pytest.raises((EOFError, OSError)):
        child.conn.recv()


def test_results_must_be_data(child: Child) -> None:
    kind, name, state = child.ask("eval", "(i for i in range(3))", {})
    assert (kind, name) == ("error", "UnsafeExpressionError"), state
    assert pickle.dumps(child.ask("eval", "[1, 'a', None]", {}))
