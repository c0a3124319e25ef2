"""The fake National Public Service Portal: takes dossier status changes (`POST /api/dossier-status`)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from .server import FakeService, Refused

STATUS_PATH = "/api/dossier-status"


class FakePortal(FakeService):
    """Records each status change it accepts, as the portal's sync endpoint would."""

    def apply(self, path: str, payload: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """Check and keep one status change; the answer echoes the dossier and the time it was taken."""
        if path != STATUS_PATH:
            raise Refused(404, f"no such endpoint {path}; status changes go to {STATUS_PATH}")
        code, status, seq = payload.get("dossier_code"), payload.get("status"), payload.get("seq")
        if not isinstance(code, str) or not code:
            raise Refused(422, "dossier_code (mã hồ sơ) is required")
        if not isinstance(status, int) or not 1 <= status <= 10:
            raise Refused(422, "status must be a dossier status code 1–10")
        if not isinstance(seq, int) or seq < 1:
            raise Refused(422, "seq (the change's number within its dossier) must be a positive integer")
        at = datetime.now(UTC).isoformat()
        record = {"dossier_code": code, "status": status, "seq": seq, "received_at": at, "payload": payload}
        answer = {"ma_ho_so": code, "trang_thai": status, "so_thu_tu": seq, "thoi_diem_nhan": at}
        return answer, record
