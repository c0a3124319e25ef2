"""procedure.toml read once and checked: lanes to agencies and roles, variants and deadlines, parts."""

from __future__ import annotations

import pytest

from engine.bpmn.procedure import CITIZEN_ROLE, LaneRole, Part, Procedure
from engine.errors import InvalidProcessError
from tests.conftest import PROCESSES

BIRTH = "khai-sinh-thuong-tru-bhyt"


def real(slug: str) -> str:
    return (PROCESSES / slug / "procedure.toml").read_text(encoding="utf-8")


def test_the_birth_group_reads_whole() -> None:
    procedure = Procedure.parse(real(BIRTH), BIRTH)
    assert procedure.code == "233448" and procedure.online_level == "toan-trinh"
    assert procedure.variants["to-be"].deadlines == {
        "overall": 3, "ubnd-xa": 0, "cong-an": 2, "xac-minh": 2, "cong-an-xac-minh": 3, "bhxh": 2,
    }
    assert procedure.parts["thuong-tru"] == Part("thuong-tru", "Đăng ký thường trú", "cong-an", None)
    assert list(procedure.parts) == ["khai-sinh", "thuong-tru", "the-bhyt"]
    assert procedure.agency_name("ubnd-xa").startswith("Ủy ban nhân dân cấp xã")
    assert procedure.agency_name("khong-co") == "khong-co"
    assert "to_khai_lien_thong_mau_01" in procedure.components


def test_lanes_map_to_an_agency_and_a_role() -> None:
    procedure = Procedure.parse(real("chuyen-truong-thpt"), "chuyen-truong-thpt")
    roles = set(procedure.lanes.values())
    assert all(isinstance(r, LaneRole) for r in roles)
    assert any(r.role == CITIZEN_ROLE for r in roles)
    assert procedure.lane(None) is None and procedure.lane("Không có làn này") is None
    assert procedure.code == "1.005096"


def test_no_code_falls_back_to_the_slug() -> None:
    procedure = Procedure.parse('name_vi = "X"\nagencies = {}\nlanes = {}\nvariants = {}\n', "thu-nghiem")
    assert procedure.codes == () and procedure.code == "thu-nghiem" and procedure.online_level == "mot-phan"


MINIMAL = """name_vi = "Thủ tục kiểm thử"
[agencies.so]
name_vi = "Sở"
[lanes."Một cửa"]
agency = "so"
role = "mot-cua"
[variants.default]
deadlines = { overall = 3 }
"""


@pytest.mark.parametrize(
    ("text", "message", "field"),
    [
        ("name_vi = [", "procedure.toml is not valid TOML", None),
        (MINIMAL.replace('name_vi = "Thủ tục kiểm thử"', ""), "'name_vi' is missing or not a str", "name_vi"),
        (MINIMAL.replace("[variants.default]\ndeadlines = { overall = 3 }\n", ""),
         "'variants' is missing or not a dict", "variants"),
        (MINIMAL.replace('role = "mot-cua"\n', ""), "lane 'Một cửa' needs agency and role", "lanes.Một cửa"),
        (MINIMAL.replace('agency = "so"', 'agency = "cong-an"'),
         "lane 'Một cửa' names unknown agency 'cong-an'", "lanes.Một cửa.agency"),
        (MINIMAL.replace("overall = 3", "overall = 2.5"), "whole numbers of working days",
         "variants.default.deadlines"),
        (MINIMAL.replace("overall = 3", "overall = -1"), "whole numbers of working days",
         "variants.default.deadlines"),
        ('parts = "x"\n' + MINIMAL, "'parts' is a list", "parts"),
        (MINIMAL + '[[parts]]\nkey = "a"\nname_vi = "A"\n', "parts[1] needs 'agency'", "parts[1].agency"),
        (MINIMAL + '[[parts]]\nkey = "a"\nname_vi = "A"\nagency = "bhxh"\n', "names unknown agency 'bhxh'",
         "parts[1].agency"),
        (MINIMAL + '[[parts]]\nkey = "a"\nname_vi = "A"\nagency = "so"\n' * 2, "part 'a' is declared twice",
         "parts[2].key"),
        (MINIMAL + '[[parts]]\nkey = "a"\nname_vi = "A"\nagency = "so"\ncode = 1\n',
         "parts[1].code is a string", "parts[1].code"),
    ],
)
def test_a_malformed_procedure_toml_names_the_field(text: str, message: str, field: str | None) -> None:
    with pytest.raises(InvalidProcessError, match=message.replace("[", r"\[").replace("]", r"\]")) as caught:
        Procedure.parse(text, "thu-nghiem", filename="processes/thu-nghiem/procedure.toml")
    assert caught.value.file == "processes/thu-nghiem/procedure.toml"
    assert caught.value.field == field


def test_a_citizen_lane_needs_no_agency_of_the_procedure() -> None:
    text = MINIMAL + '[lanes."Công dân"]\nagency = "cong-dan"\nrole = "cong-dan"\n'
    procedure = Procedure.parse(text, "thu-nghiem")
    assert procedure.lane("Công dân") == LaneRole("cong-dan", CITIZEN_ROLE)
    assert procedure.variants["default"].file == "default.bpmn"  # the variant's name by default
