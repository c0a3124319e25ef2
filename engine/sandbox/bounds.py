"""What may run in the server process, and what counts as data: the two checks around confinement.

An expression is *plain* when every cost it can have is bounded by its size and by the data it reads: no
loops, comprehensions or lambdas, at most MAX_PLAIN_OPERATORS operators (each guarded), and calls only to
the engine's helpers, a few builtins and methods whose cost is linear in their input. Nearly every gateway
condition and timer expression is plain; those run in-process at no extra cost. Everything else (every
script, and expressions that loop or call `join`, `replace`, `sorted`, `map` …) runs confined
(engine/sandbox/confine.py), where CPU time and memory are enforced by the operating system.
"""

from __future__ import annotations

import ast
from collections.abc import Collection
from datetime import date, datetime, timedelta
from typing import Any

from ..errors import UnsafeExpressionError

MAX_PLAIN_NODES = 200
MAX_PLAIN_OPERATORS = 8
MAX_DEPTH = 64  # nesting of lists and dicts in task data
PLAIN_NODES: tuple[type[ast.AST], ...] = tuple(
    getattr(ast, name)
    for name in """Expression BoolOp BinOp UnaryOp Compare IfExp Name Load Constant Attribute Subscript Slice
    Tuple List Dict Set JoinedStr FormattedValue Call keyword boolop operator unaryop cmpop""".split()
)
# Builtins and methods whose time and result are linear in their (already bounded) arguments.
PLAIN_FUNCTIONS = frozenset("len bool int float abs round str min max isinstance date datetime timedelta"
                            .split())
PLAIN_METHODS = frozenset(
    """strftime isoformat date time weekday isoweekday total_seconds timestamp get keys values items lower
    upper strip lstrip rstrip casefold title capitalize startswith endswith isdigit isalpha isalnum isspace
    count index find split""".split()
)


def plain_calls(tree: ast.AST) -> frozenset[str] | None:
    """The names a plain expression calls (each must be a helper for it to stay plain); None: not plain."""
    nodes = list(ast.walk(tree))
    if len(nodes) > MAX_PLAIN_NODES or sum(isinstance(n, ast.BinOp) for n in nodes) > MAX_PLAIN_OPERATORS:
        return None
    called: set[str] = set()
    for node in nodes:
        if not isinstance(node, PLAIN_NODES):
            return None
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name):
                called.add(node.func.id)
            elif not (isinstance(node.func, ast.Attribute) and node.func.attr in PLAIN_METHODS):
                return None
    return frozenset(called - PLAIN_FUNCTIONS)


def is_plain(tree: ast.AST, helpers: Collection[str]) -> bool:
    """Whether the (already checked) expression `tree` is bounded without confinement."""
    calls = plain_calls(tree)
    return calls is not None and all(name in helpers for name in calls)


_SCALARS = (str, int, float, bool, type(None), datetime, timedelta)


def check_data(value: Any, where: str, *, dates: bool = False) -> None:
    """Refuse anything in `value` that is not a JSON value, a date-time or a duration, naming its path.

    `dates`: a plain date is accepted too (an expression's value, e.g. a timer's; task data cannot store one).
    """
    scalars = (*_SCALARS, date) if dates else _SCALARS
    stack: list[tuple[Any, str, int]] = [(value, "", 0)]
    while stack:
        item, path, depth = stack.pop()
        if isinstance(item, scalars):
            continue
        if depth >= MAX_DEPTH:
            raise UnsafeExpressionError(f"{where}: '{path}' is nested more than {MAX_DEPTH} levels deep")
        if isinstance(item, dict):
            for key, inner in item.items():
                if not isinstance(key, str):
                    raise UnsafeExpressionError(f"{where}: '{path}' has a key {key!r} that is not text",
                                                hint="keys of a dict kept in task data must be strings")
                stack.append((inner, f"{path}.{key}" if path else key, depth + 1))
        elif isinstance(item, list | tuple):
            stack.extend((inner, f"{path}[{i}]", depth + 1) for i, inner in enumerate(item))
        else:
            kind = type(item).__name__
            hint = ("store dates as text: .isoformat()" if kind == "date"
                    else "keep only text, numbers, booleans, lists, dicts and date-times in task data")
            raise UnsafeExpressionError(f"{where}: '{path or 'the value'}' is a {kind}, not data", hint=hint)
