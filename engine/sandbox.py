"""The sandbox for BPMN expressions and scripts: an AST allow-list, operator guards and a step budget.

Why not RestrictedPython: its guards cover attribute and item access but not arithmetic, and the attacks
that matter here are as much about resources (`9**9**9`, `'a'*10**9`) as about escaping. One AST pass
that refuses what a process model never needs, and rewrites the few operators that can explode into
guarded calls, is smaller and easier to review.

What is refused before anything runs: imports, function/class definitions, `with`/`try`/`global`,
names and attributes starting with `_`, dangerous builtins (`open`, `eval`, `getattr`, `type` …),
frame and format attributes (`gi_frame`, `format`, …), constant arithmetic that is too large.
What is checked while running: `**`, `*`, `<<`, `+` and `%` results, loop iterations and wall time.
"""

from __future__ import annotations

import ast
import builtins
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from .errors import UnsafeExpressionError

MAX_SEQUENCE = 1_000_000  # items in a list/str/bytes built by an expression
MAX_INT_BITS = 4_096  # about 1,233 decimal digits
MAX_STEPS = 1_000_000  # loop iterations per evaluation
MAX_SECONDS = 1.0  # wall time per evaluation, checked at loop iterations
MAX_FORMAT_WIDTH = 1_000
MAX_SOURCE = 20_000  # characters in one expression or script

FORBIDDEN_NAMES = frozenset(
    """open eval exec compile globals locals vars getattr setattr delattr hasattr input breakpoint help
    memoryview type object super dir id classmethod staticmethod property exit quit bytearray bytes print
    __import__ __builtins__ __loader__ __spec__""".split()
)
# Frames and code objects are the classic ways out of a sandbox without underscores; str.format can reach
# attributes by name ('{0.__class__}'); the padding methods can exhaust memory.
FORBIDDEN_ATTRIBUTES = frozenset(
    """gi_frame gi_code gi_yieldfrom cr_frame cr_code ag_frame ag_code f_globals f_locals f_builtins
    f_back f_code tb_frame tb_next co_code format format_map ljust rjust center zfill expandtabs mro
    register""".split()
)
ALLOWED_NODES: tuple[type[ast.AST], ...] = tuple(
    getattr(ast, name)
    for name in """Module Expression Expr Assign AugAssign AnnAssign If For While Break Continue Pass
    BoolOp BinOp UnaryOp Compare IfExp Call keyword Name Load Store Del Delete Attribute Subscript Slice
    Constant List Tuple Dict Set ListComp SetComp DictComp GeneratorExp comprehension JoinedStr
    FormattedValue Starred NamedExpr Lambda arguments arg boolop operator unaryop cmpop
    expr_context""".split()
)
NOT_ALLOWED_HINTS: dict[type[ast.AST], str] = {
    ast.Import: "imports are not allowed; use the helpers the engine provides",
    ast.ImportFrom: "imports are not allowed; use the helpers the engine provides",
    ast.FunctionDef: "defining functions is not allowed in a BPMN script",
    ast.AsyncFunctionDef: "defining functions is not allowed in a BPMN script",
    ast.ClassDef: "defining classes is not allowed in a BPMN script",
    ast.Global: "global/nonlocal are not allowed",
    ast.Nonlocal: "global/nonlocal are not allowed",
    ast.With: "with-blocks are not allowed",
    ast.Try: "try-blocks are not allowed; let the engine report the error",
    ast.Raise: "raise is not allowed; end the process on an error event instead",
    ast.Yield: "generators are not allowed",
    ast.Await: "async code is not allowed",
}


def _is_sized(value: Any) -> bool:
    return isinstance(value, str | bytes | list | tuple)


class _Budget:
    """Counts loop steps and watches the clock during one evaluation."""

    __slots__ = ("deadline", "steps")

    def __init__(self) -> None:
        self.steps = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def tick(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise UnsafeExpressionError(f"more than {MAX_STEPS:,} loop steps")
        if self.steps % 1024 == 0 and time.monotonic() > self.deadline:
            raise UnsafeExpressionError(f"ran longer than {MAX_SECONDS} s")


def _refuse(what: str) -> UnsafeExpressionError:
    return UnsafeExpressionError(what)


def _check_size(result: Any) -> Any:
    if _is_sized(result) and len(result) > MAX_SEQUENCE:
        raise _refuse(f"result longer than {MAX_SEQUENCE:,} items")
    if isinstance(result, int) and result.bit_length() > MAX_INT_BITS:
        raise _refuse(f"number larger than {MAX_INT_BITS} bits")
    return result


def guarded_pow(base: Any, exp: Any) -> Any:
    """`base ** exp`, refused when the result would be huge."""
    ints = isinstance(base, int) and isinstance(exp, int)
    if ints and exp > 0 and abs(base) > 1 and (abs(base).bit_length() - 1) * exp > MAX_INT_BITS:
        raise _refuse(f"{base} ** {exp} is too large (limit {MAX_INT_BITS} bits)")
    if isinstance(base, float | int) and isinstance(exp, float | int) and abs(exp) > 10_000:
        raise _refuse("exponent too large")
    return _check_size(base**exp)


def guarded_mul(left: Any, right: Any) -> Any:
    """`left * right`, refused when a repeated sequence or a product would be huge."""
    for seq, count in ((left, right), (right, left)):
        if _is_sized(seq) and isinstance(count, int) and len(seq) * max(count, 0) > MAX_SEQUENCE:
            raise _refuse(f"repeating a sequence {count:,} times is too large (limit {MAX_SEQUENCE:,})")
    ints = isinstance(left, int) and isinstance(right, int)
    if ints and left.bit_length() + right.bit_length() > MAX_INT_BITS + 1:
        raise _refuse(f"product larger than {MAX_INT_BITS} bits")
    return left * right


def guarded_lshift(left: Any, right: Any) -> Any:
    """`left << right`, refused past the integer limit."""
    if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right > MAX_INT_BITS:
        raise _refuse(f"shift larger than {MAX_INT_BITS} bits")
    return left << right


def guarded_add(left: Any, right: Any) -> Any:
    """`left + right`, refused when a concatenation grows too long."""
    if _is_sized(left) and _is_sized(right) and len(left) + len(right) > MAX_SEQUENCE:
        raise _refuse(f"concatenation longer than {MAX_SEQUENCE:,} items")
    return left + right


def guarded_mod(left: Any, right: Any) -> Any:
    """`left % right` for numbers only: printf-style string formatting can allocate without limit."""
    if isinstance(left, str | bytes):
        raise _refuse("'%' string formatting is not allowed; use an f-string")
    return left % right


_GUARDS: dict[type[ast.operator], str] = {
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
        raise _refuse(f"range of more than {MAX_SEQUENCE:,} items")
    return result


SAFE_BUILTINS: dict[str, Any] = {
    **{
        name: getattr(builtins, name)
        for name in """abs all any bool dict divmod enumerate filter float int isinstance len list map
        max min reversed round set sorted str sum tuple zip ValueError KeyError""".split()
    },
    "range": safe_range,
    "True": True,
    "False": False,
    "None": None,
    "date": date,
    "datetime": datetime,
    "timedelta": timedelta,
}


class _Checker(ast.NodeVisitor):
    """Refuses any node, name or attribute outside the allow-list; folds too-large constants."""

    def generic_visit(self, node: ast.AST) -> None:
        if not isinstance(node, ALLOWED_NODES):
            hint = NOT_ALLOWED_HINTS.get(type(node), f"'{type(node).__name__}' is not allowed")
            raise _located(UnsafeExpressionError(hint), node)
        super().generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        if node.id.startswith("_") or node.id in FORBIDDEN_NAMES:
            raise _located(UnsafeExpressionError(f"the name '{node.id}' is not allowed"), node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr.startswith("_") or node.attr in FORBIDDEN_ATTRIBUTES:
            raise _located(UnsafeExpressionError(f"the attribute '.{node.attr}' is not allowed"), node)
        self.visit(node.value)

    def visit_keyword(self, node: ast.keyword) -> None:
        if node.arg is not None and node.arg.startswith("_"):
            raise _located(UnsafeExpressionError(f"the argument name '{node.arg}' is not allowed"), node)
        self.visit(node.value)

    def visit_arg(self, node: ast.arg) -> None:
        if node.arg.startswith("_"):
            raise _located(UnsafeExpressionError(f"the name '{node.arg}' is not allowed"), node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str | bytes) and len(node.value) > MAX_SEQUENCE:
            raise _located(UnsafeExpressionError("string constant too long"), node)

    def visit_FormattedValue(self, node: ast.FormattedValue) -> None:
        self.visit(node.value)
        spec = node.format_spec
        if spec is None:
            return
        assert isinstance(spec, ast.JoinedStr)
        for part in spec.values:
            if not isinstance(part, ast.Constant):
                raise _located(UnsafeExpressionError("computed format specifications are not allowed"), node)
            digits = "".join(ch if ch.isdigit() else " " for ch in str(part.value)).split()
            if any(int(d) > MAX_FORMAT_WIDTH for d in digits):
                raise _located(UnsafeExpressionError(f"format width above {MAX_FORMAT_WIDTH}"), node)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        self.generic_visit(node)
        if isinstance(node.left, ast.Constant | ast.BinOp) and isinstance(
            node.right, ast.Constant | ast.BinOp
        ):
            # Constant sub-expressions are checked now, so `9**9**9` is refused when the model is deployed.
            try:
                _fold(node)
            except UnsafeExpressionError as exc:
                raise _located(exc, node) from None
            except Exception:
                pass


def _fold(node: ast.expr) -> Any:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.BinOp):
        left, right = _fold(node.left), _fold(node.right)
        name = _GUARDS.get(type(node.op))
        if name is not None:
            return _GUARD_FUNCS[name](left, right)
        return eval(
            compile(
                ast.Expression(ast.BinOp(ast.Constant(left), node.op, ast.Constant(right))), "<fold>", "eval"
            ),
            {"__builtins__": {}},
        )
    raise ValueError("not constant")


def _located(exc: UnsafeExpressionError, node: ast.AST) -> UnsafeExpressionError:
    line = getattr(node, "lineno", None)
    if line is not None and "script_line" not in exc.details:
        exc.details["script_line"] = line
    return exc


class _Rewriter(ast.NodeTransformer):
    """Routes risky operators and every loop through the guards."""

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        name = _GUARDS.get(type(node.op))
        if name is None:
            return node
        return ast.copy_location(
            ast.Call(func=ast.Name(name, ast.Load()), args=[node.left, node.right], keywords=[]), node
        )

    def visit_AugAssign(self, node: ast.AugAssign) -> ast.AST:
        self.generic_visit(node)
        if type(node.op) not in _GUARDS:
            return node
        load_target = _as_load(node.target)
        value = self.visit_BinOp(ast.copy_location(ast.BinOp(load_target, node.op, node.value), node))
        return ast.copy_location(ast.Assign(targets=[node.target], value=value), node)  # type: ignore[arg-type]

    def _guard_iter(self, iterable: ast.expr) -> ast.expr:
        return ast.Call(func=ast.Name("__lt_iter", ast.Load()), args=[iterable], keywords=[])

    def visit_For(self, node: ast.For) -> ast.AST:
        self.generic_visit(node)
        node.iter = self._guard_iter(node.iter)
        return node

    def visit_comprehension(self, node: ast.comprehension) -> ast.AST:
        self.generic_visit(node)
        node.iter = self._guard_iter(node.iter)
        return node

    def visit_While(self, node: ast.While) -> ast.AST:
        self.generic_visit(node)
        tick = ast.Expr(ast.Call(func=ast.Name("__lt_tick", ast.Load()), args=[], keywords=[]))
        node.body.insert(0, ast.copy_location(tick, node))
        return node


def _as_load(target: ast.expr) -> ast.expr:
    clone = ast.parse(ast.unparse(target), mode="eval").body
    return ast.copy_location(clone, target)


_GUARD_FUNCS: dict[str, Callable[[Any, Any], Any]] = {
    "__lt_pow": guarded_pow,
    "__lt_mul": guarded_mul,
    "__lt_lshift": guarded_lshift,
    "__lt_add": guarded_add,
    "__lt_mod": guarded_mod,
}


@dataclass(frozen=True)
class CompiledCode:
    """A checked and rewritten expression or script, ready to run many times."""

    source: str
    mode: str  # "eval" or "exec"
    code: Any


class Sandbox:
    """Compiles (with a cache) and runs expressions and scripts under the rules above."""

    def __init__(self, cache_size: int = 4096) -> None:
        self._cache: dict[tuple[str, str], CompiledCode] = {}
        self._cache_size = cache_size

    def compile(self, source: str, mode: str = "eval") -> CompiledCode:
        """Check and compile `source`; raises UnsafeExpressionError (or a syntax error as one)."""
        if not isinstance(source, str):
            raise UnsafeExpressionError("an expression is missing", hint="fill in the condition or script")
        key = (mode, source)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        if len(source) > MAX_SOURCE:
            raise UnsafeExpressionError(
                f"{'expression' if mode == 'eval' else 'script'} longer than {MAX_SOURCE:,} characters"
            )
        try:
            tree = ast.parse(source.strip() if mode == "eval" else source, mode=mode)
        except SyntaxError as exc:
            raise UnsafeExpressionError(
                f"syntax error: {exc.msg}", details={"script_line": exc.lineno or 0}
            ) from None
        _Checker().visit(tree)
        tree = ast.fix_missing_locations(_Rewriter().visit(tree))
        compiled = CompiledCode(source, mode, compile(tree, "<bpmn>", mode))
        if len(self._cache) >= self._cache_size:
            self._cache.clear()
        self._cache[key] = compiled
        return compiled

    def check(self, source: str, mode: str = "eval") -> None:
        """Refuse `source` now if it can never run (used when a model is deployed)."""
        self.compile(source, mode)

    def _globals(self, helpers: Mapping[str, Any]) -> dict[str, Any]:
        budget = _Budget()

        def guarded_iter(iterable: Iterable[Any]) -> Iterator[Any]:
            for item in iterable:
                budget.tick()
                yield item

        env: dict[str, Any] = {
            "__builtins__": SAFE_BUILTINS,
            "__lt_iter": guarded_iter,
            "__lt_tick": budget.tick,
        }
        env.update(_GUARD_FUNCS)
        env.update(helpers)
        return env

    def evaluate(self, source: str, data: Mapping[str, Any], helpers: Mapping[str, Any]) -> Any:
        """Evaluate an expression against task data (read-only) and the given helpers."""
        compiled = self.compile(source, "eval")
        env = self._globals(helpers)
        env.update(data)
        return eval(compiled.code, env)

    def execute(self, source: str, data: dict[str, Any], helpers: Mapping[str, Any]) -> None:
        """Run a script; names it assigns (that are plain data) are written back into `data`."""
        compiled = self.compile(source, "exec")
        env = self._globals(helpers)
        reserved = set(env)
        clash = reserved.intersection(data) - {"__builtins__"}
        if clash:
            raise UnsafeExpressionError(
                f"task data uses the reserved name(s) {sorted(clash)}", hint="rename these form fields"
            )
        env.update(data)
        exec(compiled.code, env)
        for key, value in env.items():
            if key in reserved or key.startswith("__") or callable(value):
                continue
            data[key] = value
        for key in [k for k in data if k not in env]:
            del data[key]
