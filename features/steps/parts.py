"""Steps about the parts of a linked group: each procedure's own outcome, and the result notice.

In a linked group (DOMAIN.md §2) each procedure — `[[parts]]` of procedure.toml — is registered or refused
with its reason by its own agency (engine/law/outcomes.py): the police may refuse residence while the birth is
registered. `"Công an" từ chối phần "Đăng ký thường trú" với lý do "…"` sends the refusal the way the
variant under test receives it — the police's message, or the paper the desk records — with the refusal
value of the deciding element's `outcome_field`, so one scenario runs on both variants.
"""

from __future__ import annotations

from typing import Any

from pytest_bdd import parsers, step, then

from engine import OutcomeView
from engine.bpmn.elements import Element
from engine.law.refusals import DEFAULT_REASON_FIELD, REFUSAL_VALUES
from engine.law.status import DossierStatus
from features.support.agencies import reply
from features.support.phrases import normalise
from features.support.world import World


@step(parsers.re(r"(?i)\"(?P<agency>[^\"]+)\" từ chối phần \"(?P<part>[^\"]+)\" "
                 r"với lý do \"(?P<reason>[^\"]+)\""))
@step(parsers.re(r"(?i)\"(?P<agency>[^\"]+)\" refuses the part \"(?P<part>[^\"]+)\" "
                 r"because \"(?P<reason>[^\"]+)\""))
def refuse_part(world: World, agency: str, part: str, reason: str) -> None:
    """The agency refuses its part, with a written reason, at the step of the diagram that decides it."""
    outcome = _part(world, part)
    waiting = {p.element_id for p in world.current().position}
    deciding = [e for e in world.model.elements.values()
                if e.properties.get("outcome") == outcome.part and e.id in waiting]
    if not deciding:
        where = ", ".join(sorted(waiting)) or "(không chờ gì)"
        world.fail(f"Hồ sơ không chờ ở bước quyết định phần \"{outcome.name_vi}\" "
                   f"(outcome = {outcome.part}); hồ sơ chờ ở: {where}.")
    element = deciding[0]
    message, schema = _reply_of(world, element)
    field = element.properties.get("outcome_field")
    values = (schema.get("properties", {}).get(field, {}) if field else {}).get("enum", [])
    refusal = next((v for v in values if str(v).lower() in REFUSAL_VALUES), None)
    if field is None or refusal is None:
        world.fail(f"Bước {element.id} quyết định phần \"{outcome.name_vi}\" nhưng không có giá trị từ chối "
                   f"(outcome_field = {field}; các giá trị: {values}).")
    data = {field: refusal, element.properties.get("reason_field", DEFAULT_REASON_FIELD): reason}
    reply(world, agency, message, data)


@then(parsers.re(r"(?i)phần \"(?P<part>[^\"]+)\" bị từ chối(?: (?:với|có) lý do \"(?P<reason>[^\"]+)\")?"))
@then(parsers.re(r"(?i)the part \"(?P<part>[^\"]+)\" was refused(?: because \"(?P<reason>[^\"]+)\")?"))
def part_refused(world: World, part: str, reason: str | None) -> None:
    """One procedure of the group was refused with its written reason (the others may be registered)."""
    outcome = _part(world, part)
    if outcome.result != "refused":
        world.fail(f"Mong đợi phần \"{outcome.name_vi}\" bị từ chối, nhưng {_said(outcome)}.")
    if reason and normalise(reason) not in normalise(outcome.reason or ""):
        world.fail(f"Mong đợi phần \"{outcome.name_vi}\" bị từ chối với lý do \"{reason}\", nhưng lý do ghi "
                   f"nhận là \"{outcome.reason or '(không có)'}\".")


@then(parsers.re(r"(?i)phần \"(?P<part>[^\"]+)\" (?:đã được giải quyết|đã giải quyết xong)"))
@then(parsers.re(r"(?i)the part \"(?P<part>[^\"]+)\" was registered"))
def part_registered(world: World, part: str) -> None:
    """One procedure of the group was registered (granted, issued) by its agency."""
    outcome = _part(world, part)
    if outcome.result != "registered":
        world.fail(f"Mong đợi phần \"{outcome.name_vi}\" đã được giải quyết, nhưng {_said(outcome)}.")


@then(parsers.re(r"(?i)phần \"(?P<part>[^\"]+)\" chưa có kết quả"))
@then(parsers.re(r"(?i)the part \"(?P<part>[^\"]+)\" is undecided"))
def part_undecided(world: World, part: str) -> None:
    """One procedure of the group has no outcome (not reached, or not chosen)."""
    outcome = _part(world, part)
    if outcome.result is not None:
        world.fail(f"Mong đợi phần \"{outcome.name_vi}\" chưa có kết quả, nhưng {_said(outcome)}.")


@then(parsers.re(r"(?i)thông báo kết quả (?:cho công dân|trên Cổng (?:DVC|dịch vụ công)(?: quốc gia)?) "
                 r"(?:ghi|có) \"(?P<text>[^\"]+)\""))
@then(parsers.re(r"(?i)the result notice to the portal says \"(?P<text>[^\"]+)\""))
def result_notice_says(world: World, text: str) -> None:
    """The result notice sent to the portal (status 10) says this of the parts of the group."""
    with world.engine.store.transaction(write=False) as tx:
        rows = tx.outbox_rows(world.current().id)
    notices = [str(row.payload.get("thong_bao_ket_qua") or "") for row in rows
               if row.kind == "status" and row.payload.get("status") == DossierStatus.RESULT_RETURNED]
    if not notices:
        world.fail("Chưa gửi thông báo kết quả (trạng thái 10) lên Cổng DVC.")
    if normalise(text) not in normalise(notices[-1]):
        world.fail(f"Mong đợi thông báo kết quả ghi \"{text}\", nhưng thông báo là: "
                   f"\"{notices[-1] or '(trống)'}\".")


def _part(world: World, name: str) -> OutcomeView:
    """A part of the group by its key or its Vietnamese name (or a piece of the name naming one part)."""
    outcomes = world.current().outcomes
    if not outcomes:
        world.fail(f"Thủ tục {world.procedure.slug} không khai báo các phần của nhóm liên thông "
                   "([[parts]] trong procedure.toml).")
    wanted = normalise(name)
    exact = [o for o in outcomes if wanted in (normalise(o.part), normalise(o.name_vi))]
    close = exact or [o for o in outcomes if wanted in normalise(o.name_vi)]
    if len(close) != 1:
        known = ", ".join(f"\"{o.name_vi}\"" for o in outcomes)
        world.fail(f"Không rõ phần \"{name}\" của nhóm liên thông; các phần: {known}.")
    return close[0]


def _reply_of(world: World, element: Element) -> tuple[str, dict[str, Any]]:
    """The reply that completes a deciding element: the message it catches, or the paper its desk records."""
    contract = next((c for c in world.model.messages.values() if element.id in c.elements), None)
    if contract is not None:
        return contract.name, contract.schema or {}
    flow = next((f for f in world.model.message_flows if f.target == element.id and f.message), None)
    return (flow.message if flow and flow.message else element.name), world.model.form_for(element) or {}


def _said(outcome: OutcomeView) -> str:
    if outcome.result is None:
        return "phần này chưa có kết quả"
    said = "đã được giải quyết" if outcome.result == "registered" else "bị từ chối"
    return said + (f" (lý do: {outcome.reason})" if outcome.reason else "")
