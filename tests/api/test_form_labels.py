"""Every choice a served form or message schema offers has a Vietnamese label (`x-enum-labels`, value →
label), so a screen can show "Cần bổ sung" rather than `can_bo_sung`: checked over HTTP for the start form
of every variant, every task's form and every message of the whole catalogue."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from engine.bpmn.catalog import Catalog
from tests.api.conftest import Api, _serve, build_app
from tests.conftest import PROCESSES

CONDITIONS = ("if", "not")  # an enum under these is a test of a value, not a choice offered


@pytest.fixture(scope="module")
def full_catalog() -> Catalog:
    """The real catalogue: all five groups and the shared reception."""
    return Catalog(PROCESSES)


@pytest.fixture
def api(full_catalog: Catalog, sqlite_url: str, tmp_path: Path) -> Iterator[Api]:
    """The app over the whole catalogue."""
    yield from _serve(build_app(sqlite_url, full_catalog, PROCESSES, tmp_path))


def unlabelled(node: Any, where: str = "") -> Iterator[str]:
    """Where a choice has no Vietnamese label, or a label names no choice."""
    if isinstance(node, dict):
        if "enum" in node:
            labels = node.get("x-enum-labels") or {}
            values = {str(v) for v in node["enum"]}
            if set(labels) != values or not all(isinstance(t, str) and t.strip() for t in labels.values()):
                yield f"{where}: enum {sorted(values)} labels {labels}"
        for key, value in node.items():
            if key not in CONDITIONS:
                yield from unlabelled(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from unlabelled(value, f"{where}/{index}")


def test_unlabelled_finds_a_bare_enum_and_skips_conditions() -> None:
    schema = {"properties": {"a": {"enum": ["x", "y"], "x-enum-labels": {"x": "Ích"}}},
              "if": {"properties": {"a": {"enum": ["x"]}}}}
    assert list(unlabelled(schema)) == ["/properties/a: enum ['x', 'y'] labels {'x': 'Ích'}"]


def test_every_choice_of_every_served_form_and_message_has_a_vietnamese_label(
        api: Api, full_catalog: Catalog) -> None:
    citizen = api.citizen("001203004567")
    problems, forms = [], 0
    for summary in api.get("/procedures", citizen).json()["items"]:
        slug = summary["slug"]
        for variant in summary["variants"]:
            keys = full_catalog.model(full_catalog.bundle(slug, variant)).forms
            for key in keys:
                served = api.get(f"/procedures/{slug}/forms/{key}", citizen, params={"variant": variant})
                assert served.status_code == 200, served.text
                problems += [f"{slug}/{variant}/{key}{p}" for p in unlabelled(served.json())]
                forms += 1
        for contract in api.get(f"/procedures/{slug}/messages", citizen).json()["items"]:
            schema = api.get(contract["schema_url"], citizen).json()
            problems += [f"{slug}/{contract['message_id']}{p}" for p in unlabelled(schema)]
            forms += 1
    assert forms > 80 and not problems, problems
