"""Steps about the one-stop law (engine/law.py): a second supplement request, withdrawal, stop, dates.

The engine refuses an unlawful step whatever the diagram says; these steps check that the *diagram* keeps
the law by itself, so that an officer never meets the refusal on a lawful path.
"""

from __future__ import annotations

from pytest_bdd import parsers, step, then

from engine.clock import VN_TZ
from engine.errors import LegalRuleError, LienThongError, ValidationError
from features.steps.stages import _verdict_field
from features.support.agencies import resolve_agency
from features.support.phrases import parse_day
from features.support.tables import table_data
from features.support.world import World

Table = list[list[str]] | None
SUPPLEMENT = "can_bo_sung"


@step(parsers.re(r"(?i)(?P<who>.+?) thử yêu cầu bổ sung (?:hồ sơ )?lần (?:nữa|hai)(?: với:)?"))
@step(parsers.re(r"(?i)(?P<who>.+?) tries to request supplements again(?: with:)?"))
def second_supplement(world: World, who: str, datatable: Table = None) -> None:
    """After the citizen supplemented, `who` tries to ask for supplements again at the step now open.

    The open task of `who`'s lane whose form offers `can_bo_sung` is completed with it; when no open step
    offers it, there is nothing to try (the diagram already keeps the rule). A refusal is kept for
    `sơ đồ không cho yêu cầu bổ sung lần hai`.
    """
    world.error = None
    grants = set(world.actor(who).grants())
    tasks = [t for t in world.open_tasks()
             if (t.agency, t.role) in grants and _verdict_field(world.form_of(t), SUPPLEMENT) is not None]
    if not tasks:
        return
    task = tasks[0]
    form = world.form_of(task)
    data = table_data(datatable, form)
    data[str(_verdict_field(form, SUPPLEMENT))] = SUPPLEMENT
    try:
        world.case = world.engine.complete_task(task.id, data, world.actor(who, task))
    except LienThongError as exc:
        world.error = exc


@then(parsers.re(r"(?i)sơ đồ không cho yêu cầu bổ sung lần hai"))
@then(parsers.re(r"(?i)the diagram does not allow a second supplement request"))
def no_second_supplement(world: World) -> None:
    """The diagram itself keeps "one supplement request per dossier": the engine did not have to refuse."""
    if isinstance(world.error, LegalRuleError):
        world.fail("Sơ đồ vẫn dẫn tới yêu cầu bổ sung lần hai sau khi công dân đã bổ sung; hệ thống phải "
                   f"chặn: {world.error}")
    if world.error is not None:
        world.fail(f"Thử yêu cầu bổ sung lần nữa bị từ chối vì lý do khác: {world.error}")
    pauses = world.events("legal_clock_paused")
    if len(pauses) > 1 or world.current().legal_clock.paused:
        world.fail(f"Đồng hồ pháp lý tạm dừng {len(pauses)} lần"
                   + (" và đang tạm dừng" if world.current().legal_clock.paused else "")
                   + ": chỉ được yêu cầu bổ sung một lần (DOMAIN.md §1.2 [S5]).")


@then(parsers.re(r"(?i)hợp đồng thông điệp (?:đã )?từ chối vì thiếu \"(?P<field>[^\"]+)\""))
@then(parsers.re(r"(?i)the message contract refuses it for want of \"(?P<field>[^\"]+)\""))
def contract_refused(world: World, field: str) -> None:
    """The previous `thử trả lời …` was refused by the message's schema (messages/<Msg_Id>.schema.json),
    which tells the sending agency field by field, and the missing field is `field`."""
    error = world.error
    if error is None:
        world.fail("Mong đợi thông điệp trước bị từ chối, nhưng hệ thống vẫn nhận.")
    if not isinstance(error, ValidationError):
        world.fail(f"Hợp đồng thông điệp (messages/*.schema.json) không đòi \"{field}\"; chỉ quy tắc của "
                   f"hệ thống chặn: {error}")
    fields = {e.get("field", "") for e in error.errors}
    if not any(field in name for name in fields) and field not in str(error):
        world.fail(f"Hợp đồng thông điệp từ chối, nhưng không vì thiếu \"{field}\": {error}")


@step(parsers.re(r"(?i)công dân (?P<attempt>thử )?rút hồ sơ(?: với lý do \"(?P<reason>[^\"]*)\")?"))
@step(parsers.re(r"(?i)the citizen (?P<attempt>tries to )?withdraws? the dossier"
                 r"(?: because \"(?P<reason>[^\"]*)\")?"))
def withdraw(world: World, attempt: str | None, reason: str | None) -> None:
    """The citizen withdraws the dossier (status 7); `thử …` expects a refusal (e.g. it has already ended)."""
    case = world.current()
    world.error = None
    try:
        world.case = world.engine.withdraw_case(case.id, reason=reason, actor=world.actor("công dân"))
    except LienThongError as exc:
        if not attempt:
            world.fail(f"Công dân không rút được hồ sơ: {exc}")
        world.error = exc
        return
    if attempt:
        world.fail("Mong đợi việc rút hồ sơ bị từ chối, nhưng hệ thống vẫn chấp nhận.")


@step(parsers.re(r"(?i)(?P<who>.+?) (?P<attempt>thử )?dừng xử lý hồ sơ"
                 r"(?: với lý do \"(?P<reason>[^\"]*)\")?"))
@step(parsers.re(r"(?i)(?P<who>.+?) (?P<attempt>tries to )?stops? the dossier"
                 r"(?: because \"(?P<reason>[^\"]*)\")?"))
def stop(world: World, who: str, attempt: str | None, reason: str | None) -> None:
    """An officer of `who`'s lane stops processing the dossier (status 8) with a written reason."""
    case = world.current()
    world.error = None
    try:
        world.case = world.engine.stop_case(case.id, reason=reason or "", actor=world.actor(who))
    except LienThongError as exc:
        if not attempt:
            world.fail(f"\"{who}\" không dừng xử lý được hồ sơ: {exc}")
        world.error = exc
        return
    if attempt:
        world.fail(f"Mong đợi \"{who}\" bị từ chối khi dừng xử lý hồ sơ, nhưng hệ thống vẫn chấp nhận.")


@then(parsers.re(r"(?i)(?P<which>ngày xử lý xong|ngày trả kết quả) là (?P<day>.+)"))
@then(parsers.re(r"(?i)the (?P<which>processed|collected) date is (?P<day>.+)"))
def dated(world: World, which: str, day: str) -> None:
    """The processed date (result ready, status 9) and the collected date (status 10) are kept apart."""
    case = world.current()
    processed = which.lower() in ("ngày xử lý xong", "processed")
    value = case.finished_at if processed else case.returned_at
    label = "ngày xử lý xong" if processed else "ngày trả kết quả"
    if value is None:
        world.fail(f"Mong đợi {label} là {day}, nhưng hồ sơ chưa có {label}.")
    wanted, _ = parse_day(day)
    if value.astimezone(VN_TZ).date() != wanted:
        world.fail(f"Mong đợi {label} là {wanted:%d/%m/%Y}, "
                   f"nhưng là {value.astimezone(VN_TZ):%d/%m/%Y %H:%M}.")


@then(parsers.re(r"(?i)(?:hồ sơ )?chưa trả kết quả cho công dân"))
@then(parsers.re(r"(?i)the result is not collected yet"))
def not_collected(world: World) -> None:
    """Processed but not yet handed over: collection time does not count against the deadline."""
    case = world.current()
    if case.returned_at is not None:
        world.fail("Mong đợi chưa trả kết quả, nhưng đã trả lúc "
                   f"{case.returned_at.astimezone(VN_TZ):%d/%m/%Y %H:%M}.")


@then(parsers.re(r"(?i)kết quả của \"(?P<agency>[^\"]+)\" là \"(?P<value>[^\"]+)\""))
@then(parsers.re(r"(?i)the result of \"(?P<agency>[^\"]+)\" is \"(?P<value>[^\"]+)\""))
def agency_result(world: World, agency: str, value: str) -> None:
    """In a linked group, one agency's own result: the result field of the messages that agency sends."""
    code = resolve_agency(world, agency)
    fields = sorted({name for contract in world.model.messages.values() if contract.sender == code
                     for name in (contract.schema or {}).get("properties", {}) if name.startswith("ket_qua")})
    if not fields:
        world.fail(f"Sơ đồ không có thông điệp kết quả nào từ {code} (messages/*.schema.json).")
    data = world.engine.get_case(world.current().id, with_data=True).data or {}
    found = {name: data[name] for name in fields if name in data}
    if str(value) not in {str(v) for v in found.values()}:
        world.fail(f"Mong đợi kết quả của {code} là \"{value}\", nhưng là: "
                   + (", ".join(f"{k} = {v}" for k, v in found.items()) or f"(chưa có; các trường {fields})"))


@then(parsers.re(r"(?i)hồ sơ (?P<negated>không )?(?:vẫn )?áp dụng \"(?P<rules>[^\"]+)\""))
@then(parsers.re(r"(?i)the dossier is (?P<negated>not )?(?:still )?bound to \"(?P<rules>[^\"]+)\""))
def bound_to(world: World, negated: str | None, rules: str) -> None:
    """The rule set the dossier was bound to on its receipt day (the one-stop regime or the procedure's)."""
    bound = world.current().summary.get("rule_set")
    if not bound:
        world.fail("Hồ sơ chưa gắn với bộ quy định nào: chưa được tiếp nhận (legal_clock=start).")
    names = [str(bound[k]["name_vi"]) for k in ("regime", "procedure") if k in bound]
    found = any(rules.casefold() in name.casefold() for name in names)
    if negated and found:
        world.fail(f"Mong đợi hồ sơ không áp dụng \"{rules}\", nhưng hồ sơ áp dụng: {'; '.join(names)}.")
    if not negated and not found:
        world.fail(f"Mong đợi hồ sơ áp dụng \"{rules}\", nhưng hồ sơ (tiếp nhận ngày {bound['received_on']}) "
                   f"áp dụng: {'; '.join(names)}.")
