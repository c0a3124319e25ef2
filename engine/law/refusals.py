"""How an agency's answer says "refused", and where it writes why: shared by the law, outcomes and lint."""

from __future__ import annotations

# The values of a `ket_qua…` (or other result) field that mean refused.
REFUSAL_VALUES = frozenset(
    {
        "tu_choi", "tu-choi", "khong_dat", "khong_dong_y", "khong_tiep_nhan", "refused", "rejected",
        "khong_dang_ky", "khong_xoa", "khong_cap",  # the paper answers a desk officer records (as-is forms)
    }
)
RESULT_PREFIXES = ("ket_qua", "quyet_dinh", "xac_nhan", "result")
REASON_FIELDS = ("ly_do", "ly_do_tu_choi")
DEFAULT_REASON_FIELD = "ly_do"
