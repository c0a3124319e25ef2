"""store/outbox_store.py: the outbox as a work queue — leased in order per case, settled, dead, replayed."""

from __future__ import annotations

from datetime import timedelta

from engine import Engine
from engine.store.outbox_store import OutboxStore, Settled
from engine.time.clock import FakeClock
from tests.engine.services.conftest import registered

MINUTE = timedelta(minutes=1)


def test_a_case_s_rows_are_leased_in_order_and_once_while_leased(linked: Engine, clock: FakeClock) -> None:
    case = registered(linked)  # three rows: two status changes, then the message to the police
    queue, now = OutboxStore(linked.store), clock.now()
    leased = queue.lease("w1", now, now + MINUTE, limit=10)
    assert [(d.case_id, d.seq) for d in leased] == [(case.id, 1), (case.id, 2), (case.id, 3)]
    assert leased[0].idempotency_key == f"{case.id}:1" and leased[0].payload["status"] == 1
    assert queue.lease("w2", now, now + MINUTE, limit=10) == []  # held by w1
    assert queue.counts(now) == {"delivered": 0, "pending": 3, "leased": 3, "dead": 0}
    assert [d.seq for d in queue.lease("w2", now + 2 * MINUTE, now + 3 * MINUTE, limit=1)] == [1]


def test_a_failed_head_holds_the_rows_behind_it_until_it_is_due(linked: Engine, clock: FakeClock) -> None:
    registered(linked)
    queue, now = OutboxStore(linked.store), clock.now()
    head, *behind = queue.lease("w1", now, now + MINUTE, limit=10)
    failed = Settled(head.id, delivered=False, error="portal down", retry_at=now + 5 * MINUTE)
    queue.settle("w1", now, [failed])
    queue.release("w1", [d.id for d in behind])
    assert queue.lease("w1", now + MINUTE, now + 2 * MINUTE, limit=10) == []  # nothing overtakes the head
    again = queue.lease("w1", now + 5 * MINUTE, now + 6 * MINUTE, limit=10)
    assert [d.seq for d in again] == [1, 2, 3] and again[0].attempts == 1
    queue.settle("w1", now + 5 * MINUTE, [Settled(d.id, delivered=True) for d in again])
    assert queue.counts(now + 5 * MINUTE) == {"delivered": 3, "pending": 0, "leased": 0, "dead": 0}


def test_a_dead_letter_is_listed_for_its_agencies_and_replayed(linked: Engine, clock: FakeClock) -> None:
    case = registered(linked)
    queue, now = OutboxStore(linked.store), clock.now()
    head, *behind = queue.lease("w1", now, now + MINUTE, limit=10)
    queue.settle("w1", now, [Settled(head.id, delivered=False, error="HTTP 500", dead=True)])
    queue.release("w1", [d.id for d in behind])
    [dead], total = queue.dead_letters()
    assert (dead.case_id, dead.seq, dead.status, dead.attempts, dead.last_error, total) == (
        case.id, 1, 1, 1, "HTTP 500", 1)
    assert queue.dead_letter(head.id, agency="ubnd-xa") == dead  # the commune works the case
    assert queue.dead_letter(head.id, agency="so-khac") is None
    assert queue.dead_letters(agency="so-khac") == ([], 0)
    assert queue.lease("w1", now + MINUTE, now + 2 * MINUTE, limit=10) == []
    assert queue.replay() == 1 and queue.replay([head.id]) == 0
    assert [d.seq for d in queue.lease("w1", now + MINUTE, now + 2 * MINUTE, limit=10)] == [1, 2, 3]


def test_an_agency_reads_the_messages_sent_to_it_after_its_cursor(linked: Engine) -> None:
    case = registered(linked)
    queue = OutboxStore(linked.store)
    [item], total = queue.inbox("cong-an")
    assert (item.case_id, item.dossier_code, item.message, item.sender, total) == (
        case.id, case.dossier_code, "ho_so_cu_tru", "ubnd-xa", 1)
    assert item.payload == {"ma_ho_so": case.dossier_code, "ho_ten": "Lê Minh Khang"}
    assert queue.inbox("cong-an", after=item.id) == ([], 0)
    assert queue.inbox("ubnd-xa") == ([], 0)  # status changes go to the portal, not to a feed
