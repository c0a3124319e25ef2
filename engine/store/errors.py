"""The root of the engine's one error hierarchy, and the conflicts the store itself raises.

They live here, at the lowest layer, so that the store imports nothing from the engine above it;
`engine/errors.py` re-exports them and adds the rest of the hierarchy; `api/errors.py` maps it to HTTP
once.
"""

from __future__ import annotations

from typing import Any


class LienThongError(Exception):
    """Base of every error the engine raises on purpose.

    `where` names the place at fault (element id, file and line, form field) and `hint` says what to do;
    the API maps each subclass to one HTTP status and renders these fields as problem+json.
    """

    title = "Lỗi xử lý"  # shown to users; subclasses override

    def __init__(
        self,
        message: str,
        *,
        element_id: str | None = None,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.element_id = element_id
        self.file = file
        self.line = line
        self.field = field
        self.hint = hint
        self.details = details or {}

    @property
    def where(self) -> str:
        """`file:line: element` style location, or an empty string."""
        parts = []
        if self.file:
            parts.append(self.file + (f":{self.line}" if self.line else ""))
        elif self.line:
            parts.append(f"line {self.line}")
        if self.element_id:
            parts.append(self.element_id)
        if self.field:
            parts.append(f"field {self.field}")
        return ": ".join(parts)

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        return f"{text} ({self.hint})" if self.hint else text

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready description, without any traceback."""
        out: dict[str, Any] = {"message": self.message}
        for key in ("element_id", "file", "line", "field", "hint"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.details:
            out["details"] = self.details
        return out


class ConflictError(LienThongError):
    """The object changed under the caller: a stale version, a task already completed or claimed."""

    title = "Xung đột trạng thái"


class CaseUnreadableError(ConflictError):
    """A case's stored row or state cannot be read (corrupted in the database): that case only is refused."""

    title = "Không đọc được hồ sơ"

    def __init__(self, case_id: str, cause: str) -> None:
        super().__init__(
            f"case {case_id} cannot be read from the database: {cause}",
            hint="the other cases are unaffected; an operator restores this case's row from a backup",
            details={"case_id": case_id},
        )
        self.case_id = case_id
