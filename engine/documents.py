"""Digitised dossiers: the files of documents attached to a case, stored outside the database.

The bytes go to a content-addressed file (`<dir>/ab/cd/<sha256>`): the same file uploaded twice is stored
once, and a stored file never changes. The database keeps one metadata row per attachment: the case, the
dossier component it stands for (a code of procedure.toml's `[[components]]`), the media type sniffed from
the content (never taken from the client), the size and the SHA-256. A document the same citizen already
submitted for an earlier case is offered for reuse: attaching it again adds a row, not a file.

Attaching, listing, reading and reusing them is the documents service's (engine/services/documents.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path, PurePath

from .errors import ValidationError

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
