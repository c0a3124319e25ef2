"""engine/views.py: what the engine answers with is small, frozen and plain — no library object, no row."""

from __future__ import annotations

import dataclasses
import inspect
import typing
from datetime import datetime

import pytest

import engine
from engine import views

VIEWS = [cls for _, cls in inspect.getmembers(views, inspect.isclass) if cls.__module__ == views.__name__]
# What a view's fields may hold: plain values, and other views.
PLAIN = {"builtins", "datetime", "types", "typing", "collections.abc", views.__name__}


def types_in(hint: object) -> set[type]:
    """Every class a type hint names, through unions, tuples, dicts and the like."""
    found = {hint} if isinstance(hint, type) else set()
    for argument in typing.get_args(hint):
        found |= types_in(argument)
    origin = typing.get_origin(hint)
    return found | ({origin} if isinstance(origin, type) else set())


def test_every_view_is_exported_by_the_engine() -> None:
    assert {cls.__name__ for cls in VIEWS} <= set(engine.__all__)


@pytest.mark.parametrize("view", VIEWS, ids=lambda cls: cls.__name__)
def test_a_view_is_a_frozen_dataclass_of_plain_values(view: type) -> None:
    assert dataclasses.is_dataclass(view) and view.__dataclass_params__.frozen  # type: ignore[attr-defined]
    hints = typing.get_type_hints(view)
    foreign = {f"{name}: {t.__module__}.{t.__qualname__}" for name, hint in hints.items()
               for t in types_in(hint) if t.__module__ not in PLAIN}
    assert not foreign, f"{view.__name__} holds more than plain data: {sorted(foreign)}"


def test_a_view_cannot_be_changed_by_its_caller() -> None:
    clock = views.LegalClock(started_at=datetime(2025, 3, 3, 9), due_at=None, days_allowed=3, days_used=0,
                             paused=False, paused_days=0, overdue=False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        clock.overdue = True  # type: ignore[misc]
    assert dataclasses.replace(clock, days_used=1).days_used == 1 and clock.days_used == 0
