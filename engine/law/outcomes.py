"""Each procedure of a linked group has its own outcome: registered, or refused with its written reason.

A linked group (DOMAIN.md §2) runs several procedures as one dossier: the commune registers the birth, the
police the residence, social security issues the card. The police may refuse residence while the birth is
registered, so the case keeps one outcome per part (procedure.toml's `[[parts]]`) beside its overall
`result`, which stays what the diagram's `result` property says. The element that decides a part says so
(docs/modelling.md):

- `outcome`         the part it decides (a `[[parts]]` key)
- `outcome_field`   the field of this step's submission that says how: a refusal value (`tu_choi`,
                    `khong_dang_ky`, … engine/law/law.py) is refused, any other value registered
- `outcome_result`  registered | refused: the result when the element always decides one way (the
                    registration service task, the commune's refusal), or when `outcome_field` is not sent
- `reason_field`    where a refusal's written reason is (default `ly_do`)

Fields are read from what this step itself submitted (its form or message, in the record of steps,
engine/run/provenance.py), so another agency's `ly_do` is never taken for this one's. The case keeps the
outcomes in its summary (`outcomes`, by part); the case view, the result notice to the portal (status 10)
and the returned result (Mẫu 06) show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.task import Task

from ..bpmn.elements import Element
from ..bpmn.procedure import OUTCOME_RESULTS, Procedure
from ..run.provenance import steps_of
from ..views import OutcomeView
from .refusals import DEFAULT_REASON_FIELD, REFUSAL_VALUES

OUTCOMES_KEY = "outcomes"  # case summary: part key → {result, reason, decided_at, element}
REGISTERED, REFUSED = OUTCOME_RESULTS
RESULT_VI = {REGISTERED: "đã giải quyết", REFUSED: "bị từ chối"}


@dataclass(frozen=True)
class Decision:
    """What one element decided about one part of the group."""

    part: str
    result: str
    reason: str | None
    reason_field: str


def decision_of(workflow: BpmnWorkflow, task: Task, element: Element) -> Decision | None:
    """The part this element decides and how, read from what its step submitted; None if it decides none."""
    props = element.properties
    part = props.get("outcome")
    if not part:
        return None
    fixed = props.get("outcome_result", REGISTERED)  # a known value: checked when the model loads
    submitted = _submitted(workflow, task, element)
    field = props.get("outcome_field")
    value = submitted.get(field) if field else None
    if value is None or str(value).strip() == "":
        result = fixed
    else:
        result = REFUSED if str(value).strip().lower() in REFUSAL_VALUES else REGISTERED
    reason_field = props.get("reason_field", DEFAULT_REASON_FIELD)
    reason = submitted.get(reason_field) if result == REFUSED else None
    return Decision(part, result, reason.strip() if isinstance(reason, str) else None, reason_field)


def record(summary: dict[str, Any], decision: Decision, element: Element, at: datetime) -> dict[str, Any]:
    """Keep a part's outcome in the case summary (a later decision of the same part replaces it); returns
    what the audit event says of it."""
    summary.setdefault(OUTCOMES_KEY, {})[decision.part] = {
        "result": decision.result,
        "reason": decision.reason,
        "decided_at": at.isoformat(),
        "element": element.id,
    }
    return {"part": decision.part, "reason": decision.reason}


def outcome_views(procedure: Procedure | None, summary: dict[str, Any]) -> tuple[OutcomeView, ...]:
    """Every part of the group, in procedure.toml's order, with its outcome once decided."""
    if procedure is None:
        return ()
    decided = summary.get(OUTCOMES_KEY) or {}
    views = []
    for part in procedure.parts.values():
        entry = decided.get(part.key) or {}
        at = entry.get("decided_at")
        views.append(
            OutcomeView(
                part=part.key,
                name_vi=part.name_vi,
                agency=part.agency,
                agency_name=procedure.agency_name(part.agency),
                code=part.code,
                result=entry.get("result"),
                reason=entry.get("reason"),
                decided_at=datetime.fromisoformat(at) if at else None,
            )
        )
    return tuple(views)


def notice_vi(outcomes: tuple[OutcomeView, ...]) -> str:
    """The citizen's notice of the decided parts, in Vietnamese: which part was refused and why."""
    lines = []
    for outcome in outcomes:
        if outcome.result is None:
            continue
        line = f"{outcome.name_vi} ({outcome.agency_name}): {RESULT_VI[outcome.result]}"
        if outcome.result == REFUSED and outcome.reason:
            line += f" — lý do: {outcome.reason}"
        lines.append(line + ".")
    return " ".join(lines)


def payload(outcomes: tuple[OutcomeView, ...]) -> list[dict[str, Any]]:
    """The decided parts as JSON for the portal and the returned result."""
    return [
        {
            "part": o.part,
            "name_vi": o.name_vi,
            "agency": o.agency,
            "agency_name": o.agency_name,
            "code": o.code,
            "result": o.result,
            "result_vi": RESULT_VI[o.result],
            "reason": o.reason,
            "decided_at": o.decided_at.isoformat() if o.decided_at else None,
        }
        for o in outcomes
        if o.result is not None
    ]


def result_notice(procedure: Procedure | None, summary: dict[str, Any]) -> dict[str, Any]:
    """What the citizen's result notice says of the parts: each decided one, and the same in a sentence."""
    views = outcome_views(procedure, summary)
    decided = payload(views)
    return {"outcomes": decided, "thong_bao_ket_qua": notice_vi(views)} if decided else {}


def _submitted(workflow: BpmnWorkflow, task: Task, element: Element) -> dict[str, Any]:
    # A form or message records its submission under the element (engine/run/provenance.py); a service or
    # script task records none, and its own working data is what it produced.
    entry = steps_of(workflow).get(element.id)
    data = entry.get("data") if isinstance(entry, dict) else None
    return data if isinstance(data, dict) else dict(task.data)
