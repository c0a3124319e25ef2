"""Liên Thông's workflow engine: linked administrative procedures run as BPMN by SpiffWorkflow.

`Engine` is the one public surface: built from a catalogue, a store, a clock and a working calendar, it
exposes one service per concept — `cases`, `tasks`, `messages`, `versions`, `documents`, `incidents`,
`timers`, `jobs`, `outbox`, `reports` (engine/services/) — each answering with the frozen views exported
here, acting as an `Actor`, and failing with a `LienThongError` that says what, where and what to do.
Callers outside the engine import from `engine`; the modules under it are the engine's own.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# Each public name and the module it lives in. Resolved on first use (PEP 562): `import engine` stays light,
# as the sandbox's child process needs (it starts as `python -m engine.sandbox.confine_child`, importing no
# more).
_EXPORTS = {
    ".actors": ("SYSTEM", "Actor"),
    ".documents": ("DocumentTooLargeError", "UnsupportedDocumentError"),
    ".engine": ("Engine",),
    ".errors": (
        "CaseUnreadableError", "ConflictError", "ConnectorError", "ForbiddenError", "InvalidProcessError",
        "LegalRuleError", "LienThongError", "NotFoundError", "TaskFailedError", "UnsafeExpressionError",
        "ValidationError",
    ),
    ".reports": ("MonthlyReport", "ReportRow"),
    ".store.list_queries": ("CASE_TOTAL_CAP",),  # GET /cases says when its total is a lower bound
    ".store.reports_store": ("Totals",),
    ".store.retention_store": ("Purged",),
    ".store.tables": ("UtcDateTime",),  # the column type of timestamps, for the API's own tables
    ".services.jobs": ("JobPass", "JobRunner"),
    ".store.store": ("Store",),  # what the composition root builds the engine on (SQLite or PostgreSQL)
    ".store.unit": ("Transactions", "UnitOfWork"),  # one request's writes, committed together
    ".views": (
        "Awaited", "CaseIncident", "CaseView", "DeadLetterView", "DocumentView", "EventView", "FireResult",
        "InboxItemView", "JobIncident", "LegalClock", "OutcomeView", "Position", "Replayed", "TaskView",
        "VersionView",
    ),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}
__all__ = sorted(_MODULE_OF)

if TYPE_CHECKING:  # the same names, for type checkers (tests/engine/test_init.py checks both lists agree)
    from .actors import SYSTEM as SYSTEM
    from .actors import Actor as Actor
    from .documents import DocumentTooLargeError as DocumentTooLargeError
    from .documents import UnsupportedDocumentError as UnsupportedDocumentError
    from .engine import Engine as Engine
    from .errors import CaseUnreadableError as CaseUnreadableError
    from .errors import ConflictError as ConflictError
    from .errors import ConnectorError as ConnectorError
    from .errors import ForbiddenError as ForbiddenError
    from .errors import InvalidProcessError as InvalidProcessError
    from .errors import LegalRuleError as LegalRuleError
    from .errors import LienThongError as LienThongError
    from .errors import NotFoundError as NotFoundError
    from .errors import TaskFailedError as TaskFailedError
    from .errors import UnsafeExpressionError as UnsafeExpressionError
    from .errors import ValidationError as ValidationError
    from .reports import MonthlyReport as MonthlyReport
    from .reports import ReportRow as ReportRow
    from .services.jobs import JobPass as JobPass
    from .services.jobs import JobRunner as JobRunner
    from .store.list_queries import CASE_TOTAL_CAP as CASE_TOTAL_CAP
    from .store.reports_store import Totals as Totals
    from .store.retention_store import Purged as Purged
    from .store.store import Store as Store
    from .store.tables import UtcDateTime as UtcDateTime
    from .store.unit import Transactions as Transactions
    from .store.unit import UnitOfWork as UnitOfWork
    from .views import Awaited as Awaited
    from .views import CaseIncident as CaseIncident
    from .views import CaseView as CaseView
    from .views import DeadLetterView as DeadLetterView
    from .views import DocumentView as DocumentView
    from .views import EventView as EventView
    from .views import FireResult as FireResult
    from .views import InboxItemView as InboxItemView
    from .views import JobIncident as JobIncident
    from .views import LegalClock as LegalClock
    from .views import OutcomeView as OutcomeView
    from .views import Position as Position
    from .views import Replayed as Replayed
    from .views import TaskView as TaskView
    from .views import VersionView as VersionView


def __getattr__(name: str) -> Any:
    """A public name, imported from its module the first time it is asked for."""
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'engine' has no attribute '{name}'")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value
