"""Lint for the one-stop law: where a diagram would break a rule the engine enforces (engine/law/law.py).

The engine refuses the unlawful step when a case gets there; these checks say so before anything runs,
each as `file:line: element: error: rule (source) — what is wrong`.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Iterable
from typing import Any

from engine.bpmn.procedure import Procedure, Variant
from engine.law.law import APOLOGY, ONE_SUPPLEMENT, WRITTEN_REASON, Rule
from engine.law.refusals import DEFAULT_REASON_FIELD, REASON_FIELDS, REFUSAL_VALUES, RESULT_PREFIXES
from engine.law.status import DossierStatus

from .context import RuleContext
from .findings import Finding
from .index import HUMAN_TASKS, DocIndex, Node
from .procedure import _timer_expressions, deadline_keys

# A flow taken only while no supplement was requested yet: the lawful way to keep a "needs supplements"
# outcome on a step the citizen's supplement leads back to.
FIRST_SUPPLEMENT_ONLY = re.compile(r"supplements_requested\(\)\s*(==\s*0|<\s*1)\b")
# Rules lint adds to the engine's own (a linked agency's share has no engine check: it is a timer).
AGENCY_SHARE = Rule("each linked agency has its share of the deadline, in working days", "DOMAIN.md §2 [D3]")
FEES = Rule("a procedure with fees asks for the financial obligation (status 6)", "DOMAIN.md §1.2 [S3][S18]")


def _finding(code: str, rule: Rule, detail: str, file: str, line: int | None, element: str | None,
             hint: str) -> Finding:
    return Finding("error", code, f"{rule.name} ({rule.source}): {detail}", file, line, element, hint)


def _props(index: DocIndex, node: Node) -> dict[str, str]:
    return {name: value for name, value, _ in index.properties(node)}


def _successors(index: DocIndex) -> dict[str, list[tuple[str, str | None]]]:
    """Node id → (next node id, condition of the flow taken); boundary events follow their activity.

    A flow whose source or target names no flow node is left out: the graph checks report it.
    """
    out: dict[str, list[tuple[str, str | None]]] = {node_id: [] for node_id in index.nodes}
    for flow in index.flows.values():
        if flow.source in out and flow.target in out:
            out[flow.source].append((flow.target, flow.condition))
    for node in index.nodes.values():
        attached = node.element.get("attachedToRef")
        if node.kind == "boundaryEvent" and attached in out:
            out[attached].append((node.id, None))
    return out


def _walk(start: str, successors: dict[str, list[tuple[str, str | None]]],
          stop: Any) -> Iterable[tuple[str, dict[str, str]]]:
    """Nodes reachable from `start` (not through nodes where `stop(id)` holds), with a parent map."""
    parents: dict[str, str] = {}
    queue, seen = deque([start]), {start}
    while queue:
        current = queue.popleft()
        for target, condition in successors.get(current, []):
            if target in seen or (condition and FIRST_SUPPLEMENT_ONLY.search(condition)):
                continue
            seen.add(target)
            parents[target] = current
            yield target, parents
            if not stop(target):
                queue.append(target)


def check_supplement_loops(index: DocIndex) -> list[Finding]:
    """A path from the citizen's supplement (legal_clock=resume) back to a step that can request another."""
    findings = []
    successors = _successors(index)
    props = {node_id: _props(index, node) for node_id, node in index.nodes.items()}
    for resume in index.nodes.values():
        if props[resume.id].get("legal_clock") != "resume":
            continue
        for node_id, parents in _walk(resume.id, successors,
                                      lambda n: props[n].get("legal_clock") == "pause"):
            if props[node_id].get("legal_clock") != "pause":
                continue
            step = parents[node_id]
            while step != resume.id and index.nodes[step].kind not in HUMAN_TASKS:
                step = parents[step]
            at = index.nodes[step if step != resume.id else node_id]
            findings.append(_finding(
                "supplement-loop", ONE_SUPPLEMENT,
                f"after the citizen's supplement ({resume.id}) this step can lead to another supplement "
                f"request ({node_id})", index.filename, at.line, at.id,
                "after the supplement the dossier is decided or refused: guard the flow to the request "
                "with `supplements_requested() == 0` and send a second 'needs supplements' to the refusal"))
    return findings


def check_late_paths(index: DocIndex) -> list[Finding]:
    """The watchdog of the legal deadline reaches the apology before any end; no reminder ends the case."""
    findings = []
    successors = _successors(index)
    props = {node_id: _props(index, node) for node_id, node in index.nodes.items()}
    for timer in index.nodes.values():
        keys = {key for e in _timer_expressions(timer) for key in deadline_keys(e.text or "") if key}
        if not keys or timer.kind == "boundaryEvent":
            continue
        overall = "overall" in keys
        for node_id, _ in _walk(timer.id, successors, lambda n: props[n].get("document") == "mau-04"):
            node = index.nodes[node_id]
            if node.kind != "endEvent" or props[node_id].get("document") == "mau-04":
                continue
            terminate = "terminate" in node.event_definitions
            if overall:
                what = "a terminate end" if terminate else "an end"
                findings.append(_finding(
                    "apology-bypass", APOLOGY,
                    f"{what} on the late path of {timer.id} is reached before the apology (Mẫu 04)",
                    index.filename, node.line, node.id,
                    "lead the deadline timer to the apology task (document=mau-04) before any end"))
            elif terminate:
                findings.append(_finding(
                    "apology-bypass", APOLOGY,
                    f"the reminder path of an agency's share ({timer.id}, deadline(\"{sorted(keys)[0]}\")) "
                    "ends on a terminate end: the whole case, its apology and the agency's share with it",
                    index.filename, node.line, node.id, "end the reminder branch with a plain end event"))
    return findings


def check_refusal_reasons(index: DocIndex, schemas: dict[str, Any],
                          message_schemas: dict[str, Any]) -> list[Finding]:
    """A refusal (result=refused) or stop (status 8) whose reason field no form or message requires."""
    required = set().union(*(_required(s) for s in [*schemas.values(), *message_schemas.values()]))
    findings = []
    for node in index.nodes.values():
        props = _props(index, node)
        stopping = props.get("status", "").strip() == str(int(DossierStatus.STOPPED))
        if props.get("result") != "refused" and not stopping:
            continue
        field = props.get("reason_field", DEFAULT_REASON_FIELD)
        if field not in required:
            findings.append(_finding(
                "refusal-without-reason", WRITTEN_REASON,
                f"{'the refusal' if not stopping else 'the stop'} at {node.label} records its reason from "
                f"'{field}', but no form or message of this diagram requires '{field}'",
                index.filename, node.line, node.id,
                f"make '{field}' required in the form of the step that decides the refusal"))
    return findings


def check_refusal_schemas(files: dict[str, bytes], show: Any) -> list[Finding]:
    """A message schema (messages/*.schema.json) that can say "refused" must require a written reason."""
    findings = []
    for name, content in sorted(files.items()):
        if not (name.startswith("messages/") and name.endswith(".schema.json")):
            continue
        text = content.decode("utf-8", errors="replace")
        try:
            schema = json.loads(text)
        except ValueError:
            continue  # the message-contract checks report a broken schema
        refusing = [key for key, prop in (schema.get("properties") or {}).items()
                    if key.startswith(RESULT_PREFIXES) and _refusal_values(prop)]
        if refusing and not (_required(schema) & set(REASON_FIELDS)):
            value = _refusal_values(schema["properties"][refusing[0]])[0]
            line = next((i for i, row in enumerate(text.splitlines(), 1) if f'"{value}"' in row), None)
            message = name.removeprefix("messages/").removesuffix(".schema.json")
            findings.append(_finding(
                "message-refusal-without-reason", WRITTEN_REASON,
                f"'{refusing[0]}' can be \"{value}\" but the schema never requires '{REASON_FIELDS[0]}'",
                show(name), line, message,
                f"add an if/then: when {refusing[0]} is \"{value}\", \"{REASON_FIELDS[0]}\" is required"))
    return findings


def check_agency_shares(index: DocIndex, procedure: Procedure, variant: Variant, toml: str) -> list[Finding]:
    """Every linked agency the case waits on has its share: a `deadline(key)` timer beside its reply."""
    flows = list(index.doc.root.iter("{*}messageFlow"))
    pools = {p.get("id"): p for p in index.participants}
    asked = {f.get("targetRef") for f in flows
             if (sender := index.nodes.get(f.get("sourceRef") or "")) is not None
             and index.executable(sender.process) and sender.kind != "serviceTask"}
    predecessors: dict[str, set[str]] = {}
    for flow in index.flows.values():
        predecessors.setdefault(flow.target, set()).add(flow.source)
    shares = [n for n in index.nodes.values()
              if any(key not in (None, "overall") for e in _timer_expressions(n)
                     for key in deadline_keys(e.text or ""))]
    findings = []
    for flow in flows:
        pool, catcher = pools.get(flow.get("sourceRef")), index.nodes.get(flow.get("targetRef") or "")
        if pool is None or catcher is None or pool.get("id") not in asked or catcher.kind == "boundaryEvent":
            continue
        lane = procedure.lane((pool.get("name") or "").strip())
        if lane is None or lane.role == "cong-dan":
            continue
        before = predecessors.get(catcher.id, set())
        if any(t.element.get("attachedToRef") == catcher.id or predecessors.get(t.id, set()) & before
               for t in shares):
            continue
        # No share in procedure.toml breaks the law (error); a share nobody watches is a warning.
        known = lane.agency in variant.deadlines
        findings.append(Finding(
            "warning" if known else "error", "missing-agency-share",
            f"{AGENCY_SHARE.name} ({AGENCY_SHARE.source}): the case waits for {lane.agency} "
            f"({pool.get('name')}) at {catcher.id} with no timer on its share of the deadline"
            + ("" if known else f", and variant '{variant.name}' in {toml} gives it no share"),
            index.filename, catcher.line, catcher.id,
            f"add a timer deadline(\"{lane.agency}\") beside {catcher.id}"
            + ("" if known else f" and {lane.agency} = N to the variant's deadlines (0 = same working day)")))
    return findings


def check_fees(indexes: list[DocIndex], procedure: Procedure, toml: str) -> list[Finding]:
    """A procedure whose fees are not all zero has a step that asks for them (status 6 or payment_field).

    A fee counts when its `amount_vnd` is above 0, or when `amount_set_by` says who sets an amount the
    sources do not give (a province's decision).
    """
    fees = [f for f in procedure.raw.get("fees", []) if isinstance(f, dict)
            and (f.get("amount_vnd", 0) or f.get("amount_set_by"))]
    if not fees:
        return []
    for index in indexes:
        for node in index.nodes.values():
            props = _props(index, node)
            if props.get("status", "").strip() == str(int(DossierStatus.FINANCIAL_OBLIGATION)) or (
                    "payment_field" in props):
                return []
    return [_finding(
        "missing-fee-step", FEES,
        f"procedure.toml lists {len(fees)} fee(s) ({fees[0].get('name_vi', '?')}: "
        f"{_amount(fees[0])}) but no step of {indexes[0].filename} sets status 6 or records the payment",
        toml, None, None,
        f"add status=6 and payment_field=… to the step where the fee is paid, or fix the fees in {toml}")]


def _amount(fee: dict[str, Any]) -> str:
    return f"{fee['amount_vnd']} VND" if fee.get("amount_vnd") else f"set by {fee.get('amount_set_by')}"


def _refusal_values(prop: Any) -> list[str]:
    if not isinstance(prop, dict):
        return []
    values = [*prop.get("enum", []), *([prop["const"]] if "const" in prop else [])]
    return [v for v in values if isinstance(v, str) and v.lower() in REFUSAL_VALUES]


def _required(schema: Any) -> set[str]:
    """Every name any `required` list of a schema names (top level, if/then, allOf … alike)."""
    found: set[str] = set()
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "required" and isinstance(value, list):
                found |= {v for v in value if isinstance(v, str)}
            else:
                found |= _required(value)
    elif isinstance(schema, list):
        for item in schema:
            found |= _required(item)
    return found


# -- the rules as the registry (workbench/lint/rules.py) runs them, on one bundle ---------------------------
def supplement_loops(context: RuleContext) -> list[Finding]:
    """supplement-loop, in the diagram and every file it calls."""
    return [f for index in context.indexes for f in check_supplement_loops(index)]


def late_paths(context: RuleContext) -> list[Finding]:
    """apology-bypass, in the diagram and every file it calls."""
    return [f for index in context.indexes for f in check_late_paths(index)]


def refusal_reasons(context: RuleContext) -> list[Finding]:
    """refusal-without-reason: checked against the bundle's forms and message schemas."""
    if context.procedure is None and not context.forms:
        return []  # a file on its own: nothing says which fields its steps have
    return [f for index in context.indexes
            for f in check_refusal_reasons(index, context.forms, context.message_schemas)]


def refusal_schemas(context: RuleContext) -> list[Finding]:
    """message-refusal-without-reason, on the bundle's messages/*.schema.json."""
    return check_refusal_schemas(context.files, lambda name: context.paths.get(name, name))


def agency_shares(context: RuleContext) -> list[Finding]:
    """missing-agency-share, for the variant being linted."""
    if context.procedure is None or context.variant is None:
        return []
    return [f for index in context.indexes
            for f in check_agency_shares(index, context.procedure, context.variant, context.toml)]


def fee_steps(context: RuleContext) -> list[Finding]:
    """missing-fee-step, for a procedure with fees."""
    if context.procedure is None:
        return []
    return check_fees(context.indexes, context.procedure, context.toml)
