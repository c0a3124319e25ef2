"""Documents: attach a digitised dossier component to a case, list, read and reuse a case's documents.

Who may attach, list, read and reuse: whoever may see the case (the citizen for their own cases, officers
and systems of the agencies working on it) — the engine's usual visibility rule, checked in the same
transaction as the row it lets in. The files themselves are engine/documents.py's `BlobStore`.
"""

from __future__ import annotations

import uuid

from ..actors import SYSTEM, Actor
from ..documents import (
    DEFAULT_MAX_BYTES,
    BlobStore,
    DocumentTooLargeError,
    UnsupportedDocumentError,
    safe_filename,
    sniff_media_type,
)
from ..errors import ConflictError, NotFoundError, ValidationError
from ..presenting import view_of
from ..run.audit import audit_event
from ..store import documents_store as q
from ..store.documents_store import DocumentRecord
from ..store.tx import Tx
from ..views import DocumentView
from .core import Core


class DocumentService:
    """Attach, list, read and reuse a case's documents (the engine's `documents`)."""

    def __init__(self, core: Core, blobs: BlobStore | None, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.core = core
        self._blobs = blobs
        self.max_bytes = max_bytes

    def attach(
        self,
        case_id: str,
        content: bytes,
        *,
        filename: str | None,
        component: str | None = None,
        actor: Actor = SYSTEM,
    ) -> DocumentView:
        """Store an uploaded document and attach it to the case (again the same file: the first row)."""
        blobs = self._kept()
        with self.core.store.transaction() as tx:
            case = self.core.visible_case(tx, case_id, actor)
            if len(content) > self.max_bytes:
                raise DocumentTooLargeError(
                    f"the document is {len(content):,} bytes; the limit is {self.max_bytes:,}",
                    field="file",
                    hint="scan at a lower resolution, or split it into one file per dossier component",
                )
            media_type = sniff_media_type(content)
            if media_type is None:
                raise UnsupportedDocumentError(
                    "the content is not a PDF, PNG, JPEG, XML or JSON document",
                    field="file",
                    hint="upload a scanned PDF or image, or the e-document (XML/JSON) itself",
                )
            component = self._component(case.procedure, component)
            # Written before its row, in the row's transaction: a file without a row is harmless (content-
            # addressed, never changed), a row without its file is not; only a visible case's file is kept.
            digest = blobs.put(content)
            record = DocumentRecord(
                id=uuid.uuid4().hex,
                case_id=case.id,
                applicant=case.applicant,
                component=component,
                filename=safe_filename(filename),
                media_type=media_type,
                size=len(content),
                sha256=digest,
                uploaded_by=actor.id,
                created_at=self.core.clock.now(),
            )
            return view_of(DocumentView, _add(tx, record))

    def reuse(
        self, case_id: str, document_id: str, *, component: str | None = None, actor: Actor = SYSTEM
    ) -> DocumentView:
        """Attach a document the same applicant submitted for another case, without a new upload."""
        self._kept()
        with self.core.store.transaction() as tx:
            case = self.core.visible_case(tx, case_id, actor)
            offered = {d.id: d for d in q.reusable(tx, case.applicant, case.id)}
            source = offered.get(document_id)
            if source is None:
                raise NotFoundError(
                    f"document {document_id} is not one of the applicant's documents offered for this case",
                    hint=f"GET /cases/{case.dossier_code}/documents/reusable lists them",
                )
            record = DocumentRecord(
                id=uuid.uuid4().hex,
                case_id=case.id,
                applicant=case.applicant,
                component=self._component(case.procedure, component or source.component),
                filename=source.filename,
                media_type=source.media_type,
                size=source.size,
                sha256=source.sha256,
                uploaded_by=actor.id,
                created_at=self.core.clock.now(),
                reused_from=source.id,
            )
            return view_of(DocumentView, _add(tx, record))

    def reusable(self, case_id: str, actor: Actor = SYSTEM) -> list[DocumentView]:
        """The applicant's documents from earlier cases that this case does not hold yet."""
        self._kept()
        with self.core.store.transaction(write=False) as tx:
            case = self.core.visible_case(tx, case_id, actor)
            return [view_of(DocumentView, r) for r in q.reusable(tx, case.applicant, case.id)]

    def read(self, case_id: str, document_id: str, actor: Actor = SYSTEM) -> tuple[DocumentView, bytes]:
        """A document of the case and its bytes."""
        blobs = self._kept()
        with self.core.store.transaction(write=False) as tx:
            case = self.core.visible_case(tx, case_id, actor)
            record = q.get_document(tx, document_id)
        if record is None or record.case_id != case.id:
            raise NotFoundError(f"case {case.dossier_code} has no document {document_id}")
        return view_of(DocumentView, record), blobs.read(record.sha256)

    @property
    def kept(self) -> bool:
        """Whether this installation keeps documents (it was given a documents directory)."""
        return self._blobs is not None

    def _kept(self) -> BlobStore:
        if self._blobs is None:
            raise ConflictError("this installation keeps no documents",
                                hint="give the engine a documents directory (LIENTHONG_DOCUMENTS_DIR)")
        return self._blobs

    def _component(self, procedure_slug: str, component: str | None) -> str | None:
        if component is None:
            return None
        procedure = self.core.catalog.procedure(procedure_slug)
        if component not in procedure.components:
            known = ", ".join(procedure.components) or "none"
            raise ValidationError(
                f"'{component}' is not a dossier component of {procedure.slug}",
                field="component",
                errors=[{"field": "component", "message": f"one of: {known}"}],
            )
        return component

    # Last in the class: below it, `list` names this method, not the built-in type.
    def list(self, case_id: str, actor: Actor = SYSTEM) -> list[DocumentView]:
        """A case's documents, oldest first."""
        self._kept()
        with self.core.store.transaction(write=False) as tx:
            case = self.core.visible_case(tx, case_id, actor)
            return [view_of(DocumentView, r) for r in q.documents_of(tx, case.id)]


def _add(tx: Tx, record: DocumentRecord) -> DocumentRecord:
    """Insert the row and its audit event, unless the case holds the same content as the same component."""
    same = q.find_in_case(tx, record.case_id, record.sha256, record.component)
    if same is not None:
        return same
    q.insert_document(tx, record)
    kind = "document_reused" if record.reused_from else "document_attached"
    data = {"document": record.id, "filename": record.filename, "media_type": record.media_type,
            "size": record.size, "sha256": record.sha256, "reused_from": record.reused_from}
    tx.append_events([audit_event(record.case_id, record.created_at, record.uploaded_by, kind,
                                  to_state=record.component, data=data)])
    return record
