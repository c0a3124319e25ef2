"""Inbound messages: another agency's system answers a case, correlated on the dossier code.

The payload is checked before the case moves (engine/bpmn/contracts.py, engine/run/inbound.py): a wrong one is
the sender's 422 and the case is untouched. A right one whose delivery then fails at a step of the case (a
gateway reading a field nobody gave it) is kept as an incident (services/incidents.py), not lost.
"""

from __future__ import annotations

from typing import Any

from ..actors import SYSTEM, Actor
from ..bpmn.contracts import check_payload
from ..bpmn.model import ProcessModel
from ..errors import ConflictError, ForbiddenError, NotFoundError
from ..run.inbound import refuse_system_fields
from ..run.runtime import CaseRun
from ..store.tx import Tx
from ..views import CaseView
from .core import Core
from .incidents import STEP_FAILURES, IncidentService


class MessageService:
    """Deliver inbound messages to the cases waiting for them (the engine's `messages`)."""

    def __init__(self, core: Core, incidents: IncidentService) -> None:
        self.core = core
        self.incidents = incidents

    def correlate(
        self, name: str, *, dossier_code: str, payload: dict[str, Any] | None = None, actor: Actor = SYSTEM
    ) -> CaseView:
        """Deliver an inbound message (another agency's reply) to the case waiting for it.

        When a step after it fails, the case stays where it was and the view lists the incident that keeps
        the message (its `incidents`); the sender may send a corrected message, or an officer corrects the
        case's data and retries.
        """
        core = self.core
        body = dict(payload or {})
        with core.store.transaction(write=False) as tx:
            subscriptions = tx.find_subscriptions(name, dossier_code)
            if not subscriptions:
                raise NotFoundError(
                    f"no case with dossier code {dossier_code} is waiting for message '{name}'",
                    hint="check the message name and the dossier code",
                )
            case = tx.get_case(subscriptions[0].case_id)
            assert case is not None
            model = core.files.model(tx, case.bundle_hash)
        if not actor.is_system and not may_send(model, name, actor):
            raise ForbiddenError(f"agency {actor.agency} does not send message '{name}' in this procedure")
        # Checked before the case moves: a wrong payload is the sender's 422 and the case is untouched.
        refuse_system_fields(body, f"message '{name}'")
        contract = model.contract(name)
        if contract is not None:
            check_payload(contract, body)
        task_ids = {s.task_id for s in subscriptions}

        def deliver(run: CaseRun) -> None:
            run.event(
                "message_received",
                subscriptions[0].element_id,
                to_state=name,
                data={"message": name, "from": actor.agency or actor.id, "payload": body},
            )
            if run.deliver_message(name, body, task_ids) == 0:
                raise ConflictError(f"case {dossier_code} no longer waits for '{name}'")

        def close(tx: Tx) -> None:
            self.incidents.close_message(tx, case.id, actor, name, f"a later '{name}' went through")

        read_version = case.version
        try:
            return core.step(case, model, actor, deliver, also=close)
        except STEP_FAILURES as exc:
            operation = {"kind": "message", "name": name, "payload": body, "sender": actor.agency or actor.id}
            with core.store.transaction() as tx:
                # The run changed the case record in memory only: answer from the committed row.
                committed = tx.get_case(case.id)
                assert committed is not None
                if committed.version != read_version:
                    raise ConflictError(
                        f"case {dossier_code} changed while '{name}' was delivered", hint="send it again"
                    ) from exc
                self.incidents.record(tx, case.id, actor, exc, operation)
                incidents = core.open_incidents(tx, case.id)
            return core.case_view(committed, model, incidents=incidents)


def may_send(model: ProcessModel, message: str, actor: Actor) -> bool:
    """Whether the actor's agency sends this message in the diagram (a message flow from its pool)."""
    for flow in model.message_flows:
        if flow.message != message:
            continue
        pool = model.pool_by_ref(flow.source)
        if pool is not None and model.agency_of_pool(pool) == actor.agency:
            return True
    return False
