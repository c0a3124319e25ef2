"""The cases service: start (deploying on first use), read, list, history, withdraw and stop."""

from __future__ import annotations

import pytest

from engine import Actor, ConflictError, Engine, ForbiddenError, LegalRuleError, NotFoundError

from .conftest import APPLICANT, CITIZEN, CLERK, POLICE, PROCEDURE, STRANGER, registered


def test_the_first_case_deploys_the_catalogue_s_file_and_runs_to_its_first_task(linked: Engine) -> None:
    assert linked.versions.list(PROCEDURE) == []
    data = {"ho_ten": "Lê Minh Khang"}
    case = linked.cases.start(PROCEDURE, applicant=APPLICANT, data=data, channel="direct")
    [version] = linked.versions.list(PROCEDURE)
    assert (case.version_id, version.note) == (version.id, "deployed on first use from the catalogue")
    assert (case.status, case.channel, [p.element_id for p in case.position]) == (1, "direct", ["DangKy"])
    assert case.dossier_code.startswith("LT-250303-")
    data = linked.cases.get(case.dossier_code, CITIZEN, with_data=True).data
    assert data is not None and data["ho_ten"] == "Lê Minh Khang" and data["ma_ho_so"] == case.dossier_code


def test_a_case_is_read_listed_and_traced_only_by_those_who_may_see_it(linked: Engine) -> None:
    case = registered(linked)
    other = linked.cases.start(PROCEDURE, applicant="079090001111", data={"ho_ten": "Trần Thị Bình"})
    views, total, unreadable = linked.cases.list(CITIZEN)
    assert ([v.id for v in views], total, unreadable) == ([case.id], 1, [])
    assert linked.cases.list(CLERK, limit=1)[1] == 2
    assert linked.cases.list(CLERK, agency="cong-an") == ([], 0, [])  # not the officer's agency
    assert {v.id for v in linked.cases.list(POLICE)[0]} == {case.id}  # the police take part in one only
    with pytest.raises(NotFoundError):
        linked.cases.get(other.id, CITIZEN)
    kinds = [e.kind for e in linked.cases.history(case.id, CITIZEN)]
    assert kinds[0] == "case_started" and "message_sent" in kinds
    with pytest.raises(NotFoundError):
        linked.cases.history(case.id, STRANGER)


def test_withdrawn_by_the_citizen_the_case_ends_and_cannot_end_again(linked: Engine) -> None:
    case = registered(linked)
    with pytest.raises(ForbiddenError):
        linked.cases.withdraw(case.id, actor=POLICE)
    ended = linked.cases.withdraw(case.id, reason="Nộp nhầm thủ tục", actor=CITIZEN)
    assert (ended.status, ended.result, ended.position) == (7, "withdrawn", ())
    assert ended.summary["result_reason"] == "Nộp nhầm thủ tục"
    assert linked.timers.next_due() is None  # the police's share no longer runs
    with pytest.raises(ConflictError, match="already ended"):
        linked.cases.stop(case.id, reason="Hồ sơ giả mạo", actor=CLERK)


def test_stopping_needs_an_agency_and_a_written_reason(linked: Engine) -> None:
    case = registered(linked)
    with pytest.raises(LegalRuleError) as unreasoned:
        linked.cases.stop(case.id, reason="  ", actor=CLERK)
    assert unreasoned.value.field == "ly_do"
    with pytest.raises(ForbiddenError):
        linked.cases.stop(case.id, reason="Tự dừng", actor=Actor.citizen(APPLICANT))
    stopped = linked.cases.stop(case.id, reason="Hồ sơ giả mạo", actor=CLERK)
    assert (stopped.status, stopped.result) == (8, "stopped")
    assert [e.data["reason"] for e in linked.cases.history(case.id) if e.kind == "case_stopped"] == [
        "Hồ sơ giả mạo"
    ]
