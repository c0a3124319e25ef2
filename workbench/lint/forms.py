"""Checks on forms: every user task has a valid JSON Schema form, and gateway conditions test known fields."""

from __future__ import annotations

import ast
import textwrap
from typing import TYPE_CHECKING, Any

from engine.bpmn.reader import NSMAP
from engine.sandbox.sandbox import SAFE_BUILTINS

from .findings import Finding
from .graph import CONDITIONAL_GATEWAYS
from .index import DocIndex

if TYPE_CHECKING:
    from .context import RuleContext

# Data every case starts with (docs/modelling.md, Data) and the helpers every expression may call.
START_FIELDS = frozenset({"ma_ho_so", "kenh", "nguoi_nop"})
HELPERS = frozenset({"now", "today", "working_days", "deadline", "add_working_days", "working_days_between",
                     "is_working_day", "supplements_requested"})
SCRIPTS = "//bpmn:script | //spiffworkflow:preScript | //spiffworkflow:postScript"
# Where a diagram names a data field it writes, besides scripts.
DATA_NAME_PATHS = (
    ".//spiffworkflow:messageVariable", ".//spiffworkflow:variableName",
    ".//bpmn:multiInstanceLoopCharacteristics/bpmn:loopDataOutputRef",
)


def check_user_tasks(index: DocIndex, forms: dict[str, Any], form_names: set[str]) -> list[Finding]:
    """Every user task of an executable process has a form: forms/<task id or form property>.schema.json."""
    findings = []
    for node in index.nodes.values():
        if node.kind != "userTask" or not index.executable(node.process):
            continue
        key = next((v for n, v, _ in index.properties(node) if n == "form"), node.id)
        if key not in form_names:
            findings.append(Finding("error", "missing-form", f"{node.label} has no form",
                                    index.filename, node.line, node.id,
                                    f"add forms/{key}.schema.json (JSON Schema) next to procedure.toml"))
    return findings


def known_fields(indexes: list[DocIndex], forms: dict[str, dict[str, Any]]) -> set[str]:
    """Field names a case's data can hold: start data, form properties, names scripts and events write."""
    fields = set(START_FIELDS)
    for schema in forms.values():
        fields |= schema_properties(schema)
    for index in indexes:
        root = index.doc.root
        for script in root.xpath(SCRIPTS, namespaces=NSMAP):
            fields |= assigned_names(script.text or "")
        for path in DATA_NAME_PATHS:
            fields |= {(e.text or "").strip() for e in root.xpath(path, namespaces=NSMAP)}
        for operator in root.xpath("//spiffworkflow:serviceTaskOperator[@resultVariable]", namespaces=NSMAP):
            fields.add(str(operator.get("resultVariable")))
        for data in root.xpath("//bpmn:dataObject | //bpmn:dataObjectReference | //bpmn:dataInput"
                               " | //bpmn:dataOutput | //bpmn:inputDataItem | //bpmn:outputDataItem",
                               namespaces=NSMAP):
            fields |= {v for v in (data.get("id"), data.get("name")) if v}
    return fields


def schema_properties(schema: Any) -> set[str]:
    """Property names anywhere in a schema (nested objects, allOf/oneOf/if-then branches, $defs)."""
    found: set[str] = set()
    if isinstance(schema, dict):
        properties = schema.get("properties")
        if isinstance(properties, dict):
            found |= set(properties)
        for value in schema.values():
            found |= schema_properties(value)
    elif isinstance(schema, list):
        for item in schema:
            found |= schema_properties(item)
    return found


def assigned_names(script: str) -> set[str]:
    """Names a script assigns (the fields it writes into the case's data)."""
    try:
        tree = ast.parse(textwrap.dedent(script).strip())
    except SyntaxError:
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}


def read_names(expression: str, mode: str = "eval") -> set[str]:
    """Free names an expression reads (not the names its comprehensions or lambdas bind); in `exec` mode,
    those a script reads and does not assign itself."""
    try:
        tree = ast.parse(textwrap.dedent(expression).strip(), mode=mode)
    except SyntaxError:
        return set()
    bound = {n.id for c in ast.walk(tree) if isinstance(c, ast.comprehension)
             for n in ast.walk(c.target) if isinstance(n, ast.Name)}
    bound |= {a.arg for f in ast.walk(tree) if isinstance(f, ast.Lambda) for a in f.args.args}
    if mode == "exec":
        bound |= {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    read = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    return read - bound - HELPERS - set(SAFE_BUILTINS)


def check_condition_fields(index: DocIndex, fields: set[str]) -> list[Finding]:
    """Gateway conditions that test a field no form, start data, script or event provides (a warning)."""
    findings = []
    for node in index.nodes.values():
        if node.kind not in CONDITIONAL_GATEWAYS or not index.executable(node.process):
            continue
        for flow_id in node.outgoing:
            flow = index.flows[flow_id]
            for name in sorted(read_names(flow.condition or "") - fields):
                findings.append(Finding(
                    "warning", "unknown-field",
                    f"the condition `{flow.condition}` tests '{name}', which no form, start data, script or "
                    "message of this diagram provides", index.filename, flow.line, flow_id,
                    f"add '{name}' to the form of the task before {node.label}, or fix the spelling",
                ))
    return findings


# -- as the registry (rules.py) runs them, on one bundle ----------------------------------------------------
def invalid_forms(context: RuleContext) -> list[Finding]:
    """invalid-form."""
    return context.checked_forms[1] if context.checks_forms else []


def task_forms(context: RuleContext) -> list[Finding]:
    """missing-form."""
    if not context.checks_forms:
        return []
    schemas, keys = context.checked_forms[0], {form.key for form in context.form_files}
    return [finding for index in context.indexes for finding in check_user_tasks(index, schemas, keys)]


def condition_fields(context: RuleContext) -> list[Finding]:
    """unknown-field, where the order of the steps is not known (with a procedure, unproduced-field)."""
    if not context.checks_forms or context.procedure is not None:
        return []
    fields = known_fields(context.indexes, context.checked_forms[0])
    return [finding for index in context.indexes for finding in check_condition_fields(index, fields)]
