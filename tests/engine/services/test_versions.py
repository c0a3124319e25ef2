"""The versions service: immutable versions, the four-eyes activation, the model a version runs."""

from __future__ import annotations

import pytest

from engine import Actor, ConflictError, Engine, ForbiddenError, NotFoundError
from engine.services.versions import VersionService

from .conftest import APPLICANT, DATA, PROCEDURE

AUTHOR = Actor.officer("tac.gia", "ubnd-xa", "ho-tich")
REVIEWER = Actor.officer("tham.dinh", "ubnd-xa", "reviewer")


def test_a_deployment_is_a_new_version_unless_the_same_bundle_is_active(linked: Engine) -> None:
    first = linked.versions.deploy(PROCEDURE, "default")
    assert (first.number, first.status) == (1, "active")
    assert linked.versions.deploy(PROCEDURE, "default") == first  # the same file: nothing new
    model = linked.versions.model(first.id)
    assert {"DangKy", "ChoKetQua", "Timer_HanCongAn"} <= set(model.elements)
    with pytest.raises(NotFoundError):
        linked.versions.model(first.id + 100)


def test_a_pending_version_is_activated_by_a_second_person_and_retires_the_active_one(linked: Engine) -> None:
    first = linked.versions.deploy(PROCEDURE, "default")
    text = (DATA / PROCEDURE / "default.bpmn").read_text(encoding="utf-8")
    source = text.replace("Đôn đốc Công an", "Đôn đốc").encode()
    pending = linked.versions.deploy(PROCEDURE, "default", bpmn=source, actor=AUTHOR, activate=False)
    assert (pending.number, pending.status, pending.created_by) == (2, "pending", AUTHOR.id)
    with linked.store.transaction(write=False) as tx:
        with pytest.raises(ConflictError, match="pending review"):
            VersionService.for_start(tx, PROCEDURE, "default", pending.id)
        assert VersionService.for_start(tx, PROCEDURE, "default", None).id == first.id
    with pytest.raises(ForbiddenError, match="second person"):
        linked.versions.activate(pending.id, AUTHOR)
    active = linked.versions.activate(pending.id, REVIEWER)
    assert (active.status, active.activated_by) == ("active", REVIEWER.id)
    assert [(v.number, v.status) for v in linked.versions.list(PROCEDURE, "default")] == [
        (2, "active"), (1, "retired"),
    ]
    with pytest.raises(ConflictError, match="not pending"):
        linked.versions.activate(pending.id, REVIEWER)
    assert linked.cases.start(PROCEDURE, applicant=APPLICANT, data={"ho_ten": "A"}).version_id == pending.id
