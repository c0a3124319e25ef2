"""Who may start cases and change procedures. (Who sees and works what is decided by the engine's queries.)"""

from __future__ import annotations

from engine.actors import Actor
from engine.bpmn.catalog import Catalog
from engine.bpmn.procedure import Procedure
from engine.errors import ForbiddenError, NotFoundError, ValidationError

EDITOR_ROLE = "bien-tap-quy-trinh"  # uploads new BPMN versions of its agency's procedures
REVIEWER_ROLE = "duyet-quy-trinh"  # activates a version someone else uploaded


def procedure_in_body(catalog: Catalog, code: str) -> Procedure:
    """A procedure named in a request body: unknown is a field error (422), not a missing resource."""
    try:
        return catalog.procedure(code)
    except NotFoundError as exc:
        raise ValidationError(exc.message, field="procedure",
                              errors=[{"field": "procedure", "message": exc.message}]) from None


def applicant_for_start(actor: Actor, procedure: Procedure, applicant: str | None,
                        dossier_code: str | None) -> str:
    """The applicant of a new case, if this caller may start it.

    Citizens start their own dossiers (online); officers and agency systems of an agency taking part in the
    procedure start dossiers for an applicant (received at the desk, by post, or forwarded by a portal).
    """
    if actor.kind == "citizen":
        if applicant not in (None, actor.id):
            raise ForbiddenError("a citizen may submit a dossier only in their own name")
        if dossier_code is not None:
            raise ForbiddenError("the dossier code of an online submission is assigned by the system")
        return actor.id
    if actor.agency not in procedure.agencies:
        raise ForbiddenError(f"agency '{actor.agency}' does not receive dossiers of '{procedure.slug}'",
                             hint=f"agencies of this procedure: {', '.join(procedure.agencies)}")
    if not applicant:
        message = "required when an officer or an agency system submits a dossier"
        raise ValidationError("say whose dossier this is", field="applicant",
                              errors=[{"field": "applicant", "message": message}])
    return applicant


def require_role(actor: Actor, procedure: Procedure, role: str, action: str) -> None:
    """Refuse unless the caller is an officer of an agency of the procedure holding `role`."""
    if actor.kind != "officer" or actor.agency not in procedure.agencies or role not in actor.roles:
        raise ForbiddenError(f"{action} needs an officer with role '{role}' in an agency of "
                             f"'{procedure.slug}' ({', '.join(procedure.agencies)})")
