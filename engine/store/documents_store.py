"""Document metadata rows (the bytes live in files, see engine/documents.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from .rows import record_from_row
from .tx import Tx
from .worker_tables import documents


@dataclass(frozen=True)
class DocumentRecord:
    """One document attached to a case."""

    id: str
    case_id: str
    applicant: str
    component: str | None
    filename: str
    media_type: str
    size: int
    sha256: str
    uploaded_by: str
    created_at: datetime
    reused_from: str | None = None


def insert_document(tx: Tx, record: DocumentRecord) -> None:
    """Add a document row in the caller's transaction."""
    tx.c.execute(documents.insert().values(**record.__dict__))


def get_document(tx: Tx, document_id: str) -> DocumentRecord | None:
    """One document by id."""
    row = tx.c.execute(select(documents).where(documents.c.id == document_id)).first()
    return None if row is None else record_from_row(DocumentRecord, row)


def find_in_case(tx: Tx, case_id: str, sha256: str, component: str | None) -> DocumentRecord | None:
    """The same content already attached to a case as the same component (attaching twice is a no-op)."""
    query = select(documents).where(documents.c.case_id == case_id, documents.c.sha256 == sha256)
    query = query.where(
        documents.c.component.is_(None) if component is None else documents.c.component == component
    )
    row = tx.c.execute(query).first()
    return None if row is None else record_from_row(DocumentRecord, row)


def documents_of(tx: Tx, case_id: str) -> list[DocumentRecord]:
    """A case's documents, oldest first."""
    rows = tx.c.execute(
        select(documents)
        .where(documents.c.case_id == case_id)
        .order_by(documents.c.created_at, documents.c.id)
    )
    return [record_from_row(DocumentRecord, r) for r in rows]


def reusable(tx: Tx, applicant: str, case_id: str) -> list[DocumentRecord]:
    """The applicant's documents from other cases whose content this case does not hold yet, one row per
    content (the same file attached to several cases is offered once)."""
    held = select(documents.c.sha256).where(documents.c.case_id == case_id)
    latest = (
        select(func.max(documents.c.id).label("id"))
        .where(
            documents.c.applicant == applicant,
            documents.c.case_id != case_id,
            documents.c.sha256.not_in(held),
        )
        .group_by(documents.c.sha256)
        .subquery()
    )
    rows = tx.c.execute(
        select(documents)
        .where(documents.c.id.in_(select(latest.c.id)))
        .order_by(documents.c.created_at.desc(), documents.c.id)
    )
    return [record_from_row(DocumentRecord, r) for r in rows]
