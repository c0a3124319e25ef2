"""The fake agency systems: one answer per catalogue operation, built from what the call sends."""

from __future__ import annotations

import pytest

from engine.agencies.fakes import FAKES, fake_answer, fake_connectors
from engine.bpmn.catalog import Catalog
from engine.bpmn.model import ProcessModel


def operations(model: ProcessModel) -> set[str]:
    return {str(node.get("id")) for doc in model.documents
            for node in doc.xpath("//spiffworkflow:serviceTaskOperator")}


def test_every_operation_the_catalogue_calls_has_a_fake(catalog: Catalog) -> None:
    called = set()
    for procedure in catalog.procedures():
        for variant in procedure.variants:
            called |= operations(catalog.model(catalog.bundle(procedure.slug, variant)))
    assert called, "the catalogue calls no operation: this test would prove nothing"
    assert called <= set(FAKES), f"no fake for {sorted(called - set(FAKES))}"
    assert fake_connectors().names() == sorted(FAKES)


def test_a_fake_answers_with_the_callers_own_data() -> None:
    answer = fake_answer("population.lookup", {"cccd": "079300000001", "ho_ten": "Trần Thị Bình"})
    assert answer["so_dinh_danh"] == "079300000001" and answer["ho_ten"] == "Trần Thị Bình"
    assert fake_answer("population.lookup", {})["so_dinh_danh"] == "001203004567"  # the demo's citizen
    assert fake_answer("civil_status.register_birth", {"ma_ho_so": "LT-000042"})["so_giay_khai_sinh"] == (
        "KS-LT-000042"
    )
    card = fake_answer("social_insurance.issue_card", {"so_dinh_danh": "001203004567"})
    assert card["the_bhyt"] == "TE11203004567"


def test_an_operation_no_fake_serves_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        fake_answer("tax.lookup", {})


def test_the_connectors_answer_through_the_seam() -> None:
    connectors = fake_connectors()
    answer = connectors.call("judicial_record.request", {"nguoi_nop": "001203004567"})
    assert answer["so_phieu"] == "LLTP-004567"
