"""What the store defines for the engine above it (store/codes.py, store/errors.py) is the engine's own."""

from __future__ import annotations

from engine import errors
from engine.bpmn import procedure
from engine.law import status
from engine.store import codes
from engine.store import errors as store_errors


def test_the_engine_names_the_store_s_own_codes() -> None:
    # One definition: the store checks a row's status against the very statuses the engine reports.
    assert status.DossierStatus is codes.DossierStatus
    assert status.DOSSIER_STATUSES is codes.DOSSIER_STATUSES
    assert procedure.CITIZEN_ROLE is codes.CITIZEN_ROLE


def test_the_store_raises_errors_of_the_engine_s_one_hierarchy() -> None:
    # api/errors.py maps engine.errors once: the store's conflicts must be those very classes.
    assert errors.ConflictError is store_errors.ConflictError
    assert errors.CaseUnreadableError is store_errors.CaseUnreadableError
    assert issubclass(errors.NotFoundError, store_errors.LienThongError)
