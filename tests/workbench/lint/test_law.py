"""Lint for the one-stop law (workbench/lint/law.py) on a copy of the school-transfer procedure."""

from __future__ import annotations

from pathlib import Path

from tests.workbench.lint.support import Copy, at
from workbench.lint.run import lint_file, lint_paths


def test_the_catalogue_keeps_the_law() -> None:
    codes = {"supplement-loop", "apology-bypass", "refusal-without-reason", "message-refusal-without-reason",
             "missing-agency-share"}
    report = lint_paths(["processes"])
    assert [str(f) for f in report.findings if f.code in codes] == []


def test_an_unguarded_return_after_the_supplement_is_a_loop(tmp_path: Path) -> None:
    copy = Copy(tmp_path)
    copy.edit('ket_qua_tham_dinh == "can_bo_sung" and supplements_requested() == 0<',
              'ket_qua_tham_dinh == "can_bo_sung"<')
    [finding] = at(copy.lint(), "ThamDinh", "supplement-loop")
    assert str(finding).split(":")[0].endswith("chuyen-truong-thpt/as-is.bpmn")
    assert ":122: ThamDinh: error: one supplement request per dossier (Mẫu 02, once, in writing) " \
           "(DOMAIN.md §1.2 [S5]): after the citizen's supplement (NhanHoSoBoSung)" in str(finding)


def test_a_refusal_whose_reason_no_form_requires(tmp_path: Path) -> None:
    copy = Copy(tmp_path)
    copy.edit('<spiffworkflow:property name="result" value="refused" />\n          '
              '<spiffworkflow:property name="document" value="mau-03" />',
              '<spiffworkflow:property name="result" value="refused" />\n          '
              '<spiffworkflow:property name="reason_field" value="ghi_chu_noi_bo" />\n          '
              '<spiffworkflow:property name="document" value="mau-03" />')
    [finding] = at(copy.lint(), "TuChoiTiepNhan", "refusal-without-reason")
    assert "every refusal or stop states a written reason (DOMAIN.md §1.2 [S7][E9])" in finding.message
    assert "'ghi_chu_noi_bo'" in finding.message


def test_a_linked_agency_without_its_share(tmp_path: Path) -> None:
    copy = Copy(tmp_path)
    to_be = copy.folder / "to-be.bpmn"
    copy.edit('deadline("truong-di")', '"PT72H"', to_be)
    [finding] = at(lint_file(to_be), "NhanHoSoTruongDi", "missing-agency-share")
    assert "truong-thpt-di" in finding.message and "DOMAIN.md §2 [D3]" in finding.message
    assert finding.severity == "error"  # procedure.toml has no share for it (its key is truong-di)


def test_a_terminate_on_the_late_path(tmp_path: Path) -> None:
    copy = Copy(tmp_path)
    to_be = copy.folder / "to-be.bpmn"
    copy.edit('<bpmn:endEvent id="End_DaXinLoi" name="Đã xin lỗi, hẹn lại">',
              '<bpmn:endEvent id="End_DaXinLoi" name="Đã xin lỗi, hẹn lại">'
              '<bpmn:terminateEventDefinition id="Terminate_DaXinLoi" />', to_be)
    # Ending after the apology is lawful; reaching an end before it is not.
    assert at(lint_file(to_be), "End_DaXinLoi", "apology-bypass") == []
    copy.edit('sourceRef="Timer_HanGiaiQuyet" targetRef="XinLoi"',
              'sourceRef="Timer_HanGiaiQuyet" targetRef="End_DaXinLoi"', to_be)
    [finding] = at(lint_file(to_be), "End_DaXinLoi", "apology-bypass")
    assert "a terminate end on the late path of Timer_HanGiaiQuyet" in finding.message


def test_a_procedure_with_fees_needs_its_financial_obligation_step(tmp_path: Path) -> None:
    copy = Copy(tmp_path)
    text = copy.toml.read_text(encoding="utf-8")
    copy.toml.write_text('fees = [{ name_vi = "Lệ phí thử", amount_vnd = 50000, source = "kiểm thử" }]\n'
                         + "\n".join(line for line in text.splitlines() if not line.startswith("fees"))
                         + "\n", encoding="utf-8")
    [finding] = [f for f in copy.lint() if f.code == "missing-fee-step"]
    assert "status 6" in finding.message and "DOMAIN.md §1.2 [S3][S18]" in finding.message


def test_a_flow_to_an_element_that_does_not_exist_is_reported_not_raised(tmp_path: Path) -> None:
    copy = Copy(tmp_path)
    copy.edit('sourceRef="NhanHoSoBoSung" targetRef="ThamDinh"',
              'sourceRef="NhanHoSoBoSung" targetRef="KhongCo"')
    findings = copy.lint()  # the law's graph walks used to raise KeyError: 'KhongCo' here
    [finding] = at(findings, "Flow_NhanBoSung_ThamDinh", "broken-reference")
    assert ":263: Flow_NhanBoSung_ThamDinh: error: sequence flow Flow_NhanBoSung_ThamDinh has target " \
           "'KhongCo', but no flow node of this diagram has that id" in str(finding)
    assert "connect the flow's target to an existing element, or delete the flow" in str(finding)
    # SpiffWorkflow's own refusal ("two items, perhaps a form has the same ID?") would only mislead.
    assert [f for f in findings if f.code == "load"] == []


def test_a_fee_whose_amount_a_province_sets_needs_its_step_too(tmp_path: Path) -> None:
    copy = Copy(tmp_path)
    text = copy.toml.read_text(encoding="utf-8")
    fee = '{ name_vi = "Phí thử", amount_set_by = "HĐND cấp tỉnh", source = "assumption" }'
    copy.toml.write_text(f"fees = [{fee}]\n"
                         + "\n".join(line for line in text.splitlines() if not line.startswith("fees"))
                         + "\n", encoding="utf-8")
    [finding] = [f for f in copy.lint() if f.code == "missing-fee-step"]
    assert "(Phí thử: set by HĐND cấp tỉnh) but no step" in finding.message
