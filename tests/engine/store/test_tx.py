"""store/tx.py: one transaction's operations — a case written back only at the version read, tasks claimed
by one officer, the agencies of a case, its waits, its events."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from engine import ConflictError, Engine
from engine.store.records import EventRecord, TimerRecord
from engine.time.clock import FakeClock
from tests.engine.services.conftest import registered

from .conftest import start


def test_a_bundle_is_stored_once_per_content_hash(linked: Engine, clock: FakeClock) -> None:
    with linked.store.transaction() as tx:
        tx.put_bundle("h" * 64, "thu-tuc", "default", '{"a": 1}', clock.now())
        tx.put_bundle("h" * 64, "thu-tuc", "default", '{"a": 2}', clock.now())  # the same hash: kept as is
        assert tx.get_bundle("h" * 64) == '{"a": 1}' and tx.get_bundle("x" * 64) is None


def test_a_case_is_written_back_only_at_the_version_it_was_read(linked: Engine, clock: FakeClock) -> None:
    case_id = start(linked)
    with linked.store.transaction() as tx:
        case = tx.get_case(case_id)
        assert case is not None and tx.get_case_by_code(case.dossier_code) == case
        moved = replace(case, version=case.version + 1, status=2, updated_at=clock.now())
        tx.update_case(moved, case.version)
        with pytest.raises(ConflictError, match="changed by someone else"):
            tx.update_case(replace(case, version=case.version + 1), case.version)
        saved = tx.get_case(case_id)
    assert saved is not None and (saved.version, saved.status) == (case.version + 1, 2)


def test_a_task_is_claimed_by_one_officer_until_released(linked: Engine, clock: FakeClock) -> None:
    case_id = start(linked)
    with linked.store.transaction() as tx:
        [(task, code)] = tx.open_tasks_of_case(case_id)
        assert tx.claim_task(task.id, "hotich.xa") and tx.claim_task(task.id, "hotich.xa")  # again: one's own
        assert not tx.claim_task(task.id, "hotich.khac") and not tx.release_task(task.id, "hotich.khac")
        assert tx.release_task(task.id, "hotich.xa") and tx.claim_task(task.id, "hotich.khac")
        assert tx.close_tasks([task.id], "completed", "hotich.khac", clock.now()) == 1
        assert not tx.claim_task(task.id, "hotich.xa") and tx.open_tasks_of_case(case_id) == []
        found, case = tx.get_task_and_case(task.id)
        assert found is not None and case is not None and (found.state, case.id, case.dossier_code) == (
            "completed", case_id, code)
        assert tx.get_task_and_case("khong-co") == (None, None)


def test_a_case_is_seen_by_the_agencies_of_its_tasks_and_its_parties(linked: Engine) -> None:
    case_id = start(linked)
    with linked.store.transaction() as tx:
        tx.add_parties(case_id, ["cong-an", "ubnd-xa"])  # the commune has a task already: no party row
        tx.add_parties(case_id, ["cong-an"])  # once each
        assert tx.case_agencies(case_id) == {"ubnd-xa", "cong-an"}
        assert tx.task_agencies(case_id) == {"ubnd-xa"}


def test_a_case_s_waits_are_replaced_by_what_it_now_waits_for(linked: Engine, clock: FakeClock) -> None:
    case = registered(linked)
    later = clock.now() + timedelta(days=1)
    with linked.store.transaction() as tx:
        [subscription] = tx.subscriptions_of(case.id)
        assert tx.find_subscriptions(subscription.message, subscription.correlation) == [subscription]
        timer = TimerRecord(task_id="t-1", case_id=case.id, element_id="Timer_X", due_at=later)
        wait = replace(subscription, element_id="ChoKhac")
        tx.replace_waits(case.id, [timer], [wait])
        assert tx.timers_of(case.id) == [timer] and tx.subscriptions_of(case.id) == [wait]
        assert tx.next_timer_due() == later
        assert tx.due_timers(clock.now(), 10) == [] and tx.due_timers(later, 10) == [timer]
        assert tx.due_timers(later, 10, exclude=["t-1"]) == []
        assert tx.lock_timer("t-1") == timer and tx.lock_timer("t-2") is None
        tx.replace_waits(case.id, [], [])
        assert (tx.timers_of(case.id), tx.subscriptions_of(case.id), tx.next_timer_due()) == ([], [], None)


def test_events_are_appended_and_read_in_order(linked: Engine, clock: FakeClock) -> None:
    case_id = start(linked)
    with linked.store.transaction() as tx:
        before = tx.count_events("ghi-chu")
        tx.append_events([EventRecord(case_id, clock.now(), "hotich.xa", "ghi-chu", data={"n": n})
                          for n in (1, 2)])
        notes = tx.events(case_id, kinds=["ghi-chu"])
        assert [e.data for e in notes] == [{"n": 1}, {"n": 2}] and notes[0].id is not None
        assert tx.count_events("ghi-chu", case_id) == 2 == tx.count_events("ghi-chu") - before
        assert len(tx.events(case_id)) > 2  # the start's own events come first

