"""The data of bench/scale.py: real cases of the five catalogue groups as templates, cloned in bulk.

Each group's procedure runs through the engine a few ways (driven to its end with plausible form data,
withdrawn, just submitted, two steps under way), a simulated day passing between steps. Their rows — the
case, its tasks, timers, subscriptions, events, outbox rows and parties — are then copied many times into the
store's own tables: new ids and dossier codes, dates moved to a random day of the last ten years (open cases:
the last two months), one INSERT per table per chunk of rows (executemany through SQLAlchemy Core on
SQLite, COPY on PostgreSQL). An open clone's workflow state gets fresh task ids throughout, so it can still
be stepped; a finished clone keeps its template's state.
"""

from __future__ import annotations

import random
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Table, insert, select

from engine import Engine
from engine.actors import SYSTEM, Actor
from engine.agencies.fakes import fake_connectors
from engine.bpmn.catalog import Catalog
from engine.bpmn.procedure import CITIZEN_ROLE
from engine.store import tables as t
from engine.store.store import Store
from engine.store.worker_tables import worker_metadata
from engine.time.calendar import WorkingCalendar
from engine.time.clock import FakeClock
from lienthong.compose.demo import sample

APPLICANT = "001203004567"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
WITHDRAWN = 7
CHUNK = 5_000  # cases per bulk insert
# Tables that hang off a case, and the columns holding a task id that must stay unique.
CHILDREN = [table for table in (*t.metadata.sorted_tables, *worker_metadata.tables.values())
            if "case_id" in table.c and table is not t.cases]
TASK_KEYS = {"tasks": "id", "timers": "task_id"}


@dataclass
class Template:
    """One real case's rows, by table."""

    rows: dict[str, list[dict[str, Any]]]
    completed: bool

    @property
    def case(self) -> dict[str, Any]:
        """The case row."""
        return self.rows["cases"][0]


def make_templates(store: Store, catalog: Catalog, at: datetime) -> list[Template]:
    """Run each catalogue group's procedure four ways and read back every row of those cases."""
    clock = FakeClock(at)
    engine = Engine(catalog=catalog, store=store, clock=clock, calendar=WorkingCalendar(),
                    connectors=fake_connectors())
    ids: list[str] = []
    for procedure in catalog.procedures():
        for steps, withdraw in ((99, False), (0, True), (0, False), (2, False)):
            ids.append(_drive(engine, clock, procedure.slug, steps, withdraw))
    return [_read(store, case_id) for case_id in ids]


def _drive(engine: Engine, clock: FakeClock, slug: str, steps: int, withdraw: bool) -> str:
    """A case of `slug`: `steps` tasks or awaited messages answered (a day apart), or withdrawn."""
    variant = next(iter(engine.catalog.procedure(slug).variants))
    version = engine.versions.deploy(slug, variant, note="bench/scale.py template")
    start = engine.versions.model(version.id).forms.get("start", {})
    case = engine.cases.start(slug, variant=variant, applicant=APPLICANT, data=sample(start),
                              channel="online")
    if withdraw:
        clock.advance(timedelta(days=1))
        return engine.cases.withdraw(case.id, reason="Công dân rút hồ sơ", actor=Actor.citizen(APPLICANT)).id
    for _ in range(steps):
        clock.advance(timedelta(hours=22))
        before, case = case.version, next_step(engine, case)
        if case.completed or case.version == before:
            break
    return case.id


def next_step(engine: Engine, case: Any) -> Any:
    """Complete the first open task, else answer the first awaited message as its sender would."""
    tasks = engine.tasks.list(SYSTEM, case_id=case.id, limit=1)
    if tasks:
        task = engine.tasks.get(tasks[0].id)
        actor = (Actor.citizen(APPLICANT) if task.role == CITIZEN_ROLE
                 else Actor.officer(f"bench.{task.role}", task.agency or "", task.role or ""))
        return engine.tasks.complete(task.id, sample(task.form or {}), actor)
    for awaited in case.awaiting:
        sender = Actor.agency_system(awaited.sender) if awaited.sender else SYSTEM
        return engine.messages.correlate(awaited.message, dossier_code=case.dossier_code,
                                         payload=awaited.example or {}, actor=sender)
    return case


def _read(store: Store, case_id: str) -> Template:
    with store.transaction(write=False) as tx:
        case = tx.c.execute(select(t.cases).where(t.cases.c.id == case_id))
        rows = {"cases": [dict(r._mapping) for r in case]}
        for table in CHILDREN:
            found = tx.c.execute(select(table).where(table.c.case_id == case_id))
            rows[table.name] = [dict(r._mapping) for r in found]
    return Template(rows, bool(rows["cases"][0]["completed"]))


class Cloner:
    """Makes the rows of new cases from templates."""

    def __init__(self, templates: list[Template], now: datetime, seed: int = 15) -> None:
        # One withdrawn dossier in ten; the others run to their end.
        self.finished = [tpl for tpl in templates if tpl.completed
                         for _ in range(1 if tpl.case["status"] == WITHDRAWN else 9)]
        self.open = [tpl for tpl in templates if not tpl.completed]
        self.now = now
        self.random = random.Random(seed)
        self.serial = 0
        self.applicants = [f"0012{n:08d}" for n in range(200_000)]

    def rows(self, count: int, finished: bool) -> dict[str, list[dict[str, Any]]]:
        """The rows of `count` new cases, by table."""
        out: dict[str, list[dict[str, Any]]] = {"cases": [], **{table.name: [] for table in CHILDREN}}
        for _ in range(count):
            self._clone(self.random.choice(self.finished if finished else self.open), finished, out)
        return out

    def _clone(self, template: Template, finished: bool, out: dict[str, list[dict[str, Any]]]) -> None:
        self.serial += 1
        old_case = template.case
        case_id = uuid.uuid4().hex
        days = self.random.uniform(20, 3650) if finished else self.random.uniform(0, 60)
        delta = self.now - timedelta(days=days) - old_case["created_at"]
        ids: dict[str, str] = {}
        if not finished:  # every task id of the workflow renewed, so that the clone can be stepped
            for text in (old_case["state"], old_case["position"], old_case["waits"]):
                for found in UUID.findall(text):
                    ids.setdefault(found, str(uuid.uuid4()))
        for name, key in TASK_KEYS.items():
            for row in template.rows[name]:
                ids.setdefault(row[key], str(uuid.uuid4()))
        code = f"BENCH-{self.serial:09d}"

        def renew(text: str) -> str:
            text = text.replace(old_case["dossier_code"], code).replace(old_case["id"], case_id)
            return UUID.sub(lambda m: ids.get(m.group(0), m.group(0)), text) if not finished else text

        case = _moved(old_case, delta)
        case.update(id=case_id, dossier_code=code, applicant=self.random.choice(self.applicants))
        for column in ("position", "waits", "summary") + (("state",) if not finished else ()):
            case[column] = renew(case[column])
        out["cases"].append(case)
        for table in CHILDREN:
            for old in template.rows[table.name]:
                row = _moved(old, delta)
                row["case_id"] = case_id
                key = TASK_KEYS.get(table.name)
                if key is not None:
                    row[key] = ids[old[key]]
                if table.name == "subscriptions":
                    row["task_id"] = ids.get(old["task_id"], old["task_id"])
                if table.name == "outbox":
                    row["payload"] = renew(row["payload"])
                    row["idempotency_key"] = f"{case_id}:{row['seq']}"
                    if finished:  # long delivered
                        row["delivered_at"] = row["delivered_at"] or row["created_at"]
                if _serial_key(table):
                    row.pop("id")
                out[table.name].append(row)


def _moved(row: dict[str, Any], delta: timedelta) -> dict[str, Any]:
    return {k: (v + delta if isinstance(v, datetime) else v) for k, v in row.items()}


def _serial_key(table: Table) -> bool:
    return "id" in table.c and table.c.id.autoincrement is True


def load(store: Store, cloner: Cloner, count: int, finished: bool) -> None:
    """Insert `count` cloned cases, a chunk at a time (one transaction and one statement per table)."""
    for size in _chunks(count):
        rows = cloner.rows(size, finished)
        with store.transaction() as tx:
            for table in (t.cases, *CHILDREN):
                if rows[table.name]:
                    _insert(tx.c, table, rows[table.name], store.is_sqlite)


def _chunks(count: int) -> Iterator[int]:
    while count > 0:
        yield min(CHUNK, count)
        count -= CHUNK


def _insert(connection: Any, table: Table, rows: list[dict[str, Any]], sqlite: bool) -> None:
    if sqlite:
        connection.execute(insert(table), rows)
        return
    columns = list(rows[0])
    cursor = connection.connection.driver_connection.cursor()
    names = ", ".join(f'"{c}"' for c in columns)
    with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])
    cursor.close()


def utc_now() -> datetime:
    """Now, to the second."""
    return datetime.now(UTC).replace(microsecond=0)
