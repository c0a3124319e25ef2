"""Outside data may not name the engine's system fields nor the sandbox's names: refused whole, by name."""

from __future__ import annotations

import pytest

from engine.errors import ValidationError
from engine.run.inbound import SYSTEM_FIELDS, refuse_reserved_names, refuse_system_fields
from engine.sandbox.scripting import HELPER_NAMES


def test_ordinary_data_passes() -> None:
    data = {"ho_ten": "Nguyễn Văn An", "han_xu_ly": "2025-03-06", "ma_ho_so_cu": "x"}
    refuse_system_fields(data, "the form")


def test_system_fields_are_refused_naming_each_and_what_it_is() -> None:
    with pytest.raises(ValidationError) as caught:
        refuse_system_fields({"ho_ten": "An", "ma_ho_so": "LT-1", "trang_thai": 10}, "task 'TiepNhan'")
    error = caught.value
    assert error.message == "task 'TiepNhan' may not set system fields: ma_ho_so, trang_thai"
    assert error.field == "ma_ho_so"
    assert error.errors == [
        {"field": "ma_ho_so", "message": "'ma_ho_so' is the dossier code, owned by the engine"},
        {"field": "trang_thai", "message": "'trang_thai' is the dossier status, owned by the engine"},
    ]
    assert error.hint is not None and "the engine sets them" in error.hint
    assert set(SYSTEM_FIELDS) >= {"ma_ho_so", "nguoi_nop", "steps", "phien_ban"}


@pytest.mark.parametrize("name", [*sorted(HELPER_NAMES), "__lt_iter", "__builtins__", "__x", "sum", "range"])
def test_names_the_sandbox_reserves_are_refused(name: str) -> None:
    with pytest.raises(ValidationError, match="may not use names the expressions reserve") as caught:
        refuse_reserved_names({"ho_ten": "An", name: 1}, "message 'ket_qua'")
    assert caught.value.field == name and caught.value.errors[0]["field"] == name
    assert caught.value.hint is not None and "han_xu_ly instead of deadline" in caught.value.hint


def test_reserved_names_are_refused_before_system_fields() -> None:
    with pytest.raises(ValidationError, match="reserve: deadline"):
        refuse_system_fields({"ma_ho_so": "LT-1", "deadline": "mai"}, "the start data")
