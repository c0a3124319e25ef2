"""The one module of web/ that calls the engine's façade: a case with its procedure and history, as seen by
a caller, or by a citizen who gives the dossier code and the applicant's id number."""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from engine.actors import SYSTEM, Actor
from engine.engine import Engine
from engine.errors import NotFoundError
from engine.procedure import Procedure
from engine.views import CaseView, EventView


@dataclass(frozen=True)
class Dossier:
    """A case, its procedure and its audit trail: everything the lookup page and the forms print."""

    case: CaseView
    procedure: Procedure
    history: tuple[EventView, ...]


def dossier(engine: Engine, case_id: str, actor: Actor) -> Dossier:
    """The case with its data and history, if the actor may see it (NotFoundError otherwise)."""
    case = engine.get_case(case_id, actor, with_data=True)
    return Dossier(case, engine.catalog.procedure(case.procedure), tuple(engine.case_history(case.id, actor)))


def looked_up(engine: Engine, dossier_code: str, id_number: str) -> Dossier | None:
    """The dossier with this code whose applicant has this id number; None when there is none, for an unknown
    code and a wrong id number alike (nothing tells them apart)."""
    try:
        case = engine.get_case(dossier_code, SYSTEM)
    except NotFoundError:
        return None
    same_code = case.dossier_code == dossier_code  # a case id is not a dossier code for a citizen
    same_applicant = hmac.compare_digest(case.applicant.encode(), id_number.encode())
    if not (same_code and same_applicant):
        return None
    return dossier(engine, case.id, SYSTEM)
