"""The API's own persistence, behind one seam: idempotency answers and agency API keys.

Its tables (`tables.py`) sit beside the engine's, on their own MetaData; `ApiStore` (`api_store.py`) holds
the API's reads and writes, on the engine's Store or, `within` a request's unit of work, in its transaction.
With `engine/store/`, this is the only package that imports SQLAlchemy
(docs/architecture.md says why); the rest of `api/` imports what it needs from here.
"""

from __future__ import annotations

from .api_store import ApiKeyRecord, ApiStore, StoredAnswer

__all__ = ["ApiKeyRecord", "ApiStore", "StoredAnswer"]
