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
    """`left * right`, refused when a repeated sequence or a product would be huge."""
    for seq, count in ((left, right), (right, left)):
        if _is_sized(seq) and isinstance(count, int) and len(seq) * max(count, 0) > MAX_SEQUENCE:
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
    """`left + right`, refused when a concatenation grows too long."""
    if _is_sized(left) and _is_sized(right) and len(left) + len(right) > MAX_SEQUENCE:
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
