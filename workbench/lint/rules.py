"""The registry of lint rules: every finding lint can report is declared here once, in RULES.

A rule names the finding codes it reports, how severe they are, what it checks in one line, the legal source
(DOMAIN.md tag) where it has one, and its check: a function of a `RuleContext` (the bundle's parsed
documents, files, forms, procedure and variant) returning findings. `run.check_target` runs every check in
this order; `lint --parse-only` runs the ones marked `parse_only` on any BPMN file; `lienthong lint --rules`
lists them; docs/lint.md's table lists exactly these codes (tests/workbench/lint/test_rules.py checks both).
Adding a rule is one entry here, its check beside the others of its kind, and its test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from engine.law.law import APOLOGY, ONE_SUPPLEMENT, WRITTEN_REASON

from .closed import check_closed_forms
from .context import RuleContext
from .di import overlapping, undrawn
from .dry_run import scripts_dry_run
from .elements import expression_languages, foreign_extensions, unsupported_elements
from .findings import Finding
from .forms import condition_fields, invalid_forms, task_forms
from .graph import duplicate_ids, flow_references, gateway_conditions, implicit_splits, reachability
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
from .messages import message_contracts
from .modeler import check_executable
from .outcomes import check_outcomes
from .procedure import lane_roles, property_values, timer_deadlines
from .produced import check_produced_fields
from .roles import check_roles

Check = Callable[[RuleContext], list[Finding]]
BOTH = "error / warning"


@dataclass(frozen=True)
class LintRule:
    """One rule: the codes its findings carry, their severity, what it checks, its source and its check."""

    codes: tuple[str, ...]
    severity: str  # "error", "warning" or BOTH (the message says which case is which)
    summary: str
    check: Check | None  # None: `run` reports it itself, while reading the files and loading the bundle
    source: str = ""  # the legal source (DOMAIN.md tag) of a law rule
    parse_only: bool = False  # `lint --parse-only` runs it too, on any standard BPMN file

    @property
    def severities(self) -> set[str]:
        """The severities its findings may have."""
        return set(self.severity.split(" / "))

    def describe(self) -> str:
        """One line: `codes: what it checks (source)`."""
        return f"{', '.join(self.codes)}: {self.summary}" + (f" ({self.source})" if self.source else "")


RULES: tuple[LintRule, ...] = (
    # What lint's driver says while it reads the files and has the engine load the bundle.
    LintRule(("no-file",), "error", "a path named on the command line is no file or folder, or unreadable",
             None),
    LintRule(("xml",), "error", "the file is well-formed XML within the hardened reader's limits", None),
    LintRule(("load", "unsafe-expression"), "error",
             "the engine loads the bundle (SpiffWorkflow validation, the sandbox's refusals)", None),
    LintRule(("missing-variant", "procedure"), "error",
             "procedure.toml reads, and every variant it lists has its BPMN file", None),
    LintRule(("no-procedure",), "warning",
             "a file outside every procedure is checked on its own (no lanes, forms or deadlines)", None),
    LintRule(("not-a-variant",), "warning",
             "a file that is no variant of procedure.toml borrows the variant it is named after", None),
    # Every document of the bundle: what the engine cannot run, then the flow graph, then the drawing.
    LintRule(("expression-language",), "error",
             "conditions and scripts are Python (JUEL and FEEL get a hint)", expression_languages,
             parse_only=True),
    LintRule(("foreign-extension", "unknown-extension", "ignored-extension"), BOTH,
             "no other engine's extensions; spiffworkflow: tags this engine knows and acts on",
             foreign_extensions, parse_only=True),
    LintRule(("unsupported-element", "plain-task"), "error",
             "only elements this engine runs; no plain bpmn:task in an executable process",
             unsupported_elements, parse_only=True),
    LintRule(("missing-condition",), "error", "every branch of an exclusive/inclusive split has a condition "
             "or is the default", gateway_conditions, parse_only=True),
    LintRule(("broken-reference",), "error", "every sequence flow's source and target is a flow node",
             flow_references),
    LintRule(("implicit-split",), "error", "only gateways and start events split the flow", implicit_splits,
             parse_only=True),
    LintRule(("unreachable", "dead-end", "no-end"), "error",
             "every node is reached from a start event and reaches an end event", reachability,
             parse_only=True),
    LintRule(("duplicate-id",), "error", "element ids are unique across a diagram and the files it calls",
             duplicate_ids),
    LintRule(("missing-di",), "error", "every element has its shape or edge in the diagram", undrawn),
    LintRule(("overlap",), "warning", "no flow-node shape drawn on top of another", overlapping),
    # The bundle against its procedure: properties, forms, messages, lanes, deadlines.
    LintRule(("bad-property",), BOTH, "extension property values the engine understands", property_values),
    LintRule(("invalid-form",), "error", "every form is valid JSON Schema 2020-12", invalid_forms),
    LintRule(("missing-form",), "error", "every user task has its form", task_forms),
    LintRule(("unknown-field",), "warning",
             "(without a procedure) a gateway condition reads a field something provides", condition_fields),
    LintRule(("script-limit",), "error",
             "every script and condition runs within the live limits on the start form's example",
             scripts_dry_run),
    LintRule(("missing-message-schema", "invalid-message-schema", "message-example"), BOTH,
             "every message received has a valid schema whose example fits it", message_contracts),
    LintRule(("lane-role",), BOTH, "every task in a lane, every lane and message sender mapped to an agency",
             lane_roles),
    LintRule(("missing-deadline",), BOTH, "timers name deadlines the variant defines; the overall one is "
             "watched", timer_deadlines),
    # Whole-bundle rules: modeller safety (#14) and the law (#13).
    LintRule(("lost-property",), "error",
             "a step [variants.X.roles] declares keeps the properties of its legal role", check_roles),
    LintRule(("not-executable",), "error", "a diagram from scratch with 'Executable' unticked",
             check_executable),
    LintRule(("open-form",), "error",
             "a form or message schema names every field it takes (additionalProperties: false)",
             check_closed_forms),
    LintRule(("unproduced-field",), "error",
             "a field a condition, script or timer reads is produced by a step before it",
             check_produced_fields),
    LintRule(("supplement-loop",), "error",
             "no path from the citizen's supplement back to a step that can request another",
             supplement_loops, ONE_SUPPLEMENT.source),
    LintRule(("apology-bypass",), "error",
             "no end before the apology (Mẫu 04) on the late path; no terminate end on an agency's reminder",
             late_paths, APOLOGY.source),
    LintRule(("refusal-without-reason",), "error",
             "a refusal or stop reads its reason from a field some form or message requires",
             refusal_reasons, WRITTEN_REASON.source),
    LintRule(("message-refusal-without-reason",), "error",
             "a message schema that can say 'refused' requires 'ly_do'", refusal_schemas,
             WRITTEN_REASON.source),
    LintRule(("missing-agency-share",), BOTH,
             "each linked agency the case waits on has its share of the deadline and a timer on it",
             agency_shares, AGENCY_SHARE.source),
    LintRule(("missing-fee-step",), "error",
             "a procedure with fees has a step that asks for them (status 6) or records the payment",
             fee_steps, FEES.source),
    LintRule(("unrecorded-outcome",), "error",
             "each procedure of a linked group ([[parts]]) has a step that decides it (outcome=…)",
             check_outcomes, "DOMAIN.md §2"),
)


def run_rules(context: RuleContext, rules: tuple[LintRule, ...] = RULES) -> list[Finding]:
    """Every check's findings on one bundle, in the registry's order."""
    return [finding for rule in rules if rule.check is not None for finding in rule.check(context)]


PARSE_ONLY: tuple[LintRule, ...] = tuple(rule for rule in RULES if rule.parse_only)


def describe_rules() -> list[str]:
    """One line per registered rule: `codes: what it checks (source)`."""
    return [rule.describe() for rule in RULES]
