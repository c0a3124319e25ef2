"""Structural diff of two variants: real catalogue files, and analysts' edits made on copies."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from engine.bpmn.procedure import Procedure
from lienthong.app import app
from lienthong.cli import main as _registers_commands  # noqa: F401
from tests.conftest import PROCESSES
from workbench.diff.changes import diff_files
from workbench.variants import load_variant

SCHOOL = PROCESSES / "chuyen-truong-thpt"
BIRTH = PROCESSES / "khai-sinh-thuong-tru-bhyt"


def edited_copy(tmp_path: Path, edits: list[tuple[str, str]]) -> Path:
    """A copy of the school-transfer folder whose as-is is saved as as-is-v2.bpmn with text edits."""
    folder = tmp_path / "chuyen-truong-thpt"
    shutil.copytree(SCHOOL, folder)
    shutil.copytree(PROCESSES / "_shared", tmp_path / "_shared")
    text = (folder / "as-is.bpmn").read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    (folder / "as-is-v2.bpmn").write_text(text, encoding="utf-8")
    return folder


def test_a_variant_against_itself_changes_nothing() -> None:
    diff = diff_files(SCHOOL / "as-is.bpmn", SCHOOL / "as-is.bpmn")
    assert not diff.added and not diff.removed and not diff.changed
    assert diff.unchanged == len(diff.a.tasks) and not diff.papers_dropped
    assert diff.a.handoff_counts() == diff.b.handoff_counts()


def test_renamed_moved_and_reidentified_tasks_are_changes(tmp_path: Path) -> None:
    folder = edited_copy(tmp_path, [
        ('name="Thẩm định hồ sơ"', 'name="Thẩm định hồ sơ chuyển trường"'),  # renamed, same id
        ('<bpmn:flowNodeRef>PheDuyet</bpmn:flowNodeRef>', ''),  # moved to the desk's lane …
        ('<bpmn:flowNodeRef>TraKetQua</bpmn:flowNodeRef>',
         '<bpmn:flowNodeRef>TraKetQua</bpmn:flowNodeRef><bpmn:flowNodeRef>PheDuyet</bpmn:flowNodeRef>'),
        ('giay_trung_tuyen_lop_10,', ''),  # … and one paper fewer at submission
    ])
    diff = diff_files(folder / "as-is.bpmn", folder / "as-is-v2.bpmn")
    changes = {c.id: c.changes for c in diff.changed}
    assert any(line.startswith("tên:") for line in changes["ThamDinh"])
    assert "bộ phận: Lãnh đạo Sở → Bộ phận Một cửa" in changes["PheDuyet"]
    assert [p.code for p in diff.papers_dropped] == ["giay_trung_tuyen_lop_10"]
    assert diff.papers_dropped[0].replaced_by == ()  # dropped, but no service task fetches it
    # An edited copy is named after its file and borrows the deadlines of the variant it copies.
    assert diff.b.label == "as-is-v2" and diff.b.deadlines == diff.a.deadlines
    assert "deadlines of variant 'as-is'" in load_variant(folder / "as-is-v2.bpmn").note


def test_a_task_with_a_new_id_is_matched_by_its_name(tmp_path: Path) -> None:
    folder = edited_copy(tmp_path, [('"TraVanBanTuChoi"', '"GuiVanBanTuChoi"'),
                                    ('>TraVanBanTuChoi<', '>GuiVanBanTuChoi<')])
    diff = diff_files(folder / "as-is.bpmn", folder / "as-is-v2.bpmn")
    assert not diff.added and not diff.removed
    (change,) = diff.changed
    assert change.id == "GuiVanBanTuChoi" and change.before_id == "TraVanBanTuChoi"


def test_the_birth_group_redesign(tmp_path: Path) -> None:
    if not (BIRTH / "to-be.bpmn").is_file():
        pytest.skip("khai-sinh-thuong-tru-bhyt is not in the catalogue yet")
    diff = diff_files(BIRTH / "as-is.bpmn", BIRTH / "to-be.bpmn")
    procedure = Procedure.parse((BIRTH / "procedure.toml").read_text(encoding="utf-8"), BIRTH.name)
    # Deadlines come from procedure.toml, side by side.
    overall = next((a, b) for key, a, b in diff.deadlines if key == "overall")
    assert overall == (procedure.variants["as-is"].deadlines["overall"],
                       procedure.variants["to-be"].deadlines["overall"])
    # Papers the citizen no longer hands in, and the service tasks that fetch the data instead.
    replacing = {r.element_id: set(r.papers) for r in diff.b.replacements}
    assert replacing, "the to-be declares service tasks that replace papers"
    for paper in diff.papers_dropped:
        fetched_by = {diff.b.tasks[key].name for key, codes in replacing.items() if paper.code in codes}
        assert set(paper.replaced_by) == fetched_by
    assert len(diff.b.papers) < len(diff.a.papers) and diff.b.trips < diff.a.trips
    # Tasks only one variant has are added or removed; service tasks are new in the to-be.
    assert {t.kind for t in diff.added} >= {"serviceTask"}
    assert not ({t.id for t in diff.added} & set(diff.a.tasks))
    assert not ({t.id for t in diff.removed} & set(diff.b.tasks))
    # Messages to other agencies are hand-offs in both variants; none goes to or comes from the citizen.
    assert diff.a.handoff_counts()["message"] > 0 and diff.b.handoff_counts()["message"] > 0


def test_the_command_prints_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "diff.json"
    done = CliRunner().invoke(app, ["diff", str(SCHOOL / "as-is.bpmn"), str(SCHOOL / "as-is.bpmn"), "--json",
                                    str(out)])
    assert done.exit_code == 0, done.output
    assert "structural diff" in done.output
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["summary"] == diff_files(SCHOOL / "as-is.bpmn", SCHOOL / "as-is.bpmn").summary()
    assert written["a"]["papers"][0]["name"]  # component names from procedure.toml


def test_a_file_outside_a_procedure_folder_still_diffs(tmp_path: Path) -> None:
    lone = tmp_path / "ban-nhap.bpmn"
    shutil.copy(SCHOOL / "as-is.bpmn", lone)
    diff = diff_files(lone, lone)
    assert diff.a.procedure is None and diff.a.deadlines == {} and diff.a.tasks
    broken = tmp_path / "hong.bpmn"
    broken.write_text("<bpmn:definitions", encoding="utf-8")
    failed = CliRunner().invoke(app, ["diff", str(broken), str(lone)])
    assert failed.exit_code == 2 and "hong.bpmn" in failed.output and "Traceback" not in failed.output
