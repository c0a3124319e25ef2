"""The world of one scenario: the real engine on SQLite, a fake clock, the variant under test, its case."""

from __future__ import annotations

import difflib
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, NoReturn

import pytest

from engine import CaseView, Engine, EventView, TaskView
from engine.actors import Actor
from engine.bpmn.elements import HUMAN_TASKS, Element
from engine.bpmn.model import ProcessModel
from engine.bpmn.procedure import CITIZEN_ROLE, Procedure
from engine.errors import LegalRuleError, LienThongError
from engine.time.clock import VN_TZ, FakeClock

from .describe import describe_case
from .fakes import FakeAgencies
from .phrases import StepProblem, normalise

DEFAULT_APPLICANT = "001203004567"
# Role words a scenario may use instead of a lane name (the agency then comes from the lane map).
ROLE_WORDS = {
    "một cửa": "mot-cua", "bộ phận một cửa": "mot-cua", "cán bộ một cửa": "mot-cua",
    "one-stop desk": "mot-cua", "the one-stop desk": "mot-cua", "chuyên viên": "chuyen-vien",
    "the specialist": "chuyen-vien",
    "specialist": "chuyen-vien", "trưởng phòng": "truong-phong", "head of division": "truong-phong",
    "lãnh đạo": "lanh-dao", "giám đốc": "lanh-dao", "lãnh đạo sở": "lanh-dao", "the director": "lanh-dao",
    "director": "lanh-dao", "văn thư": "van-thu", "clerical office": "van-thu",
}
CITIZEN_WORDS = {"công dân", "người nộp hồ sơ", "người dân", "phụ huynh", "người yêu cầu", "the citizen",
                 "citizen", "the applicant", "applicant"}


class World:
    """One scenario's engine, clock, procedure variant and case, with business-level actions."""

    def __init__(self, engine: Engine, clock: FakeClock, fakes: FakeAgencies, procedure: Procedure,
                 variant: str, process_file: Path | None = None) -> None:
        self.engine = engine
        self.clock = clock
        self.fakes = fakes
        self.procedure = procedure
        self.variant = variant
        self.process_file = process_file
        self.applicant = DEFAULT_APPLICANT
        self.dossier: dict[str, Any] = {}
        self.case: CaseView | None = None
        self.error: LienThongError | None = None
        self.step = ""  # the step being run, for failure messages (set by the conftest's hook)
        bpmn = process_file.read_bytes() if process_file else None
        self.version = engine.versions.deploy(procedure.slug, variant, bpmn=bpmn,
                                     filename=process_file.name if process_file else None,
                                     note="scenario run")
        self.model: ProcessModel = engine.versions.model(self.version.id)

    # -- explaining -------------------------------------------------------------------------------
    def fail(self, headline: str) -> NoReturn:
        """Stop the step with what was expected and what the case actually shows (no Python traceback)."""
        where = f"Bước hỏng: {self.step}\n" if self.step else ""
        pytest.fail(f"{where}{headline}\n{describe_case(self.engine, self.refresh())}", pytrace=False)

    def refresh(self) -> CaseView | None:
        """The case as the engine sees it now."""
        if self.case is not None:
            self.case = self.engine.cases.get(self.case.id)
        return self.case

    def current(self) -> CaseView:
        """The case, or a failure saying that no dossier was submitted yet."""
        case = self.refresh()
        if case is None:
            self.fail("Chưa có hồ sơ: thêm bước 'công dân nộp hồ sơ …' trước bước này.")
        return case

    def events(self, kind: str | None = None) -> list[EventView]:
        """The case's audit events, optionally of one kind."""
        case = self.current()
        return [e for e in self.engine.cases.history(case.id) if kind is None or e.kind == kind]

    # -- actors -----------------------------------------------------------------------------------
    def actor(self, who: str, task: TaskView | None = None) -> Actor:
        """The person a scenario names: a lane of the diagram, a role word, or the citizen."""
        name = normalise(who)
        if name in CITIZEN_WORDS:
            return Actor.citizen(self.applicant)
        for lane_name, lane in self.procedure.lanes.items():
            if normalise(lane_name) == name:
                if lane.role == CITIZEN_ROLE:
                    return Actor.citizen(self.applicant)
                return Actor.officer(f"{lane.role}@{lane.agency}", lane.agency, lane.role)
        role = ROLE_WORDS.get(name)
        if role is not None:
            agencies = sorted({lane.agency for lane in self.procedure.lanes.values() if lane.role == role})
            if task is not None and task.agency in agencies:
                agencies = [task.agency]
            if len(agencies) == 1:
                return Actor.officer(f"{role}@{agencies[0]}", agencies[0], role)
            if agencies:
                raise StepProblem(f"'{who}' có ở nhiều cơ quan ({', '.join(agencies)}): dùng tên làn "
                                     f"trong sơ đồ, một trong: {self._lane_names()}")
        raise StepProblem(f"không biết '{who}' là ai: dùng tên một làn trong sơ đồ "
                             f"({self._lane_names()}), 'công dân', hoặc một vai trò "
                             f"({', '.join(sorted(set(ROLE_WORDS)))})")

    def _lane_names(self) -> str:
        return ", ".join(f'"{name}"' for name in self.procedure.lanes)

    # -- submitting -------------------------------------------------------------------------------
    def submit(self, channel: str, data: dict[str, Any]) -> CaseView:
        """The citizen submits the dossier (the case starts)."""
        if self.case is not None:
            self.fail("Hồ sơ đã được nộp rồi; một kịch bản chỉ có một hồ sơ.")
        merged = {**self.dossier, **data}
        try:
            self.case = self.engine.cases.start(
                self.procedure.slug, variant=self.variant, version_id=self.version.id,
                applicant=self.applicant, data=merged, channel=channel, actor=Actor.citizen(self.applicant),
            )
        except LienThongError as exc:
            self.fail(f"Công dân không nộp được hồ sơ: {exc}")
        return self.case

    def natural_channel(self) -> str:
        """How this variant's dossiers arrive: at the desk if its start event is a trip, else online."""
        starts = [e for e in self.model.elements.values()
                  if e.kind == "startEvent" and e.file == self.model.bundle.main]
        return "truc-tiep" if any(e.properties.get("trips") for e in starts) else "online"

    # -- tasks ------------------------------------------------------------------------------------
    def open_tasks(self) -> list[TaskView]:
        """Every open human task of the case."""
        return self.engine.tasks.list(case_id=self.current().id)

    def find_task(self, text: str, who: str | None = None) -> TaskView:
        """The open task a scenario names (its name as in the diagram, part of it, or its id)."""
        tasks = self.open_tasks()
        wanted = normalise(text)
        for match in (lambda t: normalise(t.name) == wanted, lambda t: t.element_id.casefold() == wanted,
                      lambda t: wanted in normalise(t.name), lambda t: words_in_order(wanted, t.name)):
            found = [t for t in tasks if match(t)]
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                self.fail(f"'{text}' khớp nhiều việc đang chờ: {', '.join(repr(t.name) for t in found)}; "
                          "ghi rõ tên hơn.")
        for_whom = f" cho \"{_bare(who)}\"" if who else ""
        self.fail(f"Không có việc \"{text}\"{for_whom} đang chờ. {self.explain_element(text)}")

    def explain_element(self, text: str, kinds: frozenset[str] | None = HUMAN_TASKS) -> str:
        """Whether the diagram has an element of that name (of these kinds) at all, and where.

        This tells a case that took another path apart from a diagram that lost the step.
        """
        wanted = normalise(text)
        candidates = [e for e in self.model.elements.values()
                      if e.name and (kinds is None or e.kind in kinds)]
        elements = [e for e in candidates if words_in_order(wanted, e.name)]
        if elements:
            shown = "; ".join(f"\"{e.name}\" [{e.id}] ở làn \"{e.lane}\"" for e in elements[:3])
            return f"Sơ đồ có {shown}, nhưng hồ sơ chưa/không đến đó."
        close = difflib.get_close_matches(text, [e.name for e in candidates], n=3, cutoff=0.4)
        hint = f" Gần giống: {', '.join(repr(n) for n in close)}." if close else ""
        what = "việc" if kinds == HUMAN_TASKS else "bước"
        return f"Sơ đồ {self.diagram_name} không có {what} nào tên như vậy.{hint}"

    def diagram_has(self, text: str) -> bool:
        """Whether the diagram under test has a task of that name (any of its words, in order)."""
        wanted = normalise(text)
        return any(e.kind in HUMAN_TASKS and e.name and words_in_order(wanted, e.name)
                   for e in self.model.elements.values())

    @property
    def diagram_name(self) -> str:
        """The file the variant under test runs (the analyst's file with --process)."""
        return self.process_file.name if self.process_file else self.model.bundle.main

    def complete_task(self, who: str, task: TaskView, data: dict[str, Any], *, attempt: bool = False,
                      law_may_refuse: bool = False) -> None:
        """Complete an open task as `who`; with `attempt`, a refusal is kept for a later step to check.

        With `law_may_refuse`, the step may be done or refused by a one-stop rule (engine/law/law.py): a
        variant whose diagram keeps the rule by itself accepts it, another is stopped by the engine.
        """
        actor = self.actor(who, task)
        self.error = None
        try:
            self.case = self.engine.tasks.complete(task.id, data, actor)
        except LienThongError as exc:
            if attempt or (law_may_refuse and isinstance(exc, LegalRuleError)):
                self.error = exc
                return
            self.fail(f"\"{_bare(who)}\" không hoàn thành được \"{task.name}\": {exc}")
        if attempt:
            self.fail(f"Mong đợi \"{_bare(who)}\" bị từ chối khi làm \"{task.name}\", nhưng hệ thống vẫn "
                      "chấp nhận.")

    def form_of(self, task: TaskView) -> dict[str, Any] | None:
        """The JSON Schema of an open task's form."""
        element = self.model.elements.get(task.element_id)
        return self.model.form_for(element) if element else None

    def tasks_where(self, predicate: Any) -> list[TaskView]:
        """Open tasks whose diagram element satisfies `predicate`."""
        return [t for t in self.open_tasks() if predicate(self.model.elements[t.element_id])]

    def is_supplement_request(self, element: Element) -> bool:
        """A step that asks the citizen for supplements (Mẫu 02, pauses the clock, or status 5)."""
        props = element.properties
        return (props.get("legal_clock") == "pause" or props.get("status") == "5"
                or props.get("document") == "mau-02")

    def is_supplement_receipt(self, element: Element) -> bool:
        """A step where the citizen's supplements come in: resumes the clock, or right after a request."""
        if element.properties.get("legal_clock") == "resume":
            return True
        sources = [self.model.elements.get(f.source) for f in self.model.flows.values()
                   if f.target == element.id]
        return any(s is not None and self.is_supplement_request(s) for s in sources)

    # -- time -------------------------------------------------------------------------------------
    def set_now(self, moment: datetime) -> None:
        """Move the clock to a moment (never backwards once a case exists) and fire what fell due."""
        if self.case is not None and moment < self.clock.now():
            raise StepProblem(f"không thể lùi thời gian từ {self.clock.now():%d/%m/%Y %H:%M} "
                                 f"về {moment:%d/%m/%Y %H:%M}")
        self.clock.set(moment)
        self.fire()

    def pass_working_days(self, days: int) -> None:
        """Let `days` working days go by, one day at a time, firing timers as they fall due."""
        for _ in range(days):
            now = self.clock.now().astimezone(VN_TZ)
            day = self.engine.calendar.next_working_day(now.date())
            self.clock.set(datetime.combine(day, now.timetz()))
            self.fire()

    def pass_time(self, delta: timedelta) -> None:
        """Let calendar time go by and fire timers."""
        self.clock.advance(delta)
        self.fire()

    def fire(self) -> None:
        """Fire due timers; a timer that fails is a failing step, with the engine's reason."""
        result = self.engine.timers.fire_due()
        if result.failed:
            self.fail("Hẹn giờ bị lỗi khi chạy: "
                      + "; ".join(f"{case}: {why}" for case, why in result.failed))


def words_in_order(wanted: str, name: str) -> bool:
    """Every word of `wanted` appears in `name`, in order: "Ký khai sinh" ~ "Ký số Trích lục khai sinh"."""
    words = iter(re.findall(r"\w+", normalise(name)))
    return all(word in words for word in re.findall(r"\w+", wanted))


def _bare(who: str) -> str:
    """A person's name as written in a step, without its quotes."""
    return who.strip().strip('"')
