"""A fake agency endpoint for messages from linked cases (`POST /api/lien-thong/messages`): the police's
residence system, a school's — whatever agency `agency_endpoints` points at it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from .server import FakeService, Refused

MESSAGES_PATH = "/api/lien-thong/messages"


class FakeAgencyInbox(FakeService):
    """Records each message it accepts, as an agency's integration endpoint would."""

    def apply(self, path: str, payload: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """Check and keep one message; the answer acknowledges the dossier and the message."""
        if path != MESSAGES_PATH:
            raise Refused(404, f"no such endpoint {path}; messages go to {MESSAGES_PATH}")
        code, message, seq = payload.get("dossier_code"), payload.get("message"), payload.get("seq")
        if payload.get("kind") != "message" or not isinstance(code, str) or not code:
            raise Refused(422, "a message from a linked case carries kind=message and its dossier_code")
        if not isinstance(message, str) or not message:
            raise Refused(422, "message (the message's name in the diagram) is required")
        if not isinstance(seq, int) or seq < 1:
            raise Refused(422, "seq must be a positive integer")
        at = datetime.now(UTC).isoformat()
        record = {"dossier_code": code, "message": message, "seq": seq, "received_at": at, "payload": payload}
        return {"ma_ho_so": code, "da_nhan": message, "thoi_diem_nhan": at}, record
