"""Where outside data enters a case (start data, form data, message payloads): the names it may not use.

The engine owns the fields that identify and describe a dossier; a form or a message that names one would
forge it (a completed task carrying `ma_ho_so` used to rewrite the dossier code every later message
carried), so such data is refused whole, before the case moves. Names the sandbox binds (its helpers such
as `deadline`, its builtins, its guards such as `__lt_iter`, anything starting with `__`) are refused the
same way: a key named so would shadow them in every script and condition of the case and stall it.
"""

from __future__ import annotations

from typing import Any

from ..errors import ValidationError
from ..sandbox.sandbox import RESERVED_NAMES
from ..sandbox.scripting import HELPER_NAMES

# Names the engine writes into every case's data, or that mean a case's own columns.
SYSTEM_FIELDS: dict[str, str] = {
    "ma_ho_so": "the dossier code",
    "nguoi_nop": "the applicant",
    "kenh": "the submission channel",
    "thoi_diem_tiep_nhan": "the receipt time",
    "trang_thai": "the dossier status",
    "phien_ban": "the case version",
    "steps": "the record of each step's submitted data",
}


def refuse_system_fields(data: dict[str, Any], where: str) -> None:
    """Raise ValidationError (422) naming each system field or sandbox name the data tries to set."""
    refuse_reserved_names(data, where)
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


def refuse_reserved_names(data: dict[str, Any], where: str) -> None:
    """Raise ValidationError (422) naming each key that the sandbox reserves for its own names."""
    named = [name for name in data if name in RESERVED_NAMES or name in HELPER_NAMES or name.startswith("__")]
    if not named:
        return
    raise ValidationError(
        f"{where} may not use names the expressions reserve: {', '.join(named)}",
        errors=[{"field": n, "message": f"'{n}' is a name of the expression sandbox"} for n in named],
        field=named[0],
        hint="rename these fields (e.g. in Vietnamese: han_xu_ly instead of deadline)",
    )
