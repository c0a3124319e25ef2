"""Business-level stages that read the same in every variant, whether a person or the diagram does them.

Receiving a dossier, handing it to the specialists and returning the result are a person's task in one
variant and automatic in another. These steps work the open task that does the stage when there is one,
and otherwise check that the diagram already did it — so one scenario runs against as-is and to-be.
"""

from __future__ import annotations

from typing import Any

from pytest_bdd import parsers, step

from engine.bpmn.elements import Element
from engine.errors import LegalRuleError
from features.support.agencies import resolve_agency, sending_tasks, sent_messages
from features.support.phrases import StepProblem, normalise
from features.support.tables import table_data
from features.support.world import World

Table = list[list[str]] | None
ACCEPT = "day_du"  # the completeness check's "complete" answer in every reception form of the catalogue


@step(parsers.re(r"(?i)(?P<who>.+?) tiếp nhận hồ sơ(?: với:)?"))
@step(parsers.re(r"(?i)(?P<who>.+?) receives the dossier(?: with:)?"))
def receive(world: World, who: str, datatable: Table = None) -> None:
    """The dossier is found complete and received (Mẫu 01): the legal clock starts."""
    for _ in range(4):  # a check, then the receipt; a model may have both or fold them into one
        if world.current().legal_clock.started_at is not None:
            return
        receipts = world.tasks_where(lambda e: e.properties.get("legal_clock") == "start")
        if receipts:
            task = receipts[0]
            world.complete_task(who, task, table_data(datatable, world.form_of(task)))
            continue
        checks = [t for t in world.open_tasks() if _verdict_field(world.form_of(t), ACCEPT)]
        if not checks:
            break
        task = checks[0]
        data = table_data(datatable, world.form_of(task))
        data.setdefault(str(_verdict_field(world.form_of(task), ACCEPT)), ACCEPT)
        world.complete_task(who, task, data)
    world.fail("Mong đợi hồ sơ được tiếp nhận (bước có legal_clock=start, Mẫu 01), nhưng không có bước "
               "kiểm tra hay tiếp nhận nào đang chờ.")


VERDICTS = {"đạt": "dat", "cần bổ sung": "can_bo_sung", "không đạt": "khong_dat", "passes": "dat",
            "needs supplements": "can_bo_sung", "fails": "khong_dat"}


@step(parsers.re(r"(?i)(?P<who>.+?) (?P<attempt>thử )?kết luận thẩm định \"(?P<verdict>[^\"]+)\"(?: với:)?"))
@step(parsers.re(r"(?i)(?P<who>.+?) (?P<attempt>tries to )?concludes? the appraisal \"(?P<verdict>[^\"]+)\""
                 r"(?: with:)?"))
def appraise(world: World, who: str, attempt: str | None, verdict: str, datatable: Table = None) -> None:
    """The appraisal task of `who`'s lane, whatever the variant calls it, concludes: đạt / cần bổ sung / …

    It is the open task of that lane whose form offers the verdict (`dat`, `can_bo_sung`, `khong_dat`).
    `… thử kết luận …` expects the engine to refuse that outcome (`thao tác bị từ chối theo quy tắc …`).
    """
    value = VERDICTS.get(normalise(verdict))
    if value is None:
        raise StepProblem(f"kết luận '{verdict}' không rõ; dùng một trong: {', '.join(VERDICTS)}")
    grants = set(world.actor(who).grants())
    tasks = [t for t in world.open_tasks()
             if (t.agency, t.role) in grants and _verdict_field(world.form_of(t), value) is not None]
    if len(tasks) != 1:
        world.fail(f"Mong đợi đúng một việc thẩm định của \"{who}\" có kết luận '{value}' đang chờ, "
                   f"có {len(tasks)}.")
    task = tasks[0]
    form = world.form_of(task)
    data = table_data(datatable, form)
    data[str(_verdict_field(form, value))] = value
    world.complete_task(who, task, data, attempt=bool(attempt))


def _verdict_field(form: dict[str, Any] | None, value: str) -> str | None:
    """The form field offering this verdict among its choices."""
    for name, spec in (form or {}).get("properties", {}).items():
        if value in spec.get("enum", []):
            return str(name)
    return None


def _is_handoff(element: Element) -> bool:
    return element.properties.get("document") == "mau-05"


@step(parsers.re(r"(?i)(?P<who>.+?) chuyển hồ sơ (?:đến|cho|sang) (?:phòng chuyên môn|bộ phận giải quyết)"))
@step(parsers.re(r"(?i)(?P<who>.+?) hands the dossier (?:over )?to the specialists"))
def hand_over(world: World, who: str) -> None:
    """The dossier reaches the specialists: with a control sheet (Mẫu 05) where the diagram has one.

    Passes when the hand-off task is done here, was done automatically, or when the variant has no
    separate hand-off and the case already waits at a specialist's task.
    """
    tasks = world.tasks_where(_is_handoff)
    if tasks:
        world.complete_task(who, tasks[0], {})
        return
    if any(e.to_state == "mau-05" for e in world.events("document_issued")):
        return
    if any(t.role not in (None, "mot-cua") for t in world.open_tasks()):
        return
    world.fail("Mong đợi hồ sơ đến phòng chuyên môn (Mẫu 05), nhưng không có bước chuyển nào đang chờ, "
               "hồ sơ chưa được chuyển và không có việc nào của chuyên môn đang chờ.")


@step(parsers.re(r"(?i)(?P<who>.+?) chuyển hồ sơ (?:đến|cho|sang) \"(?P<agency>[^\"]+)\""))
@step(parsers.re(r"(?i)(?P<who>.+?) sends the (?:dossier|file) to \"(?P<agency>[^\"]+)\""))
def send_to_agency(world: World, who: str, agency: str) -> None:
    """The file goes to another agency: a desk task posts it, or the diagram sent it as a message."""
    code = resolve_agency(world, agency)
    tasks = sending_tasks(world, code)
    if tasks:
        world.complete_task(who, tasks[0], {})
        return
    if not any(a == code for _, a in sent_messages(world)):
        world.fail(f"Mong đợi hồ sơ được chuyển sang {code}, nhưng không có việc chuyển nào đang chờ và chưa "
                   "gửi gì đến cơ quan đó.")


def _returns_result(element: Element) -> bool:
    props = element.properties
    approved = props.get("status") == "10" and props.get("result") == "approved"
    return approved or props.get("document") == "mau-06"


@step(parsers.re(r"(?i)(?P<who>.+?) (?P<attempt>thử )?trả kết quả(?: cho công dân)?"
                 r"(?P<lawful> \(nếu luật cho phép\))?(?: với:)?"))
@step(parsers.re(r"(?i)(?P<who>.+?) (?P<attempt>tries to )?returns? the result"
                 r"(?P<lawful> \(if the law allows\))?(?: with:)?"))
def return_result(world: World, who: str, attempt: str | None = None, lawful: str | None = None,
                  datatable: Table = None) -> None:
    """The result reaches the citizen (status 10): at the desk in one variant, electronically in another.

    `… thử trả kết quả` expects a refusal; `… (nếu luật cho phép)` accepts either (a later step checks).
    """
    tasks = world.tasks_where(_returns_result)
    if tasks:
        world.complete_task(who, tasks[0], table_data(datatable, world.form_of(tasks[0])),
                            attempt=bool(attempt), law_may_refuse=bool(lawful))
        return
    if attempt:
        world.fail("Mong đợi việc trả kết quả bị từ chối, nhưng không có bước trả kết quả nào đang chờ.")
    if lawful and isinstance(world.error, LegalRuleError):
        return  # the law stopped an earlier step of this variant, so no return step is open yet
    if world.current().status != 10:
        world.fail("Mong đợi trả kết quả, nhưng không có bước trả kết quả nào đang chờ và hồ sơ chưa ở trạng "
                   "thái 10 (Đã trả kết quả).")
