"""History retention on both databases: the events of long-finished cases archived and deleted, no more."""

from __future__ import annotations

import gzip
import json
from datetime import timedelta
from pathlib import Path

from engine import Engine
from engine.actors import SYSTEM, Actor
from engine.run.audit import audit_event
from engine.store.records import EventRecord
from engine.store.retention_store import KEPT_KINDS, PURGED, purge_history
from engine.time.clock import FakeClock
from lienthong.compose.demo import sample

APPLICANT = "001203004567"
SLUG = "chuyen-truong-thpt"


def start(engine: Engine) -> str:
    form = engine.versions.model(engine.versions.deploy(SLUG, "to-be").id).forms.get("start", {})
    return engine.cases.start(SLUG, variant="to-be", applicant=APPLICANT, data=sample(form)).id


def finished(engine: Engine) -> str:
    case_id = start(engine)
    engine.cases.withdraw(case_id, reason="Gia đình không chuyển nữa", actor=Actor.citizen(APPLICANT))
    return case_id


def kinds(engine: Engine, case_id: str) -> list[str]:
    return [e.kind for e in engine.cases.history(case_id)]


def purge(engine: Engine, clock: FakeClock, days: int, archive: Path | None = None) -> tuple[int, int]:
    now = clock.now()

    def marker(case_id: str, deleted: int) -> EventRecord:
        return audit_event(case_id, now, SYSTEM.id, PURGED, data={"events": deleted})

    done = purge_history(engine.store, now - timedelta(days=days), now, marker, archive_dir=archive, batch=1)
    return done.cases, done.events


def test_only_cases_finished_before_the_cut_off_lose_their_events(engine: Engine, clock: FakeClock,
                                                                   tmp_path: Path) -> None:
    old = finished(engine)
    old_events = kinds(engine, old)
    clock.advance(timedelta(days=400))
    recent, still_open = finished(engine), start(engine)
    march = engine.reports.monthly("2025-03").to_dict()
    recent_events, open_events = kinds(engine, recent), kinds(engine, still_open)

    cases, events = purge(engine, clock, days=365, archive=tmp_path / "archive")

    assert (cases, events) == (1, len([k for k in old_events if k not in KEPT_KINDS]))
    assert set(kinds(engine, old)) <= set(KEPT_KINDS) and kinds(engine, old)[-1] == PURGED
    assert engine.cases.history(old)[-1].data == {"events": events}
    assert kinds(engine, recent) == recent_events and kinds(engine, still_open) == open_events
    assert engine.cases.get(old).status == 7  # the case itself stays, listed and counted
    assert engine.reports.monthly("2025-03").to_dict() == march
    (archive,) = (tmp_path / "archive").iterdir()
    with gzip.open(archive, "rt", encoding="utf-8") as lines:
        archived = [json.loads(line) for line in lines]
    assert [a["kind"] for a in archived] == [k for k in old_events if k not in KEPT_KINDS]
    assert {a["case_id"] for a in archived} == {old}


def test_a_second_purge_finds_nothing_more(engine: Engine, clock: FakeClock) -> None:
    first, second = finished(engine), finished(engine)
    clock.advance(timedelta(days=40))
    assert purge(engine, clock, days=30)[0] == 2
    assert purge(engine, clock, days=30) == (0, 0)
    assert kinds(engine, first).count(PURGED) == 1 and kinds(engine, second).count(PURGED) == 1
