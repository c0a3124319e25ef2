"""`lienthong lint`: every check fires on a mutated copy of a real procedure, and a clean copy passes."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

import lienthong.cli  # noqa: F401  (registers every command, as the console script does)
from engine.bpmn.reader import BPMNDI_NS, DC_NS
from lienthong.app import app
from tests.conftest import CONFORMANCE, PROCESSES
from tests.hostile import DOCTYPES, doctype_line
from tests.workbench.lint.support import SLUG, Copy, at, codes
from workbench.lint.run import lint_file, lint_paths, lint_source


@pytest.fixture
def copy(tmp_path: Path) -> Copy:
    return Copy(tmp_path)


# -- a clean copy, and the real catalogue ---------------------------------------------------------------


def test_a_clean_copy_of_a_real_procedure_has_no_findings(copy: Copy) -> None:
    assert copy.lint() == []
    report = lint_paths([copy.bpmn, copy.root / "_shared"])
    assert report.findings == [] and report.exit_code == 0
    assert report.files == 1 + len(list((copy.root / "_shared").glob("*.bpmn")))


def test_the_catalogue_lints_without_errors_in_seconds() -> None:
    started = time.perf_counter()
    report = lint_paths([PROCESSES])
    seconds = time.perf_counter() - started
    print(f"linted {report.files} files of processes/ in {seconds:.2f} s: {report.summary()}")
    assert [str(f) for f in report.errors] == []
    assert seconds < 5


# -- the engine's own loading: XML, hostile XML, sandbox, SpiffWorkflow validation ---------------------------


def test_a_file_that_is_not_well_formed_is_one_finding_with_its_line(copy: Copy) -> None:
    copy.edit('<bpmn:parallelGateway id="Gw_TheoDoiHan"', '<bpmn:parallelGateway <id="Gw_TheoDoiHan"')
    findings = copy.lint()
    assert codes(findings) == {"xml"}
    assert "not well-formed XML" in findings[0].message and findings[0].line


def test_a_hostile_file_is_refused_before_parsing(copy: Copy) -> None:
    copy.edit('<?xml version="1.0" encoding="UTF-8"?>',
              '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE x [<!ENTITY lol "lol">]>')
    findings = copy.lint()
    assert codes(findings) == {"xml"}
    assert "DTDs and entities are not allowed" in findings[0].message and findings[0].line == 2


@pytest.mark.parametrize("path", DOCTYPES, ids=lambda p: p.stem)
def test_a_doctype_in_any_encoding_is_one_finding(path: Path, tmp_path: Path) -> None:
    alone = tmp_path / path.name  # out of the corpus folder, whose procedure.toml is only a template
    shutil.copyfile(path, alone)
    findings = [f for f in lint_file(alone) if f.severity == "error"]
    expected = [("xml", doctype_line(path))]
    assert [(f.code, f.line) for f in findings] == expected, findings
    assert "DTDs and entities are not allowed" in findings[0].message


def test_an_unsafe_condition_is_reported_at_its_flow_and_line(copy: Copy) -> None:
    copy.edit('ket_qua_kiem_tra == "tu_choi"', "__import__('os').system('id') == 0")
    findings = at(copy.lint(), "Flow_TuChoiTiepNhan", "unsafe-expression")
    assert len(findings) == 1
    assert "'__import__' is not allowed" in findings[0].message
    lines = copy.bpmn.read_text(encoding="utf-8").splitlines()
    assert findings[0].line is not None and "__import__" in lines[findings[0].line - 1]


def test_a_spiffworkflow_validation_error_is_a_finding_not_a_traceback(copy: Copy) -> None:
    copy.edit('sourceRef="TraKetQua" targetRef="End_HoanThanh"',
              'sourceRef="TraKetQua" targetRef="Goi_KhongCo"')
    copy.add('<bpmn:callActivity id="Goi_KhongCo" calledElement="quy_trinh_khong_co" />'
             '<bpmn:sequenceFlow id="Flow_Goi_End" sourceRef="Goi_KhongCo" targetRef="End_HoanThanh" />')
    findings = [f for f in copy.lint() if f.code == "load"]
    assert len(findings) == 1
    assert "quy_trinh_khong_co" in findings[0].message and findings[0].file.endswith("as-is.bpmn")


# -- the flow graph ---------------------------------------------------------------------------------------


def test_a_gateway_branch_without_condition_is_reported_once(copy: Copy) -> None:
    copy.edit('<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" '
              'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">ket_qua_kiem_tra == "tu_choi"'
              "</bpmn:conditionExpression>", "")
    findings = at(copy.lint(), "Flow_TuChoiTiepNhan")
    assert codes(findings) == {"missing-condition"}, findings  # SpiffWorkflow's own refusal is not repeated
    assert "Gw_KetQuaKiemTra" in findings[0].message and "TuChoiTiepNhan" in findings[0].message


def test_the_default_flow_needs_no_condition(copy: Copy) -> None:
    copy.edit('<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" '
              'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">ket_qua_kiem_tra == "tu_choi"'
              "</bpmn:conditionExpression>", "")
    copy.edit('<bpmn:exclusiveGateway id="Gw_KetQuaKiemTra"',
              '<bpmn:exclusiveGateway id="Gw_KetQuaKiemTra" default="Flow_TuChoiTiepNhan"')
    assert copy.lint() == []


def test_an_unreachable_region_is_reported_at_its_entry(copy: Copy) -> None:
    copy.add('<bpmn:userTask id="Lac" name="Bước lạc" /><bpmn:endEvent id="Lac_End" />'
             '<bpmn:sequenceFlow id="Lac_Flow" sourceRef="Lac" targetRef="Lac_End" />')
    findings = [f for f in copy.lint() if f.code == "unreachable"]
    assert [(f.element_id, f.severity) for f in findings] == [("Lac", "error")]
    assert "nor the 1 node(s) after it" in findings[0].message


def test_a_task_with_no_outgoing_flow_is_a_dead_end(copy: Copy) -> None:
    copy.edit('<bpmn:sequenceFlow id="Flow_TraKetQua_End" sourceRef="TraKetQua" targetRef="End_HoanThanh" />',
              "")
    findings = copy.lint()
    assert [f.element_id for f in findings if f.code == "dead-end"] == ["TraKetQua"]
    assert [f.element_id for f in findings if f.code == "unreachable"] == ["End_HoanThanh"]


def test_a_loop_with_no_exit_is_reported(copy: Copy) -> None:
    copy.edit('sourceRef="TraKetQua" targetRef="End_HoanThanh"',
              'sourceRef="TraKetQua" targetRef="TraKetQua"')
    findings = copy.lint()
    # the signed result can only lead into the loop, so it cannot finish either
    assert [f.element_id for f in findings if f.code == "no-end"] == ["Event_DaKy", "TraKetQua"]


def test_a_task_with_two_outgoing_flows_is_an_implicit_split(copy: Copy) -> None:
    copy.add('<bpmn:sequenceFlow id="Flow_Them" sourceRef="TraKetQua" targetRef="End_DaXinLoi" />')
    findings = at(copy.lint(), "TraKetQua")
    assert codes(findings) == {"implicit-split"}


# -- procedure.toml: lanes, forms, deadlines, properties -------------------------------------------------


def test_a_lane_without_a_role_mapping(copy: Copy) -> None:
    copy.edit('[lanes."Lãnh đạo Sở"]\nagency = "so-gddt"\nrole = "lanh-dao"\n', "", copy.toml)
    findings = at(copy.lint(), "Lane_LanhDao")
    assert codes(findings) == {"lane-role"} and "'Lãnh đạo Sở'" in findings[0].message


def test_a_pool_without_lanes_needs_its_own_mapping(copy: Copy) -> None:
    text = copy.bpmn.read_text(encoding="utf-8")
    start, end = text.index("<bpmn:laneSet"), text.index("</bpmn:laneSet>") + len("</bpmn:laneSet>")
    copy.bpmn.write_text(text[:start] + text[end:], encoding="utf-8")
    findings = at(copy.lint(), "chuyen_truong_thpt_as_is", "lane-role")
    assert len(findings) == 1 and "pool 'Sở Giáo dục và Đào tạo'" in findings[0].message


def test_a_pool_that_sends_messages_in_needs_an_agency(copy: Copy) -> None:
    copy.edit('[lanes."Phụ huynh học sinh"]\nagency = "cong-dan"\nrole = "cong-dan"\n', "", copy.toml)
    findings = at(copy.lint(), "MsgFlow_NopHoSo")
    assert [(f.code, f.severity) for f in findings] == [("lane-role", "warning")]
    assert "pool 'Phụ huynh học sinh'" in findings[0].message


def test_a_user_task_without_a_form(copy: Copy) -> None:
    (copy.folder / "forms" / "PheDuyet.schema.json").unlink()
    findings = at(copy.lint(), "PheDuyet")
    assert codes(findings) == {"missing-form"} and "forms/PheDuyet.schema.json" in str(findings[0].hint)


def test_a_shared_file_is_checked_with_the_shared_forms(copy: Copy) -> None:
    shared = copy.root / "_shared"
    victim = sorted((shared / "forms").glob("*.schema.json"))[0]
    victim.unlink()
    findings = lint_paths([shared]).findings
    missing = [f for f in findings if f.code == "missing-form"]
    assert missing and all(f.file.endswith(".bpmn") and "_shared" in f.file for f in missing)
    assert all(victim.name.removesuffix(".schema.json") in str(f.hint) for f in missing)


def test_a_form_property_names_another_form(copy: Copy) -> None:
    (copy.folder / "forms" / "PheDuyet.schema.json").rename(copy.folder / "forms" / "KyDuyet.schema.json")
    copy.edit('<spiffworkflow:property name="handoff" value="true" />\n        </spiffworkflow:properties>\n'
              '      </bpmn:extensionElements>\n      <bpmn:incoming>Flow_Dat',
              '<spiffworkflow:property name="handoff" value="true" />\n'
              '          <spiffworkflow:property name="form" value="KyDuyet" />\n'
              '        </spiffworkflow:properties>\n'
              '      </bpmn:extensionElements>\n      <bpmn:incoming>Flow_Dat')
    assert copy.lint() == []


def test_forms_that_are_not_json_or_not_json_schema(copy: Copy) -> None:
    not_json = '{\n  "type": "object",\n  "properties": {\n}}}'
    (copy.folder / "forms" / "ThamDinh.schema.json").write_text(not_json)
    (copy.folder / "forms" / "PheDuyet.schema.json").write_text(
        json.dumps({"type": "object", "properties": {"quyet_dinh": {"type": "chuoi"}}}, indent=2))
    findings = {Path(f.file).name: f for f in copy.lint() if f.code == "invalid-form"}
    broken = findings["ThamDinh.schema.json"]
    assert broken.line == 4 and "not valid JSON" in broken.message
    bad = findings["PheDuyet.schema.json"]
    assert "not a valid JSON Schema at properties.quyet_dinh.type" in bad.message and bad.line == 5


def test_a_condition_on_a_field_no_form_provides_is_an_error(copy: Copy) -> None:
    copy.edit('ket_qua_kiem_tra == "tu_choi"', 'ket_qua_kiem_tra == "tu_choi" or ly_do_tu_choi_x != ""')
    findings = at(copy.lint(), "Flow_TuChoiTiepNhan")
    assert [(f.code, f.severity) for f in findings] == [("unproduced-field", "error")]
    assert "'ly_do_tu_choi_x'" in findings[0].message
    assert lint_paths([copy.bpmn]).exit_code == 1


def test_a_variant_without_an_overall_deadline_is_a_warning(copy: Copy) -> None:
    copy.edit("deadlines = { overall = 7, so-gddt = 7 }", "deadlines = { so-gddt = 7 }", copy.toml)
    findings = [f for f in copy.lint() if f.code == "missing-deadline"]
    toml = [f for f in findings if f.file.endswith("procedure.toml")]
    assert len(toml) == 1 and toml[0].severity == "warning" and "deadlines.overall" in toml[0].message
    text = copy.toml.read_text(encoding="utf-8").splitlines()
    assert toml[0].line is not None and text[toml[0].line - 1].startswith("[variants.as-is]")


def test_a_timer_on_an_undefined_deadline_is_an_error(copy: Copy) -> None:
    copy.edit('deadline("overall")</bpmn:timeDate>', 'deadline("cong-an")</bpmn:timeDate>')
    findings = at(copy.lint(), "Timer_HanGiaiQuyet", "missing-deadline")
    assert [f.severity for f in findings] == ["error"] and 'deadline("cong-an")' in findings[0].message
    # … and with no timer on the overall deadline, the legal clock's start is flagged too
    assert [f.severity for f in at(copy.lint(), "TiepNhanHoSo", "missing-deadline")] == ["warning"]


def test_an_extension_or_a_chosen_deadline_names_a_deadline_of_the_variant(copy: Copy) -> None:
    copy.edit('<spiffworkflow:property name="legal_clock" value="resume" />',
              '<spiffworkflow:property name="legal_clock" value="resume" />\n'
              '          <spiffworkflow:property name="extend_by" value="2" />\n'
              '          <spiffworkflow:property name="deadline" value="trong-tinh" />')
    (finding,) = [f for f in copy.lint() if f.code in ("missing-deadline", "bad-property")]
    assert finding.severity == "error" and finding.element_id == "NhanHoSoBoSung"
    assert 'deadline="trong-tinh"' in finding.message and "so-gddt" in finding.message  # the known keys
    copy.edit("so-gddt = 7 }", "so-gddt = 7, trong-tinh = 5 }", copy.toml)
    assert copy.lint() == []


BAD_PROPERTIES = {
    "status": ('name="status" value="2"', 'name="status" value="11"', "dossier status code 1–10"),
    "legal_clock": ('name="legal_clock" value="start"', 'name="legal_clock" value="begin"',
                    "legal_clock must"),
    "result": ('name="result" value="approved"', 'name="result" value="ok"', "result must be one of"),
    "trips": ('name="trips" value="1" />\n          <spiffworkflow:property name="handoff"',
              'name="trips" value="mot" />\n          <spiffworkflow:property name="handoff"',
              "whole number"),
    "papers": ('value="don_xin_chuyen_truong,hoc_ba,', 'value="don_xin_chuyen_truong,hoc_ba_giay,',
               "hoc_ba_giay not among the components"),
}


@pytest.mark.parametrize("name", list(BAD_PROPERTIES))
def test_a_property_value_the_runtime_refuses_is_an_error(copy: Copy, name: str) -> None:
    old, new, message = BAD_PROPERTIES[name]
    copy.edit(old, new)
    findings = [f for f in copy.lint() if f.code == "bad-property"]
    assert len(findings) == 1 and findings[0].severity == "error" and message in findings[0].message
    assert findings[0].line is not None
    line = copy.bpmn.read_text(encoding="utf-8").splitlines()[findings[0].line - 1]
    assert f'name="{name}"' in line


def test_an_unknown_property_name_is_a_warning(copy: Copy) -> None:
    copy.edit('name="status" value="2"', 'name="trang_thai" value="2"')
    findings = [f for f in copy.lint() if f.code == "bad-property"]
    assert [(f.element_id, f.severity) for f in findings] == [("TiepNhanHoSo", "warning")]


# -- diagram interchange, ids across files ------------------------------------------------------------------


def test_a_missing_shape_and_an_overlap(copy: Copy) -> None:
    tree = etree.parse(str(copy.bpmn))
    shapes = {s.get("bpmnElement"): s for s in tree.iter(f"{{{BPMNDI_NS}}}BPMNShape")}
    shapes["ThamDinh"].getparent().remove(shapes["ThamDinh"])
    on_top, below = (shapes[e].find(f"{{{DC_NS}}}Bounds") for e in ("PheDuyet", "TraKetQua"))
    for attribute in ("x", "y", "width", "height"):
        on_top.set(attribute, below.get(attribute))
    tree.write(str(copy.bpmn), xml_declaration=True, encoding="UTF-8")
    findings = copy.lint()
    assert [f.element_id for f in findings if f.code == "missing-di"] == ["ThamDinh"]
    overlap = [f for f in findings if f.code == "overlap"]
    assert len(overlap) == 1 and "PheDuyet" in overlap[0].message and "TraKetQua" in overlap[0].message


def test_an_id_used_in_a_called_shared_file_too(copy: Copy) -> None:
    shared = (copy.root / "_shared" / "tiep-nhan-truc-tiep.bpmn").read_text(encoding="utf-8")
    assert 'id="TN_KiemTraHoSo"' in shared
    copy.add('<bpmn:callActivity id="Goi_TiepNhan" calledElement="tiep_nhan_truc_tiep" />'
             '<bpmn:task id="TN_KiemTraHoSo" />')
    findings = [f for f in copy.lint() if f.code == "duplicate-id"]
    assert len(findings) == 1 and findings[0].element_id == "TN_KiemTraHoSo"
    assert "tiep-nhan-truc-tiep.bpmn" in findings[0].message + findings[0].file


# -- files outside a procedure, the command line, the API entry point ----------------------------------------


def test_a_file_outside_a_procedure_folder_is_linted_on_its_own(tmp_path: Path, copy: Copy) -> None:
    alone = tmp_path / "alone.bpmn"
    shutil.copy(copy.bpmn, alone)
    findings = lint_file(alone)
    assert codes(findings) == {"no-procedure"} and findings[0].severity == "warning"


def test_an_edited_copy_beside_the_variants_borrows_a_variant(copy: Copy) -> None:
    shutil.copy(copy.bpmn, copy.folder / "as-is-v2.bpmn")
    findings = lint_file(copy.folder / "as-is-v2.bpmn")
    assert [(f.code, f.severity) for f in findings] == [("not-a-variant", "warning")]
    assert "variant 'as-is'" in findings[0].message


def test_a_variant_whose_file_is_missing(copy: Copy) -> None:
    copy.bpmn.rename(copy.folder / "as-is-cu.bpmn")
    report = lint_paths([copy.folder])
    missing = [f for f in report.errors if f.code == "missing-variant" and "as-is.bpmn" in f.message]
    assert len(missing) == 1 and missing[0].file.endswith("procedure.toml") and missing[0].line


def test_a_procedure_toml_the_engine_cannot_read(copy: Copy) -> None:
    text = copy.toml.read_text(encoding="utf-8")
    copy.toml.write_text(text + "\nkhong_hop_le = = 1\n", encoding="utf-8")
    report = lint_paths([copy.folder])
    toml = [f for f in report.errors if f.code == "procedure"]
    assert len(toml) == 1 and "not valid TOML" in toml[0].message
    assert toml[0].file.endswith("procedure.toml") and toml[0].line == len(text.splitlines()) + 2


def test_the_command_prints_one_line_per_finding_and_exits_1_on_errors(copy: Copy) -> None:
    runner = CliRunner()
    clean = runner.invoke(app, ["lint", str(copy.bpmn), str(copy.root / "_shared")])
    assert clean.exit_code == 0, clean.output
    assert clean.output.strip().splitlines()[-1].endswith(": 0 error(s), 0 warning(s)")
    copy.edit('name="status" value="2"', 'name="status" value="11"')
    copy.edit('ket_qua_kiem_tra == "tu_choi"', 'ket_qua_kiem_tra == "tu_choi" or ly_do_x')
    result = runner.invoke(app, ["lint", str(copy.bpmn)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert lines[-1] == "1 file(s) checked: 2 error(s), 0 warning(s)"
    error = next(line for line in lines if " error: " in line)
    file, line, element, rest = error.split(":", 3)
    assert file.endswith("as-is.bpmn") and line.isdigit() and element.strip() == "TiepNhanHoSo"
    assert rest.startswith(" error: property status=\"11\"")
    assert any(" Flow_TuChoiTiepNhan: error: the condition" in line for line in lines)




def test_lint_reads_any_bpmn_without_raising() -> None:
    report = lint_paths([CONFORMANCE])  # 137 foreign models: errors, but no exception
    assert report.files > 100 and report.exit_code == 1
    assert all(f.file and f.message for f in report.findings)


def test_a_missing_path_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["lint", str(tmp_path / "khong-co.bpmn")])
    assert result.exit_code == 1 and "no such file or folder" in result.output
    assert "Traceback" not in result.output


def test_lint_source_checks_an_upload_as_a_new_version_of_a_variant(copy: Copy) -> None:
    from engine.bpmn.catalog import Catalog

    catalog = Catalog(copy.root)
    upload = copy.bpmn.read_bytes().replace(b'name="status" value="2"', b'name="status" value="11"')
    findings = lint_source(upload, "as-is.bpmn", catalog, SLUG, "as-is")
    assert [(f.code, f.file, f.element_id) for f in findings] == [
        ("bad-property", "as-is.bpmn", "TiepNhanHoSo")]
    assert lint_source(copy.bpmn.read_bytes(), "as-is.bpmn", catalog, SLUG, "as-is") == []
    hostile = b'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY a "a">]>\n<definitions>&a;</definitions>'
    findings = lint_source(hostile, "as-is.bpmn", catalog, SLUG, "as-is")
    assert [(f.code, f.line) for f in findings] == [("xml", 2)]
