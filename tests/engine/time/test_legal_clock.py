"""The legal clock through real cases: receipt and its 15:00 cut-off, pauses over holidays, extend, set.

`tests/data/processes/trai-luat` receives, pauses for a supplement and resumes; `gia-han` extends the
deadline (default) or sets it after reception (dat-han). Dates are checked against the `holidays` package.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import holidays
import pytest

from engine import Engine
from engine.actors import Actor
from engine.bpmn.catalog import Catalog
from engine.time.clock import FakeClock
from tests.conftest import make_engine
from tests.walk import CaseWalk

DATA = Path(__file__).resolve().parents[2] / "data" / "processes"
DESK = Actor.officer("canbo.motcua", "so", "mot-cua")
POLICE = Actor.officer("canbo.cutru", "cong-an", "cu-tru")
VN = holidays.country_holidays("VN")


@pytest.fixture
def lawless(database_url: str, clock: FakeClock) -> Iterator[Engine]:
    engine = make_engine(database_url, clock, Catalog(DATA))
    yield engine
    engine.store.dispose()


def at(text: str) -> datetime:
    return datetime.fromisoformat(text + "+07:00")


def received(engine: Engine, clock: FakeClock) -> CaseWalk:
    case = CaseWalk(engine, clock, "trai-luat", "default")
    case.do("TiepNhan", {}, DESK)
    return case


def test_a_dossier_keeps_the_rules_in_force_on_its_receipt_day(lawless: Engine, clock: FakeClock) -> None:
    clock.set("2025-06-30T16:00")  # Monday, after 15:00: counted from 1 July, but received on 30 June
    before = received(lawless, clock)
    clock.set("2025-07-01T09:00")
    after = received(lawless, clock)
    assert before.case.summary["rule_set"]["regime"]["code"] == "nd-61-2018"
    assert "procedure" not in before.case.summary["rule_set"]
    assert after.case.summary["rule_set"]["regime"]["code"] == "nd-118-2025"
    assert after.case.summary["rule_set"]["procedure"]["code"] == "sua-doi-2025"
    assert before.case.legal_clock.due_at is not None and after.case.legal_clock.due_at is not None
    assert before.case.legal_clock.due_at.isoformat() == "2025-07-04T17:00:00+07:00"  # 3 WD from 1 July
    assert after.case.legal_clock.due_at.isoformat() == "2025-07-08T17:00:00+07:00"  # 5 WD from 1 July
    before.wait(working_days=3, hours=9)  # its own deadline, not the new one, still rules it
    assert "XinLoi" in before.waiting_at() and "XinLoi" not in after.waiting_at()


def test_an_online_dossier_is_received_when_the_system_received_it(lawless: Engine, clock: FakeClock) -> None:
    clock.set("2025-03-03T14:00")
    case = CaseWalk(lawless, clock, "trai-luat", "default")
    clock.set("2025-03-04T10:00")  # the officer issues Mẫu 01 the next morning
    started = case.do("TiepNhan", {}, DESK).legal_clock.started_at
    assert started == datetime.fromisoformat("2025-03-03T14:00:00+07:00")
    desk = CaseWalk(lawless, clock, "trai-luat", "default", channel="truc-tiep")
    clock.set("2025-03-04T11:00")
    started = desk.do("TiepNhan", {}, DESK).legal_clock.started_at
    assert started == datetime.fromisoformat("2025-03-04T11:00:00+07:00")


@pytest.mark.parametrize(("moment", "due"), [("2025-03-03T15:00:00", "2025-03-06T17:00"),
                                             ("2025-03-03T15:00:01", "2025-03-07T17:00")])
def test_a_desk_receipt_at_15_counts_that_day_and_a_second_later_the_next(
    lawless: Engine, clock: FakeClock, moment: str, due: str
) -> None:
    case = CaseWalk(lawless, clock, "trai-luat", "default", channel="truc-tiep")
    clock.set(moment)
    view = case.do("TiepNhan", {}, DESK)
    assert view.legal_clock.due_at == at(due) and view.legal_clock.days_allowed == 3
    (started,) = case.events("legal_clock_started")
    assert started.element_id == "TiepNhan" and started.to_state == at(due).isoformat()


def test_a_pause_over_the_april_holidays_holds_the_deadline_and_its_timer(
    lawless: Engine, clock: FakeClock
) -> None:
    assert all(day in VN for day in (date(2025, 4, 30), date(2025, 5, 1), date(2025, 5, 2)))  # 2/5: swapped
    clock.set("2025-04-28T09:00")  # Monday; 3 WD: Tue 29/4, (30/4–4/5 off), Mon 5/5, Tue 6/5
    case = received(lawless, clock)
    assert case.case.legal_clock.due_at == at("2025-05-06T17:00")
    clock.set("2025-04-29T10:00")
    case.do("ThamDinh", {"ket_qua": "can_bo_sung"}, DESK)
    assert case.do("YeuCauBoSung", {}, DESK).legal_clock.paused
    clock.set("2025-05-06T18:00")  # past the original due time, while the citizen supplements
    assert case.wait() == 0 and "XinLoi" not in case.waiting_at()
    clock.set("2025-05-07T09:00")
    view = case.do("NhanBoSung", {}, DESK)
    # Working days lost after the pause day up to the resume day: 5/5, 6/5, 7/5 (the holidays are not).
    assert (view.legal_clock.paused, view.legal_clock.paused_days) == (False, 3)
    assert view.legal_clock.due_at == at("2025-05-09T17:00")
    (resumed,) = case.events("legal_clock_resumed")
    assert resumed.data == {"days_paused": 3} and resumed.to_state == at("2025-05-09T17:00").isoformat()
    clock.set("2025-05-09T16:59")
    assert case.wait() == 0
    assert case.wait(hours=0.02) == 1 and "XinLoi" in case.waiting_at()  # the shifted timer, at 17:00


def test_an_extension_moves_the_deadline_by_the_variants_days(lawless: Engine, clock: FakeClock) -> None:
    case = CaseWalk(lawless, clock, "gia-han", "default", channel="truc-tiep")
    case.do("TiepNhan", {}, POLICE)
    assert case.case.legal_clock.due_at == at("2025-03-06T17:00")
    view = case.do("XacMinh", {}, POLICE)  # extend_by = xac-minh: 2 working days
    assert view.legal_clock.due_at == at("2025-03-10T17:00")  # Fri 7, (weekend), Mon 10
    (extended,) = case.events("legal_clock_extended")
    assert extended.data == {"days": 2} and extended.element_id == "XacMinh"


def test_a_deadline_chosen_after_reception_counts_from_the_receipt(lawless: Engine, clock: FakeClock) -> None:
    case = CaseWalk(lawless, clock, "gia-han", "dat-han", channel="truc-tiep")
    case.do("TiepNhan", {}, POLICE)
    clock.set("2025-03-05T10:00")
    view = case.do("XacMinh", {}, POLICE)  # deadline = co-xac-minh: 5 working days from Monday 3 March
    assert view.legal_clock.due_at == at("2025-03-10T17:00")
    assert [e.data for e in case.events("legal_clock_set")] == [{"days": 5}]
