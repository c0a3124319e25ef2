"""store/documents_store.py: document rows of a case, found by content, and the applicant's to reuse."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from engine import Engine
from engine.store import documents_store as documents
from engine.store.documents_store import DocumentRecord
from engine.time.clock import FakeClock

from .conftest import APPLICANT, start


def document(case_id: str, name: str, sha: str, clock: FakeClock, minutes: int = 0,
             component: str | None = "giay-khai-sinh") -> DocumentRecord:
    return DocumentRecord(id=name.replace(".", "-"), case_id=case_id, applicant=APPLICANT,
                          component=component, filename=name, media_type="application/pdf", size=3,
                          sha256=sha * 64, uploaded_by=APPLICANT,
                          created_at=clock.now() + timedelta(minutes=minutes))


def test_a_document_row_reads_back_as_it_was_written(linked: Engine, clock: FakeClock) -> None:
    case_id = start(linked)
    record = document(case_id, "giấy khai sinh.pdf", "a", clock)
    with linked.store.transaction() as tx:
        documents.insert_document(tx, record)
    with linked.store.transaction(write=False) as tx:
        assert documents.get_document(tx, record.id) == record
        assert documents.get_document(tx, "khong-co") is None
        assert documents.documents_of(tx, case_id) == [record]


def test_the_same_content_is_found_only_as_the_same_component(linked: Engine, clock: FakeClock) -> None:
    case_id = start(linked)
    named = document(case_id, "a.pdf", "a", clock)
    loose = document(case_id, "b.pdf", "b", clock, component=None)
    with linked.store.transaction() as tx:
        documents.insert_document(tx, named)
        documents.insert_document(tx, loose)
        assert documents.find_in_case(tx, case_id, "a" * 64, "giay-khai-sinh") == named
        assert documents.find_in_case(tx, case_id, "a" * 64, "to-khai") is None
        assert documents.find_in_case(tx, case_id, "b" * 64, None) == loose
        assert documents.find_in_case(tx, case_id, "a" * 64, None) is None


def test_reusable_offers_each_content_of_the_applicant_s_other_cases_once(linked: Engine,
                                                                         clock: FakeClock) -> None:
    first, second, third = start(linked), start(linked), start(linked)
    stranger = start(linked, applicant="001203009999")
    rows = [document(first, "a1.pdf", "a", clock), document(second, "a2.pdf", "a", clock, minutes=1),
            document(first, "b.pdf", "b", clock, minutes=2), document(third, "c.pdf", "c", clock)]
    other = replace(document(stranger, "d.pdf", "d", clock), applicant="001203009999")
    with linked.store.transaction() as tx:
        for row in [*rows, other]:
            documents.insert_document(tx, row)
    with linked.store.transaction(write=False) as tx:
        offered = documents.reusable(tx, APPLICANT, third)
        held = documents.reusable(tx, APPLICANT, second)
    # Newest first, one row per content (the latest), never the applicant's own case's nor another's files.
    assert [d.filename for d in offered] == ["b.pdf", "a2.pdf"]
    assert [d.filename for d in held] == ["b.pdf", "c.pdf"]
