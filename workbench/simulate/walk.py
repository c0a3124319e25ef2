"""Walk one case of a diagram in the terminal: the open tasks and their forms, the values typed in, the next
step — so an analyst can try a fresh diagram without writing a scenario (`lienthong run FILE.bpmn`).

The case runs on the real engine, a throw-away SQLite store, a fake clock that moves only when told to
(`t N` lets N working days pass and fires the timers) and the local fakes of other agencies' systems.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from engine import CaseView, Engine, Store, TaskView
from engine.actors import Actor
from engine.agencies.fakes import fake_connectors
from engine.bpmn.catalog import Catalog
from engine.bpmn.procedure import CITIZEN_ROLE
from engine.errors import LienThongError
from engine.time.calendar import WorkingCalendar
from engine.time.clock import FakeClock
from workbench.variants import Outside, load_variant

Ask = Callable[[str], str]  # prompt → the line typed (raises EOFError when input ends)
Say = Callable[[str], None]
APPLICANT = "001203004567"
YES = {"c", "co", "có", "y", "yes", "true", "1"}
NO = {"k", "khong", "không", "n", "no", "false", "0"}


class Walk:
    """One case of one variant, driven by what the analyst types."""

    def __init__(self, engine: Engine, clock: FakeClock, slug: str, variant: str, ask: Ask, say: Say) -> None:
        self.engine, self.clock, self.slug, self.variant = engine, clock, slug, variant
        self.ask, self.say = ask, say

    def start(self, bpmn: bytes, filename: str) -> CaseView:
        """Deploy the file as the variant, ask the start form, start the case."""
        version = self.engine.versions.deploy(self.slug, self.variant, bpmn=bpmn, filename=filename,
                                     note="lienthong run")
        model = self.engine.versions.model(version.id)
        form = model.forms.get(f"start.{self.variant}") or model.forms.get("start")
        self.say(f"Hồ sơ mới / new case: {self.slug} ({self.variant}), {filename}")
        while True:
            data = self.fill(form, "Dữ liệu nộp hồ sơ / start data") if form else {}
            try:
                return self.engine.cases.start(self.slug, variant=self.variant, applicant=APPLICANT,
                                               data=data)
            except LienThongError as exc:
                if not form:
                    raise
                self.say(f"Lỗi / refused: {exc}")  # the form again: nothing typed is worth a traceback

    def run(self, case: CaseView) -> int:
        """Until the case ends (0) or the input does (1): show where it waits and do what is asked."""
        while True:
            case = self.engine.cases.get(case.id)
            if case.completed:
                self.say(f"Kết thúc / finished: {case.status_label} (status {case.status}), "
                         f"result {case.result or '—'}")
                return 0
            tasks = self.engine.tasks.list(case_id=case.id)
            self._show(case, tasks)
            try:
                if not self._act(self.ask("> ").strip(), case, tasks):
                    return 1
            except EOFError:
                self.say(f"Dừng / stopped: the input ended; the case still waits at {_places(case)}")
                return 1
            except LienThongError as exc:
                self.say(f"Lỗi / refused: {exc}")

    def _show(self, case: CaseView, tasks: list[TaskView]) -> None:
        self.say(f"— Trạng thái / status: {case.status_label} (status {case.status}); "
                 f"waits at {_places(case)}")
        for number, task in enumerate(tasks, 1):
            self.say(f"  {number}. {task.name} [{task.element_id}] — {task.lane or task.agency or ''}")
        for number, awaited in enumerate(case.awaiting, 1):
            self.say(f"  m{number}. message '{awaited.message}' from {awaited.sender or '?'} "
                     f"[{awaited.element_id}]")
        self.say("  t N. let N working days pass (timers fire) · q. quit")

    def _act(self, choice: str, case: CaseView, tasks: list[TaskView]) -> bool:
        """Do one chosen thing; False when the analyst quits."""
        if choice in ("q", "quit", ""):
            return choice == ""
        if choice.startswith("t"):
            days = int(choice[1:].strip() or 1)
            local = self.clock.now()
            day = self.engine.calendar.add_working_days(local.date(), days)
            self.clock.set(local.replace(year=day.year, month=day.month, day=day.day) + timedelta(minutes=1))
            fired = self.engine.timers.fire_due().fired
            self.say(f"{days} working day(s) later ({self.clock.now():%d/%m/%Y}): {fired} timer(s) fired")
        elif choice.startswith("m") and choice[1:].isdigit() and 0 < int(choice[1:]) <= len(case.awaiting):
            awaited = case.awaiting[int(choice[1:]) - 1]
            example = json.dumps(awaited.example or {}, ensure_ascii=False)
            typed = self.ask(f"payload JSON (Enter: {example}) ").strip()
            payload = json.loads(typed) if typed else dict(awaited.example or {})
            self.engine.messages.correlate(awaited.message, dossier_code=case.dossier_code, payload=payload)
        elif choice.isdigit() and 0 < int(choice) <= len(tasks):
            task = self.engine.tasks.get(tasks[int(choice) - 1].id)
            data = self.fill(task.form, task.name) if task.form else {}
            self.engine.tasks.complete(task.id, data, _actor(task))
            self.say(f"Xong / done: {task.name}")
        else:
            self.say(f"'{choice}': type a task number, m<number>, t <days> or q")
        return True

    def fill(self, form: dict[str, Any], title: str) -> dict[str, Any]:
        """Ask every field of a JSON Schema form; an empty answer leaves the field out."""
        self.say(f"Biểu mẫu / form: {form.get('title', title)}")
        required = set(form.get("required", []))
        data: dict[str, Any] = {}
        for name, field in form.get("properties", {}).items():
            if not isinstance(field, dict) or field.get("readOnly"):
                continue
            value = self._field(name, field, name in required)
            if value is not None:
                data[name] = value
        return data

    def _field(self, name: str, field: dict[str, Any], required: bool) -> Any:
        kind = field.get("type")
        choices = field.get("enum") or ([True, False] if kind == "boolean" else None)
        label = f"{field.get('title', name)} ({name}{', bắt buộc' if required else ''})"
        if choices:
            label += " " + " · ".join(f"{i}={json.dumps(c, ensure_ascii=False)}"
                                      for i, c in enumerate(choices, 1))
        while True:
            typed = self.ask(f"  {label}: ").strip()
            if not typed:
                return None
            try:
                return _parse(typed, kind, choices)
            except ValueError as exc:
                self.say(f"  {exc}")


def _parse(typed: str, kind: Any, choices: list[Any] | None) -> Any:
    """The typed text as the field's type: a choice by number or value, yes/no, a number, a list, text."""
    if choices:
        if typed.isdigit() and 0 < int(typed) <= len(choices):
            return choices[int(typed) - 1]
        if kind == "boolean" and typed.lower() in YES | NO:
            return typed.lower() in YES
        for choice in choices:
            if typed == str(choice):
                return choice
        raise ValueError(f"'{typed}' is not one of the choices: type its number")
    if kind == "integer":
        return int(typed)
    if kind == "number":
        return float(typed)
    if kind == "array":
        return [part.strip() for part in typed.split(",") if part.strip()]
    return typed


def _actor(task: TaskView) -> Actor:
    """The person of the task's lane (the citizen in a citizen's lane)."""
    if task.role == CITIZEN_ROLE or not task.agency:
        return Actor.citizen(APPLICANT)
    return Actor.officer(f"{task.role}@{task.agency}", task.agency, task.role or "")


def _places(case: CaseView) -> str:
    return ", ".join(f"{p.name or p.element_id} [{p.element_id}]" for p in case.position) or "nothing"


def walk_file(path: Path, outside: Outside, ask: Ask, say: Say, start: str | None = None) -> int:
    """Walk one case of a BPMN file (in the catalogue or claimed by it); returns the exit code."""
    variant = load_variant(path, outside)  # the same bundle lint, diff and simulate read
    procedure = variant.procedure
    if procedure is None:
        raise LienThongError(f"{path}: no procedure claims this file, so lanes and forms are unknown",
                             hint="name its procedure with --procedure SLUG")
    root = variant.home.parent if variant.home else path.resolve().parent.parent
    with tempfile.TemporaryDirectory(prefix="lienthong-run-") as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'run.db'}")
        store.migrate()
        clock = FakeClock(start or "2025-03-03T08:30:00")
        engine = Engine(catalog=Catalog(root), store=store, clock=clock, calendar=WorkingCalendar(),
                        connectors=fake_connectors())
        try:
            walk = Walk(engine, clock, procedure.slug, variant.variant, ask, say)
            try:
                case = walk.start(path.read_bytes(), path.name)
            except EOFError:
                say("Dừng / stopped: the input ended before the case started")
                return 1
            return walk.run(case)
        finally:
            store.dispose()
