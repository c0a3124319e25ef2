"""The registry of lint rules that look at a whole bundle: add a rule by adding its function to RULES.

Each rule takes a `RuleContext` and returns findings; `workbench.lint.check_target` runs them all after the
element, graph, form and lane checks. Law rules (#13) and modeler-safety rules (#14) sit side by side here.
"""

from __future__ import annotations

from collections.abc import Callable

from .findings import Finding
from .lint_context import RuleContext
from .lint_modeler import check_executable, check_laneless_tasks
from .lint_roles import check_roles

Rule = Callable[[RuleContext], list[Finding]]

RULES: tuple[Rule, ...] = (
    check_roles,  # lost-property: the steps procedure.toml declares keep their legal properties
    check_laneless_tasks,  # lane-role: a user task pasted outside every lane of its pool
    check_executable,  # not-executable: a diagram from scratch with "Executable" unticked
)


def run_rules(context: RuleContext) -> list[Finding]:
    """Every registered rule's findings on one bundle."""
    return [finding for rule in RULES for finding in rule(context)]
