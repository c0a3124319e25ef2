"""Digitised dossier components: content-addressed files, sniffed types, size cap, components, reuse."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine import Engine
from engine.actors import SYSTEM, Actor
from engine.bpmn.catalog import Catalog
from engine.documents import DocumentTooLargeError, UnsupportedDocumentError, safe_filename, sniff_media_type
from engine.errors import NotFoundError, ValidationError
from engine.store.store import Store
from engine.time.calendar import WorkingCalendar
from engine.time.clock import FakeClock
from tests.worker.support import CITIZEN, PROCEDURE, PROCESSES

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
OFFICER = Actor.officer("canbo.chuyenvien", "so-thu-nghiem", "chuyen-vien")
STRANGER = Actor.officer("canbo.khac", "so-khac", "chuyen-vien")


@pytest.fixture
def engine(database_url: str, tmp_path: Path) -> Iterator[Engine]:
    store = Store(database_url)
    store.migrate()
    built = Engine(
        catalog=Catalog(PROCESSES),
        store=store,
        clock=FakeClock("2025-03-03T09:00"),
        calendar=WorkingCalendar(),
        documents_dir=tmp_path / "documents",
        documents_max_bytes=4096,
    )
    yield built
    store.dispose()


def new_case(engine: Engine, applicant: str = CITIZEN) -> str:
    return engine.cases.start(PROCEDURE, variant="trang-thai", applicant=applicant).id


def test_an_upload_is_stored_once_by_content_and_described_by_what_it_is(
    engine: Engine, tmp_path: Path
) -> None:
    case_id = new_case(engine)
    citizen = Actor.citizen(CITIZEN)
    record = engine.documents.attach(
        case_id, PDF, filename="C:\\scan\\don.txt", component="don_de_nghi", actor=citizen
    )
    digest = hashlib.sha256(PDF).hexdigest()
    assert (record.media_type, record.sha256, record.size, record.filename) == (
        "application/pdf",
        digest,
        len(PDF),
        "don.txt",
    )
    stored = tmp_path / "documents" / digest[:2] / digest[2:4] / digest
    assert stored.read_bytes() == PDF
    assert engine.documents is not None
    again = engine.documents.attach(case_id, PDF, filename="don.pdf", component="don_de_nghi", actor=citizen)
    assert again.id == record.id  # attaching the same file twice changes nothing
    assert [d.id for d in engine.documents.list(case_id, OFFICER)] == [record.id]
    assert engine.documents.read(case_id, record.id, citizen) == (record, PDF)
    [event] = [e for e in engine.cases.history(case_id) if e.kind == "document_attached"]
    assert event.to_state == "don_de_nghi" and event.data["sha256"] == digest


def test_only_allowed_types_under_the_cap_for_a_known_component(engine: Engine) -> None:
    case_id = new_case(engine)
    with pytest.raises(UnsupportedDocumentError) as refused:
        engine.documents.attach(case_id, b"MZ\x90\x00 a program", filename="don.pdf")
    assert refused.value.field == "file"
    with pytest.raises(DocumentTooLargeError):
        engine.documents.attach(case_id, PDF + b"0" * 4096, filename="big.pdf")
    with pytest.raises(ValidationError) as unknown:
        engine.documents.attach(case_id, PDF, filename="don.pdf", component="hoc_ba")
    assert unknown.value.field == "component" and "don_de_nghi" in unknown.value.errors[0]["message"]
    assert engine.documents.attach(case_id, PNG, filename="anh.png").component is None


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'<?xml version="1.0"?><GiayKhaiSinh so="1"/>', "application/xml"),
        (b"\xef\xbb\xbf  <TrichLuc/>", "application/xml"),
        (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>', None),
        (b'{"so_dang_ky": "KS-0001"}', "application/json"),
        (b'{"so_dang_ky": ', None),
        (b"\xff\xd8\xff\xe0JFIF", "image/jpeg"),
        (b"plain text", None),
    ],
)
def test_the_type_is_read_from_the_content(content: bytes, expected: str | None) -> None:
    assert sniff_media_type(content) == expected


def test_file_names_keep_only_a_safe_last_part() -> None:
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("giấy khai sinh\x00.pdf") == "giấy khai sinh_.pdf"
    assert safe_filename("") == "tai-lieu"


def test_a_document_from_an_earlier_case_is_offered_for_reuse(engine: Engine, tmp_path: Path) -> None:
    assert engine.documents is not None
    first = new_case(engine)
    earlier = engine.documents.attach(first, PDF, filename="cccd.pdf", component="giay_to_tuy_than")
    engine.documents.attach(new_case(engine, "079090001111"), PNG, filename="other.png")  # someone else's
    second = new_case(engine)
    citizen = Actor.citizen(CITIZEN)
    assert [d.id for d in engine.documents.reusable(second, citizen)] == [earlier.id]

    reused = engine.documents.reuse(second, earlier.id, actor=citizen)
    assert (reused.case_id, reused.sha256, reused.component, reused.reused_from) == (
        second,
        earlier.sha256,
        "giay_to_tuy_than",
        earlier.id,
    )
    assert engine.documents.reusable(second, citizen) == []
    assert sum(1 for p in (tmp_path / "documents").rglob("*") if p.is_file()) == 2  # no new file
    assert engine.documents.read(second, reused.id, OFFICER)[1] == PDF
    with pytest.raises(NotFoundError):
        engine.documents.reuse(new_case(engine, "079090001111"), earlier.id)
    assert any(e.kind == "document_reused" for e in engine.cases.history(second))


def test_only_those_who_see_the_case_see_its_documents(engine: Engine) -> None:
    assert engine.documents is not None
    case_id = new_case(engine)
    record = engine.documents.attach(case_id, PDF, filename="don.pdf", actor=OFFICER)
    for outsider in (STRANGER, Actor.citizen("079090001111")):
        with pytest.raises(NotFoundError):
            engine.documents.attach(case_id, PDF, filename="don.pdf", actor=outsider)
        with pytest.raises(NotFoundError):
            engine.documents.read(case_id, record.id, outsider)
        with pytest.raises(NotFoundError):
            engine.documents.reusable(case_id, outsider)
    with pytest.raises(NotFoundError):
        engine.documents.read(new_case(engine), record.id, SYSTEM)
