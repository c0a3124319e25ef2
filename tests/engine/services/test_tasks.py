"""The tasks service: the work list and its page, a task's form, claiming, completing, a service's answer."""

from __future__ import annotations

import pytest

from engine import Actor, ConflictError, Engine, ForbiddenError

from .conftest import APPLICANT, CITIZEN, CLERK, PROCEDURE


def test_the_work_list_pages_the_lane_s_open_tasks_with_their_dossier(linked: Engine) -> None:
    cases = [linked.cases.start(PROCEDURE, applicant=APPLICANT, data={"ho_ten": str(n)}) for n in range(3)]
    page, total = linked.tasks.page(CLERK, limit=2)
    assert (len(page), total) == (2, 3)
    assert {t.case_id for t in page} <= {c.id for c in cases}
    [task] = linked.tasks.list(CLERK, case_id=cases[0].dossier_code)
    assert (task.element_id, task.dossier_code, task.case_status) == ("DangKy", cases[0].dossier_code, 1)
    assert task.due_at == cases[0].legal_clock.due_at and not task.overdue
    assert linked.tasks.list(Actor.officer("canbo.cutru", "cong-an", "cu-tru")) == []  # another lane's
    assert linked.tasks.page(CITIZEN) == ([], 0)  # the applicant works none of them


def test_a_claimed_task_is_completed_by_its_claimer_once(linked: Engine) -> None:
    case = linked.cases.start(PROCEDURE, applicant=APPLICANT, data={"ho_ten": "Lê Minh Khang"})
    [task] = linked.tasks.list(case_id=case.id)
    assert linked.tasks.get(task.id, CLERK).data["ho_ten"] == "Lê Minh Khang"
    with pytest.raises(ForbiddenError):
        linked.tasks.claim(task.id, CITIZEN)
    claimed = linked.tasks.claim(task.id, CLERK)
    assert (claimed.state, claimed.claimed_by) == ("claimed", CLERK.id)
    colleague = Actor.officer("hotich.xa2", "ubnd-xa", "ho-tich")
    with pytest.raises(ConflictError, match="claimed by"):
        linked.tasks.complete(task.id, {}, colleague)
    with pytest.raises(ConflictError, match="version"):
        linked.tasks.complete(task.id, {}, CLERK, expected_version=case.version + 5)
    done = linked.tasks.complete(task.id, {}, CLERK, expected_version=case.version)
    assert {p.element_id for p in done.position} == {"ChoKetQua", "Timer_HanCongAn"}
    with pytest.raises(ConflictError, match=r"already completed by hotich\.xa"):
        linked.tasks.complete(task.id, {}, CLERK)


def test_an_answer_for_a_case_that_no_longer_waits_for_it_is_dropped(linked: Engine) -> None:
    case = linked.cases.start(PROCEDURE, applicant=APPLICANT, data={"ho_ten": "Lê Minh Khang"})
    [task] = linked.tasks.list(case_id=case.id)
    assert linked.tasks.complete_service("no-such-case", task.id, {}) is None
    assert linked.tasks.complete_service(case.id, task.id, {"ket_qua": 1}) is None  # a user task, not started
    assert linked.cases.get(case.id).version == case.version  # nothing written
