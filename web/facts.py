"""What a printed form says, taken from the case: who applied, for what, when it was received and is due, and
what the issuing step recorded (the supplement asked for, the reason of a refusal or delay, a new date).

A form applies to a case once the engine issued it: an element with `document=mau-0N` completed and left a
`document_issued` event with the step's data (engine/run/runtime.py). The latest issue is printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from engine import EventView
from engine.errors import ConflictError, NotFoundError

from .reading import Dossier
from .vietnamese import FORM_TITLES, parse_day

# Where the applicant's name is, by group: the first of these fields the case holds.
NAME_FIELDS = ("ho_ten", "ho_ten_nguoi_yeu_cau", "ho_ten_nguoi_nop", "ho_ten_me", "ho_ten_cha",
               "ho_ten_giam_doc", "ho_ten_hoc_sinh", "ten")
REASON_FIELDS = {"mau-02": ("noi_dung_bo_sung",), "mau-03": ("ly_do", "ly_do_tu_choi"),
                 "mau-04": ("ly_do_tre_han", "ly_do")}
ONE_STOP_ROLE = "mot-cua"


class FormNotIssuedError(ConflictError):
    """The case has not reached the step that issues this form (the API answers 409)."""

    title = "Biểu mẫu chưa được cấp"


@dataclass(frozen=True)
class Handoff:
    """One step of the case's control sheet (Mẫu 05): what was done, in which lane, when."""

    at: datetime
    step: str
    lane: str


@dataclass(frozen=True)
class FormFacts:
    """Everything one printed form shows."""

    form: str
    title: str
    dossier_code: str
    procedure: str
    procedure_code: str | None
    agency: str
    applicant_name: str
    applicant_id: str
    address: str | None
    phone: str | None
    email: str | None
    channel: str
    components: tuple[str, ...]
    received_at: datetime
    due_at: datetime | None
    days_allowed: int | None
    issued_at: datetime
    reason: str | None
    new_appointment: date | None
    result: str | None
    finished_at: datetime | None
    handoffs: tuple[Handoff, ...]
    lookup_url: str


def issue_of(history: tuple[EventView, ...], form: str) -> EventView | None:
    """The latest `document_issued` event of a form, if the case has one."""
    issued = [e for e in history if e.kind == "document_issued" and e.to_state == form]
    return issued[-1] if issued else None


def form_facts(dossier: Dossier, form: str, lookup_url: str) -> FormFacts:
    """The facts of one form of a case; FormNotIssuedError while the case has not issued it."""
    if form not in FORM_TITLES:
        known = ", ".join(FORM_TITLES)
        raise NotFoundError(f"'{form}' is none of the forms of Circular 01/2018 ({known})", field="form")
    case, procedure = dossier.case, dossier.procedure
    issue = issue_of(dossier.history, form)
    if issue is None:
        issued = sorted({e.to_state for e in dossier.history if e.kind == "document_issued" and e.to_state})
        raise FormNotIssuedError(
            f"case {case.dossier_code} has no {FORM_TITLES[form]} ({form}) yet: the engine issues it when "
            f"the step whose property is document={form} completes",
            hint=f"forms issued so far: {', '.join(issued) or 'none'}",
            details={"case_id": case.id},
        )
    data: dict[str, Any] = {**(case.data or {}), **issue.data}
    apology = parse_day(case.summary.get("appointment")) if form == "mau-04" else None
    return FormFacts(
        form=form,
        title=FORM_TITLES[form],
        dossier_code=case.dossier_code,
        procedure=procedure.name_vi,
        procedure_code=case.procedure_code,
        agency=_agency(dossier),
        applicant_name=_first(data, NAME_FIELDS) or f"người có số định danh {case.applicant}",
        applicant_id=case.applicant,
        address=_first(data, ("dia_chi", "dia_chi_lien_he")),
        phone=_first(data, ("so_dien_thoai",)),
        email=_first(data, ("email",)),
        channel=case.channel,
        components=tuple(str(c.get("name_vi") or code) for code, c in procedure.components.items()),
        received_at=case.legal_clock.started_at or case.created_at,
        due_at=case.legal_clock.due_at,
        days_allowed=case.legal_clock.days_allowed,
        issued_at=issue.at,
        reason=_first(issue.data, REASON_FIELDS.get(form, ())),
        new_appointment=apology or parse_day(issue.data.get("ngay_hen_moi")),
        result=case.result,
        finished_at=case.finished_at,
        handoffs=_handoffs(dossier.history, issue.at),
        lookup_url=lookup_url,
    )


def _first(data: dict[str, Any], fields: tuple[str, ...]) -> str | None:
    return next((str(data[f]).strip() for f in fields if str(data.get(f) or "").strip()), None)


def _agency(dossier: Dossier) -> str:
    """The agency whose one-stop desk receives the dossier (else the procedure's first agency)."""
    agencies = dossier.procedure.agencies
    lanes = dossier.procedure.lanes.values()
    desk = next((lane.agency for lane in lanes if lane.role == ONE_STOP_ROLE), None)
    code = desk if desk in agencies else next(iter(agencies), "")
    return str(agencies.get(code, {}).get("name_vi") or code)


def _handoffs(history: tuple[EventView, ...], until: datetime) -> tuple[Handoff, ...]:
    """The case's completed tasks and events up to the form's issue, each with its lane."""
    steps = [e for e in history if e.kind == "element_completed" and e.at <= until
             and e.data.get("type") not in ("startEvent", "endEvent", "exclusiveGateway", "parallelGateway")
             and e.data.get("name")]
    return tuple(Handoff(e.at, str(e.data["name"]), str(e.data.get("lane") or "")) for e in steps)
