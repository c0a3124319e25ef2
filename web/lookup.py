"""What the citizens' lookup answers: the dossier's status, its appointment date and its steps so far, as
provincial portals show them — nothing of the officers, the form data or the applicant's person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from engine.law.status import DOSSIER_STATUSES, DossierStatus

from .reading import Dossier
from .vietnamese import FORM_TITLES, long_date, parse_day


@dataclass(frozen=True)
class Step:
    """One step of the dossier's progress."""

    at: datetime
    text: str


@dataclass(frozen=True)
class LookupAnswer:
    """The lookup's answer for one dossier."""

    dossier_code: str
    procedure: str
    status: int
    status_label: str
    received_at: datetime | None
    appointment: date | datetime | None  # the new date of an apology (Mẫu 04), else the legal due date
    returned_at: datetime | None
    steps: tuple[Step, ...]


def answer_of(dossier: Dossier) -> LookupAnswer:
    """The lookup's answer for a dossier found by its code and the applicant's id number."""
    case = dossier.case
    new_date = parse_day(case.summary.get("appointment"))
    return LookupAnswer(
        dossier_code=case.dossier_code,
        procedure=dossier.procedure.name_vi,
        status=case.status,
        status_label=case.status_label,
        received_at=case.legal_clock.started_at,
        appointment=new_date or case.legal_clock.due_at,
        returned_at=case.returned_at,
        steps=tuple(_steps(dossier)),
    )


def _steps(dossier: Dossier) -> list[Step]:
    steps = []
    for event in dossier.history:
        if event.kind == "case_started":
            steps.append(Step(event.at, "Nộp hồ sơ"))
        elif event.kind == "status_changed" and event.to_state and event.to_state.isdigit():
            code = int(event.to_state)
            if code in DOSSIER_STATUSES and code != DossierStatus.NEW:
                steps.append(Step(event.at, DossierStatus(code).label_vi))
        elif event.kind == "document_issued" and event.to_state in FORM_TITLES:
            steps.append(Step(event.at, f"Cấp {FORM_TITLES[event.to_state]}"))
        elif event.kind == "appointment_changed":
            new = parse_day(event.to_state)
            text = long_date(new) if new else str(event.to_state)
            steps.append(Step(event.at, f"Hẹn lại ngày trả kết quả: {text}"))
    return steps
