"""Local fakes of the other agencies' systems the catalogue's service tasks call.

One answer per connector operation of the catalogue (population database, civil status, residence, social
insurance, judicial records, the education sector), built from the call's parameters so a caller reads its
own data back. The demo, the fake agency HTTP server, the simulation and the scenarios all answer with these;
a real installation registers connectors to the real systems instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .connectors import Connectors

Answer = Callable[[Mapping[str, Any]], dict[str, Any]]


def _id(params: Mapping[str, Any]) -> str:
    for key in ("so_dinh_danh", "so_dinh_danh_ca_nhan", "cccd", "so_cccd", "nguoi_nop"):
        if params.get(key):
            return str(params[key])
    return "001203004567"


def _ho_so(params: Mapping[str, Any]) -> str:
    return str(params.get("ma_ho_so", "LT-000000"))


FAKES: dict[str, Answer] = {
    "population.lookup": lambda p: {
        "so_dinh_danh": _id(p), "ho_ten": p.get("ho_ten", "Nguyễn Văn An"), "ngay_sinh": "2008-05-12",
        "noi_thuong_tru": p.get("noi_thuong_tru", "Phường Lê Chân, TP Hải Phòng"), "ton_tai": True,
        "hop_le": True, "trang_thai": "con_song",
    },
    "civil_status.register_birth": lambda p: {
        "so_giay_khai_sinh": f"KS-{_ho_so(p)}", "ban_dien_tu": True, "so_dinh_danh_tre": "001225009999",
        "da_dang_ky": True,
    },
    "civil_status.register_death": lambda p: {
        "so_trich_luc_khai_tu": f"KT-{_ho_so(p)}", "ban_dien_tu": True, "da_dang_ky": True,
    },
    "residence.register": lambda p: {
        "da_dang_ky": True, "can_xac_minh": False, "noi_thuong_tru": p.get("noi_thuong_tru", "Hải Phòng"),
    },
    "residence.deregister": lambda p: {"da_xoa": True, "da_dang_ky": True},
    "social_insurance.issue_card": lambda p: {
        "ma_so_bhxh": "3125009999", "the_bhyt": f"TE1{_id(p)[-10:]}", "da_cap": True,
    },
    "social_insurance.funeral_allowance": lambda p: {
        "duoc_huong": True, "so_tien": 18_720_000, "da_giai_quyet": True,
    },
    "judicial_record.request": lambda p: {
        "so_phieu": f"LLTP-{_id(p)[-6:]}", "co_an_tich": False, "da_cap": True,
    },
    "education.diploma_lookup": lambda p: {
        "tim_thay": True, "so_hieu_van_bang": p.get("so_hieu_van_bang", "B1234567"),
        "ho_ten": p.get("ho_ten", "Nguyễn Văn An"), "nam_tot_nghiep": 2020, "so_vao_so": "123/2020",
    },
    "education.student_record": lambda p: {
        "tim_thay": True, "hoc_ba_dien_tu": True, "giay_trung_tuyen": True, "lop": p.get("lop", 11),
        "truong": p.get("truong_di", "THPT Lê Quý Đôn"),
    },
}


def fake_answer(operation: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """The fake system's answer to one call (KeyError for an operation no fake serves)."""
    return FAKES[operation](params)


def fake_connectors() -> Connectors:
    """Connectors answering every catalogue operation at once with the fakes above."""
    registry = Connectors()
    for operation, answer in FAKES.items():
        registry.register(operation, answer)
    return registry
