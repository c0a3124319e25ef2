"""engine/engine.py: the façade builds one core and one service per concept on it, reached the same way."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import ConflictError, Engine, Store
from engine.agencies.connectors import Connectors
from engine.bpmn.catalog import Catalog
from engine.time.calendar import WorkingCalendar
from engine.time.clock import FakeClock
from tests.engine.services.conftest import APPLICANT, CITIZEN, CLERK, DATA

# The services on the core (the outbox service holds only the store's outbox queue).
SERVICES = ("versions", "cases", "tasks", "incidents", "messages", "timers", "jobs", "documents", "reports")
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def build(url: str, clock: FakeClock, *, connectors: Connectors | None = None,
          documents_dir: Path | None = None, documents_max_bytes: int = 1 << 20) -> Engine:
    store = Store(url)
    store.migrate()
    return Engine(catalog=Catalog(DATA), store=store, clock=clock, calendar=WorkingCalendar(),
                  connectors=connectors, documents_dir=documents_dir, documents_max_bytes=documents_max_bytes)


def test_every_service_stands_on_the_one_core(database_url: str, clock: FakeClock) -> None:
    engine = build(database_url, clock)
    try:
        assert {getattr(engine, name).core for name in SERVICES} == {engine.core}
        assert (engine.catalog, engine.store, engine.clock, engine.calendar) == (
            engine.core.catalog, engine.core.store, engine.core.clock, engine.core.calendar)
        assert isinstance(engine.connectors, Connectors) and engine.connectors is engine.core.connectors
        # A case started by one service is the one the others work.
        case = engine.cases.start("lien-thong-mau", applicant=APPLICANT, data={"ho_ten": "Lê Minh Khang"})
        [task] = engine.tasks.list(case_id=case.id)
        done = engine.tasks.complete(task.id, {}, CLERK)
        assert engine.cases.get(case.id).version == done.version and engine.timers.next_due() is not None
        assert engine.versions.list()[0].id == case.version_id
    finally:
        engine.store.dispose()


def test_the_connectors_given_are_the_ones_service_tasks_call(sqlite_url: str, clock: FakeClock) -> None:
    connectors = Connectors()
    engine = build(sqlite_url, clock, connectors=connectors)
    try:
        assert engine.connectors is connectors
    finally:
        engine.store.dispose()


def test_documents_are_kept_only_with_a_documents_directory(sqlite_url: str, clock: FakeClock,
                                                            tmp_path: Path) -> None:
    bare = build(sqlite_url, clock)
    kept = build(sqlite_url, clock, documents_dir=tmp_path / "docs", documents_max_bytes=1024)
    try:
        case = kept.cases.start("lien-thong-mau", applicant=APPLICANT, data={"ho_ten": "Lê Minh Khang"})
        assert not bare.documents.kept and kept.documents.kept and kept.documents.max_bytes == 1024
        with pytest.raises(ConflictError, match="keeps no documents"):
            bare.documents.attach(case.id, PDF, filename="don.pdf", actor=CITIZEN)
        attached = kept.documents.attach(case.id, PDF, filename="don.pdf", actor=CITIZEN)
        assert kept.documents.read(case.id, attached.id, CLERK) == (attached, PDF)
        assert any((tmp_path / "docs").rglob(attached.sha256))
    finally:
        bare.store.dispose()
        kept.store.dispose()
