"""Confined evaluation: scripts and expressions the sandbox cannot bound in-process run in a child process.

Each child is a fresh `python -m engine.sandbox.confine_child` (not a fork of the server, whose threads may
hold locks), started ahead of need and reused. Around every evaluation it arms `ITIMER_PROF` (CPU time,
delivered even while a C builtin such as `str.replace` holds the interpreter: the default action of SIGPROF
ends the process) and lives under `RLIMIT_AS` (its address space may grow by MAX_MEMORY_BYTES, so an
allocation beyond raises MemoryError); the parent kills it after MAX_WALL_SECONDS whatever it does. A child
that was stopped is replaced; the error names what stopped it. Results come back only as plain data
(`sandbox.check_data`), at most MAX_RESULT_BYTES pickled. The helpers (`now()`, `deadline()` …) stay in the
parent: the child calls them through the pipe, so the clock, calendar and case context are the real ones and
their side effects land on the real task.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping
from multiprocessing.connection import Connection
from typing import Any

from .. import errors
from ..errors import LienThongError, TaskFailedError, UnsafeExpressionError

MAX_CPU_SECONDS = 1.0
MAX_MEMORY_BYTES = 256 * 2**20
MAX_WALL_SECONDS = 5.0  # a loaded machine stretches wall time; CPU is what the timer above counts
MAX_RESULT_BYTES = 8 * 2**20
POOL_SIZE = 8  # evaluations running at once (each may use MAX_MEMORY_BYTES); more wait for a free child
# An evaluation that has used NICE_AFTER_SECONDS of CPU yields the CPU to the server's own threads (and the
# ordinary scripts of other children): its child is reniced, then retired once it answers. CPU, not wall
# time: on a loaded machine an ordinary script's round trip can take 50 ms of waiting for the CPU, and
# retiring its child then cost a fresh interpreter (60–100 ms of CPU) for nothing.
NICE_AFTER_SECONDS = 0.05
_TICKS = os.sysconf("SC_CLK_TCK")
CHILD_NICENESS = 10
SPARES = 4  # children started ahead of need, so that a stopped one's successor is ready
Helpers = Mapping[str, Callable[..., Any]]


def error_tuple(exc: LienThongError) -> tuple[str, dict[str, Any]]:
    """An engine error as it crosses the pipe: its class name and its whole state (message, where, hint,
    details, and what a subclass adds, such as a legal rule's name and source)."""
    return (type(exc).__name__, dict(vars(exc)))


def rebuild_error(kind: str, state: dict[str, Any]) -> LienThongError:
    """The error `error_tuple` sent, as itself on this side of the pipe (TaskFailedError if unknown here)."""
    cls = getattr(errors, kind, None)
    if not (isinstance(cls, type) and issubclass(cls, LienThongError)):
        return TaskFailedError(str(state.get("message", kind)), hint=state.get("hint"))
    # Restored as pickle restores an object, without calling the subclass's own __init__, whose arguments
    # (a legal rule's name and source, a case id) are part of the state already.
    error = cls.__new__(cls)
    Exception.__init__(error, state.get("message", ""))
    vars(error).update(state)
    return error


class _Child:
    """One confined process and the parent's end of its socket."""

    def __init__(self) -> None:
        ours, theirs = socket.socketpair()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "engine.sandbox.confine_child", str(theirs.fileno())],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONSAFEPATH": "1"},
        )
        theirs.close()
        self.conn = Connection(ours.detach())
        self.ready = False  # the child says "ready" once its interpreter has started
        self.reniced = False

    def started(self, wait: float = 0) -> bool:
        """Whether the child has finished starting (waiting at most `wait` seconds for it)."""
        try:
            if not self.ready and self.conn.poll(wait):
                self.ready = self.conn.recv() == "ready"
        except (EOFError, OSError):
            return False  # it died while starting: run() reports how
        return self.ready

    def run(self, request: tuple[str, str, dict[str, Any], list[str]], helpers: Helpers) -> Any:
        """Send one evaluation and serve its helper calls until the answer; kill the child on any limit."""
        if not self.started(MAX_WALL_SECONDS):
            self.kill()
            raise TaskFailedError(f"the script process did not start within {MAX_WALL_SECONDS:g} s",
                                  hint="the server is overloaded or misinstalled; retry, then see its log")
        self.conn.send(request)
        deadline = time.monotonic() + MAX_WALL_SECONDS
        used_before = self._cpu_seconds()
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.kill()
                raise UnsafeExpressionError(f"ran longer than {MAX_WALL_SECONDS:g} s and was stopped",
                                            hint="simplify the script; long computations belong in a service")
            if not self.conn.poll(remaining if self.reniced else min(remaining, NICE_AFTER_SECONDS)):
                if not self.reniced and self._cpu_seconds() - used_before >= NICE_AFTER_SECONDS:
                    self._renice()
                continue
            try:
                message = self.conn.recv()
            except (EOFError, OSError):
                raise self._died() from None
            if message[0] == "call":
                self._serve_call(helpers, *message[1:])
            elif message[0] == "done":
                return message[1]
            else:
                if message[0] == "fatal":
                    self.kill()
                raise rebuild_error(*message[1:])

    def _cpu_seconds(self) -> float:
        """CPU time the child has used (user and system, from /proc; 0 once it has ended)."""
        try:
            with open(f"/proc/{self.process.pid}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / _TICKS

    def _renice(self) -> None:
        self.reniced = True
        with contextlib.suppress(OSError):  # it has just ended: the next poll says how
            os.setpriority(os.PRIO_PROCESS, self.process.pid, CHILD_NICENESS)

    def _serve_call(self, helpers: Helpers, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        try:
            self.conn.send(("ok", helpers[name](*args, **kwargs)))
        except LienThongError as exc:
            self.conn.send(("raise", *error_tuple(exc)))
        except Exception as exc:
            self.conn.send(("raise", *error_tuple(TaskFailedError(f"{name}(): {type(exc).__name__}: {exc}"))))

    def _died(self) -> UnsafeExpressionError:
        self.kill()
        code = self.process.returncode
        if code in (-signal.SIGPROF, -signal.SIGXCPU):
            return UnsafeExpressionError(f"used more than {MAX_CPU_SECONDS:g} s of CPU and was stopped",
                                         hint="simplify the script; long computations belong in a service")
        return UnsafeExpressionError(f"stopped by the system (exit status {code}); it probably used more "
                                     f"than {MAX_MEMORY_BYTES // 2**20} MB of memory")

    @property
    def alive(self) -> bool:
        """Whether the child can take another evaluation."""
        return self.process.poll() is None

    def kill(self) -> None:
        """End the child now."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.conn.close()


class Confinement:
    """A small pool of confined children; `run` blocks its thread only (the pipe wait releases the GIL)."""

    def __init__(self, size: int = POOL_SIZE) -> None:
        self._slots = threading.BoundedSemaphore(size)
        self._idle: queue.LifoQueue[_Child] = queue.LifoQueue()
        self._lock = threading.Lock()
        self._spares: list[_Child] = []
        self._restock()

    def _restock(self) -> None:
        with self._lock:
            self._spares = [c for c in self._spares if c.alive]
            while len(self._spares) < SPARES:
                self._spares.append(_Child())  # its interpreter starts while others work

    def _take(self) -> _Child:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            ready = [c for c in self._spares if c.started()]
            child = (ready or self._spares)[0] if self._spares else None
            if child is not None:
                self._spares.remove(child)
        self._restock()
        return child if child is not None and child.alive else _Child()

    def close(self) -> None:
        """End every child that is not working (at exit: none is left behind)."""
        with self._lock:
            spares, self._spares = self._spares, []
        while True:
            try:
                spares.append(self._idle.get_nowait())
            except queue.Empty:
                break
        for child in spares:
            child.kill()

    def run(self, mode: str, source: str, data: Mapping[str, Any], helpers: Helpers) -> Any:
        """Evaluate (`mode` "eval": the value; "exec": the script's resulting data) in a confined child."""
        with self._slots:
            child = self._take()
            try:
                return child.run((mode, source, dict(data), sorted(helpers)), helpers)
            finally:
                if child.alive and not child.reniced:
                    self._idle.put(child)
                elif child.alive:
                    child.kill()  # a niced child would stay slow: a fresh spare replaces it


_pool: Confinement | None = None
_pool_lock = threading.Lock()


def confinement() -> Confinement:
    """The process-wide pool (started on first use, or ahead of it by a server)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = Confinement()
            atexit.register(_pool.close)
        return _pool
