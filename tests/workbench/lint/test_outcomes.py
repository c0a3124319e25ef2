"""Lint rule unrecorded-outcome (workbench/lint/outcomes.py): every part of a linked group is decided."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import PROCESSES
from workbench.lint.run import lint_file

SLUG = "khai-sinh-thuong-tru-bhyt"
POLICE = '''          <spiffworkflow:property name="outcome" value="thuong-tru" />
          <spiffworkflow:property name="outcome_field" value="ket_qua_cu_tru" />
'''


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "processes"
    shutil.copytree(PROCESSES / SLUG, root / SLUG)
    shutil.copytree(PROCESSES / "_shared", root / "_shared")
    return root / SLUG


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_birth_group_decides_every_part_in_both_variants() -> None:
    for variant in ("as-is", "to-be"):
        found = [f for f in lint_file(PROCESSES / SLUG / f"{variant}.bpmn") if f.code == "unrecorded-outcome"]
        assert found == [], variant


def test_a_part_no_step_decides_is_named_at_its_declaration(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder / "as-is.bpmn", POLICE, "")
    [finding] = [f for f in lint_file(folder / "as-is.bpmn") if f.code == "unrecorded-outcome"]
    assert finding.severity == "error" and finding.file.endswith("procedure.toml")
    lines = (folder / "procedure.toml").read_text(encoding="utf-8").splitlines()
    assert lines[(finding.line or 0) - 1] == 'key = "thuong-tru"'
    assert "'thuong-tru' (Đăng ký thường trú, cong-an) is decided by no step of" in finding.message
    assert "outcome=thuong-tru" in (finding.hint or "")


def test_an_outcome_naming_no_part_is_named_at_the_element(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder / "as-is.bpmn", '<spiffworkflow:property name="outcome" value="thuong-tru" />',
          '<spiffworkflow:property name="outcome" value="thuong-tru-typo" />')
    found = [f for f in lint_file(folder / "as-is.bpmn") if f.code == "unrecorded-outcome"]
    assert {(f.element_id, f.severity) for f in found} == {("NhanKetQuaCongAn", "error"), (None, "error")}
    assert any("'thuong-tru-typo', which is no part of the group" in f.message for f in found)


def test_a_deciding_step_that_lost_its_outcome_is_named_even_when_another_step_decides_the_part(
    tmp_path: Path,
) -> None:
    folder = _copy(tmp_path)
    text = (folder / "to-be.bpmn").read_text(encoding="utf-8")
    start = text.index('<bpmn:receiveTask id="NhanKetQuaCongAnXacMinh"')
    (folder / "to-be.bpmn").write_text(text[:start] + text[start:].replace(POLICE, "", 1), encoding="utf-8")
    findings = lint_file(folder / "to-be.bpmn")
    assert [f for f in findings if f.code == "unrecorded-outcome"] == []  # NhanKetQuaCongAn still decides
    [lost] = [f for f in findings if f.code == "lost-property"]
    assert lost.element_id == "NhanKetQuaCongAnXacMinh" and "outcome" in lost.message
