"""The Check of a draft on the real workbench, without HTTP: the events of a draft the engine cannot load,
the figures compared with as-is, and which element a failing step's message is about."""

from __future__ import annotations

from pathlib import Path

from engine.bpmn.catalog import Catalog
from engine.time.calendar import WorkingCalendar
from tests.conftest import PROCESSES
from workbench.check.run import Draft, check_draft, comparison_rows, draft_variant, simulate
from workbench.check.scenarios import element_of
from workbench.simulate.results import Figures

SCHOOL = "chuyen-truong-thpt"
NAMES = {"XinLoi": "Lập Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)",
         "KiemTraDieuKien": "Kiểm tra điều kiện chuyển trường"}


def test_a_draft_the_engine_cannot_load_gets_its_lint_and_a_failing_verdict(tmp_path: Path) -> None:
    path = tmp_path / "to-be.bpmn"
    path.write_bytes((PROCESSES / SCHOOL / "to-be.bpmn").read_bytes().replace(b"</bpmn:definitions>", b""))
    events = list(check_draft(Draft(path, SCHOOL, "to-be", PROCESSES)))
    assert [e["event"] for e in events] == ["stage", "lint", "done"]
    assert events[1]["errors"] >= 1 and events[1]["findings"][0]["code"] == "xml"
    assert events[-1]["verdict"] == "fail" and events[-1]["reason"].startswith("Động cơ không chạy được")


def test_the_short_simulation_compares_the_draft_with_as_is(tmp_path: Path) -> None:
    path = tmp_path / "to-be.bpmn"
    path.write_bytes((PROCESSES / SCHOOL / "to-be.bpmn").read_bytes())
    draft = Draft(path, SCHOOL, "to-be", PROCESSES)
    catalog = Catalog(PROCESSES)
    events, seconds = simulate(catalog, draft, draft_variant(catalog, draft, path.read_bytes()), 20,
                               WorkingCalendar())
    simulation, comparison = events
    assert simulation["ran"] and simulation["finished"] == {"as-is": 20, "draft": 20} and seconds > 0
    rows = {r["figure"]: r for r in comparison["rows"]}
    assert rows["papers"]["draft"] < rows["papers"]["as_is"] and rows["papers"]["change"] == "better"


def test_a_change_is_better_when_it_moves_the_right_way() -> None:
    def figures(**values: float) -> Figures:
        base = dict(label="x", cases=1, finished=1, seed=1, lead_mean=5.0, lead_p50=0, lead_p90=0,
                    lead_p95=0, on_time_share=0.9, on_time_counted=1, approved_share=1, refused_share=0,
                    no_result_share=0, supplement_share=0, apology_share=0, handoffs=2.0, trips=1.0,
                    papers=3.0, lanes=[], lead_times=[], element_days={}, warnings=[], stuck=[])
        return Figures(**{**base, **values})  # type: ignore[arg-type]

    after = figures(lead_mean=4.0, on_time_share=0.8)
    rows = {r["figure"]: r["change"] for r in comparison_rows(figures(), after)}
    assert rows == {"lead_mean": "better", "on_time_share": "worse", "trips": "same", "papers": "same",
                    "handoffs": "same"}


def test_a_failing_step_points_at_the_element_it_names_else_where_the_case_waited() -> None:
    named = 'Bước hỏng: Thì hồ sơ chờ ở "Lập Phiếu xin lỗi" — Sơ đồ có "Lập Phiếu xin lỗi …" [XinLoi] ở làn'
    assert element_of(named, "", NAMES) == "XinLoi"
    waited = "đang chờ ở: \"Kiểm tra điều kiện chuyển trường\" [KiemTraDieuKien] — làn"
    detail = f"x\n  {waited}\n"
    assert element_of("Bước hỏng: Thì hạn giải quyết là thứ Hai", detail, NAMES) == "KiemTraDieuKien"
    assert element_of("Bước hỏng: Thì hạn giải quyết là thứ Hai", "", NAMES) is None
