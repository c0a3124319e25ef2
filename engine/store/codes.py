"""Codes the stored rows carry, which the store's own queries and checks read: the citizen's role and the
dossier statuses 1–10 with their Vietnamese names (DOMAIN.md §1).

Defined once here, at the lowest layer, so that the store imports nothing from the engine above it;
`engine/bpmn/procedure.py` re-exports the role and `engine/law/status.py` the statuses.
"""

from __future__ import annotations

from enum import IntEnum

CITIZEN_ROLE = "cong-dan"  # the lane role of the citizen's own tasks


class DossierStatus(IntEnum):
    """Status codes 1–10 of a one-stop dossier (TD.DichVuCongApi convention)."""

    NEW = 1
    RECEIVED = 2
    NOT_RECEIVED = 3
    PROCESSING = 4
    SUPPLEMENT_REQUESTED = 5
    FINANCIAL_OBLIGATION = 6
    WITHDRAWN = 7
    STOPPED = 8
    PROCESSED = 9
    RESULT_RETURNED = 10

    @property
    def label_vi(self) -> str:
        """The Vietnamese name shown to officers and citizens."""
        return LABELS_VI[self]

    @classmethod
    def parse(cls, value: str | int) -> DossierStatus:
        """From a code (`4`), an English name (`PROCESSING`) or a Vietnamese label."""
        text = str(value).strip()
        if text.isdigit():
            return cls(int(text))
        for status in cls:
            if text.upper() == status.name or text.lower() == status.label_vi.lower():
                return status
        raise ValueError(f"unknown dossier status {value!r}; use 1–10 or one of {[s.label_vi for s in cls]}")


LABELS_VI = {
    DossierStatus.NEW: "Mới đăng ký",
    DossierStatus.RECEIVED: "Được tiếp nhận",
    DossierStatus.NOT_RECEIVED: "Không được tiếp nhận",
    DossierStatus.PROCESSING: "Đang xử lý",
    DossierStatus.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung giấy tờ",
    DossierStatus.FINANCIAL_OBLIGATION: "Yêu cầu thực hiện nghĩa vụ tài chính",
    DossierStatus.WITHDRAWN: "Công dân yêu cầu rút hồ sơ",
    DossierStatus.STOPPED: "Dừng xử lý",
    DossierStatus.PROCESSED: "Đã xử lý xong",
    DossierStatus.RESULT_RETURNED: "Đã trả kết quả",
}
DOSSIER_STATUSES = frozenset(s.value for s in DossierStatus)  # what a stored row's status may be
