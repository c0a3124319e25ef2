"""Message contracts: each message a diagram catches, who sends it, and its schema checked on arrival."""

from __future__ import annotations

import pytest

from engine.bpmn.catalog import Catalog
from engine.bpmn.contracts import MessageContract, check_payload, read_schemas, schema_file
from engine.errors import InvalidProcessError, ValidationError

BIRTH = "khai-sinh-thuong-tru-bhyt"


def test_the_birth_group_catches_the_polices_and_social_insurances_answers(catalog: Catalog) -> None:
    model = catalog.model(catalog.bundle(BIRTH, "to-be"))
    residence = model.messages["Msg_KetQuaCuTru"]
    assert residence.name == "Kết quả đăng ký thường trú"
    assert residence.sender == "cong-an"
    assert set(residence.elements) == {"NhanKetQuaCongAn", "NhanKetQuaCongAnXacMinh"}
    assert residence.schema is not None and residence.schema["title"] == "Kết quả đăng ký thường trú"
    assert model.messages["Msg_KetQuaBHYT"].sender == "bhxh"
    assert model.contract("Kết quả đăng ký thường trú") is residence  # by name, as senders call it
    assert model.contract("Msg_KetQuaCuTru") is residence and model.contract("không có") is None
    thrown = {"Msg_HoSoCuTru", "Msg_HoSoBHYT"}
    assert not thrown & set(model.messages)  # what the diagram sends is not a contract it receives


def test_a_payload_is_checked_against_the_schema_naming_the_field(catalog: Catalog) -> None:
    contract = catalog.model(catalog.bundle(BIRTH, "to-be")).messages["Msg_KetQuaCuTru"]
    check_payload(contract, {"ket_qua_cu_tru": "da_dang_ky", "so_dinh_danh": "001225009999"})
    with pytest.raises(ValidationError) as caught:
        check_payload(contract, {"ket_qua_cu_tru": "chua_ro", "so_dinh_danh": "12"})
    error = caught.value
    assert "message 'Kết quả đăng ký thường trú'" in error.message
    assert {e["field"] for e in error.errors} >= {"ket_qua_cu_tru", "so_dinh_danh"}
    assert error.hint is not None and "messages/Msg_KetQuaCuTru.schema.json" in error.hint


def test_a_contract_without_schema_takes_any_payload_and_has_no_example() -> None:
    contract = MessageContract("Msg_X", "x", None, ("Nhan_X",), None, None)
    check_payload(contract, {"bat_ky": ["gi"]})
    assert contract.example() is None
    with_example = MessageContract("Msg_X", "x", None, (), None, {"examples": [{"ket_qua": "dat"}]})
    assert with_example.example() == {"ket_qua": "dat"}


def test_schemas_are_read_by_message_id_and_a_broken_one_is_named() -> None:
    files = {"messages/Msg_A.schema.json": b'{"type": "object"}', "forms/F.schema.json": b"[]",
             "messages/readme.txt": b"not a schema"}
    assert read_schemas(files) == {"Msg_A": {"type": "object"}}
    assert schema_file("Msg_A") == "messages/Msg_A.schema.json"
    with pytest.raises(InvalidProcessError, match="message schema is not valid JSON") as caught:
        read_schemas({"messages/Msg_B.schema.json": b'{\n  "type": \n}'})
    assert (caught.value.file, caught.value.line) == ("messages/Msg_B.schema.json", 3)
    with pytest.raises(InvalidProcessError, match="a message schema must be a JSON object"):
        read_schemas({"messages/Msg_C.schema.json": b"[1]"})
