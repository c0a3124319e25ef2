"""A finding: one problem a check found in a BPMN file, located by file, line and element."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One problem in a file; `code` is a stable short name (e.g. `missing-di`) tests and filters use."""

    severity: Severity
    code: str
    message: str
    file: str
    line: int | None = None
    element_id: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        element = f" {self.element_id}:" if self.element_id else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}:{element} {self.severity}: {self.message}{hint}"
