"""Checks against procedure.toml: lane→role mapping, deadlines and timers, element property values."""

from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING

from lxml import etree

from engine.bpmn.procedure import Procedure, Variant
from engine.bpmn.properties import CASE_RESULTS, DOCUMENTS, LEGAL_CLOCK_ACTIONS, PROPERTIES
from engine.bpmn.reader import NSMAP
from engine.law.status import DossierStatus

from .findings import Finding, Severity
from .index import HUMAN_TASKS, DocIndex, Node
from .modeler import check_laneless_tasks

if TYPE_CHECKING:
    from .context import RuleContext

# Properties giving working days to legal_clock=extend / set: a number, or a key of the variant's deadlines.
DAYS_PROPERTIES = ("extend_by", "deadline")
TIMER_TAGS = ("timeDate", "timeDuration", "timeCycle")


def check_lanes(index: DocIndex, procedure: Procedure, toml: str) -> list[Finding]:
    """Every lane of an executable process (or its pool, when it has no lanes) maps to an agency and role."""
    findings = []
    hint = f'add [lanes."NAME"] with agency = "…" and role = "…" to {toml}'
    for lane in index.lanes:
        if lane.leaf and index.executable(lane.process) and procedure.lane(lane.name) is None:
            findings.append(Finding("error", "lane-role", f"lane '{lane.name}' has no role mapping in {toml}",
                                    index.filename, lane.element.sourceline, lane.element.get("id"),
                                    hint.replace("NAME", lane.name)))
    laned = {lane.process for lane in index.lanes}
    for process_id, process in index.processes.items():
        if process_id in laned or not index.executable(process_id):
            continue
        human = [n for n in index.nodes.values() if n.process == process_id and n.kind in HUMAN_TASKS]
        if not human:
            continue
        pool = index.pool_name(process_id)
        if pool is None:
            findings.append(Finding("error", "lane-role", f"process '{process_id}' has user tasks but no "
                                    "pool or lane, so no agency or role can work them", index.filename,
                                    process.sourceline, process_id, "put the process in a pool with lanes"))
        elif procedure.lane(pool) is None:
            findings.append(Finding("error", "lane-role", f"pool '{pool}' has user tasks, no lanes and no "
                                    f"role mapping in {toml}", index.filename, process.sourceline, process_id,
                                    hint.replace("NAME", pool)))
    return findings


def check_message_senders(index: DocIndex, procedure: Procedure, toml: str) -> list[Finding]:
    """A pool that sends a message in must map to an agency, or no agency's system may send it (a warning)."""
    findings = []
    pools = {str(p.get("id")): p for p in index.participants}
    mapped_lanes = {lane.process for lane in index.lanes if procedure.lane(lane.name) is not None}
    for flow in index.doc.xpath("//bpmn:collaboration/bpmn:messageFlow"):
        source = str(flow.get("sourceRef"))
        node = index.nodes.get(source)
        pool = pools.get(source) if node is None else next(
            (p for p in pools.values() if p.get("processRef") == node.process), None)
        if pool is None or index.executable(str(pool.get("processRef"))):
            continue  # our own pools send through the engine
        name = " ".join((pool.get("name") or "").split()) or str(pool.get("id"))
        if procedure.lane(name) is None and pool.get("processRef") not in mapped_lanes:
            findings.append(Finding(
                "warning", "lane-role",
                f"pool '{name}' sends the message of {flow.get('id')}, but {toml} maps neither the pool nor "
                "its lanes to an agency: no agency's system may send it",
                index.filename, flow.sourceline, str(flow.get("id")),
                f'add [lanes."{name}"] with the sending agency and its role to {toml}'))
    return findings


def deadline_keys(text: str) -> list[str | None]:
    """The keys of the `deadline(...)` calls in an expression (None for a key that is not a literal)."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        return []  # the engine's sandbox reports it
    keys: list[str | None] = []
    for call in ast.walk(tree):
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "deadline":
            keyword = next((k.value for k in call.keywords if k.arg == "key"), None)
            arg = call.args[0] if call.args else keyword
            if arg is None:
                keys.append("overall")
            elif isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                keys.append(arg.value)
            else:
                keys.append(None)
    return keys


def check_deadlines(indexes: list[DocIndex], variant: Variant, toml: str, toml_text: str) -> list[Finding]:
    """deadlines.overall is set, every deadline("key") is defined, and the legal clock has a timer."""
    findings = []
    if "overall" not in variant.deadlines:
        findings.append(Finding("warning", "missing-deadline",
                                f"variant '{variant.name}' has no deadlines.overall: the legal due date of a "
                                "case cannot be set", toml, _toml_line(toml_text, variant.name), None,
                                "add deadlines = { overall = N } in working days"))
    known = ", ".join(sorted(variant.deadlines)) or "none"
    legal_timer = False
    starts: list[tuple[DocIndex, Node]] = []
    for index in indexes:
        for node in index.nodes.values():
            if not index.executable(node.process):
                continue
            properties = index.properties(node)
            if any(name == "legal_clock" and value == "start" for name, value, _ in properties):
                starts.append((index, node))
            for name, value, line in properties:
                days = value.strip()
                if name in DAYS_PROPERTIES and not days.isdigit() and days not in variant.deadlines:
                    findings.append(Finding("error", "missing-deadline",
                                            f"{name}=\"{days}\" is neither a number of working days nor "
                                            f"a deadline of variant '{variant.name}' in {toml} "
                                            f"(known: {known})",
                                            index.filename, line, node.id,
                                            f"add {days} = N to the variant's deadlines"))
            for expression in _timer_expressions(node):
                for key in deadline_keys(expression.text or ""):
                    if key == "overall":
                        legal_timer = True
                    if key is None:
                        findings.append(Finding("warning", "missing-deadline", "the deadline key is not a "
                                                "literal string, so it cannot be checked", index.filename,
                                                expression.sourceline, node.id))
                    elif key not in variant.deadlines:
                        findings.append(Finding("error", "missing-deadline",
                                                f"deadline(\"{key}\") is not defined for variant "
                                                f"'{variant.name}' in {toml} (known: {known})",
                                                index.filename, expression.sourceline, node.id,
                                                f"add {key} = N to the variant's deadlines"))
    if starts and not legal_timer:
        index, node = starts[0]
        findings.append(Finding("warning", "missing-deadline",
                                f"{node.label} starts the legal clock, but no timer waits for "
                                "deadline(\"overall\"): a late case never gets its apology letter",
                                index.filename, node.line, node.id,
                                "add the watchdog branch of docs/modelling.md (Late path)"))
    return findings


def _timer_expressions(node: Node) -> list[etree._Element]:
    return [e for tag in TIMER_TAGS
            for e in node.element.findall(f".//bpmn:timerEventDefinition/bpmn:{tag}", NSMAP)]


def _toml_line(text: str, variant: str) -> int | None:
    pattern = re.compile(rf"^[ \t]*\[variants\.\"?{re.escape(variant)}\"?\]", re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def check_properties(index: DocIndex, procedure: Procedure | None) -> list[Finding]:
    """Property values the runtime would refuse or misread, and property names nothing reads."""
    findings = []
    for node in index.nodes.values():
        if not index.executable(node.process):
            continue
        for name, value, line in index.properties(node):
            problem, severity = _property_problem(name, value.strip(), procedure)
            if problem:
                findings.append(Finding(severity, "bad-property", f"property {name}=\"{value}\": {problem}",
                                        index.filename, line, node.id))
    return findings


def _property_problem(name: str, value: str, procedure: Procedure | None) -> tuple[str | None, Severity]:
    if name == "status":
        try:
            DossierStatus.parse(value)
        except ValueError:
            return "the status must be a dossier status code 1–10 (DOMAIN.md §1)", "error"
    elif name == "legal_clock" and value not in LEGAL_CLOCK_ACTIONS:
        return f"legal_clock must be one of {', '.join(LEGAL_CLOCK_ACTIONS)}", "error"
    elif name == "result" and value not in CASE_RESULTS:
        return f"result must be one of {', '.join(CASE_RESULTS)}", "error"
    elif name == "trips" and not value.isdigit():
        return "trips must be a whole number", "error"
    elif name in ("papers", "replaces") and procedure is not None:
        codes = [c.strip() for c in value.split(",") if c.strip()]
        unknown = [c for c in codes if c not in procedure.components]
        if unknown:
            known = ", ".join(sorted(procedure.components)) or "none"
            return f"{', '.join(unknown)} not among the components of procedure.toml (known: {known})", \
                "error"
    elif name == "document" and value not in DOCUMENTS:
        return f"document should be one of {DOCUMENTS[0]} … {DOCUMENTS[-1]} (Circular 01/2018 forms)", \
            "warning"
    elif name == "handoff" and value not in ("true", "false"):
        return "handoff is true or false", "warning"
    elif name not in PROPERTIES:
        known = ", ".join(sorted(PROPERTIES))
        return f"no part of the engine or workbench reads '{name}' (known: {known})", "warning"
    return None, "error"


# -- as the registry (rules.py) runs them, on one bundle ----------------------------------------------------
def property_values(context: RuleContext) -> list[Finding]:
    """bad-property."""
    return [finding for index in context.indexes for finding in check_properties(index, context.procedure)]


def lane_roles(context: RuleContext) -> list[Finding]:
    """lane-role: a task in no lane of its pool; lanes and message senders against procedure.toml (a shared
    file's lanes are checked in each procedure that calls it)."""
    findings = check_laneless_tasks(context)
    if context.procedure is None:
        return findings
    return findings + [finding for index in context.indexes
                       for finding in check_lanes(index, context.procedure, context.toml)
                       + check_message_senders(index, context.procedure, context.toml)]


def timer_deadlines(context: RuleContext) -> list[Finding]:
    """missing-deadline, against the variant's deadlines."""
    if context.procedure is None or context.variant is None:
        return []
    return check_deadlines(context.indexes, context.variant, context.toml, context.toml_text)
