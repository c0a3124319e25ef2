"""History retention: the audit events of cases finished before a cut-off, archived (optionally) and deleted.

A finished case keeps its row, tasks and outbox rows, so that it is still found, listed, counted and shown;
its events go, except those the monthly report reads (citizen touchpoints and payments: a past month's
figures do not change), and one `history_purged` event says how many went and when. Each batch of cases is
one transaction; with an archive directory, the deleted events are first appended to a gzip JSON-lines file
there (a batch that then fails may be archived twice; its events are still in the database).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Row, and_, delete, exists, or_, select

from . import tables as t
from .records import EventRecord
from .unit import Transactions

PURGED = "history_purged"
KEPT_KINDS = ("citizen_touchpoint", "payment", PURGED)  # reports_store.py reads the first two
e = t.events


@dataclass(frozen=True)
class Purged:
    """What a purge did: cases whose history went, events deleted, and the archive file (if any)."""

    cases: int = 0
    events: int = 0
    archive: Path | None = None


def purge_history(store: Transactions, before: datetime, now: datetime,
                  marker: Callable[[str, int], EventRecord], *, archive_dir: Path | None = None,
                  batch: int = 500) -> Purged:
    """Delete the events of cases finished before `before` (oldest first, `batch` cases a transaction);
    `marker(case_id, deleted)` makes the `history_purged` event each such case keeps."""
    c = t.cases.c
    has_history = exists().where(e.c.case_id == c.id, e.c.kind.not_in(KEPT_KINDS))
    archive = archive_dir / f"events-{now:%Y%m%dT%H%M%S}.jsonl.gz" if archive_dir is not None else None
    cases = events = 0
    after: tuple[datetime, str] | None = None
    while True:
        query = (select(c.id, c.finished_at)
                 .where(c.completed.is_(True), c.finished_at < before, has_history)
                 .order_by(c.finished_at, c.id).limit(batch))
        if after is not None:  # keyset: never rescan the cases already done in this run
            later = or_(c.finished_at > after[0], and_(c.finished_at == after[0], c.id > after[1]))
            query = query.where(later)
        with store.transaction() as tx:
            found = tx.c.execute(query).all()
            if not found:
                break
            after = (found[-1].finished_at, found[-1].id)
            ids = [r.id for r in found]
            doomed = and_(e.c.case_id.in_(ids), e.c.kind.not_in(KEPT_KINDS))
            rows = tx.c.execute(select(e).where(doomed).order_by(e.c.id)).all()
            if archive is not None:
                _archive(archive, rows)
            tx.c.execute(delete(e).where(doomed))
            gone: dict[str, int] = {}
            for row in rows:
                gone[row.case_id] = gone.get(row.case_id, 0) + 1
            tx.append_events([marker(case_id, count) for case_id, count in gone.items()])
        cases += len(ids)
        events += len(rows)
    return Purged(cases, events, archive if events else None)


def _archive(path: Path, rows: Sequence[Row[Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "at", encoding="utf-8") as out:
        for row in rows:
            record = {k: (v.isoformat() if isinstance(v, datetime) else v)
                      for k, v in row._mapping.items()}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
