"""The messages service: a reply correlated on the dossier code, from the agency the diagram has send it."""

from __future__ import annotations

import pytest

from engine import Actor, Engine, ForbiddenError, NotFoundError, ValidationError
from engine.services.messages import may_send

from .conftest import POLICE, registered


def test_the_police_s_reply_finishes_the_case_and_is_traced(linked: Engine) -> None:
    case = registered(linked)
    answer = {"so_dang_ky_thuong_tru": "TT-1"}
    final = linked.messages.correlate("ket_qua_cu_tru", dossier_code=case.dossier_code, payload=answer,
                                      actor=POLICE)
    assert (final.completed, final.result, final.awaiting) == (True, "approved", ())
    [received] = [e for e in linked.cases.history(case.id) if e.kind == "message_received"]
    assert (received.data["from"], received.data["payload"]) == ("cong-an", answer)
    with pytest.raises(NotFoundError, match="waiting for message 'ket_qua_cu_tru'"):
        linked.messages.correlate("ket_qua_cu_tru", dossier_code=case.dossier_code, actor=POLICE)


def test_a_message_from_the_wrong_sender_or_with_system_fields_leaves_the_case_untouched(
    linked: Engine,
) -> None:
    case = registered(linked)
    commune = Actor.agency_system("ubnd-xa")
    with linked.store.transaction(write=False) as tx:
        model = linked.core.files.model(tx, linked.versions.list()[0].bundle_hash)
    assert may_send(model, "ket_qua_cu_tru", POLICE) and not may_send(model, "ket_qua_cu_tru", commune)
    with pytest.raises(ForbiddenError):
        linked.messages.correlate("ket_qua_cu_tru", dossier_code=case.dossier_code, actor=commune)
    with pytest.raises(ValidationError):
        linked.messages.correlate(
            "ket_qua_cu_tru", dossier_code=case.dossier_code, payload={"ma_ho_so": "LT-KHAC"}, actor=POLICE
        )
    assert linked.cases.get(case.id).version == case.version
