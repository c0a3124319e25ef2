"""The ten canonical dossier statuses: codes, Vietnamese labels, parsing, which ones end a dossier."""

from __future__ import annotations

import pytest

from engine.law.status import DOSSIER_STATUSES, FINISHED, DossierStatus


def test_the_ten_codes_and_their_labels() -> None:
    assert [s.value for s in DossierStatus] == list(range(1, 11))
    assert frozenset(range(1, 11)) == DOSSIER_STATUSES
    assert DossierStatus.RECEIVED.label_vi == "Được tiếp nhận"
    assert DossierStatus.SUPPLEMENT_REQUESTED.label_vi == "Yêu cầu bổ sung giấy tờ"
    assert DossierStatus.RESULT_RETURNED.label_vi == "Đã trả kết quả"
    assert len({s.label_vi for s in DossierStatus}) == 10


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("4", DossierStatus.PROCESSING),
        (4, DossierStatus.PROCESSING),
        (" 10 ", DossierStatus.RESULT_RETURNED),
        ("processing", DossierStatus.PROCESSING),
        ("WITHDRAWN", DossierStatus.WITHDRAWN),
        ("đã xử lý xong", DossierStatus.PROCESSED),
        ("Dừng xử lý", DossierStatus.STOPPED),
    ],
)
def test_parse_by_code_name_or_label(text: str | int, status: DossierStatus) -> None:
    assert DossierStatus.parse(text) is status


@pytest.mark.parametrize("text", ["đang chờ", "", "4a"])
def test_parse_refuses_what_is_not_a_status_and_lists_the_labels(text: str) -> None:
    with pytest.raises(ValueError, match=r"unknown dossier status .*use 1–10 or one of .*Mới đăng ký"):
        DossierStatus.parse(text)


@pytest.mark.parametrize("text", ["0", "11"])
def test_parse_refuses_a_code_outside_one_to_ten(text: str) -> None:
    with pytest.raises(ValueError, match=f"{text} is not a valid DossierStatus"):
        DossierStatus.parse(text)


def test_finished_statuses_end_a_dossier_and_the_others_do_not() -> None:
    assert {s.value for s in FINISHED} == {3, 7, 8, 9, 10}
    assert DossierStatus.PROCESSING not in FINISHED and DossierStatus.SUPPLEMENT_REQUESTED not in FINISHED
