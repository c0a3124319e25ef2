"""Elements, flows and pools as the engine reads them off a real diagram (the linked birth group, to-be)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.bpmn.catalog import Catalog
from engine.bpmn.elements import HUMAN_TASKS
from engine.bpmn.model import ProcessModel

ROOT = Path(__file__).resolve().parents[3]
GROUP = ROOT / "processes" / "khai-sinh-thuong-tru-bhyt"


@pytest.fixture(scope="module")
def model() -> ProcessModel:
    catalog = Catalog(ROOT / "processes")
    return catalog.model(catalog.bundle("khai-sinh-thuong-tru-bhyt", "to-be"))


def test_each_element_points_at_its_own_line(model: ProcessModel) -> None:
    lines = (GROUP / "to-be.bpmn").read_text(encoding="utf-8").splitlines()
    own = [e for e in model.elements.values() if e.file == "to-be.bpmn"]
    assert len(own) > 30
    for element in own:
        assert element.line is not None and f'id="{element.id}"' in lines[element.line - 1], element.id
        assert f"<bpmn:{element.kind}" in lines[element.line - 1], element.id


def test_lanes_events_and_human_tasks(model: ProcessModel) -> None:
    start = model.elements["Start_NopHoSo"]
    assert (start.kind, start.lane, start.event) == ("startEvent", "Công dân", None)
    assert model.elements["Timer_HanGiaiQuyet"].event == "timer"
    humans = [e for e in model.elements.values() if e.kind in HUMAN_TASKS]
    assert humans and all(e.lane for e in humans)  # a desk works every human task
    boundary = [e for e in model.elements.values() if e.kind == "boundaryEvent"]
    assert all(b.attached_to in model.elements for b in boundary)


def test_flows_keep_their_conditions_and_message_flows_their_ends(model: ProcessModel) -> None:
    refused = model.flows["Flow_Gw_TiepNhan_End_KhongTiepNhan"]
    assert (refused.source, refused.target, refused.condition) == (
        "Gw_TiepNhan", "End_KhongTiepNhan", 'ket_qua_tiep_nhan == "tu_choi"'
    )
    assert model.flow_between("Gw_TiepNhan", "End_KhongTiepNhan") == refused.id
    to_police = next(f for f in model.message_flows if f.id == "MsgFlow_HoSoCuTru")
    assert (to_police.source, to_police.target) == ("GuiCongAn", "Pool_CongAn")


def test_pools_and_who_sends_from_outside(model: ProcessModel) -> None:
    assert model.pools["Pool_UBNDXa"].executable and not model.pools["Pool_CongAn"].executable
    assert model.external_sender("Pool_CongAn") == "cong-an"  # the lane map names the police's pool
    assert model.external_sender("GuiCongAn") is None  # inside the executable pool: not an outside sender
    contract = model.contract("Thông báo xác minh cư trú")
    assert contract is not None and contract.sender == "cong-an"
