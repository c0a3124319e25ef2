"""The one seam to other agencies: operations by name, failures as ConnectorError naming the operation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from engine.agencies.connectors import Connectors
from engine.errors import ConnectorError


def lookup(params: Mapping[str, Any]) -> Mapping[str, Any]:
    return {"so_dinh_danh": params["cccd"], "ton_tai": True}


def test_a_registered_operation_answers_with_a_plain_dict() -> None:
    connectors = Connectors({"population.lookup": lookup})
    assert "population.lookup" in connectors and "residence.register" not in connectors
    answer = connectors.call("population.lookup", {"cccd": "001203004567"})
    assert answer == {"so_dinh_danh": "001203004567", "ton_tai": True} and type(answer) is dict


def test_an_unknown_operation_names_the_known_ones() -> None:
    connectors = Connectors()
    with pytest.raises(ConnectorError, match=r"no connector is registered for 'x\.y' \(known: none\)"):
        connectors.call("x.y", {})
    connectors.register("b.two", lookup)
    connectors.register("a.one", lookup)
    assert connectors.names() == ["a.one", "b.two"]
    with pytest.raises(ConnectorError, match=r"\(known: a\.one, b\.two\)"):
        connectors.call("x.y", {})


def test_a_failing_connector_becomes_a_connector_error_with_its_cause() -> None:
    connectors = Connectors({"population.lookup": lookup})
    with pytest.raises(ConnectorError, match=r"'population\.lookup' failed: KeyError: 'cccd'") as caught:
        connectors.call("population.lookup", {})
    assert isinstance(caught.value.__cause__, KeyError)


def test_a_connector_error_passes_unchanged_and_register_replaces() -> None:
    def refuse(params: Mapping[str, Any]) -> Mapping[str, Any]:
        raise ConnectorError("cổng dịch vụ công đang bảo trì", hint="thử lại sau")

    connectors = Connectors({"population.lookup": refuse})
    with pytest.raises(ConnectorError) as caught:
        connectors.call("population.lookup", {})
    assert caught.value.message == "cổng dịch vụ công đang bảo trì" and caught.value.hint == "thử lại sau"
    connectors.register("population.lookup", lookup)
    assert connectors.call("population.lookup", {"cccd": "1"})["ton_tai"] is True
