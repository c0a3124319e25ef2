"""Who may use the studio: officers of a procedure's agencies with the API's version roles — an analyst
(`bien-tap-quy-trinh`) edits, checks and submits; a reviewer (`duyet-quy-trinh`) activates what another
person submitted (api/policy.py names the same roles; tests/web/test_studio.py keeps them equal)."""

from __future__ import annotations

from engine.actors import Actor
from engine.bpmn.procedure import Procedure
from engine.errors import ForbiddenError

ANALYST_ROLE = "bien-tap-quy-trinh"
REVIEWER_ROLE = "duyet-quy-trinh"
STUDIO_ROLES = (ANALYST_ROLE, REVIEWER_ROLE)
NOT_STUDIO = ("Xưởng quy trình dành cho cán bộ biên tập quy trình (bien-tap-quy-trinh) hoặc duyệt quy trình "
              "(duyet-quy-trinh)")


def require_studio(actor: Actor) -> None:
    """Refuse an officer who holds neither studio role."""
    if not set(actor.roles) & set(STUDIO_ROLES):
        raise ForbiddenError(NOT_STUDIO)


def may(actor: Actor, procedure: Procedure, role: str) -> bool:
    """Whether the officer holds `role` in an agency of the procedure."""
    return actor.kind == "officer" and actor.agency in procedure.agencies and role in actor.roles


def require(actor: Actor, procedure: Procedure, role: str, action: str) -> None:
    """Refuse unless the officer holds `role` in an agency of the procedure."""
    if not may(actor, procedure, role):
        raise ForbiddenError(f"{action} cần cán bộ có vai trò {role} ở một cơ quan của thủ tục "
                             f"({', '.join(procedure.agencies)})")
