"""Lost properties: the steps procedure.toml declares keep the properties that give them their legal role.

bpmn-js and Camunda Modeler write what the analyst sees, not what the engine reads: "Change element" (user
task → manual task) and copy/paste give the step a new id and drop its `spiffworkflow:` properties, so a
case would run without its status, clock or document. Each variant lists its legal steps in procedure.toml:

    [variants.to-be.roles]
    YeuCauBoSung = { roles = ["supplement", "status", "clock"], name = "Yêu cầu bổ sung hồ sơ" }

and lint checks that each is still there with its properties. A step gone from the diagram is looked for by
its name (both edits keep the name), so the error points at the element that took its place.
"""

from __future__ import annotations

from typing import Any

from .context import RuleContext
from .findings import Finding
from .index import DocIndex, Node

# role → (what it is, in a message; the properties it needs: name → required value, None for any value)
ROLES: dict[str, tuple[str, dict[str, str | None]]] = {
    "supplement": ("the supplement request (Mẫu 02)", {"document": "mau-02"}),
    "apology": ("the apology with a new appointment (Mẫu 04)", {"document": "mau-04"}),
    "status": ("a step that sets the dossier's status", {"status": None}),
    "result": ("a step that gives the result", {"result": None}),
    "clock": ("a step that moves the legal clock", {"legal_clock": None}),
    "outcome": ("a step that decides a part of a linked group", {"outcome": None}),
}
EDIT_HINT = ("bpmn-js 'Change element' and copy/paste give a step a new id and drop its spiffworkflow "
             "properties; see docs/modelling.md, 'Editing in Camunda Modeler / bpmn.io'")


def declared_steps(context: RuleContext) -> dict[str, Any]:
    """The [variants.X.roles] table of the variant being linted ({} when none)."""
    if context.procedure is None or context.variant is None:
        return {}
    variants = context.procedure.raw.get("variants", {})
    entry = variants.get(context.variant.name, {}) if isinstance(variants, dict) else {}
    steps = entry.get("roles", {}) if isinstance(entry, dict) else {}
    return steps if isinstance(steps, dict) else {}


def check_roles(context: RuleContext) -> list[Finding]:
    """Each declared step exists and keeps its properties; a step that lost them is named at the element."""
    steps = declared_steps(context)
    if not steps:
        return []
    table = f"[variants.{context.variant.name if context.variant else ''}.roles]"
    nodes = {node_id: (index, node) for index in reversed(context.indexes)
             for node_id, node in index.nodes.items()}
    findings = []
    for step_id, entry in steps.items():
        line = context.line_in_toml(f"{step_id} =") or context.line_in_toml(table)
        roles, name = _entry(entry)
        unknown = [r for r in roles if r not in ROLES]
        if unknown or not roles:
            findings.append(Finding(
                "error", "lost-property", f"{table} {step_id}: roles must be some of {', '.join(ROLES)}",
                context.toml, line, None, 'write { roles = ["status"], name = "…" }'))
            continue
        if step_id in nodes:
            index, node = nodes[step_id]
            findings += _lost(index, node, roles)
            continue
        main = context.indexes[0]
        stand_ins = [n for n in main.nodes.values() if name and n.name == name and n.id not in steps]
        for node in stand_ins:
            findings.append(Finding(
                "error", "lost-property",
                f"{node.label} took the place of {step_id}, {_describe(roles)}, with a new id and without "
                f"{_needed(roles, main.properties(node))}", main.filename, node.line, node.id,
                f"give it back the id {step_id} and the properties (or update {table} in {context.toml}); "
                f"{EDIT_HINT}"))
        if not stand_ins:
            findings.append(Finding(
                "error", "lost-property", f"the diagram lacks {step_id} '{name}', {_describe(roles)}",
                context.toml, line, None,
                f"put the step back, or remove it from {table} if the redesign drops it (docs/modelling.md)"))
    return findings


def _entry(entry: object) -> tuple[list[str], str]:
    if not isinstance(entry, dict) or not isinstance(entry.get("roles"), list):
        return [], ""
    return [str(r) for r in entry["roles"]], " ".join(str(entry.get("name", "")).split())


def _describe(roles: list[str]) -> str:
    return " and ".join(ROLES[r][0] for r in roles)


def _missing(roles: list[str], present: dict[str, str]) -> list[str]:
    needed = [(k, v) for r in roles for k, v in ROLES[r][1].items()]
    return [f"{k}={v}" if v else k for k, v in dict(needed).items()
            if k not in present or (v is not None and present[k] != v)]


def _needed(roles: list[str], properties: list[tuple[str, str, int | None]]) -> str:
    missing = _missing(roles, {k: v for k, v, _ in properties}) or ["its id"]
    return "the properties " + ", ".join(missing)


def _lost(index: DocIndex, node: Node, roles: list[str]) -> list[Finding]:
    missing = _missing(roles, {k: v for k, v, _ in index.properties(node)})
    if not missing:
        return []
    return [Finding("error", "lost-property",
                    f"{node.label} is {_describe(roles)} but has lost {', '.join(missing)}", index.filename,
                    node.line, node.id, f"add the spiffworkflow properties back; {EDIT_HINT}")]

