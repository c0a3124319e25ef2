"""Each procedure of a linked group has its own outcome (engine/law/outcomes.py): registered, or refused with
the written reason its own step gave, beside the case's overall result."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from engine import CaseView, Engine
from engine.actors import Actor
from engine.bpmn.catalog import Catalog
from engine.bpmn.procedure import Procedure
from engine.errors import InvalidProcessError, LegalRuleError
from engine.time.clock import FakeClock
from tests.conftest import PROCESSES, make_engine
from tests.walk import CaseWalk

SLUG = "khai-sinh-thuong-tru-bhyt"
APPLICANT = "001195004321"
CHILD = {"ho_ten_tre": "Nguyễn Minh An", "ngay_sinh_tre": "2025-02-20", "gioi_tinh": "nam",
         "ho_ten_me": "Trần Thị Mai", "so_dinh_danh_me": APPLICANT, "quan_he_nguoi_yeu_cau": "me"}
DESK = Actor.officer("canbo.motcua", "ubnd-xa", "mot-cua")
CIVIL_STATUS = Actor.officer("congchuc.hotich", "ubnd-xa", "chuyen-vien")
CHAIRMAN = Actor.officer("chu.tich", "ubnd-xa", "lanh-dao")
POLICE = Actor.agency_system("cong-an")
SOCIAL_SECURITY = Actor.agency_system("bhxh")
REASON = "Nơi cư trú của cha mẹ chưa được xác minh"


def outcomes(case: CaseView) -> dict[str, tuple[str | None, str | None]]:
    return {o.part: (o.result, o.reason) for o in case.outcomes}


def registered_birth(engine: Engine, clock: FakeClock, variant: str) -> CaseWalk:
    case = CaseWalk(engine, clock, SLUG, variant, applicant=APPLICANT, data=CHILD,
                    channel="truc-tiep" if variant == "as-is" else "online")
    case.receive_complete(DESK)
    if variant == "as-is":
        case.do("ChuyenHoSo", {}, DESK)
    case.do("ThamDinh", {"ket_qua_tham_dinh": "dat"}, CIVIL_STATUS)
    case.do("PheDuyet", {"quyet_dinh": "dong_y"}, CHAIRMAN)
    if variant == "as-is":
        case.do("GhiSoKhaiSinh", {"so_dang_ky": "15/2025"}, CIVIL_STATUS)
    return case


@pytest.fixture
def to_be_engine(sqlite_engine: Engine) -> Iterator[Engine]:
    def population(params: Mapping[str, Any]) -> dict[str, Any]:
        return {"ho_ten": "Trần Thị Mai", "noi_thuong_tru": "Xã An Hòa, Hải Phòng"}

    def register_birth(params: Mapping[str, Any]) -> dict[str, Any]:
        return {"so_dang_ky": "15/2025"}

    sqlite_engine.connectors.register("population.lookup", population)
    sqlite_engine.connectors.register("civil_status.register_birth", register_birth)
    yield sqlite_engine


def test_as_is_police_refuse_residence_on_paper_while_birth_and_card_are_registered(
    sqlite_engine: Engine, clock: FakeClock
) -> None:
    case = registered_birth(sqlite_engine, clock, "as-is")
    assert outcomes(case.case) == {"khai-sinh": ("registered", None), "thuong-tru": (None, None),
                                   "the-bhyt": (None, None)}
    case.do("ChuyenCongAn", {}, DESK)
    case.do("NhanKetQuaCongAn", {"ket_qua_cu_tru": "khong_dang_ky", "ly_do": REASON}, DESK)
    case.do("ChuyenBHXH", {}, DESK)
    case.do("NhanKetQuaBHXH", {"ma_so_bhxh": "3125012345"}, DESK)  # the card came back: issued
    final = case.do("TraKetQua", {"nguoi_nhan": "Trần Thị Mai"}, DESK)
    assert final.completed and final.result == "approved"
    assert outcomes(final) == {"khai-sinh": ("registered", None), "thuong-tru": ("refused", REASON),
                               "the-bhyt": ("registered", None)}
    reloaded = sqlite_engine.cases.get(case.id)
    assert reloaded.outcomes == final.outcomes  # kept in the case row, not recomputed from the workflow


def test_the_communes_refusal_refuses_the_birth_and_leaves_the_others_undecided(
    sqlite_engine: Engine, clock: FakeClock
) -> None:
    case = CaseWalk(sqlite_engine, clock, SLUG, "as-is", applicant=APPLICANT, data=CHILD, channel="truc-tiep")
    case.receive_complete(DESK)
    case.do("ChuyenHoSo", {}, DESK)
    case.do("ThamDinh", {"ket_qua_tham_dinh": "khong_dat", "ly_do": "Giấy chứng sinh bị tẩy xóa"},
            CIVIL_STATUS)
    final = case.do("TuChoiGiaiQuyet", {"ly_do": "Giấy chứng sinh không hợp lệ"}, DESK)
    assert final.result == "refused"
    assert outcomes(final) == {"khai-sinh": ("refused", "Giấy chứng sinh không hợp lệ"),
                               "thuong-tru": (None, None), "the-bhyt": (None, None)}


def test_each_part_reads_the_reason_its_own_step_gave(to_be_engine: Engine, clock: FakeClock) -> None:
    case = registered_birth(to_be_engine, clock, "to-be")
    # The police's verification notice carries a ly_do; their later registration has none of its own.
    case.reply("Thông báo xác minh cư trú", {"ly_do": "Xác minh chỗ ở hợp pháp của mẹ"}, POLICE)
    case.reply("Kết quả đăng ký thường trú", {"ket_qua_cu_tru": "da_dang_ky"}, POLICE)
    final = case.reply("Kết quả cấp thẻ BHYT", {"ket_qua_bhyt": "tu_choi", "ly_do": "Trẻ đã có thẻ BHYT"},
                       SOCIAL_SECURITY)
    assert outcomes(final) == {"khai-sinh": ("registered", None), "thuong-tru": ("registered", None),
                               "the-bhyt": ("refused", "Trẻ đã có thẻ BHYT")}
    assert final.result == "approved"  # the case's own result stays what the diagram's `result` says


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "processes"
    shutil.copytree(PROCESSES / SLUG, root / SLUG)
    shutil.copytree(PROCESSES / "_shared", root / "_shared")
    return root


def test_a_refused_part_without_a_reason_is_refused_even_when_the_form_lets_it_through(
    tmp_path: Path, clock: FakeClock
) -> None:
    root = _copy(tmp_path)
    form = root / SLUG / "forms" / "NhanKetQuaCongAn.schema.json"
    schema = json.loads(form.read_text(encoding="utf-8"))
    del schema["allOf"]  # the desk form no longer asks for the reason
    form.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}", clock, Catalog(root))
    try:
        case = registered_birth(engine, clock, "as-is")
        case.do("ChuyenCongAn", {}, DESK)
        with pytest.raises(LegalRuleError, match=r"refusing the part 'thuong-tru' needs a written reason "
                                                 r"in field 'ly_do'") as refused:
            case.do("NhanKetQuaCongAn", {"ket_qua_cu_tru": "khong_dang_ky"}, DESK)
        assert (refused.value.element_id, refused.value.field) == ("NhanKetQuaCongAn", "ly_do")
        assert refused.value.rule == "every refusal or stop states a written reason"
        assert "NhanKetQuaCongAn" in case.waiting_at()
        assert outcomes(engine.cases.get(case.id))["thuong-tru"] == (None, None)
        done = case.do("NhanKetQuaCongAn", {"ket_qua_cu_tru": "khong_dang_ky", "ly_do": REASON}, DESK)
        assert outcomes(done)["thuong-tru"] == ("refused", REASON)
    finally:
        engine.store.dispose()


def test_an_outcome_naming_no_part_is_refused_when_the_model_loads(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    bpmn = root / SLUG / "to-be.bpmn"
    text = bpmn.read_text(encoding="utf-8")
    bpmn.write_text(text.replace('name="outcome" value="the-bhyt"', 'name="outcome" value="the-bhy"'),
                    encoding="utf-8")
    catalog = Catalog(root)
    with pytest.raises(InvalidProcessError, match=r"outcome names unknown part 'the-bhy' \(parts: "
                                                  r"khai-sinh, thuong-tru, the-bhyt\)") as refused:
        catalog.model(catalog.bundle(SLUG, "to-be"))
    assert refused.value.element_id == "NhanKetQuaBHXH" and refused.value.field == "outcome"


@pytest.mark.parametrize(("parts", "field"), [
    ('[[parts]]\nkey = "x"\nname_vi = "X"\nagency = "khong-co"\n', "parts[1].agency"),
    ('[[parts]]\nkey = "x"\nagency = "so"\n', "parts[1].name_vi"),
    ('[[parts]]\nkey = "x"\nname_vi = "X"\nagency = "so"\n' * 2, "parts[2].key"),
    ('parts = "x"\n', "parts"),
])
def test_procedure_toml_parts_are_checked(parts: str, field: str) -> None:
    text = ('name_vi = "Thủ tục"\n' + (parts if parts.startswith("parts =") else "")
            + '[agencies.so]\nname_vi = "Sở"\n[lanes."Bộ phận Một cửa"]\nagency = "so"\nrole = "mot-cua"\n'
            + '[variants.as-is]\nfile = "as-is.bpmn"\n' + ("" if parts.startswith("parts =") else parts))
    with pytest.raises(InvalidProcessError) as refused:
        Procedure.parse(text, "thu-tuc")
    assert refused.value.field == field
