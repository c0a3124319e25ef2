"""Confined evaluation in real child processes: data in and out, helpers served by the parent, limits kill."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from engine.errors import LegalRuleError, TaskFailedError, UnsafeExpressionError
from engine.sandbox.confine import Confinement, confinement
from tests.hostile import ANY_LIMIT


@pytest.fixture(scope="module")
def pool() -> Iterator[Confinement]:
    """A pool of two children for this module (closed after it: no child is left behind)."""
    made = Confinement(size=2)
    yield made
    made.close()


def test_an_expression_and_a_script_run_in_a_child(pool: Confinement) -> None:
    assert pool.run("eval", "','.join(sorted(xs))", {"xs": ["b", "a"]}, {}) == "a,b"
    assert pool.run("exec", "tong = sum(i * i for i in range(n))", {"n": 4}, {}) == {"n": 4, "tong": 14}


def test_helpers_are_called_in_the_parent_with_their_side_effects(pool: Confinement) -> None:
    calls: list[tuple[Any, ...]] = []

    def deadline(key: str = "overall") -> str:
        calls.append(("deadline", key))
        return "2025-03-06T17:00:00+07:00"

    assert pool.run("eval", "[deadline(k) for k in ks][-1]", {"ks": ["a", "b"]}, {"deadline": deadline}) == (
        "2025-03-06T17:00:00+07:00"
    )
    assert calls == [("deadline", "a"), ("deadline", "b")]  # the real helper, in this process


def test_an_engine_error_of_a_helper_comes_back_as_itself(pool: Confinement) -> None:
    def deadline(key: str) -> str:
        raise UnsafeExpressionError(f"deadline('{key}') is not defined", hint="add it under [deadlines]")

    with pytest.raises(UnsafeExpressionError, match=r"deadline\('bhxh'\) is not defined") as caught:
        pool.run("eval", "[deadline(k) for k in ['bhxh']]", {}, {"deadline": deadline})
    assert caught.value.hint == "add it under [deadlines]"
    with pytest.raises(TaskFailedError, match=r"boom\(\): ZeroDivisionError"):
        pool.run("eval", "[boom() for x in [1]]", {}, {"boom": lambda: 1 / 0})


def test_a_legal_rule_error_of_a_helper_comes_back_as_itself(pool: Confinement) -> None:
    def refused() -> LegalRuleError:
        return LegalRuleError("a second supplement request", rule="one supplement", source="[S5]",
                              element_id="YeuCauBoSung", field="ly_do")

    def refuse() -> None:
        raise refused()

    with pytest.raises(LegalRuleError) as caught:
        pool.run("eval", "[refuse() for x in [1]]", {}, {"refuse": refuse})
    error = caught.value
    assert (error.rule, error.source, error.element_id, error.field) == (
        "one supplement", "[S5]", "YeuCauBoSung", "ly_do")
    assert (str(error), error.details) == (str(refused()), refused().details)


def test_a_script_error_names_its_cause_and_the_child_stays(pool: Confinement) -> None:
    with pytest.raises(TaskFailedError, match="ZeroDivisionError: division by zero"):
        pool.run("exec", "x = [1 / i for i in range(2)]", {}, {})
    assert pool.run("eval", "[i for i in range(3)]", {}, {}) == [0, 1, 2]


def test_a_resource_bomb_is_stopped_and_the_pool_goes_on(pool: Confinement) -> None:
    # Which limit fires first (CPU timer, memory, wall clock) depends on the machine's load.
    with pytest.raises(UnsafeExpressionError) as caught:
        pool.run("exec", "x = ('a' * 10**6).replace('a', 'bb' * 1000)", {}, {})
    assert any(limit in caught.value.message for limit in ANY_LIMIT), caught.value.message
    assert pool.run("eval", "len([x for x in xs])", {"xs": [1, 2]}, {}) == 2


def test_what_comes_back_is_plain_data(pool: Confinement) -> None:
    with pytest.raises(UnsafeExpressionError, match=r"'the value' is a set, not data"):
        pool.run("eval", "{x for x in [1]}", {}, {})


def test_the_process_wide_pool_is_one() -> None:
    assert confinement() is confinement()
