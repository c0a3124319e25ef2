"""The core's shared steps: a case as the actor may see it, a task the actor may work, a step and its save."""

from __future__ import annotations

import pytest

from engine import Actor, ConflictError, Engine, ForbiddenError, NotFoundError
from engine.run.runtime import CaseRun

from .conftest import APPLICANT, CITIZEN, CLERK, POLICE_OFFICER, PROCEDURE, STRANGER, registered


def test_a_case_is_found_by_id_or_code_and_only_by_those_who_may_see_it(linked: Engine) -> None:
    case = registered(linked)
    core = linked.core
    with core.store.transaction(write=False) as tx:
        assert core.visible_case(tx, case.id, CITIZEN).id == case.id
        assert core.visible_case(tx, case.dossier_code, POLICE_OFFICER).id == case.id  # a party to the case
        for outsider in (STRANGER, Actor.citizen("079090001111")):
            with pytest.raises(NotFoundError, match=f"no case {case.id}"):
                core.visible_case(tx, case.id, outsider)


def test_a_task_is_workable_by_its_lane_forbidden_to_the_case_s_others_hidden_from_the_rest(
    linked: Engine,
) -> None:
    case = linked.cases.start(PROCEDURE, applicant=APPLICANT, data={"ho_ten": "Lê Minh Khang"})
    [task] = linked.tasks.list(case_id=case.id)
    core = linked.core
    with core.store.transaction(write=False) as tx:
        record, found = core.workable_task(tx, task.id, CLERK)
        assert (record.element_id, found.id) == ("DangKy", case.id)
        with pytest.raises(ForbiddenError, match="belongs to lane"):
            core.workable_task(tx, task.id, CITIZEN)  # the applicant sees the case, not the clerk's task
        with pytest.raises(NotFoundError):
            core.workable_task(tx, task.id, STRANGER)
        with pytest.raises(NotFoundError):
            core.workable_task(tx, "no-such-task", CLERK)


def test_a_step_saves_in_one_version_checked_write_and_keeps_the_workflow_warm(linked: Engine) -> None:
    case = registered(linked)
    core = linked.core
    with core.store.transaction(write=False) as tx:
        record = tx.get_case(case.id)
        assert record is not None
        model = core.files.model(tx, record.bundle_hash)
    before = record.version
    stale = before - 1
    with pytest.raises(ConflictError, match=f"not {stale}"):
        core.step(record, model, CLERK, lambda run: None, expected_version=stale)
    assert linked.cases.get(case.id).version == before  # nothing written

    def note(run: CaseRun) -> None:
        run.event("noted", None, data={"by": "test"})

    view = core.step(record, model, CLERK, note)
    assert view.version == before + 1
    assert [e.kind for e in linked.cases.history(case.id)][-1] == "noted"
    assert core.files.live[case.id][0] == view.version  # reused by the next operation on the case
    assert core.case_view(record, model).dossier_code == case.dossier_code
    with core.store.transaction(write=False) as tx:
        assert core.open_incidents(tx, case.id) == ()
