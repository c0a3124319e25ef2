"""A copy of a real procedure under tmp_path for the linter's tests, and helpers to read findings."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import PROCESSES
from workbench.layout.draw import layout_file
from workbench.lint.findings import Finding
from workbench.lint.run import lint_file

SLUG = "chuyen-truong-thpt"


class Copy:
    """A copy of the school-transfer procedure and the shared call activities under tmp_path/processes."""

    def __init__(self, root: Path) -> None:
        self.root = root / "processes"
        self.folder = self.root / SLUG
        self.root.mkdir()
        shutil.copytree(PROCESSES / SLUG, self.folder)
        shutil.copytree(PROCESSES / "_shared", self.root / "_shared")
        for bpmn in [self.bpmn, *sorted((self.root / "_shared").glob("*.bpmn"))]:
            if b"BPMNDiagram" not in bpmn.read_bytes():
                layout_file(bpmn)  # files whose DI is still being drawn get one, so the copy starts clean

    @property
    def bpmn(self) -> Path:
        """The as-is diagram of the copy."""
        return self.folder / "as-is.bpmn"

    @property
    def toml(self) -> Path:
        """The copy's procedure.toml."""
        return self.folder / "procedure.toml"

    def edit(self, old: str, new: str, path: Path | None = None) -> None:
        """Replace text that occurs exactly once (so a test fails loudly when the real file changes)."""
        target = path or self.bpmn
        text = target.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {target.name}"
        target.write_text(text.replace(old, new), encoding="utf-8")

    def add(self, xml: str) -> None:
        """Add elements at the end of the executable process."""
        self.edit("</bpmn:process>", f"{xml}\n</bpmn:process>")

    def lint(self) -> list[Finding]:
        """The findings on the as-is diagram."""
        return lint_file(self.bpmn)


def at(findings: list[Finding], element_id: str | None, code: str | None = None) -> list[Finding]:
    """The findings about one element (of one code)."""
    return [f for f in findings if f.element_id == element_id and (code is None or f.code == code)]


def codes(findings: list[Finding]) -> set[str]:
    return {f.code for f in findings}
