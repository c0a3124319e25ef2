"""The discrete-event loop: cases arrive, queue for people in lanes, and are stepped by the real engine.

Every case is a SpiffWorkflow workflow built from the variant's ProcessModel with the engine's
ScriptEnvironment (sandbox, helpers, clock-driven timers) and stepped by `engine.run.runtime.CaseRun`, which
applies the status, legal-clock, trip and paper properties — the same code live cases run, minus the store.
A priority queue holds (working hour, event); the fake clock jumps to each event before the case steps.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable
from datetime import datetime
from typing import Any

from SpiffWorkflow.task import Task

from engine.actors import SYSTEM
from engine.bpmn.elements import Element
from engine.bpmn.model import ProcessModel
from engine.bpmn.procedure import CITIZEN_ROLE
from engine.errors import LienThongError, TaskFailedError
from engine.run.case_start import CaseInMemory, new_case
from engine.run.context import running_case
from engine.run.runtime import CaseRun
from engine.sandbox.scripting import ScriptEnvironment
from engine.time.calendar import WorkingCalendar
from engine.time.clock import FakeClock
from workbench.diff.facts import crossing_flows, handoff_elements, place_of

from .clock import WorkClock
from .connectors import FakeAgencies
from .forms import required_values
from .model import SimConfig
from .results import CaseOutcome, LaneUse, SimRun
from .state import SimCase, SimLane, SimReply, SimWork

ARRIVE, FINISH, TIMER, MESSAGE, QUEUE = range(5)
MAX_STEPS_PER_CASE = 2_000


class Simulation:
    """Runs N cases of one variant through the engine on a fake clock; same seed, same figures."""

    def __init__(self, model: ProcessModel, config: SimConfig, calendar: WorkingCalendar, *,
                 seed: int, trace: bool = False) -> None:
        self.model = model
        self.config = config
        self.calendar = calendar
        self.seed = seed
        self.work = WorkClock(calendar, config.start, config.office_hours)
        self.clock = FakeClock(self.work.to_instant(0))
        self.agencies = FakeAgencies(config.connectors)
        self.script_engine = ScriptEnvironment(self.clock, calendar, self.agencies.connectors, None)
        places = {e.id: place_of(model, e) for e in model.elements.values()}
        self.lane_of = {key: place.lane for key, place in places.items()}
        self.crossing = set(crossing_flows(model, places))
        self.passes_on = handoff_elements(model)
        self.internal_messages = {f.message for f in model.message_flows
                                  if (pool := model.pool_by_ref(f.source)) is not None and pool.executable}
        self.lanes: dict[str, SimLane] = {}
        self.element_hours: dict[str, float] = {}
        self.assumed: set[str] = set()
        self._heap: list[tuple[float, float, int, int, Any]] = []
        self._seq = 0
        self._ended = 0
        self._last = self.clock.now()
        # Cases still running, and what the ended ones came to (a finished case's workflow is let go).
        self._active: dict[int, SimCase] = {}
        self._outcomes: dict[int, CaseOutcome] = {}
        self._last_end = 0.0
        # With `trace`, what each case did, step by step, so bench/simulate.py can replay exactly the same
        # work on bare SpiffWorkflow: (instant, "start" | "complete" | "timers" | "message", details…).
        self.trace: list[list[tuple[Any, ...]]] | None = [] if trace else None

    # -- the loop ---------------------------------------------------------------------------------
    def run(self, cases: int, progress: Callable[[int], None] | None = None) -> SimRun:
        """Simulate `cases` arrivals and run until every case has finished (or cannot move)."""
        arrivals = random.Random(f"{self.seed}:arrivals")
        hours, gaps = 0.0, []
        for _ in range(cases):
            hours += arrivals.expovariate(self.config.arrivals_per_day) * self.work.hours_per_day
            gaps.append(hours)
        if cases:
            self._push(gaps[0], None, ARRIVE, 0)
        horizon = (gaps[-1] if gaps else 0.0) + 2_000 * self.work.hours_per_day
        reported = 0
        while self._heap:
            hour, _, _, kind, payload = heapq.heappop(self._heap)
            if hour > horizon:
                break
            if kind == ARRIVE:
                self._arrive(payload, hour)
                if payload + 1 < cases:
                    self._push(gaps[payload + 1], None, ARRIVE, payload + 1)
            elif kind == FINISH:
                self._finish(payload, hour)
            elif kind == QUEUE:
                self._join_queue(payload, hour)
            elif kind == TIMER:
                case, due = payload
                if any(waiting <= due for waiting in case.waiting_timers):
                    # Skipped otherwise: the timer's task ended (a boundary timer whose task was done) or
                    # its due date moved (a legal-clock timer after a pause).
                    self._step(case, hour, due, lambda run: run.fire_timers(), ("timers",))
            else:
                self._deliver(payload[0], payload[1], hour)
            if progress is not None and self._ended != reported:
                progress(self._ended - reported)
                reported = self._ended
        return self._results(gaps[0] if gaps else 0.0)

    def _push(self, hour: float, when: datetime | None, kind: int, payload: Any) -> None:
        self._seq += 1
        stamp = (when or self.work.to_instant(hour)).timestamp()
        heapq.heappush(self._heap, (hour, stamp, self._seq, kind, payload))

    # -- events -----------------------------------------------------------------------------------
    def _arrive(self, index: int, hour: float) -> None:
        rng = random.Random(f"{self.seed}:{index}")
        at = self.work.to_instant(hour)
        data = required_values(self.model.forms.get("start"), at.date())
        data.update(self.config.case_start.draw(rng))
        channel = str(self.config.channels.draw(rng)) if self.config.channels else "online"
        code = f"SIM-{index + 1:06d}"
        applicant = f"cong-dan-{index + 1}"
        dossier = CaseInMemory(self.model, new_case(
            self.model, self.script_engine, case_id=code, dossier_code=code, applicant=applicant,
            channel=channel, data=data, actor=SYSTEM, now=at))
        case = self._active[index] = SimCase(index, code, dossier, rng, hour)
        if self.trace is not None:
            self.trace.append([])
        self._step(case, hour, at, lambda run: run.run_engine(), ("start", data, code, channel))

    def _finish(self, work: SimWork, hour: float) -> None:
        case = work.case
        if case.work.get(str(work.task.id)) is not work:
            return  # cancelled meanwhile (a boundary timer, a terminate end): its person was freed then
        self._release(work, hour)
        element = work.element
        visits = case.visits[element.id] = case.visits.get(element.id, 0) + 1
        data = required_values(self.model.form_for(element), self.work.to_instant(hour).date())
        given = self.config.tasks.get(element.id)
        if given is not None:
            draws = given.again if visits > 1 and given.again is not None else given.first
            data.update(draws.draw(case.rng))
        self.element_hours[element.id] = self.element_hours.get(element.id, 0.0) + hour - work.ready
        if element.properties.get("document") != "mau-04" and self._apology_pending(case, hour):
            # The engine would refuse to end a late case before its apology (engine/law/law.py): the officer
            # puts the file aside until the apology is issued; it stays this case's work, not queued again.
            work.started = None
            case.work[str(work.task.id)] = work
            case.held.append(lambda later: self._complete_held(work, data, later))
            return
        self._step(case, hour, None, lambda run: run.complete_human(work.task, data),
                   ("complete", element.id, data))

    def _apology_pending(self, case: SimCase, hour: float) -> bool:
        """A late case whose apology task is open and not yet done."""
        at = self.work.to_instant(hour)
        clock = case.dossier.legal_clock(self.calendar, at)
        late = (clock.due_at is not None and not clock.paused and case.dossier.finished_at is None
                and at > clock.due_at)
        return late and not case.apologies and any(
            w.element.properties.get("document") == "mau-04" for w in case.work.values())

    def _complete_held(self, work: SimWork, data: dict[str, Any], hour: float) -> None:
        case = work.case
        if case.work.get(str(work.task.id)) is work:
            del case.work[str(work.task.id)]
            self._step(case, hour, None, lambda run: run.complete_human(work.task, data),
                       ("complete", work.element.id, data))

    def _deliver(self, case: SimCase, reply: SimReply, hour: float) -> None:
        if case.replies.get(reply.name) is not reply:
            return  # nobody waits for it any more (a timer or another path won)
        if self._apology_pending(case, hour):
            case.held.append(lambda later: self._deliver(case, reply, later))  # see _finish
            return
        del case.replies[reply.name]
        for element_id in self._catcher_elements(case, reply):
            self.element_hours[element_id] = self.element_hours.get(element_id, 0.0) + hour - reply.sent_at
        self._step(case, hour, None,
                   lambda run: run.deliver_message(reply.name, reply.payload, reply.catchers),
                   ("message", reply.name, reply.payload))

    def _catcher_elements(self, case: SimCase, reply: SimReply) -> list[str]:
        return [getattr(t.task_spec, "bpmn_id", "") for t in case.dossier.workflow.get_tasks()
                if str(t.id) in reply.catchers]

    # -- stepping ---------------------------------------------------------------------------------
    def _step(self, case: SimCase, hour: float, when: datetime | None, action: Callable[[CaseRun], Any],
              note: tuple[Any, ...]) -> Any:
        """Step one case at `hour` (at the instant `when`, for timers); returns what `action` returned."""
        if case.ended is not None:
            return None
        at = max(when or self.work.to_instant(hour), self._last)
        self._last = at
        if self.trace is not None:
            self.trace[case.index].append((at, *note))
        self.clock.set(at)
        self.agencies.rng = case.rng
        run = case.dossier.run(SYSTEM, at, self.calendar)
        case.steps += 1
        try:
            if case.steps > MAX_STEPS_PER_CASE:
                raise TaskFailedError(f"more than {MAX_STEPS_PER_CASE} steps: a loop that never ends",
                                      hint="check the choices that send it back (e.g. supplements)")
            with running_case(run.context):
                result = action(run)
        except LienThongError as exc:
            raise _in_case(exc, case) from None
        except Exception as exc:  # Spiff raises plain exceptions for model errors met at run time
            raise _in_case(TaskFailedError(f"{type(exc).__name__}: {exc}"), case) from None
        self._account(case, run)
        self._plan(case, run, hour)
        if case.held and case.apologies:
            held, case.held = case.held, []  # what waited for the apology (see _finish, _deliver)
            for resume in held:
                resume(hour)
        return result

    def _account(self, case: SimCase, run: CaseRun) -> None:
        for event in run.events:
            if event.kind == "element_completed":
                if event.element_id in self.passes_on or event.data.get("flow") in self.crossing:
                    case.handoffs += 1
            elif event.kind == "legal_clock_paused":
                case.supplements += 1
            elif event.kind == "document_issued" and event.to_state == "mau-04":
                case.apologies += 1

    def _plan(self, case: SimCase, run: CaseRun, hour: float) -> None:
        """Queue new human tasks, schedule timers and replies; free people whose task was cancelled."""
        if case.dossier.workflow.completed:
            case.ended = hour
            self._ended += 1
            self._last_end = max(self._last_end, hour)
            for work in list(case.work.values()):
                self._drop(work, hour)
            self._outcomes[case.index] = self._outcome(case)
            del self._active[case.index]
            return
        waits = run.waits()
        ready = {str(task.id) for task, _ in waits.human}
        for task_id in [t for t in case.work if t not in ready]:
            self._drop(case.work[task_id], hour)
        for task, element in waits.human:
            if str(task.id) not in case.work:
                self._enqueue(case, task, element, hour)
        case.waiting_timers = [timer.due_at for timer in waits.timers]
        for timer in waits.timers:
            key = (timer.task_id, timer.due_at)
            if key not in case.timers:
                case.timers.add(key)
                due = timer.due_at
                self._push(max(self.work.to_work(due), hour), due, TIMER, (case, due))
        catchers: dict[str, dict[str, str]] = {}
        for sub in waits.subscriptions:
            catchers.setdefault(sub.message, {})[sub.task_id] = sub.element_id
        for name in [n for n in case.replies if n not in catchers]:
            del case.replies[name]  # its catchers were cancelled: a later wait is a new question
        for name, waiting in catchers.items():
            reply = case.replies.get(name)
            if reply is not None:
                reply.catchers = set(waiting)
            else:
                self._ask(case, name, waiting, hour)

    def _ask(self, case: SimCase, name: str, waiting: dict[str, str], hour: float) -> None:
        """Decide whether and when the sender answers a message the case has just started waiting for."""
        element_id = next(iter(waiting.values()))
        given = self.config.messages.get(element_id) or self.config.messages.get(name)
        if given is None and name in self.internal_messages:
            return  # another pool of this diagram sends it
        element = self.model.elements[element_id]
        probability = given.probability if given is not None and given.probability is not None else (
            0.0 if element.kind == "boundaryEvent" else 1.0)
        coming = probability > 0 and case.rng.random() < probability
        reply = case.replies[name] = SimReply(name, set(waiting), coming, {}, hour)
        if not coming:
            return
        delay = given.delay if given is not None and given.delay is not None else None
        if delay is None:
            delay = self.config.default_message_delay
            self.assumed.add(f"no delay for message '{name}': assumed {delay} working days")
        reply.payload = given.payload.draw(case.rng) if given is not None else {}
        self._push(hour + delay.sample(case.rng, self.work.hours_per_day), None, MESSAGE, (case, reply))

    # -- people in lanes --------------------------------------------------------------------------
    def _lane(self, element: Element) -> SimLane:
        name = self.lane_of[element.id]
        lane = self.lanes.get(name)
        if lane is None:
            role = self.model.lane_role(element)
            capacity = None if role is not None and role.role == CITIZEN_ROLE else self.config.capacity(name)
            lane = self.lanes[name] = SimLane(name, capacity)
        return lane

    def _enqueue(self, case: SimCase, task: Task, element: Element, hour: float) -> None:
        given = self.config.tasks.get(element.id)
        delay = given.delay.sample(case.rng, self.work.hours_per_day) if given and given.delay else 0.0
        work = SimWork(case, task, element, self._lane(element), hour, hour + delay)
        case.work[str(task.id)] = work
        if delay:
            self._push(hour + delay, None, QUEUE, work)
        else:
            self._join_queue(work, hour)

    def _join_queue(self, work: SimWork, hour: float) -> None:
        if work.case.work.get(str(work.task.id)) is not work:
            return  # cancelled while the citizen (or the post) was on the way
        lane = work.lane
        if lane.capacity is None or lane.busy < lane.capacity:
            self._start(work, hour)
        else:
            lane.queue.append(work)

    def _start(self, work: SimWork, hour: float) -> None:
        lane = work.lane
        lane.busy += 1
        lane.tasks += 1
        lane.waited_hours += hour - work.queued
        work.started = hour
        duration = self.config.duration(work.element).sample(work.case.rng, self.work.hours_per_day)
        self._push(hour + duration, None, FINISH, work)

    def _release(self, work: SimWork, hour: float) -> None:
        del work.case.work[str(work.task.id)]
        if work.started is None:
            return  # still queued: skipped when its turn comes
        lane = work.lane
        lane.busy -= 1
        lane.busy_hours += hour - work.started
        while lane.queue and (lane.capacity is None or lane.busy < lane.capacity):
            waiting = lane.queue.popleft()
            if waiting.case.work.get(str(waiting.task.id)) is waiting:
                self._start(waiting, hour)

    def _drop(self, work: SimWork, hour: float) -> None:
        self._release(work, hour)

    # -- results ----------------------------------------------------------------------------------
    def _results(self, first: float) -> SimRun:
        outcomes = {**self._outcomes, **{i: self._outcome(c) for i, c in self._active.items()}}
        span = max(self._last_end - first, 1e-9)
        lanes = [LaneUse(lane.name, lane.capacity, self.work.days(lane.busy_hours),
                         lane.busy_hours / (lane.capacity * span) if lane.capacity else None,
                         self.work.days(lane.waited_hours / lane.tasks) if lane.tasks else 0.0, lane.tasks)
                 for lane in sorted(self.lanes.values(), key=lambda x: x.name)]
        count = max(len(outcomes), 1)
        per_case = {key: self.work.days(hours) / count for key, hours in self.element_hours.items()}
        stuck = [(c.code, tuple(sorted({w.element.id for w in c.work.values()})))
                 for _, c in sorted(self._active.items())]
        return SimRun(outcomes=[outcomes[i] for i in sorted(outcomes)], lanes=lanes, element_days=per_case,
                      span_days=self.work.days(span), stuck=stuck,
                      warnings=[*self.config.warnings, *sorted(self.assumed)])

    def _outcome(self, case: SimCase) -> CaseOutcome:
        dossier = case.dossier
        clock, finished = dossier.legal_clock(self.calendar, self._last), dossier.finished_at
        legal_days = None
        if clock.started_at is not None and finished is not None:
            legal_days = max(self.calendar.working_days_between(clock.started_at, finished)
                             - clock.paused_days, 0)
        on_time = None
        if clock.due_at is not None and finished is not None:
            on_time = finished <= clock.due_at
        return CaseOutcome(
            dossier=case.code, arrived_at=self.work.to_instant(case.arrived),
            lead_days=self.work.days(case.ended - case.arrived) if case.ended is not None else None,
            legal_days=legal_days, on_time=on_time, result=dossier.result, status=dossier.status,
            trips=int(dossier.summary.get("trips", 0)), papers=len(dossier.summary.get("papers", [])),
            handoffs=case.handoffs, supplements=case.supplements, apologies=case.apologies,
        )


def _in_case(exc: LienThongError, case: SimCase) -> LienThongError:
    exc.message = f"simulated dossier {case.code}: {exc.message}"
    exc.args = (exc.message,)
    if exc.hint is None and ("not defined" in exc.message or "NameError" in exc.message):
        exc.hint = "give the field a value in the side file: [tasks.<task id>.choices] or [start.data]"
    return exc
