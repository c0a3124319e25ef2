"""new_case: the engine and the simulation start a case the same way; CaseInMemory steps one without the
store."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from engine.actors import SYSTEM
from engine.agencies.connectors import Connectors
from engine.bpmn.catalog import Catalog
from engine.law.status import DossierStatus
from engine.run.case_start import CaseInMemory, new_case
from engine.run.provenance import steps_of
from engine.sandbox.scripting import ScriptEnvironment
from engine.time.calendar import WorkingCalendar
from engine.time.clock import FakeClock
from tests.conftest import make_engine

ROOT = Path(__file__).resolve().parents[3]
NOW = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)
START = {"ho_ten_hoc_sinh": "Nguyễn Văn A", "truong_di": "THPT Chu Văn An", "truong_den": "THPT Việt Đức",
         "pham_vi": "trong_tinh"}


def test_the_engine_owns_code_channel_and_applicant_and_keeps_the_start_data() -> None:
    catalog = Catalog(ROOT / "processes")
    model = catalog.model(catalog.bundle("chuyen-truong-thpt", "as-is"))
    script_engine = ScriptEnvironment(FakeClock(NOW), WorkingCalendar(), Connectors(), catalog.sandbox)
    record, workflow = new_case(
        model, script_engine, case_id="c1", dossier_code="LT-250303-C1", applicant="001203004567",
        channel="direct", data=dict(START), actor=SYSTEM, now=NOW, version_id=7,
    )
    data = workflow.task_tree.data
    assert (data["ma_ho_so"], data["kenh"], data["nguoi_nop"]) == ("LT-250303-C1", "direct", "001203004567")
    assert [step["data"] for step in steps_of(workflow).values()] == [START]
    assert (record.status, record.version, record.version_id) == (DossierStatus.NEW, 0, 7)
    assert (record.procedure, record.variant, record.bundle_hash) == (
        "chuyen-truong-thpt", "as-is", model.hash)
    assert record.summary == {"trips": 0, "papers": []} and record.received_at is None


def test_a_case_in_memory_is_stepped_by_the_runtime_and_read_without_its_row() -> None:
    catalog = Catalog(ROOT / "processes")
    model = catalog.model(catalog.bundle("chuyen-truong-thpt", "as-is"))
    calendar = WorkingCalendar()
    script_engine = ScriptEnvironment(FakeClock(NOW), calendar, Connectors(), catalog.sandbox)
    case = CaseInMemory(model, new_case(
        model, script_engine, case_id="c1", dossier_code="LT-250303-C1", applicant="001203004567",
        channel="direct", data=dict(START), actor=SYSTEM, now=NOW,
    ))
    assert (case.status, case.result, case.finished_at) == (DossierStatus.NEW, None, None)
    assert case.legal_clock(calendar, NOW).started_at is None
    run = case.run(SYSTEM, NOW, calendar)
    run.run_engine()
    assert run.workflow is case.workflow
    assert [element.id for _, element in run.waits().human] == ["KiemTraHoSo"]
    trips = case.summary["trips"]
    case.summary["trips"] = 99  # a copy: the case's own counts are the runtime's to change
    assert case.summary["trips"] == trips


def test_the_engine_saves_the_case_new_case_made(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url, FakeClock(NOW), Catalog(ROOT / "processes"))
    started = engine.cases.start("chuyen-truong-thpt", variant="as-is", applicant="001203004567",
                                 data=dict(START), channel="direct")
    case = engine.cases.get(started.id, with_data=True)
    assert case.data is not None
    assert (case.data["ma_ho_so"], case.data["kenh"], case.data["nguoi_nop"]) == (
        case.dossier_code, "direct", "001203004567")
    start = {"kind": "start", "by": SYSTEM.id, "at": NOW.isoformat(), "data": START}
    assert case.data["steps"]["start"] == start
    engine.store.dispose()
