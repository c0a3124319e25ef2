"""The engine's one error hierarchy: every failure a caller can act on is a subclass of LienThongError.

The root and the conflicts the store raises are defined in `store/errors.py` (the store imports nothing
from the engine above it) and re-exported here: callers import every error from this module.
"""

from __future__ import annotations

from typing import Any

from .store.errors import CaseUnreadableError as CaseUnreadableError
from .store.errors import ConflictError as ConflictError
from .store.errors import LienThongError as LienThongError


class NotFoundError(LienThongError):
    """An unknown id: procedure, version, case, task, document — or one the caller may not see."""

    title = "Không tìm thấy"


class ForbiddenError(LienThongError):
    """The caller is known but its agency or role does not allow this action."""

    title = "Không có quyền"


class InvalidProcessError(LienThongError):
    """A BPMN file (or the procedure around it) cannot be loaded or executed as written."""

    title = "Quy trình không hợp lệ"


class UnsafeExpressionError(InvalidProcessError):
    """An expression or script uses something the sandbox does not allow."""

    title = "Biểu thức không an toàn"


class ValidationError(LienThongError):
    """Form data or a request does not match what the task or operation expects.

    `errors` lists each problem as {"field", "message"}.
    """

    title = "Dữ liệu không hợp lệ"

    def __init__(self, message: str, *, errors: list[dict[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.errors = errors or []

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        if self.errors:
            out["errors"] = self.errors
        return out


class TaskFailedError(LienThongError):
    """A script, expression or connector failed while the engine ran a task."""

    title = "Lỗi khi chạy bước xử lý"


class ConnectorError(LienThongError):
    """A service task's connector is unknown or the agency system it calls failed."""

    title = "Lỗi kết nối hệ thống khác"


class LegalRuleError(LienThongError):
    """The step would break a one-stop rule the engine enforces whatever the diagram says (engine/law/law.py).

    `rule` names the rule and `source` its legal source tag in DOMAIN.md; both are in the message.
    """

    title = "Trái quy định về cơ chế một cửa"

    def __init__(self, message: str, *, rule: str, source: str, **kwargs: Any) -> None:
        super().__init__(f"{message} — rule: {rule} ({source})", **kwargs)
        self.rule = rule
        self.source = source
        self.details.update(rule=rule, source=source)
