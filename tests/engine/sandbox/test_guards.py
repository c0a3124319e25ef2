"""The run-time guards: each explosive operator refused just past its limit, and exact just below it."""

from __future__ import annotations

import ast

import pytest

from engine.errors import UnsafeExpressionError
from engine.sandbox.guards import (
    GUARD_FUNCS,
    GUARDS,
    MAX_INT_BITS,
    MAX_SEQUENCE,
    guarded_add,
    guarded_lshift,
    guarded_mod,
    guarded_mul,
    guarded_pow,
    safe_range,
    weight,
)
from engine.sandbox.sandbox import Sandbox


def test_pow_is_exact_below_the_limit_and_refused_above() -> None:
    assert guarded_pow(2, 4_000) == 2**4_000
    assert guarded_pow(2.0, 0.5) == pytest.approx(1.4142135)
    assert guarded_pow(-1, 9_999) == -1  # |base| ≤ 1 never grows, but any exponent past 10,000 is refused
    with pytest.raises(UnsafeExpressionError, match=rf"2 \*\* 4097 is too large \(limit {MAX_INT_BITS}"):
        guarded_pow(2, 4_097)
    with pytest.raises(UnsafeExpressionError, match="exponent too large"):
        guarded_pow(1, 10_001)


def test_mul_refuses_a_huge_repetition_either_way_round() -> None:
    assert guarded_mul("ab", 3) == "ababab" and guarded_mul(3, [0]) == [0, 0, 0]
    assert len(guarded_mul("a", MAX_SEQUENCE)) == MAX_SEQUENCE
    assert guarded_mul("a", -5) == ""
    with pytest.raises(UnsafeExpressionError, match="repeating a sequence 1,000,001 times is too large"):
        guarded_mul("a", MAX_SEQUENCE + 1)
    with pytest.raises(UnsafeExpressionError, match="repeating a sequence"):
        guarded_mul(500_001, [1, 2])
    with pytest.raises(UnsafeExpressionError, match=f"product larger than {MAX_INT_BITS} bits"):
        guarded_mul(2**3_000, 2**3_000)


def test_shift_add_and_mod() -> None:
    assert guarded_lshift(1, 4_095) == 1 << 4_095
    with pytest.raises(UnsafeExpressionError, match="shift larger than"):
        guarded_lshift(1, 4_096)
    assert guarded_add([1], [2]) == [1, 2] and guarded_add(2, 3) == 5
    with pytest.raises(UnsafeExpressionError, match="concatenation longer than 1,000,000 items"):
        guarded_add("a" * MAX_SEQUENCE, "b")
    assert guarded_mod(17, 5) == 2
    with pytest.raises(UnsafeExpressionError, match="'%' string formatting is not allowed; use an f-string"):
        guarded_mod("%s", "x")


def test_range_is_bounded() -> None:
    assert list(safe_range(3)) == [0, 1, 2] and len(safe_range(0, MAX_SEQUENCE)) == MAX_SEQUENCE
    with pytest.raises(UnsafeExpressionError, match="range of more than 1,000,000 items"):
        safe_range(0, MAX_SEQUENCE + 1)


def test_every_rewritten_operator_has_its_guard() -> None:
    assert set(GUARDS.values()) == set(GUARD_FUNCS)
    assert GUARDS[ast.Pow] == "__lt_pow" and GUARD_FUNCS["__lt_mul"] is guarded_mul


def test_the_sandbox_applies_the_guards_to_values_known_only_at_run_time() -> None:
    sandbox = Sandbox()
    assert sandbox.evaluate("a * b", {"a": "xy", "b": 2}, {}) == "xyxy"
    with pytest.raises(UnsafeExpressionError, match="repeating a sequence"):
        sandbox.evaluate("a * b", {"a": "xy", "b": MAX_SEQUENCE}, {})
    with pytest.raises(UnsafeExpressionError, match="string formatting"):
        sandbox.evaluate("a % b", {"a": "%d", "b": 1}, {})


def test_a_repeated_list_is_weighed_with_its_items_so_rendering_it_stays_bounded() -> None:
    big = "a" * 1_000
    assert len(guarded_mul([big], 1_000)) == 1_000  # a million characters once rendered: the limit
    assert len(guarded_mul([0], MAX_SEQUENCE)) == MAX_SEQUENCE  # a scalar item weighs one, as before
    with pytest.raises(UnsafeExpressionError, match="repeating a sequence 1,001 times is too large"):
        guarded_mul([big], 1_001)
    with pytest.raises(UnsafeExpressionError, match="repeating a sequence"):
        guarded_mul(1_000, [{"k": big}])  # a dict of task data repeated: its strings count too
    with pytest.raises(UnsafeExpressionError, match="concatenation longer"):
        guarded_add([big] * 600, [big] * 600)
    assert weight([[big] * 3] * 2, 10**9) == 2 * 3 * 1_000  # a shared item once per reference
    assert weight([[], ()], 10) == 2 and weight({"k": big}, 10**9) == 1 + 1_000


@pytest.mark.parametrize("condition", ["str([('a' * 10**6)] * 10**6) == ''",
                                       "f'{[(\"a\" * 10**6)] * 10**6}' == ''"])
def test_a_plain_condition_cannot_render_a_huge_repetition_in_the_server(condition: str) -> None:
    # Plain (no loop, few operators) runs in-process: the repetition must be refused before `str()` runs.
    sandbox = Sandbox()
    assert sandbox.compile(condition, "eval").plain_calls is not None  # it would run here, unconfined
    with pytest.raises(UnsafeExpressionError, match="repeating a sequence"):
        sandbox.evaluate(condition, {}, {})
