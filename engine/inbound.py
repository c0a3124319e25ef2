"""Where outside data enters a case (start data, form data, message payloads): the names it may not use.

The engine owns the fields that identify and describe a dossier; a form or a message that names one would
forge it (a completed task carrying `ma_ho_so` used to rewrite the dossier code every later message
carried), so such data is refused whole, before the case moves.
"""

from __future__ import annotations

from typing import Any

from .errors import ValidationError

# Names the engine writes into every case's data, or that mean a case's own columns.
SYSTEM_FIELDS: dict[str, str] = {
    "ma_ho_so": "the dossier code",
    "nguoi_nop": "the applicant",
    "kenh": "the submission channel",
    "thoi_diem_tiep_nhan": "the receipt time",
    "trang_thai": "the dossier status",
    "phien_ban": "the case version",
}


def refuse_system_fields(data: dict[str, Any], where: str) -> None:
    """Raise ValidationError (422) naming each system field the data tries to set."""
    named = [name for name in data if name in SYSTEM_FIELDS]
    if not named:
        return
    errors = [
        {"field": name, "message": f"'{name}' is {SYSTEM_FIELDS[name]}, owned by the engine"}
        for name in named
    ]
    raise ValidationError(
        f"{where} may not set system fields: {', '.join(named)}",
        errors=errors,
        field=named[0],
        hint="leave these fields out: the engine sets them when the dossier is received",
    )
