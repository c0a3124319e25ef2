"""The outbox service: dead letters by agency and their replay, and an agency's inbox feed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from engine import Engine, ForbiddenError, NotFoundError
from engine.agencies.outbox import OutboxDelivery
from engine.agencies.remote import RemoteError
from engine.time.clock import FakeClock

from .conftest import CITIZEN, CLERK, POLICE, POLICE_OFFICER, STRANGER, registered


class Refusing:
    """A portal that refuses every request for good (each row is dead at its first attempt)."""

    def send(self, payload: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        raise RemoteError("HTTP 400", retryable=False, status=400)


def test_a_dead_letter_is_seen_by_its_case_s_agencies_and_replayed_once(
    linked: Engine, clock: FakeClock
) -> None:
    case = registered(linked)
    OutboxDelivery(linked.store, Refusing(), clock=clock).deliver_once()
    [letter], total = linked.outbox.dead_letters(CLERK)
    assert (total, letter.case_id, letter.dossier_code, letter.attempts) == (1, case.id, case.dossier_code, 1)
    assert linked.outbox.dead_letter(letter.id, CLERK) == letter
    assert linked.outbox.dead_letters(STRANGER) == ([], 0)
    with pytest.raises(NotFoundError):
        linked.outbox.dead_letter(letter.id, STRANGER)
    with pytest.raises(ForbiddenError):
        linked.outbox.dead_letters(CITIZEN)
    replayed = linked.outbox.replay(CLERK, letter.id)
    assert (replayed.replayed, replayed.counts["dead"]) == (1, 0)
    assert linked.outbox.replay(CLERK).replayed == 0  # nothing dead any more


def test_the_inbox_feeds_the_recipient_agency_after_a_cursor(linked: Engine) -> None:
    first, second = registered(linked), registered(linked)
    items, total = linked.outbox.inbox(POLICE)
    assert (total, [i.case_id for i in items]) == (2, [first.id, second.id])
    assert (items[0].message, items[0].sender, items[0].payload["ma_ho_so"]) == (
        "ho_so_cu_tru", "ubnd-xa", first.dossier_code,
    )
    assert linked.outbox.inbox(POLICE_OFFICER, after=items[0].id) == ([items[1]], 1)
    assert linked.outbox.inbox(CLERK) == ([], 0)  # the commune sent them, it does not receive them
    with pytest.raises(ForbiddenError):
        linked.outbox.inbox(CITIZEN)
