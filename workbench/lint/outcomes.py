"""Lint for linked outcomes: each procedure of a linked group has a step deciding it (engine/law/outcomes.py).

A part (procedure.toml `[[parts]]`) that no element of a variant names in its `outcome` property would
stay undecided in every case of that variant: the citizen's notice could never say it was registered or
refused. An `outcome` naming no declared part is a typo the engine refuses when it loads the model.
"""

from __future__ import annotations

from engine.bpmn.procedure import OUTCOME_RESULTS

from .context import RuleContext
from .findings import Finding


def check_outcomes(context: RuleContext) -> list[Finding]:
    """unrecorded-outcome: each declared part is decided somewhere in the variant, by a declared name."""
    procedure = context.procedure
    if procedure is None or not procedure.parts:
        return []
    findings = []
    decided: set[str] = set()
    for index in context.indexes:
        for node in index.nodes.values():
            props = {name: value for name, value, _ in index.properties(node)}
            named = props.get("outcome")
            if named is None:
                continue
            decided.add(named)
            result = props.get("outcome_result", OUTCOME_RESULTS[0])
            if named not in procedure.parts:
                findings.append(Finding(
                    "error", "unrecorded-outcome", f"outcome names '{named}', which is no part of the group "
                    f"({', '.join(procedure.parts)})", index.filename, node.line, node.id,
                    f"use one of the [[parts]] keys of {context.toml}"))
            elif result not in OUTCOME_RESULTS:
                findings.append(Finding(
                    "error", "unrecorded-outcome", f"outcome_result is '{result}'; it is one of: "
                    f"{', '.join(OUTCOME_RESULTS)}", index.filename, node.line, node.id,
                    "leave it out and set outcome_field to read the agency's answer"))
    main = context.indexes[0].filename if context.indexes else "?"
    for part in procedure.parts.values():
        if part.key in decided:
            continue
        findings.append(Finding(
            "error", "unrecorded-outcome",
            f"the part '{part.key}' ({part.name_vi}, {part.agency}) is decided by no step of {main}: its "
            "outcome would never be registered or refused", context.toml,
            context.line_in_toml(f'key = "{part.key}"'), None,
            f"add outcome={part.key} (with outcome_field or outcome_result) to the step where "
            f"{procedure.agency_name(part.agency)} decides it"))
    return findings
