"""Other agencies in a scenario: who they are, what was sent to them, their replies and their deadlines.

A message flow in the collaboration is how a diagram says that something goes to or comes from another
agency. In an electronic variant it is a message the engine throws or catches; in a paper variant it is a
task at the desk (the officer posts the file, or records the paper that came back). The steps here read
both the same way, so "the police reply" runs against either.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from engine import TaskView
from engine.actors import SYSTEM, Actor
from engine.bpmn.elements import Flow
from engine.errors import LegalRuleError, LienThongError
from engine.law.refusals import RESULT_PREFIXES

from .phrases import StepProblem, normalise
from .world import World

OVERALL = {'deadline("overall")', "deadline('overall')", "deadline()"}  # the legal watchdog, not a share


def resolve_agency(world: World, text: str) -> str:
    """An agency code from its code, its name in procedure.toml (or part of it), a pool or a lane name."""
    name = normalise(text)
    procedure = world.procedure
    for code, info in procedure.agencies.items():
        names = (code, str(info.get("name_vi", "")), str(info.get("name_en", "")))
        if name in {normalise(n) for n in names}:
            return code
    matches = {code for code, info in procedure.agencies.items()
               if name in normalise(str(info.get("name_vi", "")))}
    if len(matches) == 1:
        return matches.pop()
    for pool in world.model.pools.values():
        if normalise(pool.name) == name:
            return world.model.agency_of_pool(pool)
    lane = next((r for n, r in procedure.lanes.items() if normalise(n) == name), None)
    if lane is not None:
        return lane.agency
    known = "; ".join(f"{code} ({info.get('name_vi', '')})" for code, info in procedure.agencies.items())
    raise StepProblem(f"không biết cơ quan '{text}'; các cơ quan của thủ tục: {known}")


def _agency_of_ref(world: World, ref: str) -> str | None:
    pool = world.model.pool_by_ref(ref)
    return world.model.agency_of_pool(pool) if pool is not None else None


def _flows(world: World, message: str | None = None) -> list[Flow]:
    wanted = normalise(message) if message else None
    return [f for f in world.model.message_flows
            if wanted is None or (f.message is not None and wanted in normalise(f.message))]


def waiting_messages(world: World) -> list[str]:
    """Names of the messages the case waits for."""
    with world.engine.store.transaction(write=False) as tx:
        return sorted({s.message for s in tx.subscriptions_of(world.current().id)})


def sent_messages(world: World) -> list[tuple[str, str | None]]:
    """(message, agency) of everything sent out: thrown messages, and desk tasks that post a paper file."""
    out = [(str(e.data.get("message")), e.data.get("agency")) for e in world.events("message_sent")]
    done = {e.element_id for e in world.events("element_completed")}
    for flow in world.model.message_flows:
        element = world.model.elements.get(flow.source)
        by_hand = element is not None and element.kind in ("userTask", "manualTask", "sendTask")
        if by_hand and flow.source in done:
            out.append((flow.message or flow.name, _agency_of_ref(world, flow.target)))
    return out


def reply(world: World, agency_text: str, message: str, data: dict[str, Any], *,
          attempt: bool = False, law_may_refuse: bool = False) -> None:
    """An agency answers: its system sends a message, or the desk records the paper reply that came back."""
    case = world.current()
    agency = resolve_agency(world, agency_text)
    wanted = normalise(message)
    names = [m for m in waiting_messages(world) if wanted in normalise(m)]
    paper = _paper_reply_tasks(world, agency, message)
    world.error = None
    if len(names) == 1 or (attempt and len(paper) != 1):
        try:
            world.case = world.engine.messages.correlate(names[0] if names else message,
                                                        dossier_code=case.dossier_code, payload=data,
                                                        actor=Actor.agency_system(agency))
        except LienThongError as exc:
            if attempt or (law_may_refuse and isinstance(exc, LegalRuleError)):
                world.error = exc
                return
            world.fail(f"\"{agency_text}\" không gửi được \"{message}\": {exc}")
        if attempt:
            world.fail(f"Mong đợi \"{agency_text}\" bị từ chối khi gửi \"{message}\", nhưng hệ thống vẫn "
                       "nhận.")
        return
    if len(paper) == 1:
        world.complete_task(paper[0].lane or "Bộ phận Một cửa", paper[0], data, attempt=attempt,
                            law_may_refuse=law_may_refuse)
        return
    waiting = ", ".join(repr(m) for m in waiting_messages(world)) or "(không có)"
    world.fail(f"Mong đợi hồ sơ chờ \"{message}\" từ {agency}, nhưng hồ sơ chờ các thông điệp: {waiting}; "
               "và không có việc nào ở quầy đang chờ nhận bản giấy đó.")


def replies_in_diagram(world: World, agency_text: str, message: str) -> bool:
    """Whether the diagram has a message flow with that message from that agency."""
    agency = resolve_agency(world, agency_text)
    return any(_agency_of_ref(world, f.source) == agency for f in _flows(world, message))


def awaits_reply(world: World, agency_text: str, message: str) -> bool:
    """Whether the case waits for this reply: the message itself, or the desk task recording the paper."""
    wanted = normalise(message)
    if any(wanted in normalise(m) for m in waiting_messages(world)):
        return True
    return bool(_paper_reply_tasks(world, resolve_agency(world, agency_text), message))


def reply_fields(world: World, agency: str) -> list[str]:
    """The result fields (`ket_qua…`, `quyet_dinh…`, `xac_nhan…`) an agency's replies carry.

    They come from its message schemas, or the desk forms that record its paper replies (the targets of
    its message flows).
    """
    schemas = [c.schema or {} for c in world.model.messages.values() if c.sender == agency]
    for flow in world.model.message_flows:
        element = world.model.elements.get(flow.target)
        if element is not None and _agency_of_ref(world, flow.source) == agency:
            schemas.append(world.model.form_for(element) or {})
    return sorted({name for schema in schemas for name in schema.get("properties", {})
                   if name.startswith(RESULT_PREFIXES)})


def _paper_reply_tasks(world: World, agency: str, message: str) -> list[TaskView]:
    """Open desk tasks that receive this agency's reply (targets of its message flows)."""
    targets = {f.target for f in _flows(world, message) if _agency_of_ref(world, f.source) == agency}
    return [t for t in world.open_tasks() if t.element_id in targets]


def deliver_from_portal(world: World, message: str, data: dict[str, Any]) -> None:
    """A message from the citizen's portal (e.g. supplements sent online), delivered by the engine itself."""
    case = world.current()
    world.case = world.engine.messages.correlate(message, dossier_code=case.dossier_code, payload=data,
                                                actor=SYSTEM)


def sending_tasks(world: World, agency: str) -> list[TaskView]:
    """Open tasks that send the file to an agency (sources of message flows to its pool)."""
    sources = {f.source for f in world.model.message_flows if _agency_of_ref(world, f.target) == agency}
    return [t for t in world.open_tasks() if t.element_id in sources]


def _counts_share(world: World, timer_id: str, waiting_for: set[str]) -> bool:
    """A timer on one of those tasks that counts a share, not the case's overall legal deadline."""
    if world.model.elements[timer_id].attached_to not in waiting_for:
        return False
    expressions = [text for doc in world.model.documents
                   for text in doc.xpath(f"//bpmn:*[@id='{timer_id}']/bpmn:timerEventDefinition/*/text()")]
    return not any(re.sub(r"\s", "", str(e)) in OVERALL for e in expressions)


def share_key(world: World, timer_id: str) -> str | None:
    """The deadlines key a share timer counts: the `deadline("key")` of its expression."""
    for doc in world.model.documents:
        for text in doc.xpath(f"//bpmn:*[@id='{timer_id}']/bpmn:timerEventDefinition/*/text()"):
            found = re.search(r"deadline\(\s*[\"']([^\"']+)[\"']", str(text))
            if found:
                return found.group(1)
    return None


def _share_places(world: World, agency: str) -> set[str]:
    """The elements a timer counting the agency's share is attached to: its replies' targets, its lanes."""
    places = {f.target for f in world.model.message_flows if _agency_of_ref(world, f.source) == agency}
    for element in world.model.elements.values():
        lane = world.model.lane_role(element)
        if lane is not None and lane.agency == agency:
            places.add(element.id)
    return places


def share_timers(world: World, agency: str) -> list[Any]:
    """The case's waiting timers that count this agency's share of the deadline."""
    places = _share_places(world, agency)
    with world.engine.store.transaction(write=False) as tx:
        timers = tx.timers_of(world.current().id)
    return [t for t in timers if _counts_share(world, t.element_id, places)]


def agency_share_passes(world: World, agency: str) -> None:
    """Let the agency's share of the deadline run out: the first timer counting it falls due and fires.

    An agency's share is counted by a timer on a task that waits for its reply (the target of its message
    flow), or on a task of one of its own lanes.
    """
    waiting_for = _share_places(world, agency)
    mine = share_timers(world, agency)
    fired = [e for e in world.events("timer_fired")
             if e.element_id and _counts_share(world, e.element_id, waiting_for)]
    if not mine and fired:
        return  # that share already ran out (e.g. together with a parallel agency's equal share)
    if not mine:
        world.fail(f"Không có hẹn giờ nào đang đếm phần thời hạn của {agency} (hẹn giờ gắn vào việc chờ "
                   f"kết quả của {agency}).")
    world.set_now(max(min(t.due_at for t in mine) + timedelta(minutes=1), world.clock.now()))
