"""The one-stop law the engine enforces whatever a diagram says (DOMAIN.md §1.2; docs/modelling.md).

A diagram may forget a rule; the engine does not. Each check refuses the step that would break the rule
with a LegalRuleError naming the rule and its DOMAIN.md source tag; the transaction rolls back, so the
case stays where it was and the officer (or agency system) can take a lawful way on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from ..bpmn.elements import HUMAN_TASKS, Element
from ..errors import LegalRuleError
from ..run.stepping import CaseStep
from ..time.clock import local_date
from .outcomes import Decision
from .refusals import DEFAULT_REASON_FIELD, REASON_FIELDS, REFUSAL_VALUES, RESULT_PREFIXES
from .status import DossierStatus


@dataclass(frozen=True)
class Rule:
    """One rule of the one-stop mechanism and where DOMAIN.md takes it from."""

    name: str
    source: str
    name_vi: str = ""  # how analysts name it in scenarios (features/steps/law.py)


ONE_SUPPLEMENT = Rule(
    "one supplement request per dossier (Mẫu 02, once, in writing)",
    "DOMAIN.md §1.2 [S5]",
    "chỉ yêu cầu bổ sung một lần",
)
APOLOGY = Rule(
    "a late dossier ends only after its apology letter (Mẫu 04)",
    "DOMAIN.md §1.2 [S1][S14]",
    "hồ sơ trễ hạn phải có thư xin lỗi",
)
APPOINTMENT = Rule(
    "the apology's new appointment date is a working day, not before today",
    "DOMAIN.md §1.2 [S1][S9]",
    "ngày hẹn mới là ngày làm việc, không trước hôm nay",
)
WRITTEN_REASON = Rule(
    "every refusal or stop states a written reason",
    "DOMAIN.md §1.2 [S7][E9]",
    "từ chối hoặc dừng xử lý phải nêu lý do bằng văn bản",
)
RULES = (ONE_SUPPLEMENT, APOLOGY, APPOINTMENT, WRITTEN_REASON)

DEFAULT_APPOINTMENT_FIELD = "ngay_hen_moi"
SUPPLEMENTS_KEY = "supplement_requests"  # case summary: clock-pausing supplement requests so far
STOP_REASON_KEY = "stop_reason"  # case summary: why the dossier was stopped (status 8)
APOLOGY_KEY = "apology"  # case summary: the new appointment of the apology letter, once issued


class Law:
    """The checks one case run makes before and after each element, and at the end of each step."""

    def __init__(self, run: CaseStep) -> None:
        self.run = run

    # -- before an element's properties take effect ----------------------------------------------
    def check_element(self, task: Task, element: Element) -> None:
        """Refuse an element whose completion would break a rule (reason, supplement, appointment)."""
        props = element.properties
        if props.get("result") == "refused" or _status(props) == DossierStatus.STOPPED:
            field = props.get("reason_field", DEFAULT_REASON_FIELD)
            if not _written(task.data.get(field)):
                what = "a refusal" if props.get("result") == "refused" else "stopping a dossier (status 8)"
                raise self._refusal(
                    WRITTEN_REASON, f"{what} needs a written reason in field '{field}'", element, field
                )
        if props.get("legal_clock") == "pause" and self._supplement_used():
            raise self._refusal(
                ONE_SUPPLEMENT,
                "the citizen was already asked for supplements once; decide or refuse the dossier",
                element,
            )
        if props.get("document") == "mau-04" or "appointment_field" in props:
            field = props.get("appointment_field", DEFAULT_APPOINTMENT_FIELD)
            self._check_appointment(task.data.get(field), element, field)

    def check_outcome(self, decision: Decision, element: Element) -> None:
        """Refuse recording a part of a linked group as refused without its written reason."""
        if decision.result == "refused" and not _written(decision.reason):
            raise self._refusal(
                WRITTEN_REASON,
                f"refusing the part '{decision.part}' needs a written reason in field "
                f"'{decision.reason_field}'",
                element,
                decision.reason_field,
            )

    def record_element(self, task: Task, element: Element, paused_before: bool) -> None:
        """Remember what later checks need (a supplement asked for, an apology given), and why it stopped."""
        props, case = element.properties, self.run.case
        if _status(props) == DossierStatus.STOPPED:
            case.summary[STOP_REASON_KEY] = task.data.get(props.get("reason_field", DEFAULT_REASON_FIELD))
        if props.get("legal_clock") == "pause" and not paused_before and case.paused_at is not None:
            case.summary[SUPPLEMENTS_KEY] = case.summary.get(SUPPLEMENTS_KEY, 0) + 1
            self.run.context.supplements = case.summary[SUPPLEMENTS_KEY]
        if props.get("document") == "mau-04":
            case.summary[APOLOGY_KEY] = case.summary.get("appointment") or True

    # -- after a step ----------------------------------------------------------------------------
    def check_step(self, ready_before: set[str]) -> None:
        """Refuse a step that ends a late case without its apology, or offers a second supplement."""
        run, case = self.run, self.run.case
        ending = run.workflow.is_completed() and case.status != DossierStatus.WITHDRAWN
        if ending and self.late() and not case.summary.get(APOLOGY_KEY):
            raise LegalRuleError(
                f"dossier {case.dossier_code} is past its legal deadline and would end without the "
                "apology letter; issue Mẫu 04 with a new appointment date first",
                rule=APOLOGY.name,
                source=APOLOGY.source,
                hint="complete the apology task (Mẫu 04) before the step that ends the case",
            )
        if not self._supplement_used():
            return
        for task in run.workflow.get_tasks(state=TaskState.READY):
            element = run.model.elements.get(getattr(task.task_spec, "bpmn_id", None) or "")
            if (
                element is not None
                and element.kind in HUMAN_TASKS
                and str(task.id) not in ready_before
                and element.properties.get("legal_clock") == "pause"
            ):
                raise self._refusal(
                    ONE_SUPPLEMENT,
                    f"this step leads to a second supplement request ('{element.name or element.id}') after "
                    "the citizen already supplemented; decide or refuse the dossier",
                    element,
                )

    def check_message(self, name: str, payload: dict[str, Any]) -> None:
        """Refuse an agency's reply that says "refused" without a written reason."""
        refusals = [
            key
            for key, value in payload.items()
            if key.startswith(RESULT_PREFIXES) and str(value).strip().lower() in REFUSAL_VALUES
        ]
        if refusals and not any(_written(payload.get(field)) for field in REASON_FIELDS):
            raise LegalRuleError(
                f"message '{name}' refuses ({refusals[0]} = {payload[refusals[0]]}) without a written reason",
                rule=WRITTEN_REASON.name,
                source=WRITTEN_REASON.source,
                field=REASON_FIELDS[0],
                hint=f"send the reason in '{REASON_FIELDS[0]}'",
            )

    def late(self) -> bool:
        """Whether the legal clock ran out before the result was ready (a paused clock is not late)."""
        case = self.run.case
        if case.due_at is None or case.paused_at is not None:
            return False
        return (case.finished_at or self.run.now) > case.due_at

    # -- helpers ---------------------------------------------------------------------------------
    def _supplement_used(self) -> bool:
        return int(self.run.case.summary.get(SUPPLEMENTS_KEY, 0)) >= 1

    def _check_appointment(self, value: Any, element: Element, field: str) -> None:
        day = _parse_day(value)
        if day is None:
            raise self._refusal(
                APPOINTMENT, f"the apology needs a new appointment date in field '{field}'", element, field
            )
        today = local_date(self.run.now)
        calendar = self.run.calendar
        if day < today:
            problem = f"{day:%d/%m/%Y} is before today ({today:%d/%m/%Y})"
        elif not calendar.is_working_day(day):
            why = calendar.holiday_name(day) or "a weekly rest day"
            problem = f"{day:%d/%m/%Y} is not a working day ({why})"
        else:
            return
        raise self._refusal(APPOINTMENT, f"the new appointment date {problem}", element, field)

    def _refusal(
        self, rule: Rule, message: str, element: Element, field: str | None = None
    ) -> LegalRuleError:
        return LegalRuleError(
            message,
            rule=rule.name,
            source=rule.source,
            element_id=element.id,
            file=element.file,
            line=element.line,
            field=field,
        )


def _written(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _status(props: dict[str, str]) -> int | None:
    try:
        return int(DossierStatus.parse(props["status"])) if "status" in props else None
    except ValueError:
        return None


def _parse_day(value: Any) -> date | None:
    """A date from `2025-03-21`, `2025-03-21T10:00` or `21/03/2025`; None when it is none of them."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    try:
        if "/" in text:
            day, month, year = (int(part) for part in text.split("/"))
            return date(year, month, day)
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None
