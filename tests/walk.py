"""CaseWalk: drive one case through a procedure step by step, checking persistence after every step."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from engine import CaseView, Engine, EventView, TaskView
from engine.actors import SYSTEM, Actor
from engine.time.clock import FakeClock


class CaseWalk:
    """A case and the steps taken on it, reading like the procedure's own description."""

    def __init__(
        self,
        engine: Engine,
        clock: FakeClock,
        procedure: str,
        variant: str,
        *,
        applicant: str = "001203004567",
        data: dict[str, Any] | None = None,
        channel: str = "online",
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.case = engine.cases.start(
            procedure, variant=variant, applicant=applicant, data=data or {}, channel=channel
        )
        self.assert_persisted()

    @property
    def id(self) -> str:
        """The case id."""
        return self.case.id

    def tasks(self) -> list[TaskView]:
        """The case's open tasks."""
        return self.engine.tasks.list(case_id=self.case.id)

    def waiting_at(self) -> set[str]:
        """Element ids of the case's open tasks and waiting events."""
        return {p.element_id for p in self.engine.cases.get(self.case.id).position}

    def task(self, element_id: str) -> TaskView:
        """The open task of an element, or a failure that says where the case is."""
        for task in self.tasks():
            if task.element_id == element_id:
                return task
        raise AssertionError(f"no open task {element_id}; the case waits at {sorted(self.waiting_at())}")

    def do(self, element_id: str, data: dict[str, Any] | None = None, actor: Actor = SYSTEM) -> CaseView:
        """Complete the open task of `element_id` with form data, then check the saved state."""
        self.case = self.engine.tasks.complete(self.task(element_id).id, data or {}, actor)
        self.assert_persisted()
        return self.case

    def receive_complete(self, desk: Actor) -> CaseView:
        """The one-stop desk finds the dossier complete and receives it (the shared reception activity)."""
        self.do("TN_KiemTraHoSo", {"ket_qua_kiem_tra": "day_du"}, desk)
        return self.do("TN_TiepNhanHoSo", {}, desk)

    def reply(self, message: str, payload: dict[str, Any] | None = None, actor: Actor = SYSTEM) -> CaseView:
        """Another agency answers with a message correlated on the dossier code."""
        self.case = self.engine.messages.correlate(
            message, dossier_code=self.case.dossier_code, payload=payload or {}, actor=actor
        )
        self.assert_persisted()
        return self.case

    def wait(self, *, days: float = 0, hours: float = 0, working_days: int = 0) -> int:
        """Let time pass (calendar or working days), fire the timers that fell due; returns how many fired."""
        if working_days:
            local = self.clock.now()
            day = self.engine.calendar.add_working_days(local.date(), working_days)
            self.clock.set(local.replace(year=day.year, month=day.month, day=day.day))
        self.clock.advance(timedelta(days=days, hours=hours))
        fired = self.engine.timers.fire_due().fired
        self.case = self.engine.cases.get(self.case.id)
        self.assert_persisted()
        return fired

    def events(self, kind: str | None = None) -> list[EventView]:
        """The case's audit events, optionally of one kind."""
        return [e for e in self.engine.cases.history(self.case.id) if kind is None or e.kind == kind]

    def completed_elements(self) -> list[str]:
        """Element ids in the order they completed."""
        return [e.element_id for e in self.events("element_completed") if e.element_id]

    def assert_persisted(self) -> None:
        """The stored state reloads into a workflow that saves back to exactly the same text."""
        engine = self.engine
        with engine.store.transaction(write=False) as tx:
            record = tx.get_case(self.case.id)
            assert record is not None
            model = engine.core.files.model(tx, record.bundle_hash)
        reloaded = engine.core.codec.loads(record.state, model, engine.core.script_engine)
        assert engine.core.codec.dumps(reloaded) == record.state, "state changed on a save/reload round trip"
        live = engine.core.files.live.get(record.id)
        if live is not None and live[0] == record.version:
            assert engine.core.codec.dumps(live[2]) == record.state, (
                "the cached workflow differs from the stored one"
            )
