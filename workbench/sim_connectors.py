"""Local fakes of other agencies' systems: service tasks return at once, with data the side file may vary."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from engine.connectors import Connector, Connectors

from .sim_model import Draws

# The operations the catalogue may call (the contract in the catalogue brief), with plausible answers.
STANDARD_RESULTS: dict[str, dict[str, Any]] = {
    "population.lookup": {"ho_ten": "Nguyễn Văn An", "ngay_sinh": "1990-05-12",
                          "noi_thuong_tru": "Phường Lê Chân, TP Hải Phòng", "quan_he_chu_ho": "chủ hộ"},
    "civil_status.register_birth": {"so_dang_ky": "KS-0001", "trich_luc": "trich-luc-khai-sinh.pdf"},
    "civil_status.register_death": {"so_dang_ky": "KT-0001", "trich_luc": "trich-luc-khai-tu.pdf"},
    "residence.register": {"ket_qua": "thanh_cong"},
    "residence.deregister": {"ket_qua": "thanh_cong"},
    "social_insurance.issue_card": {"ma_so_bhxh": "0123456789", "the_bhyt": "TE1234567890123"},
    "social_insurance.funeral_allowance": {"so_tien": 46800000},
    "judicial_record.request": {"so_phieu": "LLTP-0001", "ket_qua": "khong_co_an_tich"},
    "education.diploma_lookup": {"so_hieu_van_bang": "B-0012345", "nam_tot_nghiep": 2015,
                                 "truong": "THPT Trần Phú"},
    "education.student_record": {"hoc_ba_dien_tu": "hoc-ba.pdf", "ket_qua_hoc_tap": "kha"},
}


class FakeAgencies:
    """Connectors answering every standard operation (and those the side file names) without delay.

    Choices in the side file draw from the random stream of the case being stepped, which the
    simulation sets before each step, so a run stays reproducible for a seed.
    """

    def __init__(self, overrides: Mapping[str, Draws]) -> None:
        self.rng = random.Random(0)
        self.calls: dict[str, int] = {}
        self.connectors = Connectors()
        for operation in sorted(set(STANDARD_RESULTS) | set(overrides)):
            self.connectors.register(operation, self._answer(operation, overrides.get(operation)))

    def _answer(self, operation: str, draws: Draws | None) -> Connector:
        base = STANDARD_RESULTS.get(operation, {})

        def answer(params: Mapping[str, Any]) -> Mapping[str, Any]:
            self.calls[operation] = self.calls.get(operation, 0) + 1
            return {**base, **draws.draw(self.rng)} if draws is not None else dict(base)

        return answer
