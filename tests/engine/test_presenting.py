"""Views built from store records: one copy helper (`view_of`) for the fields of the same name, and what each
view works out on top (a case's legal clock and status label, a task's due date, an incident's operation)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from engine.actors import SYSTEM
from engine.agencies.connectors import Connectors
from engine.bpmn.catalog import Catalog
from engine.presenting import case_view, incident_view, task_view, version_view, view_of
from engine.run.case_start import new_case
from engine.sandbox.scripting import ScriptEnvironment
from engine.store.incidents_store import CaseIncidentRecord
from engine.store.records import EventRecord, TaskRecord, VersionRecord
from engine.time.calendar import WorkingCalendar
from engine.time.clock import FakeClock
from engine.views import CaseView, EventView, VersionView

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)
TASK = TaskRecord(id="t1", case_id="c1", element_id="KiemTraHoSo", name="Kiểm tra hồ sơ", lane="Một cửa",
                  agency="ubnd-xa", role="mot-cua", form_key="kiem-tra", state="ready", created_at=NOW,
                  due_at=datetime(2025, 3, 10, tzinfo=UTC))


def test_a_view_copies_the_record_s_fields_of_the_same_name_and_takes_the_given_ones() -> None:
    event = EventRecord(case_id="c1", at=NOW, actor="canbo", kind="task_completed", element_id="KiemTraHoSo",
                        data={"ghi_chu": "Đủ"}, data_hash="abc", id=7)
    assert view_of(EventView, event) == EventView(7, "c1", NOW, "canbo", "task_completed", "KiemTraHoSo",
                                                  None, None, {"ghi_chu": "Đủ"})
    assert view_of(EventView, event, kind="given").kind == "given"
    assert not hasattr(view_of(EventView, event), "data_hash")  # what the view does not name stays behind


def test_a_field_neither_on_the_record_nor_given_is_the_view_s_default_or_an_error() -> None:
    assert task_view(TASK, "LT-1").overdue is False  # TaskView's default
    with pytest.raises(TypeError, match=r"missing 9 required .*'procedure'"):
        view_of(VersionView, TASK)  # a version needs fields a task record does not have
    with pytest.raises(TypeError, match="unknown"):
        view_of(EventView, EventRecord(case_id="c1", at=NOW, actor="a", kind="k"), unknown=1)


def test_a_task_s_due_date_is_the_one_the_list_worked_out_never_the_record_s_column() -> None:
    view = task_view(TASK, "LT-1", form={"type": "object"}, overdue=True)
    assert (view.id, view.dossier_code, view.lane, view.form_key) == ("t1", "LT-1", "Một cửa", "kiem-tra")
    assert (view.due_at, view.overdue, view.form, view.data) == (None, True, {"type": "object"}, {})


def test_a_version_view_is_its_record() -> None:
    record = VersionRecord(id=3, procedure="chuyen-truong-thpt", variant="to-be", number=2, bundle_hash="h",
                           status="active", created_by="phan-tich", created_at=NOW, note="ghi chú")
    view = version_view(record)
    assert (view.id, view.number, view.status, view.note) == (3, 2, "active", "ghi chú")
    assert view.activated_by is view.activated_at is None


def test_an_incident_says_what_failed_from_its_operation() -> None:
    record = CaseIncidentRecord(id=1, case_id="c1", element_id="GuiCongAn", expression="so_dinh_danh",
                                field="so_dinh_danh", error="NameError", operation={"kind": "message",
                                                                                    "name": "ket-qua"},
                                raised_by="worker", created_at=NOW)
    view = incident_view(record)
    assert (view.operation, view.message, view.error, view.resolved_at) == ("message", "ket-qua", "NameError",
                                                                           None)


def test_a_new_case_s_view_has_its_record_s_identity_and_a_clock_not_yet_started() -> None:
    catalog = Catalog(ROOT / "processes")
    model = catalog.model(catalog.bundle("chuyen-truong-thpt", "as-is"))
    calendar = WorkingCalendar()
    record, _ = new_case(model, ScriptEnvironment(FakeClock(NOW), calendar, Connectors(), catalog.sandbox),
                         case_id="c1", dossier_code="LT-1", applicant="001203004567", channel="direct",
                         data={}, actor=SYSTEM, now=NOW)
    view = case_view(record, model, calendar, NOW)
    assert isinstance(view, CaseView)
    assert (view.id, view.dossier_code, view.procedure, view.variant, view.channel, view.version) == (
        "c1", "LT-1", "chuyen-truong-thpt", "as-is", "direct", 0)
    assert (view.status, view.status_label, view.position, view.incidents) == (1, "Mới đăng ký", (), ())
    assert view.legal_clock.started_at is None and view.legal_clock.days_used == 0
    assert view.summary == record.summary and view.summary is not record.summary
