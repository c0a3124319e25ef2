"""The documents service: one visibility check and its row in one transaction; views, not records."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import ConflictError, DocumentView, Engine, NotFoundError
from engine.bpmn.catalog import Catalog
from engine.store.store import Store
from engine.time.calendar import WorkingCalendar
from engine.time.clock import FakeClock

from .conftest import CITIZEN, CLERK, DATA, STRANGER, registered

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def kept(database_url: str, clock: FakeClock, folder: Path | None) -> Engine:
    store = Store(database_url)
    store.migrate()
    return Engine(catalog=Catalog(DATA), store=store, clock=clock, calendar=WorkingCalendar(),
                  documents_dir=folder)


def test_a_document_attached_listed_read_and_reused_is_a_view(
    database_url: str, clock: FakeClock, tmp_path: Path
) -> None:
    engine = kept(database_url, clock, tmp_path / "docs")
    try:
        first, second = registered(engine), registered(engine)
        attached = engine.documents.attach(first.id, PDF, filename="don.pdf", actor=CITIZEN)
        assert isinstance(attached, DocumentView) and attached.uploaded_by == CITIZEN.id
        assert engine.documents.list(first.dossier_code, CLERK) == [attached]
        assert engine.documents.read(first.id, attached.id, CLERK) == (attached, PDF)
        assert engine.documents.reusable(second.id, CITIZEN) == [attached]
        reused = engine.documents.reuse(second.id, attached.id, actor=CITIZEN)
        assert (reused.reused_from, reused.sha256) == (attached.id, attached.sha256)
        assert engine.documents.reusable(second.id, CITIZEN) == []
        with pytest.raises(NotFoundError):
            engine.documents.read(second.id, attached.id, CITIZEN)  # a document of the other case
    finally:
        engine.store.dispose()


def test_an_outsider_s_upload_is_refused_before_anything_is_stored(
    database_url: str, clock: FakeClock, tmp_path: Path
) -> None:
    engine = kept(database_url, clock, tmp_path / "docs")
    try:
        case = registered(engine)
        with pytest.raises(NotFoundError, match=f"no case {case.id}"):
            engine.documents.attach(case.id, PDF, filename="x.pdf", actor=STRANGER)
        assert not (tmp_path / "docs").exists()  # no file, no row
        assert engine.documents.list(case.id) == []
    finally:
        engine.store.dispose()


def test_an_engine_without_a_documents_directory_says_so(linked: Engine) -> None:
    case = registered(linked)
    with pytest.raises(ConflictError, match="keeps no documents"):
        linked.documents.attach(case.id, PDF, filename="don.pdf")
    with pytest.raises(ConflictError, match="keeps no documents"):
        linked.documents.list(case.id)
