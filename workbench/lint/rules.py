"""The registry of lint rules that look at a whole bundle: add a rule by adding it to RULES.

Each rule takes a `RuleContext` and returns findings; `workbench.lint.run.check_target` runs them all after
the element, graph, form and lane checks. Law rules (#13) and modeler-safety rules (#14) sit side by side;
`lienthong lint --rules` lists them, and docs/lint.md's table has a row for every code (a test keeps both).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from engine.law import APOLOGY, ONE_SUPPLEMENT, WRITTEN_REASON

from .closed import check_closed_forms
from .context import RuleContext
from .findings import Finding
from .law import (
    AGENCY_SHARE,
    FEES,
    agency_shares,
    fee_steps,
    late_paths,
    refusal_reasons,
    refusal_schemas,
    supplement_loops,
)
from .modeler import check_executable, check_laneless_tasks
from .outcomes import check_outcomes
from .produced import check_produced_fields
from .roles import check_roles

Check = Callable[[RuleContext], list[Finding]]


@dataclass(frozen=True)
class LintRule:
    """One registered rule: the finding code it reports, what it checks, and where that comes from."""

    code: str
    check: Check
    summary: str
    source: str = ""  # the legal source (DOMAIN.md tag) of a law rule


RULES: tuple[LintRule, ...] = (
    LintRule("lost-property", check_roles,
             "a step [variants.X.roles] declares keeps the properties of its legal role"),
    LintRule("lane-role", check_laneless_tasks, "a user task pasted outside every lane of its pool"),
    LintRule("not-executable", check_executable, "a diagram from scratch with 'Executable' unticked"),
    LintRule("open-form", check_closed_forms,
             "a form or message schema names every field it takes (additionalProperties: false)"),
    LintRule("unproduced-field", check_produced_fields,
             "a field a condition, script or timer reads is produced by a step before it"),
    LintRule("supplement-loop", supplement_loops,
             "no path from the citizen's supplement back to a step that can request another",
             ONE_SUPPLEMENT.source),
    LintRule("apology-bypass", late_paths,
             "no end before the apology (Mẫu 04) on the late path; no terminate end on an agency's reminder",
             APOLOGY.source),
    LintRule("refusal-without-reason", refusal_reasons,
             "a refusal or stop reads its reason from a field some form or message requires",
             WRITTEN_REASON.source),
    LintRule("message-refusal-without-reason", refusal_schemas,
             "a message schema that can say 'refused' requires 'ly_do'", WRITTEN_REASON.source),
    LintRule("missing-agency-share", agency_shares,
             "each linked agency the case waits on has its share of the deadline and a timer on it",
             AGENCY_SHARE.source),
    LintRule("missing-fee-step", fee_steps,
             "a procedure with fees has a step that asks for them (status 6) or records the payment",
             FEES.source),
    LintRule("unrecorded-outcome", check_outcomes,
             "each procedure of a linked group ([[parts]]) has a step that decides it (outcome=…)",
             "DOMAIN.md §2"),
)


def run_rules(context: RuleContext) -> list[Finding]:
    """Every registered rule's findings on one bundle."""
    return [finding for rule in RULES for finding in rule.check(context)]


def describe_rules() -> list[str]:
    """One line per registered rule: `code: what it checks (source)`."""
    return [f"{rule.code}: {rule.summary}" + (f" ({rule.source})" if rule.source else "") for rule in RULES]
