"""The sandbox's run-time guards: the operators that can explode (`**`, `*`, `<<`, `+`, `%`) and `range`.

The rewriter in engine/sandbox/sandbox.py turns each such operator into a call of the guard named in `GUARDS`.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

from ..errors import UnsafeExpressionError

MAX_SEQUENCE = 1_000_000  # items in a list/str/bytes built by an expression
MAX_INT_BITS = 4_096  # about 1,233 decimal digits

def _is_sized(value: Any) -> bool:
    return isinstance(value, str | bytes | list | tuple)


def weight(value: Any, budget: int) -> int:
    """What rendering `value` would cost, in items: a string's characters, a scalar one, a container what
    its items weigh (at least one), counted through nested containers (a shared item once per reference, as
    `str()` renders it); stops once past `budget`, so counting never costs more than the budget."""
    total, stack = 0, [value]
    while stack and total <= budget:
        item = stack.pop()
        if isinstance(item, str | bytes):
            total += max(len(item), 1)
        elif isinstance(item, list | tuple | set | frozenset | dict) and item:
            stack.extend(item.items() if isinstance(item, dict) else item)
        else:
            total += 1  # a scalar, or an empty container
    return total


def refuse(what: str) -> UnsafeExpressionError:
    """The error a guard raises."""
    return UnsafeExpressionError(what)


def _check_size(result: Any) -> Any:
    if _is_sized(result) and len(result) > MAX_SEQUENCE:
        raise refuse(f"result longer than {MAX_SEQUENCE:,} items")
    if isinstance(result, int) and result.bit_length() > MAX_INT_BITS:
        raise refuse(f"number larger than {MAX_INT_BITS} bits")
    return result


def guarded_pow(base: Any, exp: Any) -> Any:
    """`base ** exp`, refused when the result would be huge."""
    ints = isinstance(base, int) and isinstance(exp, int)
    if ints and exp > 0 and abs(base) > 1 and (abs(base).bit_length() - 1) * exp > MAX_INT_BITS:
        raise refuse(f"{base} ** {exp} is too large (limit {MAX_INT_BITS} bits)")
    if isinstance(base, float | int) and isinstance(exp, float | int) and abs(exp) > 10_000:
        raise refuse("exponent too large")
    return _check_size(base**exp)


def guarded_mul(left: Any, right: Any) -> Any:
    """`left * right`, refused when a repeated sequence or a product would be huge.

    A list's repetition is weighed with its items (`[s] * n` renders `n` copies of `s`: `str()` or an
    f-string of it would build them all), not by its length alone.
    """
    for seq, count in ((left, right), (right, left)):
        if _is_sized(seq) and isinstance(count, int) and count > 0:
            each = len(seq) if isinstance(seq, str | bytes) else weight(seq, MAX_SEQUENCE // count + 1)
            if each * count > MAX_SEQUENCE:
                raise refuse(f"repeating a sequence {count:,} times is too large (limit {MAX_SEQUENCE:,})")
    ints = isinstance(left, int) and isinstance(right, int)
    if ints and left.bit_length() + right.bit_length() > MAX_INT_BITS + 1:
        raise refuse(f"product larger than {MAX_INT_BITS} bits")
    return left * right


def guarded_lshift(left: Any, right: Any) -> Any:
    """`left << right`, refused past the integer limit."""
    if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right > MAX_INT_BITS:
        raise refuse(f"shift larger than {MAX_INT_BITS} bits")
    return left << right


def guarded_add(left: Any, right: Any) -> Any:
    """`left + right`, refused when a concatenation grows too long (lists weighed with their items)."""
    if _is_sized(left) and _is_sized(right) and \
            weight(left, MAX_SEQUENCE) + weight(right, MAX_SEQUENCE) > MAX_SEQUENCE:
        raise refuse(f"concatenation longer than {MAX_SEQUENCE:,} items")
    return left + right


def guarded_mod(left: Any, right: Any) -> Any:
    """`left % right` for numbers only: printf-style string formatting can allocate without limit."""
    if isinstance(left, str | bytes):
        raise refuse("'%' string formatting is not allowed; use an f-string")
    return left % right


GUARDS: dict[type[ast.operator], str] = {
    ast.Pow: "__lt_pow",
    ast.Mult: "__lt_mul",
    ast.LShift: "__lt_lshift",
    ast.Add: "__lt_add",
    ast.Mod: "__lt_mod",
}


def safe_range(*args: int) -> range:
    """`range` limited to MAX_SEQUENCE items."""
    result = range(*args)
    if len(result) > MAX_SEQUENCE:
        raise refuse(f"range of more than {MAX_SEQUENCE:,} items")
    return result


GUARD_FUNCS: dict[str, Callable[[Any, Any], Any]] = {
    "__lt_pow": guarded_pow,
    "__lt_mul": guarded_mul,
    "__lt_lshift": guarded_lshift,
    "__lt_add": guarded_add,
    "__lt_mod": guarded_mod,
}
