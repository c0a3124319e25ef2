"""Lint's dry run: each hostile payload of tests/data/hostile/ is refused at lint (and so at upload), naming
the script task and the line; an ordinary script is not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.hostile import ORDINARY, SLUG, hostile_catalog, payloads
from workbench.lint.run import check_target
from workbench.lint.targets import target_for

CORPUS = payloads()
SCRIPT_LINE = 18  # the <bpmn:script> line of tests/data/hostile/script-task.bpmn.tmpl


@pytest.fixture(scope="module")
def catalog_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus catalogue."""
    return hostile_catalog(tmp_path_factory.mktemp("hostile"), CORPUS)


@pytest.mark.parametrize("name", [p.name for p in CORPUS])
def test_each_hostile_script_is_refused_by_the_dry_run(catalog_root: Path, name: str) -> None:
    findings = check_target(target_for(catalog_root / SLUG / f"{name}.bpmn", {}))
    limits = [f for f in findings if f.code == "script-limit"]
    assert [(f.severity, f.element_id) for f in limits] == [("error", "Script_Tinh")], findings
    assert limits[0].line is not None and limits[0].line >= SCRIPT_LINE
    payload = next(p for p in CORPUS if p.name == name)
    assert payload.stopped(limits[0].message), limits[0].message


def test_an_ordinary_script_passes_the_dry_run(catalog_root: Path) -> None:
    findings = check_target(target_for(catalog_root / SLUG / f"{ORDINARY}.bpmn", {}))
    assert [f for f in findings if f.code == "script-limit"] == []


def test_a_condition_that_spends_its_cpu_is_refused(tmp_path: Path) -> None:
    from tests.conftest import PROCESSES

    folder = tmp_path / "chuyen-truong-thpt"
    shutil.copytree(PROCESSES / "chuyen-truong-thpt", folder)
    bpmn = folder / "as-is.bpmn"
    bpmn.write_text(bpmn.read_text(encoding="utf-8").replace(
        'ket_qua_kiem_tra == "day_du"', "sum(map(lambda i: sum(range(1000000)), range(1000000))) > 0", 1),
        encoding="utf-8")
    findings = [f for f in check_target(target_for(bpmn, {})) if f.code == "script-limit"]
    assert [f.element_id for f in findings] == ["Flow_DayDu"], findings
    assert "of CPU" in findings[0].message or "ran longer" in findings[0].message
