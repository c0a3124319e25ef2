"""A simulated March 2025 whose every case's outcome is known in advance (the report tests' data).

The procedure promises 5 working days; March 2025 has no holiday. Each case below says when it was received,
when it was processed and returned, and so what the monthly report must count (EXPECTED).
"""

from __future__ import annotations

from typing import Any

import pytest

from engine import Engine
from engine.actors import SYSTEM
from engine.errors import LegalRuleError
from engine.time.clock import FakeClock
from tests.worker.support import CITIZEN, PROCEDURE

PDF = b"%PDF-1.7\n%%EOF\n"


class March:
    """Drives cases at given moments."""

    def __init__(self, engine: Engine, clock: FakeClock) -> None:
        self.engine, self.clock = engine, clock

    def receive(self, when: str, channel: str = "online", variant: str = "trang-thai") -> str:
        self.clock.set(when)
        return self.engine.cases.start(PROCEDURE, variant=variant, applicant=CITIZEN, channel=channel).id

    def work(self, case_id: str, when: str, **data: Any) -> None:
        self.clock.set(when)
        task = self.engine.tasks.list(SYSTEM, case_id=case_id)[0]
        self.engine.tasks.complete(task.id, data, SYSTEM)

    def process(self, case_id: str, when: str, payment: str | None = None) -> None:
        self.work(case_id, when, bo_sung=False, **({"thanh_toan": payment} if payment else {}))


def simulate(engine: Engine, clock: FakeClock) -> None:
    m = March(engine, clock)
    # Finished in February: not in March's report at all.
    c1 = m.receive("2025-02-24T09:00")
    m.process(c1, "2025-02-28T10:00")
    # Carried over from February (due 4, 5 and 6 March).
    c2 = m.receive("2025-02-25T09:00")
    m.process(c2, "2025-03-03T10:00")  # early (the day before it is due)
    m.work(c2, "2025-03-03T14:00")  # returned
    c3 = m.receive("2025-02-26T09:00")
    m.process(c3, "2025-03-06T10:00")  # late
    # This diagram has no apology (Mẫu 04): the engine refuses to close a late case without one
    # (engine/law/law.py), so c3 stays processed and not collected.
    with pytest.raises(LegalRuleError, match="apology"):
        m.work(c3, "2025-03-07T09:00")
    m.receive("2025-02-27T09:00")  # c4: still open at the end of March, late since the 6th
    # Received in March.
    c5 = m.receive("2025-03-03T09:00")  # due 10 March 17:00
    m.process(c5, "2025-03-10T15:00", payment="online")  # on time; never collected in March
    engine.documents.attach(c5, PDF, filename="don.pdf", component="don_de_nghi")
    c6 = m.receive("2025-03-05T09:00", channel="truc-tiep")  # at the desk: not fully online
    m.process(c6, "2025-03-07T10:00", payment="counter")  # early
    m.work(c6, "2025-03-07T11:00")
    engine.documents.attach(c6, PDF, filename="ghi-chu.pdf")  # no component: not a digitised component
    c7 = m.receive("2025-03-10T09:00")  # due 17 March
    m.work(c7, "2025-03-11T09:00", bo_sung=True)  # supplement handed in on paper: not fully online; late
    m.receive("2025-03-28T09:00")  # c8: due 4 April, not yet due
    m.receive("2025-03-25T09:00")  # c9: due 1 April 17:00, near due on 31 March
    c10 = m.receive("2025-03-31T16:00")  # after the 15:00 cut-off: counted from 1 April, due 8 April
    engine.documents.attach(c10, PDF, filename="cccd.pdf", component="giay_to_tuy_than")
    m.receive("2025-03-12T09:00", variant="dich-vu")  # never received by the desk: not counted
    m.receive("2025-04-01T10:00")  # April's
    clock.set("2025-04-15T09:00")


EXPECTED = {
    "received": 6,
    "carried_over": 3,
    "to_process": 9,
    "in_progress": 5,
    "in_progress_late": 2,
    "in_progress_near_due": 1,
    "in_progress_not_due": 2,
    "finished": 4,
    "finished_early": 2,
    "finished_on_time": 1,
    "finished_late": 1,
    "not_collected": 2,
    "fully_online": 4,
    "payments": 2,
    "paid_online": 1,
    "digitised": 2,
    "status_changes": 28,
    "synced": 0,
    "on_time_rate": 66.67,
    "fully_online_rate": 66.67,
    "online_payment_rate": 50.0,
    "synced_rate": 0.0,
    "digitised_rate": 33.33,
}
