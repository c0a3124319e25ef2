"""`lienthong run FILE.bpmn`, driven through stdin as an analyst would type: one case of the school
transfer walked from the online application to the result, on the real engine."""

from __future__ import annotations

import shutil
from pathlib import Path

from lxml import etree
from typer.testing import CliRunner

from engine.bpmn.reader import NSMAP
from lienthong.app import app
from lienthong.cli import main as _registers_commands  # noqa: F401
from tests.conftest import PROCESSES

TO_BE = PROCESSES / "chuyen-truong-thpt" / "to-be.bpmn"
START = ["Nguyễn An", "2008-05-12", "11", "THPT A", "THPT B", "1", "chuyển nhà", "001208001234"]
# task 1 (desk check: 9 is not a choice, then 1 = day_du), task 1 (receipt), task 1 (conditions: dat),
# then the two schools answer with their example messages.
WALK = ["1", "9", "1", "", "", "1", "", "1", "1", "", "", "", "m1", "", "m1", ""]


def _run(path: Path, lines: list[str]) -> tuple[int, str]:
    done = CliRunner().invoke(app, ["run", str(path)], input="\n".join(lines) + "\n")
    return done.exit_code, done.output


def test_one_case_walks_from_application_to_result() -> None:
    code, output = _run(TO_BE, START + WALK)
    assert code == 0, output
    assert "Kiểm tra tính đầy đủ, hợp lệ của hồ sơ [TN_KiemTraHoSo]" in output  # the open task
    assert 'Kết quả kiểm tra (ket_qua_kiem_tra, bắt buộc) 1="day_du"' in output  # its form
    assert "'9' is not one of the choices" in output
    assert "message 'Quyết định tiếp nhận học sinh' from truong-thpt-den" in output  # the next step
    assert output.rstrip().endswith("Kết thúc / finished: Đã trả kết quả (status 10), result approved")


def test_a_copy_outside_the_catalogue_walks_the_same(tmp_path: Path) -> None:
    copy = tmp_path / "to-be.bpmn"
    shutil.copy(TO_BE, copy)
    assert _run(copy, START + WALK)[0] == 0


def test_a_refused_form_is_asked_again_and_input_ending_says_where_the_case_waits() -> None:
    missing_id = [*START[:-1], ""]  # the pupil's id number is required
    code, output = _run(TO_BE, missing_id + START + ["1"])
    assert "Lỗi / refused" in output and "so_dinh_danh_hoc_sinh" in output
    assert code == 1 and "the case still waits at" in output and "TN_KiemTraHoSo" in output


def test_a_plain_task_is_refused_before_anything_runs(tmp_path: Path) -> None:
    copy = tmp_path / "to-be.bpmn"
    tree = etree.parse(str(TO_BE))
    [task] = tree.xpath("//*[@id='KiemTraDieuKien']")
    task.tag = f"{{{NSMAP['bpmn']}}}task"  # what the palette's plain Task would be
    tree.write(str(copy))
    code, output = _run(copy, START)
    assert code == 2 and "change it to a User Task" in output
