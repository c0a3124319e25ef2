"""The API's own persistence, behind one seam: idempotency answers, agency API keys and the metrics' counts.

Its tables (`tables.py`) sit beside the engine's, on their own MetaData; `RequestStore` (`request_store.py`)
is the engine's Store with one HTTP request owning its transaction, and `ApiStore` (`api_store.py`) the
API's reads and writes in it. With `engine/store/`, this is the only package that imports SQLAlchemy
(docs/architecture.md says why); the rest of `api/` imports what it needs from here.
"""

from __future__ import annotations

from .api_store import ApiKeyRecord, ApiStore, Counts, StoredAnswer
from .request_store import RequestStore

__all__ = ["ApiKeyRecord", "ApiStore", "Counts", "RequestStore", "StoredAnswer"]
