"""A finding: one problem a check found in a BPMN file, located by file, line and element; and an engine
error told as one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from engine.errors import LienThongError

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


def engine_message(exc: LienThongError) -> str:
    """An engine error's message, tidied: SpiffWorkflow's trailing dots and lxml object addresses removed."""
    text = _LXML_REPR.sub(lambda m: f"<{m.group(1)}>", exc.message.strip())
    return text.rstrip(". ").strip() or type(exc).__name__


_LXML_REPR = re.compile(r"<Element \{[^}]*\}(\w+) at 0x[0-9a-f]+>")
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def error_line(exc: LienThongError) -> int | None:
    """The error's line, or the one a TOML parser message names."""
    match = _TOML_LINE.search(exc.message)
    return exc.line or (int(match.group(1)) if match else None)


def error_finding(exc: LienThongError, code: str, file: str) -> Finding:
    """An engine error as an error finding in `file`, at its line and element, with its hint."""
    return Finding("error", code, engine_message(exc), file, error_line(exc), exc.element_id, exc.hint)
