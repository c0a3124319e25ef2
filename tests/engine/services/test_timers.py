"""The timers service: a due timer fires once, whatever the number of passes; the next one's time."""

from __future__ import annotations

from datetime import timedelta

from engine import Engine
from engine.time.clock import FakeClock

from .conftest import registered


def test_the_police_s_share_runs_out_once_and_the_commune_reminds_them(
    linked: Engine, clock: FakeClock
) -> None:
    case = registered(linked)
    due = linked.timers.next_due()
    assert due is not None and due == case.awaiting[0].deadline
    assert linked.timers.fire_due().fired == 0  # not yet
    clock.advance(due - clock.now() + timedelta(minutes=1))
    result = linked.timers.fire_due()
    assert (result.fired, result.failed) == (1, ())
    assert linked.timers.fire_due().fired == 0  # fired exactly once
    assert "DonDoc" in {p.element_id for p in linked.cases.get(case.id).position}
    fired = [e.element_id for e in linked.cases.history(case.id) if e.kind == "timer_fired"]
    assert fired == ["Timer_HanCongAn"]
