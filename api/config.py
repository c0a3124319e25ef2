"""What the API is configured with, handed in by the composition root: `api/` reads no settings itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path


@dataclass(frozen=True)
class ApiConfig:
    """The HTTP side's limits and retention (lienthong/compose/settings.py maps LIENTHONG_* onto these)."""

    max_body_bytes: int = 1_048_576  # JSON bodies
    max_upload_bytes: int = 10 * 1_048_576  # BPMN uploads (parse_bpmn caps 10 MB)
    max_document_bytes: int = 10 * 1_048_576  # a dossier component (the engine refuses a larger content)
    idempotency_retention: timedelta = timedelta(hours=24)
    drafts_dir: Path = Path("var/drafts")  # the studio's drafts (web/studio/drafts.py), never the catalogue
