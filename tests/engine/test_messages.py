"""Messages between agencies and agency deadline timers, on a minimal linked procedure."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from engine import Engine
from engine.actors import Actor
from engine.bpmn.catalog import Catalog
from engine.errors import ConflictError, ForbiddenError, NotFoundError
from engine.time.clock import VN_TZ, FakeClock
from tests.conftest import make_engine
from tests.walk import CaseWalk

DATA = Path(__file__).resolve().parents[1] / "data" / "processes"
CLERK = Actor.officer("hotich.xa", "ubnd-xa", "ho-tich")
POLICE = Actor.agency_system("cong-an")


@pytest.fixture
def linked(database_url: str, clock: FakeClock) -> Iterator[Engine]:
    engine = make_engine(database_url, clock, Catalog(DATA))
    yield engine
    engine.store.dispose()


def registered(engine: Engine, clock: FakeClock) -> CaseWalk:
    case = CaseWalk(engine, clock, "lien-thong-mau", "default", data={"ho_ten": "Lê Minh Khang"})
    case.do("DangKy", {}, CLERK)
    return case


def test_message_to_agency_and_its_reply(linked: Engine, clock: FakeClock) -> None:
    case = registered(linked, clock)
    sent = case.events("message_sent")
    assert [(e.data["message"], e.data["agency"]) for e in sent] == [("ho_so_cu_tru", "cong-an")]
    assert sent[0].data["payload"] == {"ma_ho_so": case.case.dossier_code, "ho_ten": "Lê Minh Khang"}
    assert case.waiting_at() == {"ChoKetQua", "Timer_HanCongAn"}
    final = case.reply("ket_qua_cu_tru", {"so_dang_ky_thuong_tru": "TT-2025-0042"}, POLICE)
    assert final.completed and final.result == "approved"
    assert case.waiting_at() == set()
    assert [e.data["from"] for e in case.events("message_received")] == ["cong-an"]


def test_reply_from_an_agency_that_does_not_send_it_is_refused(linked: Engine, clock: FakeClock) -> None:
    case = registered(linked, clock)
    with pytest.raises(ForbiddenError, match="does not send"):
        linked.messages.correlate("ket_qua_cu_tru", dossier_code=case.case.dossier_code, payload={},
                                 actor=Actor.agency_system("bhxh"))
    assert "ChoKetQua" in case.waiting_at()


def test_unknown_dossier_or_message_is_not_found(linked: Engine, clock: FakeClock) -> None:
    case = registered(linked, clock)
    with pytest.raises(NotFoundError, match="is waiting for message 'ket_qua_cu_tru'"):
        linked.messages.correlate("ket_qua_cu_tru", dossier_code="LT-000000-XXXX", payload={}, actor=POLICE)
    with pytest.raises(NotFoundError):
        linked.messages.correlate("tin_nhan_la", dossier_code=case.case.dossier_code, payload={},
                                  actor=POLICE)


def test_duplicate_reply_is_refused_once_consumed(linked: Engine, clock: FakeClock) -> None:
    case = registered(linked, clock)
    case.reply("ket_qua_cu_tru", {}, POLICE)
    code = case.case.dossier_code
    with pytest.raises(NotFoundError):
        linked.messages.correlate("ket_qua_cu_tru", dossier_code=code, payload={}, actor=POLICE)


def test_agency_share_timer_fires_once_and_keeps_waiting(linked: Engine, clock: FakeClock) -> None:
    case = registered(linked, clock)  # Monday 3/3 09:00: the police's 2 working days end Wednesday 5/3 17:00
    with linked.store.transaction(write=False) as tx:
        [timer] = tx.timers_of(case.id)
    assert timer.due_at == datetime(2025, 3, 5, 17, 0, tzinfo=VN_TZ) and timer.legal_clock
    assert case.wait(working_days=1) == 0
    assert case.wait(working_days=1, hours=9) == 1
    assert case.waiting_at() == {"ChoKetQua", "DonDoc"}  # non-interrupting: still waiting for the police
    case.do("DonDoc", {}, CLERK)
    assert case.reply("ket_qua_cu_tru", {}, POLICE).completed


def test_version_upload_needs_a_second_person(linked: Engine, clock: FakeClock) -> None:
    first = linked.versions.deploy("lien-thong-mau", "default")
    running = registered(linked, clock)
    original = (DATA / "lien-thong-mau" / "default.bpmn").read_text(encoding="utf-8")
    source = original.replace('name="Đôn đốc Công an"', 'name="Nhắc Công an"').encode()
    author = Actor.officer("bien.tap", "ubnd-xa", "quan-tri")
    pending = linked.versions.deploy("lien-thong-mau", "default", bpmn=source, actor=author, activate=False)
    assert pending.status == "pending" and pending.number == first.number + 1
    with pytest.raises(ForbiddenError, match="second person"):
        linked.versions.activate(pending.id, author)
    with pytest.raises(ConflictError, match="pending review"):
        linked.cases.start("lien-thong-mau", applicant="1", version_id=pending.id)
    active = linked.versions.activate(pending.id, Actor.officer("tham.dinh", "ubnd-xa", "reviewer"))
    assert active.status == "active"
    assert [v.status for v in linked.versions.list("lien-thong-mau")] == ["active", "retired"]
    newer = linked.cases.start("lien-thong-mau", applicant="2", variant="default")
    assert newer.version_id == pending.id and running.case.version_id == first.id
    assert linked.cases.get(running.id).version_id == first.id  # running cases stay on their version
    assert running.reply("ket_qua_cu_tru", {}, POLICE).completed


def test_event_based_gateway_waits_for_reply_or_deadline(linked: Engine, clock: FakeClock) -> None:
    replied = CaseWalk(linked, clock, "cho-tra-loi", "default")
    assert replied.waiting_at() == {"Gw_Cho"}  # the gateway holds both events until one happens
    assert replied.reply("tra_loi_cu_tru", {"ket_qua": "da_dang_ky"}, POLICE).completed
    assert replied.completed_elements()[-2:] == ["Msg_TraLoi", "End_TraLoi"]
    expired = CaseWalk(linked, clock, "cho-tra-loi", "default")
    assert expired.wait(working_days=2, hours=9) == 1
    assert expired.case.completed and expired.completed_elements()[-2:] == ["Timer_Het", "End_Het"]


def test_lawful_extension_moves_the_due_date_and_the_watchdog(linked: Engine, clock: FakeClock) -> None:
    officer = Actor.officer("canbo.cutru", "cong-an", "cu-tru")
    case = CaseWalk(linked, clock, "gia-han", "default")
    case.do("TiepNhan", {}, officer)  # Monday 3/3 09:00 + 3 working days → Thursday 6/3 17:00
    assert case.case.legal_clock.due_at == datetime(2025, 3, 6, 17, 0, tzinfo=VN_TZ)
    extended = case.do("XacMinh", {}, officer)  # verification: + 2 working days → Monday 10/3
    assert extended.legal_clock.due_at == datetime(2025, 3, 10, 17, 0, tzinfo=VN_TZ)
    with linked.store.transaction(write=False) as tx:
        [timer] = tx.timers_of(case.id)
    assert timer.due_at == datetime(2025, 3, 10, 17, 0, tzinfo=VN_TZ)
    assert case.wait(working_days=3, hours=9) == 0  # Thursday 6/3 evening: no longer late
    assert case.wait(working_days=2) == 1  # Monday 10/3 evening: late, the apology is due
    assert "XinLoi" in case.waiting_at()


def test_deadline_chosen_after_reception(linked: Engine, clock: FakeClock) -> None:
    officer = Actor.officer("canbo.cutru", "cong-an", "cu-tru")
    case = CaseWalk(linked, clock, "gia-han", "dat-han")
    case.do("TiepNhan", {}, officer)
    clock.set("2025-03-04T10:00")
    chosen = case.do("XacMinh", {}, officer)  # receipt Monday 3/3 + 5 working days → Monday 10/3
    assert chosen.legal_clock.due_at == datetime(2025, 3, 10, 17, 0, tzinfo=VN_TZ)
    assert [e.data["days"] for e in case.events("legal_clock_set")] == [5]
    assert case.wait(working_days=2, hours=8) == 0 and case.wait(working_days=2) == 1


def test_clock_action_out_of_order_is_recorded_not_fatal(linked: Engine, clock: FakeClock) -> None:
    """An extension drawn before the receipt is a modelling slip: the case goes on, its history says so."""
    source = (DATA / "gia-han" / "default.bpmn").read_text(encoding="utf-8")
    swapped = source.replace('value="start"', 'value="__tmp__"').replace('value="extend"', 'value="start"')
    corrected = swapped.replace('value="__tmp__"', 'value="extend"').encode()
    linked.versions.deploy("gia-han", "default", bpmn=corrected)
    officer = Actor.officer("canbo.cutru", "cong-an", "cu-tru")
    case = CaseWalk(linked, clock, "gia-han", "default")
    case.do("TiepNhan", {}, officer)
    [ignored] = case.events("legal_clock_ignored")
    assert ignored.element_id == "TiepNhan" and "has not started" in ignored.data["reason"]
    assert case.do("XacMinh", {}, officer).legal_clock.started_at is not None
