"""What a case waits for, and the position column that lists it on the case row."""

from __future__ import annotations

from datetime import datetime

from engine.run.waits import Waits, open_tasks, waiting_at
from engine.store.records import SubscriptionRecord, TimerRecord
from engine.time.clock import VN_TZ

DUE = datetime(2025, 3, 6, 17, 0, tzinfo=VN_TZ)


def test_the_position_column_decodes_to_elements_and_tasks() -> None:
    assert waiting_at("") == []
    assert waiting_at("ThamDinh=t-1,Timer_Han=,XinLoi=t-2") == [
        ("ThamDinh", "t-1"), ("Timer_Han", None), ("XinLoi", "t-2"),
    ]
    assert open_tasks("ThamDinh=t-1,Timer_Han=") == {"ThamDinh": "t-1"}


def test_the_waits_key_changes_only_with_timers_and_subscriptions() -> None:
    timer = TimerRecord("t-1", "c-1", "Timer_Han", DUE, True)
    subscription = SubscriptionRecord("c-1", "t-2", "ket_qua_cu_tru", "LT-1", "Nhan_KetQua")
    one = Waits(timers=[timer], subscriptions=[subscription])
    again = Waits(timers=[timer], subscriptions=[subscription])
    assert one.key() == again.key() == f"t-1@{DUE.isoformat()},t-2#ket_qua_cu_tru"
    moved = Waits(timers=[TimerRecord("t-1", "c-1", "Timer_Han", DUE.replace(day=7), True)])
    assert moved.key() != one.key() and Waits().key() == ""
