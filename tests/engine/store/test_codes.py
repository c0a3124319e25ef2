"""store/codes.py: the codes stored rows carry — defined once, named by the engine."""

from __future__ import annotations

from engine.bpmn import procedure
from engine.law import status
from engine.store import codes


def test_the_engine_names_the_store_s_own_codes() -> None:
    # One definition: the store checks a row's status against the very statuses the engine reports.
    assert status.DossierStatus is codes.DossierStatus
    assert status.DOSSIER_STATUSES is codes.DOSSIER_STATUSES == {int(s) for s in codes.DossierStatus}
    assert procedure.CITIZEN_ROLE is codes.CITIZEN_ROLE == "cong-dan"


def test_a_status_is_read_from_its_code_its_name_or_its_vietnamese_label() -> None:
    assert codes.DossierStatus.parse(4) is codes.DossierStatus.parse("4") is codes.DossierStatus(4)
    received = codes.DossierStatus(2)
    assert codes.DossierStatus.parse(received.name.lower()) is received
    assert codes.DossierStatus.parse(received.label_vi.upper()) is received
