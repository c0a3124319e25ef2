"""Uploaded diagrams are linted (when the workbench is installed) before they are stored as a version."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from engine import Engine
from engine.bpmn.catalog import Catalog
from engine.errors import InvalidProcessError

Linter = Callable[[bytes, str, Catalog, str, str], Sequence[Any]]
lint_source: Linter | None
try:
    from workbench.lint.run import lint_source
except ImportError:  # the workbench is optional for a bare API installation: the engine's own checks remain
    lint_source = None


def lint_upload(engine: Engine, slug: str, variant: str, bpmn: bytes) -> list[dict[str, Any]]:
    """The linter's warnings on an upload; its errors refuse the upload (422) with every finding listed."""
    if lint_source is None:
        return []
    procedure = engine.catalog.procedure(slug)
    filename = procedure.variants[variant].file if variant in procedure.variants else f"{variant}.bpmn"
    findings = [_as_dict(f) for f in lint_source(bpmn, filename, engine.catalog, slug, variant)]
    errors = [f for f in findings if f["severity"] == "error"]
    if errors:
        first = errors[0]
        raise InvalidProcessError(
            f"the diagram has {len(errors)} error(s); the first: {first['message']}", file=first["file"],
            line=first["line"], element_id=first["element_id"],
            hint=first["hint"] or "fix it and upload again", details={"findings": findings},
        )
    return findings


def _as_dict(finding: Any) -> dict[str, Any]:
    return {key: getattr(finding, key) for key in
            ("severity", "code", "message", "file", "line", "element_id", "hint")}
