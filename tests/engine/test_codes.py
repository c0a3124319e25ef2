"""What the store defines for the engine above it (store/codes.py, store/errors.py) is the engine's own."""

from __future__ import annotations

from engine import errors
from engine.status import DOSSIER_STATUSES, DossierStatus
from engine.store import errors as store_errors
from engine.store.codes import DOSSIER_STATUS_CODES


def test_the_stored_status_codes_are_the_dossier_statuses() -> None:
    assert DOSSIER_STATUS_CODES == DOSSIER_STATUSES == {int(status) for status in DossierStatus}


def test_the_store_raises_errors_of_the_engine_s_one_hierarchy() -> None:
    # api/errors.py maps engine.errors once: the store's conflicts must be those very classes.
    assert errors.ConflictError is store_errors.ConflictError
    assert errors.CaseUnreadableError is store_errors.CaseUnreadableError
    assert issubclass(errors.NotFoundError, store_errors.LienThongError)
