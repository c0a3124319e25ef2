"""Drafts the studio checks: each a folder under the installation's drafts directory (never the catalogue),
holding the diagram as the modeler saved it, who saved it, and the verdict of its Check."""

from __future__ import annotations

import json
import re
import secrets
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from engine.bpmn.reader import parse_bpmn
from engine.errors import NotFoundError, ValidationError

MAX_DRAFT_BYTES = 2 * 1_048_576  # the largest catalogue diagram is under 100 kB
KEEP_PER_GROUP = 50  # drafts are disposable (a submitted one is a version in the database): the newest stay
DRAFT_ID = re.compile(r"^[0-9a-f]{16}$")
META = "nhap.json"


@dataclass(frozen=True)
class Draft:
    """A saved draft: its id, the procedure variant it stands for, its diagram file, author and verdict."""

    id: str
    slug: str
    variant: str
    path: Path
    author: str
    saved_at: str
    verdict: str | None = None


class Drafts:
    """The drafts directory: save a draft, find one again, record its verdict, the latest of a variant."""

    def __init__(self, root: Path, catalog_root: Path | None, keep: int = KEEP_PER_GROUP) -> None:
        self.root = root.resolve()
        self.keep = keep
        if catalog_root is not None and self.root.is_relative_to(catalog_root.resolve()):
            raise ValueError(f"the drafts directory {root} lies inside the catalogue {catalog_root}: "
                             "a draft must never be taken for a catalogue file")

    def save(self, slug: str, variant: str, filename: str, content: bytes, author: str) -> Draft:
        """Keep a draft once the engine's hardened reader accepts it (size, no DTD, no entities)."""
        if len(content) > MAX_DRAFT_BYTES:
            raise ValidationError(f"sơ đồ {len(content)} byte, quá giới hạn {MAX_DRAFT_BYTES} byte",
                                  field="bpmn")
        parse_bpmn(content, filename=filename, max_bytes=MAX_DRAFT_BYTES)
        draft_id = secrets.token_hex(8)
        folder = self.root / slug / draft_id
        folder.mkdir(parents=True)
        (folder / filename).write_bytes(content)
        saved = datetime.now(UTC).isoformat(timespec="seconds")
        meta = {"variant": variant, "file": filename, "author": author, "saved_at": saved, "verdict": None}
        (folder / META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        self._prune(self.root / slug)
        return Draft(draft_id, slug, variant, folder / filename, author, saved)

    def _prune(self, group: Path) -> None:
        """Delete a group's oldest drafts beyond `keep`, so the directory does not grow without bound."""
        saved = sorted((f for f in group.iterdir() if (f / META).is_file()),
                       key=lambda f: (f / META).stat().st_mtime_ns, reverse=True)
        for old in saved[self.keep:]:
            shutil.rmtree(old, ignore_errors=True)  # a Check of it still running keeps its open file

    def get(self, slug: str, draft_id: str) -> Draft:
        """A draft by its id (NotFoundError for an unknown or malformed one)."""
        folder = self.root / slug / draft_id
        if not DRAFT_ID.match(draft_id) or not (folder / META).is_file():
            raise NotFoundError(f"không có bản nháp {draft_id}")
        return _read(slug, draft_id, folder)

    def record_verdict(self, draft: Draft, verdict: str) -> None:
        """Keep the verdict of the draft's Check (the catalogue page shows the latest)."""
        meta_file = draft.path.parent / META
        meta: dict[str, Any] = json.loads(meta_file.read_text(encoding="utf-8"))
        meta["verdict"] = verdict
        meta_file.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")

    def latest(self, slug: str, variant: str) -> Draft | None:
        """The most recently saved draft of a variant that has a verdict."""
        folder = self.root / slug
        drafts = [_read(slug, f.name, f) for f in folder.iterdir() if (f / META).is_file()] \
            if folder.is_dir() else []
        judged = [d for d in drafts if d.variant == variant and d.verdict is not None]
        return max(judged, key=lambda d: d.saved_at, default=None)


def _read(slug: str, draft_id: str, folder: Path) -> Draft:
    meta = json.loads((folder / META).read_text(encoding="utf-8"))
    return Draft(draft_id, slug, meta["variant"], folder / meta["file"], meta["author"], meta["saved_at"],
                 meta.get("verdict"))
