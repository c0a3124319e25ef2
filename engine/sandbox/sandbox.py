"""The sandbox for BPMN expressions and scripts: an AST allow-list, operator guards and a step budget.

Why not RestrictedPython: its guards cover attribute and item access but not arithmetic, and the attacks
that matter here are as much about resources (`9**9**9`, `'a'*10**9`) as about escaping. One AST pass
that refuses what a process model never needs, and rewrites the few operators that can explode into
guarded calls, is smaller and easier to review.

What is refused before anything runs: imports, function/class definitions, `with`/`try`/`global`,
names and attributes starting with `_`, dangerous builtins (`open`, `eval`, `getattr`, `type` …),
frame and format attributes (`gi_frame`, `format`, …), constant arithmetic that is too large.
What is checked while running: `**`, `*`, `<<`, `+` and `%` results, loop iterations and wall time.

Why also a confined process (engine/sandbox/confine.py): the guards above see Python-level operators and
loops, but builtins that loop or allocate in C (`str.replace`, `join`, `int.to_bytes`, `sorted`, `sum`, `map`,
`str()` of a container …) run to the end once called, holding the interpreter; wrapping each of them with
a size check would have to predict every builtin's cost, and a list of 1,000 items of 1 MB each passes
every per-operation check. Only the operating system bounds any code: every script, and every expression
that is not *plain* (engine/sandbox/bounds.py), runs in a child process with a CPU timer, an address-space
limit and a wall-clock kill. Plain expressions (nearly all conditions and timers) stay in-process, so
ordinary models pay nothing; a script pays one round trip through a pipe (bench/engine.py shows both).
Results cross back only as data (JSON values, date-times, durations), refused at the element otherwise.
"""

from __future__ import annotations

import ast
import builtins
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from ..errors import UnsafeExpressionError
from .bounds import check_data, plain_calls
from .confine import confinement
from .guards import GUARD_FUNCS, GUARDS, MAX_SEQUENCE, refuse, safe_range

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


def _import_for_builtins(name: str, *args: Any, **kwargs: Any) -> Any:
    """`__import__` for C code only (`strftime` imports `time`): sandboxed code cannot name it."""
    if name not in ("time", "_strptime"):
        raise refuse(f"importing '{name}' is not allowed")
    return builtins.__import__(name, *args, **kwargs)


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
    "__import__": _import_for_builtins,
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
        name = GUARDS.get(type(node.op))
        if name is not None:
            return GUARD_FUNCS[name](left, right)
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
        name = GUARDS.get(type(node.op))
        if name is None:
            return node
        return ast.copy_location(
            ast.Call(func=ast.Name(name, ast.Load()), args=[node.left, node.right], keywords=[]), node
        )

    def visit_AugAssign(self, node: ast.AugAssign) -> ast.AST:
        self.generic_visit(node)
        if type(node.op) not in GUARDS:
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


# Names every evaluation's namespace already binds: data using one would shadow a builtin or a guard.
RESERVED_NAMES = frozenset(SAFE_BUILTINS) | frozenset(GUARD_FUNCS) | {"__lt_iter", "__lt_tick",
                                                                       "__builtins__"}


@dataclass(frozen=True)
class CompiledCode:
    """A checked and rewritten expression or script, ready to run many times."""

    source: str
    mode: str  # "eval" or "exec"
    code: Any
    tree: ast.AST  # as checked, before the guards were added
    plain_calls: frozenset[str] | None  # see sandbox_bounds.plain_calls


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
        checked = ast.parse(ast.unparse(tree), mode=mode)
        tree = ast.fix_missing_locations(_Rewriter().visit(tree))
        calls = plain_calls(checked) if mode == "eval" else None
        compiled = CompiledCode(source, mode, compile(tree, "<bpmn>", mode), checked, calls)
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
        env.update(GUARD_FUNCS)
        env.update(helpers)
        return env

    def evaluate(self, source: str, data: Mapping[str, Any], helpers: Mapping[str, Any]) -> Any:
        """Evaluate an expression against task data (read-only) and the given helpers.

        A plain expression runs here; any other runs confined, its value checked to be data.
        """
        compiled = self.compile(source, "eval")
        calls = compiled.plain_calls
        if calls is not None and all(name in helpers for name in calls):
            return self._evaluate(compiled, data, helpers)
        return confinement().run("eval", source, _plain_part(data)[0], helpers)

    def execute(self, source: str, data: dict[str, Any], helpers: Mapping[str, Any]) -> None:
        """Run a script, confined; the names it assigns (plain data only) are written back into `data`."""
        self.compile(source, "exec")
        _refuse_reserved(data, helpers)
        visible, kept = _plain_part(data)
        result = confinement().run("exec", source, visible, helpers)
        for key in [k for k in data if k not in result and k not in kept]:
            del data[key]
        data.update(result)

    def evaluate_here(self, source: str, data: Mapping[str, Any], helpers: Mapping[str, Any]) -> Any:
        """Evaluate an expression in this process (the confined child's side of `evaluate`)."""
        value = self._evaluate(self.compile(source, "eval"), data, helpers)
        check_data(value, "the value", dates=True)
        return value

    def _evaluate(self, compiled: CompiledCode, data: Mapping[str, Any], helpers: Mapping[str, Any]) -> Any:
        env = self._globals(helpers)
        env.update(data)
        return eval(compiled.code, env)

    def execute_here(self, source: str, data: dict[str, Any], helpers: Mapping[str, Any]) -> None:
        """Run a script in this process (the confined child's side of `execute`)."""
        compiled = self.compile(source, "exec")
        env = self._globals(helpers)
        reserved = set(env)
        _refuse_reserved(data, env)
        env.update(data)
        exec(compiled.code, env)
        for key, value in env.items():
            if key in reserved or key.startswith("__") or callable(value):
                continue  # a script's own lambdas are its tools, not data
            data[key] = value
        for key in [k for k in data if k not in env]:
            del data[key]


def _refuse_reserved(data: Mapping[str, Any], names: Mapping[str, Any]) -> None:
    clash = sorted(k for k in data if k in names or k.startswith("__"))
    if clash:
        raise UnsafeExpressionError(
            f"task data uses the reserved name(s) {clash}", hint="rename these form fields"
        )


def _plain_part(data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The task data a confined evaluation sees, and what it does not (engine objects such as events)."""
    visible, kept = {}, {}
    for key, value in data.items():
        try:
            check_data(value, key)
        except UnsafeExpressionError:
            kept[key] = value
        else:
            visible[key] = value
    return visible, kept
