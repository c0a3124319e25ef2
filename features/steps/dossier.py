"""Steps that act on a dossier: submit it, work its tasks, ask for and bring supplements, answer messages."""

from __future__ import annotations

from pytest_bdd import parsers, step

from features.support.agencies import awaits_reply, deliver_from_portal, replies_in_diagram, waiting_messages
from features.support.agencies import reply as reply_message
from features.support.phrases import StepProblem, normalise, parse_channel, parse_moment
from features.support.tables import table_data
from features.support.world import World, words_in_order

Table = list[list[str]] | None


@step(parsers.re(r"(?i)thủ tục \"(?P<name>[^\"]+)\""))
@step(parsers.re(r"(?i)the procedure \"(?P<name>[^\"]+)\""))
def procedure_is(world: World, name: str) -> None:
    """The feature's folder names the procedure; this step states it (and checks it) in the text."""
    wanted = name.strip().casefold()
    p = world.procedure
    names = {p.slug, p.name_vi, p.name_en, *p.codes}
    if wanted not in {n.casefold() for n in names}:
        raise StepProblem(f"tính năng này nằm trong thư mục của thủ tục '{p.slug}' ({p.name_vi}), "
                             f"không phải '{name}'")


@step(parsers.re(r"(?i)người nộp hồ sơ có số định danh \"(?P<number>\d+)\""))
@step(parsers.re(r"(?i)the applicant's personal id is \"(?P<number>\d+)\""))
def applicant_is(world: World, number: str) -> None:
    """The citizen's personal id number (the default is 001203004567)."""
    world.applicant = number


@step(parsers.re(r"(?i)(?:dữ liệu|thông tin) hồ sơ(?: gồm)?:"))
@step(parsers.re(r"(?i)the dossier data:"))
def dossier_data(world: World, datatable: Table = None) -> None:
    """The e-form data the citizen will submit (typed by the procedure's start form)."""
    world.dossier.update(table_data(datatable, world.model.forms.get("start")))


@step(parsers.re(r"(?i)công dân (?:đã )?nộp hồ sơ"
                 r"(?: (?P<channel>trực tuyến|tại quầy|trực tiếp|qua bưu chính))?"
                 r"(?: (?:lúc|vào) (?P<when>.+?))?(?: với:)?"))
@step(parsers.re(r"(?i)(?:a|the) citizen (?:submits|submitted|has submitted) (?:a|the) dossier"
                 r"(?: (?P<channel>online|at the desk|in person|by post))?(?: at (?P<when>.+?))?(?: with:)?"))
def submit(world: World, channel: str | None, when: str | None, datatable: Table = None) -> None:
    """The citizen submits the dossier: online, at the desk or by post, optionally at a given moment.

    Without a channel, the variant's own: at the desk when its start event is a trip to an office.
    """
    if when:
        world.set_now(parse_moment(when))
    how = parse_channel(channel) if channel else world.natural_channel()
    world.submit(how, table_data(datatable, world.model.forms.get("start")))


LAWFUL_VI = r"(?P<lawful> \(nếu luật cho phép\))?"
LAWFUL_EN = r"(?P<lawful> \(if the law allows\))?"


@step(parsers.re(r"(?i)(?P<who>.+?) (?P<attempt>thử )?(?:đã )?hoàn thành (?:việc )?\"(?P<task>[^\"]+)\""
                 r"(?P<optional> \(nếu (?:sơ đồ )?có\))?(?P<pending> \(nếu còn chờ\))?" + LAWFUL_VI
                 + r"(?: với:)?"))
@step(parsers.re(r"(?i)(?P<who>.+?) (?P<attempt>tries to )?(?:completes?|completed|has completed) "
                 r"\"(?P<task>[^\"]+)\"(?P<optional> \(if (?:the diagram has it|any)\))?"
                 r"(?P<pending> \(if still waiting\))?" + LAWFUL_EN + r"(?: with:)?"))
def complete(world: World, who: str, attempt: str | None, task: str, optional: str | None,
             pending: str | None = None, lawful: str | None = None, datatable: Table = None) -> None:
    """A lane (or role, or the citizen) completes a task named as in the diagram, with form data.

    `… thử hoàn thành …` expects a refusal instead; a later step checks why (`thao tác bị từ chối …`).
    `… (nếu có)`: a step one variant has and another does not; skipped only when the diagram has no task
    of that name at all (if it has one, the case must be waiting there).
    `… (nếu luật cho phép)`: done, or refused by a one-stop rule (the variant whose diagram does not keep
    the rule by itself); a later step checks which (`hồ sơ chưa kết thúc vì chưa có thư xin lỗi`).
    `… (nếu còn chờ)`: done when the case waits at that task, skipped when it does not (e.g. the step the
    law refused in one variant and the diagram took in another).
    """
    if optional and not world.diagram_has(task):
        return
    if pending and not any(words_in_order(normalise(task), t.name) for t in world.open_tasks()):
        return
    open_task = world.find_task(task, who)
    data = table_data(datatable, world.form_of(open_task))
    world.complete_task(who, open_task, data, attempt=bool(attempt), law_may_refuse=bool(lawful))


@step(parsers.re(r"(?i)(?P<who>.+?) (?P<attempt>thử )?yêu cầu bổ sung hồ sơ(?: \"(?P<content>[^\"]+)\")?"
                 r"(?: với:)?"))
@step(parsers.re(r"(?i)(?P<who>.+?) (?P<attempt>tries to )?requests? (?:a )?supplements?"
                 r"(?: \"(?P<content>[^\"]+)\")?(?: with:)?"))
def request_supplement(world: World, who: str, attempt: str | None, content: str | None,
                       datatable: Table = None) -> None:
    """The open step that asks the citizen for supplements (Mẫu 02) is completed with what is missing.

    `… thử yêu cầu bổ sung hồ sơ` expects the engine to refuse it (e.g. a second request, [S5]).
    """
    tasks = world.tasks_where(world.is_supplement_request)
    if len(tasks) != 1:
        world.fail("Mong đợi đúng một việc yêu cầu bổ sung (Mẫu 02 / tạm dừng tính hạn / trạng thái 5) "
                   f"đang chờ, có {len(tasks)}.")
    task = tasks[0]
    form = world.form_of(task)
    data = table_data(datatable, form)
    if content:
        fields = [name for name in (form or {}).get("properties", {}) if "bo_sung" in name]
        data.setdefault(fields[0] if fields else "noi_dung_bo_sung", content)
    world.complete_task(who, task, data, attempt=bool(attempt))


@step(parsers.re(r"(?i)công dân (?:đã )?(?:bổ sung|nộp bổ sung) hồ sơ(?: với:)?"))
@step(parsers.re(r"(?i)the citizen (?:supplements|supplemented) the dossier(?: with:)?"))
def supplement(world: World, datatable: Table = None) -> None:
    """The citizen's supplements come in: the step that receives them is completed by its lane."""
    tasks = world.tasks_where(world.is_supplement_receipt)
    if len(tasks) == 1:
        task = tasks[0]
        who = task.lane or "công dân"
        world.complete_task(who, task, table_data(datatable, world.form_of(task)))
        return
    words = ("bổ sung", "supplement")
    messages = [m for m in waiting_messages(world) if any(w in m.casefold() for w in words)]
    if len(messages) == 1:
        deliver_from_portal(world, messages[0], table_data(datatable))
        return
    world.fail("Mong đợi một bước nhận hồ sơ bổ sung đang chờ (việc tiếp tục tính hạn, hoặc ngay sau yêu "
               f"cầu bổ sung, hoặc thông điệp 'bổ sung'); có {len(tasks)} việc, {len(messages)} thông điệp.")


@step(parsers.re(r"(?i)\"(?P<agency>[^\"]+)\" (?P<attempt>thử )?(?:trả lời|gửi) "
                 r"\"(?P<message>[^\"]+)\"(?P<optional> \(nếu (?:sơ đồ )?có\))?(?P<pending> \(nếu còn chờ\))?"
                 + LAWFUL_VI + r"(?: với:)?"))
@step(parsers.re(r"(?i)\"(?P<agency>[^\"]+)\" (?P<attempt>tries to )?(?:replies|sends|reply|send) "
                 r"\"(?P<message>[^\"]+)\"(?P<optional> \(if (?:the diagram has it|any)\))?"
                 r"(?P<pending> \(if still waiting\))?" + LAWFUL_EN + r"(?: with:)?"))
def reply(world: World, agency: str, attempt: str | None, message: str, optional: str | None,
          pending: str | None = None, lawful: str | None = None, datatable: Table = None) -> None:
    """Another agency's system answers a message (correlated on the dossier code), with a payload.

    `… thử trả lời …` expects a refusal (an agency that does not send this message in the diagram).
    `… (nếu có)`: skipped only when the diagram has no such message from that agency at all.
    `… (nếu luật cho phép)`: delivered, or refused by a one-stop rule (kept for a later check).
    `… (nếu còn chờ)`: only when the case waits for it (the message, or the desk task recording the paper).
    """
    if optional and not replies_in_diagram(world, agency, message):
        return
    if pending and not awaits_reply(world, agency, message):
        return
    reply_message(world, agency, message, table_data(datatable), attempt=bool(attempt),
                  law_may_refuse=bool(lawful))


@step(parsers.re(r"(?i)hệ thống \"(?P<operation>[^\"]+)\" trả về:"))
@step(parsers.re(r"(?i)the system \"(?P<operation>[^\"]+)\" answers:"))
def system_answers(world: World, operation: str, datatable: Table = None) -> None:
    """Another agency's system (a connector fake) answers with these fields."""
    world.fakes.check_known(operation)
    world.fakes.overrides[operation] = table_data(datatable)


@step(parsers.re(r"(?i)hệ thống \"(?P<operation>[^\"]+)\" (?:bị lỗi|không phản hồi)"))
@step(parsers.re(r"(?i)the system \"(?P<operation>[^\"]+)\" (?:fails|is down)"))
def system_fails(world: World, operation: str) -> None:
    """Another agency's system is down: its connector fails."""
    world.fakes.check_known(operation)
    world.fakes.failing[operation] = f"{operation} không phản hồi"

