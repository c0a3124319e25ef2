"""What a step sends to other agencies: outbox rows (portal statuses, messages to agencies) and the agencies
that come to take part in the case.

Both are written in the step's own transaction (engine/run/casefiles.py), so a message the case sends is
delivered exactly when the step that sent it commits: the worker delivers `message` rows to the agency's
endpoint like `status` rows to the portal, and the recipient reads them as its feed (GET /inbox).
"""

from __future__ import annotations

from datetime import datetime

from ..law.outcomes import result_notice
from ..law.status import DossierStatus
from ..run.runtime import CaseRun
from ..run.waits import Waits
from ..store.records import CaseRecord, OutboxRecord


def outbox_rows(run: CaseRun, now: datetime) -> list[OutboxRecord]:
    """One row per status change (for the portal) and per message sent to another agency, in order."""
    case = run.case
    rows = []
    for _, status in run.status_changes:
        body: dict[str, object] = {
            "dossier_code": case.dossier_code,
            "procedure": case.procedure,
            "procedure_code": run.model.procedure_code,
            "status": status,
            "status_label": DossierStatus(status).label_vi,
            "at": now.isoformat(),
        }
        if status == DossierStatus.RESULT_RETURNED:
            # The citizen's result notice: the case's result and, in a linked group, each part's own.
            body["result"] = case.result
            body.update(result_notice(run.model.procedure, case.summary))
        rows.append(_row(case, "status", now, None, body))
    sender: str | None = None  # worked out at the first message: most steps send none
    for event in run.events:
        if event.kind != "message_sent" or not event.data.get("agency"):
            continue
        sender = sender or case_agency(run)
        rows.append(
            _row(
                case,
                "message",
                now,
                str(event.data["agency"]),
                {
                    "kind": "message",
                    "dossier_code": case.dossier_code,
                    "procedure": case.procedure,
                    "procedure_code": run.model.procedure_code,
                    "message": event.data["message"],
                    "from": sender,
                    "to": event.data["agency"],
                    "payload": event.data.get("payload") or {},
                    "at": now.isoformat(),
                },
            )
        )
    return rows


def _row(
    case: CaseRecord, kind: str, now: datetime, recipient: str | None, payload: dict[str, object]
) -> OutboxRecord:
    case.outbox_seq += 1
    return OutboxRecord(
        case_id=case.id,
        seq=case.outbox_seq,
        kind=kind,
        payload={**payload, "seq": case.outbox_seq},
        idempotency_key=f"{case.id}:{case.outbox_seq}",
        created_at=now,
        recipient=recipient,
    )


def case_agency(run: CaseRun) -> str | None:
    """The agency that runs the case: the agency of its executable pool."""
    pool = next((p for p in run.model.pools.values() if p.executable), None)
    return run.model.agency_of_pool(pool) if pool is not None else None


def new_parties(run: CaseRun, waits: Waits) -> set[str]:
    """Agencies the step brought into the case: recipients of its messages, senders of awaited ones."""
    agencies = {
        str(e.data["agency"]) for e in run.events if e.kind == "message_sent" and e.data.get("agency")
    }
    waiting = {s.element_id for s in waits.subscriptions}
    for contract in run.model.messages.values():
        if contract.sender and waiting & set(contract.elements):
            agencies.add(contract.sender)
    return agencies
