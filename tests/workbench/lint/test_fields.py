"""Lint on data: every field a condition or script reads is produced before it (`unproduced-field`), and
every form and message schema is closed (`open-form`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.workbench.lint.support import Copy, at
from workbench.lint.run import lint_file, lint_paths

BAD = ROOT / "tests" / "data" / "lint" / "du-lieu-thieu"


@pytest.fixture
def copy(tmp_path: Path) -> Copy:
    return Copy(tmp_path)


def test_a_small_bad_diagram_names_each_unproduced_field_and_its_open_form() -> None:
    report = lint_paths([BAD / "as-is.bpmn"])
    assert [(Path(f.file).name, f.line, f.element_id, f.code) for f in report.errors] == [
        ("as-is.bpmn", 16, "TinhPhi", "unproduced-field"),
        ("as-is.bpmn", 23, "F4", "unproduced-field"),
        ("KiemTra.schema.json", 1, None, "open-form"),
    ]
    script, condition = report.errors[0], report.errors[1]
    # The script reads `so_tien` after the police's message brought it: only `phu_phi` is missing.
    assert "reads 'phu_phi'" in script.message and "so_tien" not in script.message.split("reads")[1]
    # The gateway reads `so_tien` before the message that brings it.
    assert "`ket_qua == \"khong_dat\" or so_tien == 0` reads 'so_tien'" in condition.message
    assert "du-lieu-thieu/as-is.bpmn:23: F4: error: the condition" in str(condition)
    assert report.exit_code == 1


def test_a_message_field_read_before_the_message_arrives_is_an_error(copy: Copy) -> None:
    to_be = copy.folder / "to-be.bpmn"
    copy.edit('ket_qua_tham_dinh == "dat"</bpmn:conditionExpression>',
              'ket_qua_tham_dinh == "dat" and quyet_dinh_truong_den != {}</bpmn:conditionExpression>', to_be)
    findings = at(lint_file(to_be), "Flow_DuDieuKien", "unproduced-field")
    assert len(findings) == 1 and "reads 'quyet_dinh_truong_den'" in findings[0].message
    # After the receive task that sets it (its messageVariable), the same read is fine: the catalogue lints.
    assert at(lint_file(to_be), "Flow_TiepNhan") == []


def test_a_shared_script_reading_what_no_caller_gives_is_an_error_at_the_shared_file(copy: Copy) -> None:
    shared = copy.root / "_shared" / "tiep-nhan-truc-tuyen.bpmn"
    copy.edit('<spiffworkflow:postScript>ket_qua_tiep_nhan = "tu_choi"<',
              '<spiffworkflow:postScript>ket_qua_tiep_nhan = "tu_choi" + so_van_ban<', shared)
    findings = [f for f in lint_file(copy.folder / "to-be.bpmn") if f.code == "unproduced-field"]
    where = [(Path(f.file).name, f.element_id) for f in findings]
    assert where == [("tiep-nhan-truc-tuyen.bpmn", "TN_TuChoiTiepNhan")]
    assert "reads 'so_van_ban'" in findings[0].message and findings[0].severity == "error"


def test_a_message_schema_that_is_not_closed_is_an_error(copy: Copy) -> None:
    path = copy.folder / "messages" / "Msg_QuyetDinhTruongDen.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    del schema["additionalProperties"]
    path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
    findings = [f for f in lint_file(copy.folder / "to-be.bpmn") if f.code == "open-form"]
    where = [(Path(f.file).name, f.severity) for f in findings]
    assert where == [("Msg_QuyetDinhTruongDen.schema.json", "error")]
    assert "message schema accepts fields it does not name" in findings[0].message


def test_a_form_whose_extra_fields_have_a_schema_is_deliberately_open(copy: Copy) -> None:
    path = copy.folder / "forms" / "KiemTraHoSo.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["additionalProperties"] = True
    path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
    assert [f.code for f in copy.lint() if f.code == "open-form"] == ["open-form"]
    schema["additionalProperties"] = {"type": "string", "maxLength": 200}
    path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
    assert [f for f in copy.lint() if f.code == "open-form"] == []


def test_a_timer_expression_reading_what_nothing_gives_is_an_error(copy: Copy) -> None:
    copy.edit('deadline("overall")</bpmn:timeDate>', 'working_days(so_ngay_hen)</bpmn:timeDate>')
    findings = [f for f in copy.lint() if f.code == "unproduced-field"]
    assert len(findings) == 1 and "the timer expression `working_days(so_ngay_hen)` reads 'so_ngay_hen'" in (
        findings[0].message)
