"""Refusal values: every result choice the catalogue labels a refusal is one the engine treats as refused."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from engine.law.refusals import REFUSAL_VALUES, RESULT_PREFIXES

ROOT = Path(__file__).resolve().parents[3]
# "Không có án tích" (no criminal record) starts with "Không" and is the good answer, not a refusal.
REFUSING_LABELS = ("Từ chối", "Không đạt", "Không đồng ý", "Không tiếp nhận", "Không đăng ký", "Không xóa",
                   "Không cấp")


def result_choices(schema: Any) -> Iterator[tuple[str, str, str]]:
    """(field, value, Vietnamese label) of every enum of a result field, wherever it stands in the schema."""
    if isinstance(schema, dict):
        for name, prop in (schema.get("properties") or {}).items():
            if name.startswith(RESULT_PREFIXES) and isinstance(prop, dict) and "enum" in prop:
                labels = prop.get("x-enum-labels") or {}
                for value in prop["enum"]:
                    yield name, value, labels.get(value, "")
        for value in schema.values():
            yield from result_choices(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from result_choices(value)


def test_the_catalogues_refusing_choices_are_refusal_values() -> None:
    files = sorted((ROOT / "processes").glob("*/forms/*.schema.json"))
    files += sorted((ROOT / "processes").glob("*/messages/*.schema.json"))
    choices = {c for f in files for c in result_choices(json.loads(f.read_text(encoding="utf-8")))}
    assert len(choices) > 20  # the catalogue's own answers, labelled (x-enum-labels)
    refusing = {value for _, value, label in choices if label.startswith(REFUSING_LABELS)}
    others = {value for _, value, label in choices if not label.startswith(REFUSING_LABELS)}
    assert refusing and refusing <= REFUSAL_VALUES, sorted(refusing - REFUSAL_VALUES)
    assert not (others & REFUSAL_VALUES), sorted(others & REFUSAL_VALUES)
    assert "khong_co_an_tich" in others

