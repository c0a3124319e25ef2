"""Steps about the one-stop law (engine/law/law.py): a second supplement request, withdrawal, stop, dates.

The engine refuses an unlawful step whatever the diagram says; these steps check that the *diagram* keeps
the law by itself, so that an officer never meets the refusal on a lawful path.
"""

from __future__ import annotations

from pytest_bdd import parsers, step, then

from engine.errors import LegalRuleError, LienThongError, ValidationError
from engine.law.law import APOLOGY, Rule
from engine.law.law import RULES as LAW_RULES
from engine.law.status import FINISHED, DossierStatus
from engine.time.clock import VN_TZ
from features.steps.stages import _verdict_field
from features.support.agencies import reply_fields, resolve_agency, share_key, share_timers
from features.support.describe import positions
from features.support.phrases import StepProblem, normalise, parse_count, parse_day, show_moment
from features.support.tables import table_data
from features.support.world import World, words_in_order

Table = list[list[str]] | None
SUPPLEMENT = "can_bo_sung"
# The statuses after which nothing more happens (9, "processed", still returns the result to the citizen).
ENDED = FINISHED - {DossierStatus.PROCESSED}


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
        world.case = world.engine.tasks.complete(task.id, data, world.actor(who, task))
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
        world.case = world.engine.cases.withdraw(case.id, reason=reason, actor=world.actor("công dân"))
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
        world.case = world.engine.cases.stop(case.id, reason=reason or "", actor=world.actor(who))
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
    fields = reply_fields(world, code)
    if not fields:
        world.fail(f"Sơ đồ không có kết quả nào từ {code}: không thông điệp (messages/*.schema.json) hay "
                   "biểu mẫu ghi nhận bản giấy nào của cơ quan đó có trường ket_qua….")
    data = world.engine.cases.get(world.current().id, with_data=True).data or {}
    # A reply caught with a messageVariable sits under that variable's name (e.g. ho_so_truong_di).
    places = [data, *(value for value in data.values() if isinstance(value, dict))]
    found = {name: place[name] for place in places for name in fields if name in place}
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


def _law_rule(text: str) -> Rule:
    """The engine's rule a scenario names, by its Vietnamese or English name or some of its words."""
    wanted = normalise(text)
    for rule in LAW_RULES:
        if wanted in (normalise(rule.name_vi), normalise(rule.name)) or words_in_order(wanted, rule.name_vi):
            return rule
    known = "; ".join(f'"{rule.name_vi}"' for rule in LAW_RULES)
    raise StepProblem(f"không biết quy tắc '{text}'; các quy tắc hệ thống tự kiểm tra: {known}")


@then(parsers.re(r"(?i)thao tác bị (?:từ chối|chặn) theo quy tắc \"(?P<rule>[^\"]+)\""))
@then(parsers.re(r"(?i)the action is refused by the rule \"(?P<rule>[^\"]+)\""))
def refused_by_rule(world: World, rule: str) -> None:
    """The previous `thử …` step was refused by this one-stop rule of the engine (engine/law/law.py)."""
    wanted = _law_rule(rule)
    error = world.error
    if error is None:
        world.fail(f"Mong đợi thao tác trước bị từ chối theo quy tắc \"{wanted.name_vi}\" ({wanted.source}), "
                   "nhưng hệ thống vẫn chấp nhận (hoặc không có bước 'thử …').")
    if not isinstance(error, LegalRuleError) or error.rule != wanted.name:
        world.fail(f"Thao tác bị từ chối, nhưng không theo quy tắc \"{wanted.name_vi}\" ({wanted.source}): "
                   f"{error}")


@then(parsers.re(r"(?i)hồ sơ chưa (?:được )?kết thúc vì chưa có (?:thư|phiếu) xin lỗi"))
@then(parsers.re(r"(?i)the case has not ended for want of its apology letter"))
def not_ended_without_apology(world: World) -> None:
    """A late case did not end without Mẫu 04: the diagram still waits for it, or the engine refused the step.

    Which of the two depends on the variant; a refusal must be the apology rule's ([S1][S14]).
    """
    case = world.current()
    if any(e.to_state == "mau-04" for e in world.events("document_issued")):
        world.fail("Đã có thư xin lỗi (Mẫu 04): bước này kiểm tra hồ sơ trễ hạn khi chưa có thư.")
    if case.completed or case.status in ENDED:
        world.fail(f"Hồ sơ trễ hạn đã kết thúc (trạng thái {case.status} — {case.status_label}) mà chưa có "
                   f"thư xin lỗi (Mẫu 04); {APOLOGY.name} ({APOLOGY.source}).")
    if world.error is not None and (not isinstance(world.error, LegalRuleError)
                                    or world.error.rule != APOLOGY.name):
        world.fail(f"Bước trước bị từ chối, nhưng không vì thư xin lỗi: {world.error}")
    if not world.tasks_where(lambda e: e.properties.get("document") == "mau-04"):
        world.fail("Hồ sơ trễ hạn chưa kết thúc, nhưng không có việc lập thư xin lỗi (Mẫu 04) nào đang chờ: "
                   f"hồ sơ chờ ở {positions(case)}.")


@then(parsers.re(r"(?i)ngày trả kết quả (?:được )?ghi riêng với ngày xử lý xong"))
@then(parsers.re(r"(?i)the collected date is kept apart from the processed date"))
def dates_apart(world: World) -> None:
    """Both dates are recorded, the result was collected on or after it was processed ([S3][M5])."""
    case = world.current()
    if case.finished_at is None or case.returned_at is None:
        world.fail("Mong đợi có cả ngày xử lý xong và ngày trả kết quả; có: xử lý xong "
                   f"{show_moment(case.finished_at)}, trả kết quả {show_moment(case.returned_at)}.")
    if case.returned_at < case.finished_at:
        world.fail(f"Ngày trả kết quả ({show_moment(case.returned_at)}) trước ngày xử lý xong "
                   f"({show_moment(case.finished_at)}).")


@then(parsers.re(r"(?i)phần thời hạn của \"(?P<agency>[^\"]+)\" (?:được tính )?"
                 r"(?:là (?P<n>\w+) ngày làm việc(?: \(trong ngày\))?|đúng số ngày làm việc công bố)"))
@then(parsers.re(r"(?i)the share of \"(?P<agency>[^\"]+)\" (?:is (?P<n>\w+) working days?(?: \(same day\))?"
                 r"|is counted as published)"))
def share_as_published(world: World, agency: str, n: str | None = None) -> None:
    """The agency's share timer falls due after its published working days, 0 = at 17:00 the same day.

    With `là N ngày làm việc` the published share must be N (the law's figure, e.g. 0 for the commune's
    birth registration [D1]). Counted here day by day on the working-day calendar from the day the timer
    was set, not by the engine's deadline helper ([D1][D3]).
    """
    code = resolve_agency(world, agency)
    timers = share_timers(world, code)
    if not timers:
        world.fail(f"Không có hẹn giờ nào đang đếm phần thời hạn của {code}.")
    key = share_key(world, timers[0].element_id) or code
    days = world.model.deadlines.get(key)
    if days is None:
        world.fail(f"Biến thể không công bố phần thời hạn '{key}' của {code} (deadlines trong "
                   "procedure.toml).")
    if n is not None and int(days) != parse_count(n):
        world.fail(f"Mong đợi phần thời hạn của {code} là {n} ngày làm việc, nhưng procedure.toml ghi "
                   f"{key} = {days}.")
    calendar = world.engine.calendar
    start = world.clock.now().astimezone(VN_TZ).date()
    last = start if calendar.is_working_day(start) else calendar.next_working_day(start)
    for _ in range(int(days)):
        last = calendar.next_working_day(last)
    due = min(t.due_at for t in timers)
    if due.astimezone(VN_TZ).date() != last:
        same_day = " (trong ngày)" if int(days) == 0 else ""
        world.fail(f"Mong đợi phần thời hạn {days} ngày làm việc{same_day} của {code} hết ngày "
                   f"{last:%d/%m/%Y}, nhưng hẹn giờ đến hạn {show_moment(due)}.")


PAYMENT_WAYS = {"tại quầy": "counter", "trực tuyến": "online", "at the desk": "counter", "online": "online"}


@then(parsers.re(r"(?i)(?:công dân )?đã nộp phí(?: (?P<how>tại quầy|trực tuyến))?"))
@then(parsers.re(r"(?i)the fee was paid(?: (?P<how>at the desk|online))?"))
def fee_paid(world: World, how: str | None) -> None:
    """The fee of a procedure with fees was paid (a `payment` event, from the step's payment_field)."""
    paid = [str(e.to_state) for e in world.events("payment")]
    wanted = PAYMENT_WAYS[normalise(how)] if how else None
    if not paid or (wanted and wanted not in paid):
        world.fail("Mong đợi công dân đã nộp phí" + (f" ({wanted})" if wanted else "")
                   + f", nhưng các lần nộp phí ghi nhận: {', '.join(paid) or '(chưa có)'}.")
