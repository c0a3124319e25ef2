"""Views built from store records: one copy helper (`view_of`) for the fields of the same name, and what each
view works out on top (a case's legal clock and status label, a task's due date, an incident's operation)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from engine import DocumentView, Engine
from engine import presenting as p
from engine.actors import SYSTEM
from engine.agencies.connectors import Connectors
from engine.bpmn.catalog import Catalog
from engine.bpmn.model import ProcessModel
from engine.presenting import case_view, incident_view, task_view, version_view, view_of
from engine.run.case_start import new_case
from engine.sandbox.scripting import ScriptEnvironment
from engine.store.documents_store import DocumentRecord
from engine.store.incidents_store import CaseIncidentRecord
from engine.store.records import CaseRecord, EventRecord, TaskRecord, TimerRecord, VersionRecord
from engine.time.calendar import WorkingCalendar
from engine.time.clock import FakeClock
from engine.views import CaseView, EventView, VersionView
from tests.conftest import make_engine
from tests.engine.services.conftest import CLERK, DATA, registered

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


@pytest.fixture
def linked(database_url: str, clock: FakeClock) -> Iterator[Engine]:
    engine = make_engine(database_url, clock, Catalog(DATA))
    yield engine
    engine.store.dispose()


def rows_of(engine: Engine, case: CaseView) -> tuple[CaseRecord, list[TimerRecord], ProcessModel]:
    with engine.store.transaction(write=False) as tx:
        record = tx.get_case(case.id)
        timers = tx.timers_of(case.id)
    assert record is not None
    return record, timers, engine.versions.model(case.version_id)


def test_a_registered_case_waits_for_the_police_until_their_share_ends(linked: Engine,
                                                                        clock: FakeClock) -> None:
    case = registered(linked)
    record, timers, model = rows_of(linked, case)
    view = p.case_view(record, model, linked.calendar, clock.now(), timers=timers)
    assert [(w.element_id, w.kind, w.agency) for w in view.position] == [
        ("ChoKetQua", "receiveTask", "ubnd-xa"), ("Timer_HanCongAn", "boundaryEvent", "ubnd-xa")]
    [awaited] = view.awaiting
    # The sender's deadline is its share's timer (2 days), not the case's own (3 days).
    [share] = [t for t in timers if t.element_id == "Timer_HanCongAn"]
    assert (awaited.message_id, awaited.element_id, awaited.deadline) == ("Msg_KetQuaCuTru", "ChoKetQua",
                                                                          share.due_at)
    assert record.due_at is not None and share.due_at < record.due_at
    # Without its timer rows the case's own deadline stands in.
    assert p.case_view(record, model, linked.calendar, clock.now()).awaiting[0].deadline == record.due_at
    assert view.status_label and view.procedure_code == model.procedure_code and view.data is None


def test_the_legal_clock_counts_working_days_used_and_says_overdue(linked: Engine, clock: FakeClock) -> None:
    record, _, model = rows_of(linked, registered(linked))  # received Monday 3 March 2025, 3 days allowed
    fresh = p.case_view(record, model, linked.calendar, clock.now()).legal_clock
    assert (fresh.days_allowed, fresh.days_used, fresh.paused, fresh.overdue) == (3, 0, False, False)
    late = p.case_view(record, model, linked.calendar, clock.now() + timedelta(days=7)).legal_clock
    assert late.overdue and late.days_used == 5  # Monday to Monday: five working days
    paused = replace(record, paused_at=clock.now() + timedelta(days=1), paused_days=0)
    held = p.case_view(paused, model, linked.calendar, clock.now() + timedelta(days=7)).legal_clock
    assert held.paused and not held.overdue and held.days_used == 1


def test_a_task_and_a_version_read_as_their_views(linked: Engine) -> None:
    case = linked.cases.start("lien-thong-mau", applicant="001203004567", data={"ho_ten": "Lê Minh Khang"})
    [listed] = linked.tasks.list(case_id=case.id)
    with linked.store.transaction(write=False) as tx:
        task = tx.get_task(listed.id)
        version = tx.get_version(case.version_id)
    assert task is not None and version is not None
    view = p.task_view(task, case.dossier_code, case_status=case.status)
    assert (view.id, view.element_id, view.dossier_code, view.agency, view.data) == (
        listed.id, "DangKy", case.dossier_code, CLERK.agency, {})
    assert p.version_view(version).id == version.id == case.version_id


def test_a_task_another_request_completed_is_not_found(linked: Engine) -> None:
    record, _, model = rows_of(linked, registered(linked))
    workflow = linked.core.files.load(record, model)
    [task] = [t for t in workflow.get_tasks() if t.task_spec.name == "ChoKetQua"]
    assert p.find_task(workflow, str(task.id)) is task
    assert p.find_task(workflow, str(uuid.uuid4())) is None


def test_an_incident_says_which_operation_failed(clock: FakeClock) -> None:
    record = CaseIncidentRecord(id=7, case_id="c", element_id="ChoKetQua", expression="x > 1", field="x",
                                error="name 'x' is not defined", operation={"kind": "message",
                                                                            "name": "ket_qua_cu_tru"},
                                raised_by="cong-an", created_at=clock.now())
    view = p.incident_view(record)
    assert (view.operation, view.message, view.element_id, view.resolved_at) == (
        "message", "ket_qua_cu_tru", "ChoKetQua", None)
    assert p.incident_view(replace(record, operation={})).operation == ""


def test_a_record_s_copy_is_its_view_and_no_longer_the_record(clock: FakeClock) -> None:
    record = DocumentRecord(id="d", case_id="c", applicant="a", component=None, filename="don.pdf",
                            media_type="application/pdf", size=3, sha256="0" * 64, uploaded_by="a",
                            created_at=clock.now())
    view = p.view_of(DocumentView, record)
    assert type(view) is DocumentView and view.__dict__ == record.__dict__
