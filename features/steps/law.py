"""Steps about the one-stop law the engine enforces (engine/law.py): a second supplement request, the apology.

The engine refuses an unlawful step whatever the diagram says; these steps check that the *diagram* keeps
the law by itself, so that an officer never meets the refusal on a lawful path.
"""

from __future__ import annotations

from pytest_bdd import parsers, step, then

from engine.errors import LegalRuleError, LienThongError, ValidationError
from features.steps.stages import _verdict_field
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
