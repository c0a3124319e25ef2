"""The confined child's side of engine/sandbox/confine.py: one evaluation after another, under its limits."""

from __future__ import annotations

import pickle
import resource
import signal
import sys
from multiprocessing.connection import Connection
from typing import Any

from ..errors import LienThongError, TaskFailedError, UnsafeExpressionError
from .bounds import check_data
from .confine import MAX_CPU_SECONDS, MAX_MEMORY_BYTES, MAX_RESULT_BYTES, error_tuple, rebuild_error
from .sandbox import Sandbox  # loaded before the memory limit counts the baseline


class _Helper:
    """A helper seen from the child: a call goes to the parent through the pipe."""

    __slots__ = ("_conn", "_name")

    def __init__(self, conn: Connection, name: str) -> None:
        self._conn = conn
        self._name = name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        check_data({"args": list(args), **kwargs}, f"the arguments of {self._name}()")
        self._conn.send(("call", self._name, args, kwargs))
        answer = self._conn.recv()
        if answer[0] == "ok":
            return answer[1]
        raise rebuild_error(*answer[1:])

    def __repr__(self) -> str:
        return f"<helper {self._name}()>"


def _limit_memory() -> None:
    with open("/proc/self/statm", encoding="ascii") as statm:
        in_use = int(statm.read().split()[0]) * resource.getpagesize()
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (in_use + MAX_MEMORY_BYTES, hard))


def _answer(sandbox: Sandbox, conn: Connection, mode: str, source: str, data: dict[str, Any],
            names: list[str]) -> bool:
    """Run one evaluation under the CPU timer and send its answer; False when the child must end."""
    helpers = {name: _Helper(conn, name) for name in names}
    signal.setitimer(signal.ITIMER_PROF, MAX_CPU_SECONDS)
    fatal = False
    try:
        if mode == "eval":
            result = sandbox.evaluate_here(source, data, helpers)
        else:
            sandbox.execute_here(source, data, helpers)
            result = data
        check_data(result, "the result" if mode == "eval" else "the script's data")
        answer = pickle.dumps(("done", result))
        if len(answer) > MAX_RESULT_BYTES:
            raise UnsafeExpressionError(f"its result is larger than {MAX_RESULT_BYTES // 2**20} MB")
    except MemoryError:
        fatal = True
        answer = pickle.dumps(("fatal", *error_tuple(UnsafeExpressionError(
            f"used more than {MAX_MEMORY_BYTES // 2**20} MB of memory and was stopped",
            hint="build smaller values; large data belongs in documents"))))
    except RecursionError:
        answer = pickle.dumps(("error", *error_tuple(UnsafeExpressionError("values nested too deeply"))))
    except LienThongError as exc:
        answer = pickle.dumps(("error", *error_tuple(exc)))
    except Exception as exc:
        answer = pickle.dumps(("error", *error_tuple(TaskFailedError(f"{type(exc).__name__}: {exc}"))))
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
    conn.send_bytes(answer)
    return not fatal


def main(fd: int) -> None:
    """The child's loop: one evaluation after another until the parent closes the pipe."""
    signal.signal(signal.SIGPROF, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C of a server stops it through the parent

    sandbox = Sandbox()  # its compile cache serves every evaluation of this child
    _limit_memory()
    conn = Connection(fd)
    conn.send("ready")
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if not _answer(sandbox, conn, *request):
            return


if __name__ == "__main__":
    main(int(sys.argv[1]))
