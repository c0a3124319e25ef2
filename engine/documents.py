"""Digitised dossiers: documents attached to a case, stored outside the database, reused across cases.

The bytes go to a content-addressed file (`<dir>/ab/cd/<sha256>`): the same file uploaded twice is stored
once, and a stored file never changes. The database keeps one metadata row per attachment: the case, the
dossier component it stands for (a code of procedure.toml's `[[components]]`), the media type sniffed from
the content (never taken from the client), the size and the SHA-256. A document the same citizen already
submitted for an earlier case is offered for reuse: attaching it again adds a row, not a file.

Who may attach, list, read and reuse: whoever may see the case (the citizen for their own cases, officers
and systems of the agencies working on it) — the engine's usual visibility rule.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import uuid
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from .actors import SYSTEM, Actor
from .audit import audit_event
from .errors import NotFoundError, ValidationError
from .procedure import Procedure
from .store import documents_store as q
from .store.documents_store import DocumentRecord

if TYPE_CHECKING:
    from .engine import Engine

DEFAULT_MAX_BYTES = 10 * 1_048_576
ALLOWED_TYPES = ("application/pdf", "image/png", "image/jpeg", "application/xml", "application/json")
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\]+")


class DocumentTooLargeError(ValidationError):
    """The document is over the size cap (the API answers 413)."""


class UnsupportedDocumentError(ValidationError):
    """The content is none of the allowed types (the API answers 415)."""


def sniff_media_type(content: bytes) -> str | None:
    """The media type the bytes show: PDF, PNG, JPEG, an XML or a JSON e-document; None for anything else."""
    if content.startswith(b"%PDF-"):
        return "application/pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    text = content.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<?xml") or re.match(rb"<[A-Za-z_]", text):
        # Stored, never parsed here; still, a DTD has no place in an e-document (entity expansion).
        head = text[:4096].lower()
        return None if b"<!doctype" in head or b"<!entity" in head else "application/xml"
    if text.startswith((b"{", b"[")):
        try:
            json.loads(text.decode("utf-8"))
        except ValueError:
            return None
        return "application/json"
    return None


def safe_filename(name: str | None) -> str:
    """The last path part of a client's file name, without control characters, at most 200 characters."""
    base = PurePath((name or "").replace("\\", "/")).name
    cleaned = _UNSAFE_NAME.sub("_", base).strip(" .")
    return cleaned[:200] or "tai-lieu"


class BlobStore:
    """Content-addressed files under a directory (an S3-compatible store can take its place later)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        """Where the content with this hash lives."""
        if not re.fullmatch(r"[0-9a-f]{64}", sha256):
            raise ValueError("not a SHA-256 hex digest")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, content: bytes) -> str:
        """Store content once; returns its SHA-256. Written to a temporary file, then renamed atomically."""
        digest = hashlib.sha256(content).hexdigest()
        target = self.path(digest)
        if target.exists():
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return digest

    def read(self, sha256: str) -> bytes:
        """The content with this hash."""
        return self.path(sha256).read_bytes()


class Documents:
    """Attach, list, read and reuse a case's documents (the engine's `documents`)."""

    def __init__(self, engine: Engine, blobs: BlobStore, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.engine = engine
        self.blobs = blobs
        self.max_bytes = max_bytes

    def attach(
        self,
        case_id: str,
        content: bytes,
        *,
        filename: str | None,
        component: str | None = None,
        actor: Actor = SYSTEM,
    ) -> DocumentRecord:
        """Store an uploaded document and attach it to the case (again the same file: the first row)."""
        case = self.engine.get_case(case_id, actor)
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
        digest = self.blobs.put(content)
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
            created_at=self.engine.clock.now(),
        )
        return self._add(record)

    def reuse(
        self, case_id: str, document_id: str, *, component: str | None = None, actor: Actor = SYSTEM
    ) -> DocumentRecord:
        """Attach a document the same applicant submitted for another case, without a new upload."""
        case = self.engine.get_case(case_id, actor)
        offered = {d.id: d for d in self.reusable(case.id, actor)}
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
            created_at=self.engine.clock.now(),
            reused_from=source.id,
        )
        return self._add(record)

    def of_case(self, case_id: str, actor: Actor = SYSTEM) -> list[DocumentRecord]:
        """A case's documents, oldest first."""
        case = self.engine.get_case(case_id, actor)
        with self.engine.store.transaction(write=False) as tx:
            return q.documents_of(tx, case.id)

    def reusable(self, case_id: str, actor: Actor = SYSTEM) -> list[DocumentRecord]:
        """The applicant's documents from earlier cases that this case does not hold yet."""
        case = self.engine.get_case(case_id, actor)
        with self.engine.store.transaction(write=False) as tx:
            return q.reusable(tx, case.applicant, case.id)

    def content(self, case_id: str, document_id: str, actor: Actor = SYSTEM) -> tuple[DocumentRecord, bytes]:
        """A document of the case and its bytes."""
        case = self.engine.get_case(case_id, actor)
        with self.engine.store.transaction(write=False) as tx:
            record = q.get_document(tx, document_id)
        if record is None or record.case_id != case.id:
            raise NotFoundError(f"case {case.dossier_code} has no document {document_id}")
        return record, self.blobs.read(record.sha256)

    def _component(self, procedure_slug: str, component: str | None) -> str | None:
        if component is None:
            return None
        procedure: Procedure = self.engine.catalog.procedure(procedure_slug)
        if component not in procedure.components:
            known = ", ".join(procedure.components) or "none"
            raise ValidationError(
                f"'{component}' is not a dossier component of {procedure.slug}",
                field="component",
                errors=[{"field": "component", "message": f"one of: {known}"}],
            )
        return component

    def _add(self, record: DocumentRecord) -> DocumentRecord:
        with self.engine.store.transaction() as tx:
            same = q.find_in_case(tx, record.case_id, record.sha256, record.component)
            if same is not None:
                return same
            q.insert_document(tx, record)
            kind = "document_reused" if record.reused_from else "document_attached"
            tx.append_events(
                [
                    audit_event(
                        record.case_id,
                        record.created_at,
                        record.uploaded_by,
                        kind,
                        to_state=record.component,
                        data={
                            "document": record.id,
                            "filename": record.filename,
                            "media_type": record.media_type,
                            "size": record.size,
                            "sha256": record.sha256,
                            "reused_from": record.reused_from,
                        },
                    )
                ]
            )
        return record
