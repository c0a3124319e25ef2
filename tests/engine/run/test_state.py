"""The stored case state: no spec inside, finished history pruned, Spiff's own types round-tripped."""

from __future__ import annotations

from datetime import UTC, datetime

from SpiffWorkflow.bpmn import BpmnEvent
from SpiffWorkflow.spiff.specs.event_definitions import MessageEventDefinition
from SpiffWorkflow.util.task import TaskState

from engine import Engine
from engine.actors import Actor
from engine.time.clock import FakeClock
from tests.walk import CaseWalk

START = {"ho_ten_hoc_sinh": "Phạm Gia Huy", "truong_di": "THPT Hồng Bàng", "truong_den": "THPT Lê Chân",
         "pham_vi": "trong_tinh"}
DESK = Actor.officer("canbo.motcua", "so-gddt", "mot-cua")


def test_state_holds_no_spec_and_survives_reload(sqlite_engine: Engine, clock: FakeClock) -> None:
    case = CaseWalk(sqlite_engine, clock, "chuyen-truong-thpt", "as-is", data=START)
    with sqlite_engine.store.transaction(write=False) as tx:
        record = tx.get_case(case.id)
    assert record is not None
    assert '"spec"' not in record.state and "serializer_version" in record.state
    assert len(record.state) < 8_000


def test_spiff_events_in_task_data_round_trip(sqlite_engine: Engine, clock: FakeClock) -> None:
    """An event-based gateway keeps the events it saw (spiff message definitions) in its task data."""
    case = CaseWalk(sqlite_engine, clock, "chuyen-truong-thpt", "as-is", data=START)
    case.do("KiemTraHoSo", {"ket_qua_kiem_tra": "day_du"}, DESK)
    engine = sqlite_engine
    with engine.store.transaction(write=False) as tx:
        record = tx.get_case(case.id)
        assert record is not None
        model = engine.core.files.model(tx, record.bundle_hash)
    workflow = engine.core.codec.loads(record.state, model, engine.core.script_engine)
    task = workflow.get_tasks(state=TaskState.READY)[0]
    seen = BpmnEvent(MessageEventDefinition("tra_loi_cu_tru"), {"so": "TT-1"}, {})
    task.internal_data["seen_events"] = [seen]
    restored = engine.core.codec.loads(engine.core.codec.dumps(workflow), model, engine.core.script_engine)
    [event] = restored.get_task_from_id(task.id).internal_data["seen_events"]
    assert isinstance(event.event_definition, MessageEventDefinition)
    assert event.event_definition.name == "tra_loi_cu_tru" and event.payload == {"so": "TT-1"}


def test_loops_do_not_grow_the_state(sqlite_engine: Engine, clock: FakeClock) -> None:
    case = CaseWalk(sqlite_engine, clock, "chuyen-truong-thpt", "as-is", data=START)
    sizes = []
    for _ in range(30):  # the reception supplement loop, thirty times
        case.do("KiemTraHoSo", {"ket_qua_kiem_tra": "can_bo_sung", "noi_dung_bo_sung": "Thiếu học bạ"}, DESK)
        case.do("HuongDanBoSung", {"noi_dung_bo_sung": "Thiếu học bạ"}, DESK)
        case.do("NopLaiHoSo", {}, DESK)
        with sqlite_engine.store.transaction(write=False) as tx:
            record = tx.get_case(case.id)
        assert record is not None
        sizes.append(len(record.state))
    assert max(sizes[5:]) <= sizes[4] + 200  # bounded: no growth with the number of loops


def test_cached_workflow_only_for_the_exact_saved_state(sqlite_engine: Engine, clock: FakeClock) -> None:
    """A save whose commit failed leaves a cached workflow that must never stand in for another one's save
    of the same version number: the cache is keyed by version and by the saved text."""
    case = CaseWalk(sqlite_engine, clock, "chuyen-truong-thpt", "as-is", data=START)
    engine = sqlite_engine
    with engine.store.transaction(write=False) as tx:
        record = tx.get_case(case.id)
    assert record is not None
    version, saved_hash, workflow = engine.core.files.live[record.id]
    assert version == record.version and saved_hash == hash(record.state)
    # Another text: not reused.
    assert engine.core.files.take(record.id, record.version, record.state + " ") is None
    engine.core.files.live[record.id] = (version, saved_hash, workflow)
    assert engine.core.files.take(record.id, record.version, record.state) is workflow



def test_spiff_encoder_mode_still_converts_shallowly(sqlite_engine: Engine) -> None:
    """The one SpiffWorkflow internal the codec sets (pinned in pyproject.toml): in encoder mode the
    registry leaves nested values to the JSON encoder, which keeps dumps fast; a rename would lose it."""
    registry = sqlite_engine.core.codec.registry
    data = {"hen_tra": datetime(2025, 3, 3, 9, 0, tzinfo=UTC)}
    assert registry._encoder_mode is False
    assert isinstance(registry.convert(data)["hen_tra"], dict)  # deep: Spiff's typed dict
    registry._encoder_mode = True
    try:
        assert registry.convert(data)["hen_tra"] is data["hen_tra"]  # shallow: the encoder's job
    finally:
        registry._encoder_mode = False
