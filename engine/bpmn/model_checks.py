"""Checks a model passes before anything runs: no element the engine would ignore, no unsafe code, no
outcome naming a part procedure.toml does not declare."""

from __future__ import annotations

from lxml import etree

from ..errors import InvalidProcessError, LienThongError
from ..sandbox.sandbox import Sandbox
from .elements import Element
from .procedure import OUTCOME_RESULTS, Procedure
from .reader import NSMAP, BpmnDocument

FLOW_NODE_TAGS = frozenset(
    """task userTask manualTask serviceTask scriptTask sendTask receiveTask businessRuleTask callActivity
    subProcess transaction adHocSubProcess startEvent endEvent intermediateCatchEvent intermediateThrowEvent
    boundaryEvent exclusiveGateway inclusiveGateway parallelGateway eventBasedGateway
    complexGateway""".split()
)
# What SpiffWorkflow 3.2 and this engine cannot run; refused when a model is loaded, with the reason.
UNSUPPORTED_ELEMENTS = {
    "complexGateway": "there is no complex gateway; use an exclusive, inclusive or parallel gateway",
    "adHocSubProcess": "nothing chooses the next activity of an ad-hoc subprocess; order them with gateways",
    "businessRuleTask": "DMN decision tables are not bundled; use a script task or gateway conditions",
    "choreographyTask": "choreographies describe message exchanges and cannot be executed",
    "subChoreography": "choreographies describe message exchanges and cannot be executed",
    "callChoreography": "choreographies describe message exchanges and cannot be executed",
}
UNSUPPORTED_EVENTS = {
    "compensateEventDefinition": "compensation is not executed; model the undo steps explicitly",
    "linkEventDefinition": "link events are not followed; draw the sequence flow instead",
    "conditionalEventDefinition": "nothing re-evaluates a condition while a case waits; use a gateway, "
    "a message or a timer",
}
# A plain task (what the bpmn-js palette draws) says neither who works it nor what they fill in: SpiffWorkflow
# would wait on it for a completion no desk is ever offered, so the case would hang. Refused, with the fix.
PLAIN_TASK = "a plain task says neither who works it nor what they fill in, so no desk would ever see it"
PLAIN_TASK_HINT = (
    "change it to a User Task (wrench icon → User Task) and give it a form, or to a Script or "
    "Service Task if no one works it"
)
# Where BPMN carries code, and how the sandbox compiles it.
CODE_LOCATIONS = (
    ("bpmn:conditionExpression", "eval"),
    ("bpmn:script", "exec"),
    ("bpmn:timerEventDefinition/bpmn:timeDate", "eval"),
    ("bpmn:timerEventDefinition/bpmn:timeDuration", "eval"),
    ("bpmn:timerEventDefinition/bpmn:timeCycle", "eval"),
    ("bpmn:extensionElements/spiffworkflow:preScript", "exec"),
    ("bpmn:extensionElements/spiffworkflow:postScript", "exec"),
    ("bpmn:extensionElements/spiffworkflow:messagePayload", "eval"),
    ("bpmn:messageEventDefinition/bpmn:extensionElements/spiffworkflow:messagePayload", "eval"),
    ("bpmn:messageEventDefinition/spiffworkflow:messagePayload", "eval"),
    ("bpmn:multiInstanceLoopCharacteristics/bpmn:loopCardinality", "eval"),
    ("bpmn:multiInstanceLoopCharacteristics/bpmn:completionCondition", "eval"),
    ("bpmn:standardLoopCharacteristics/bpmn:loopCondition", "eval"),
    ("bpmn:extensionElements/spiffworkflow:payloadExpression", "eval"),
    ("bpmn:extensionElements/spiffworkflow:processVariableCorrelation/spiffworkflow:expression", "eval"),
    ("bpmn:correlationPropertyRetrievalExpression/bpmn:messagePath", "eval"),
    ("bpmn:correlationPropertyRetrievalExpression/bpmn:formalExpression", "eval"),
)
# Elements outside the flow that carry code too (payloads of messages, signals, errors; correlations).
CODE_OWNERS = FLOW_NODE_TAGS | {
    "sequenceFlow",
    "message",
    "signal",
    "error",
    "escalation",
    "correlationProperty",
}


def refuse_unsupported(documents: list[BpmnDocument]) -> None:
    """Refuse, at the element, what the engine would silently ignore or wait on forever."""
    for doc in documents:
        for element in doc.root.iter():
            if not isinstance(element.tag, str) or etree.QName(element).namespace != NSMAP["bpmn"]:
                continue
            kind = etree.QName(element).localname
            reason = UNSUPPORTED_ELEMENTS.get(kind) or UNSUPPORTED_EVENTS.get(kind)
            owner = element.getparent() if kind in UNSUPPORTED_EVENTS else element
            if reason is None and element.get("isForCompensation") == "true":
                reason = "compensation handlers never run; model the undo steps explicitly"
            if reason is None and kind == "startEvent" and _starts_event_subprocess_on_message(element):
                reason = "a message cannot start an event subprocess here; use a boundary message event"
            if reason is not None:
                raise InvalidProcessError(
                    f"{kind} is not supported: {reason}",
                    element_id=owner.get("id"),
                    file=doc.filename,
                    line=owner.sourceline,
                    hint="see docs/lint.md for what the engine runs",
                )


def refuse_plain_tasks(documents: list[BpmnDocument]) -> None:
    """Refuse a plain task of an executable process (after SpiffWorkflow's own checks, which say more)."""
    for doc in documents:
        for element in doc.root.iter(f"{{{NSMAP['bpmn']}}}task"):
            if _executable(element):
                raise InvalidProcessError(
                    f"task is not supported: {PLAIN_TASK}",
                    element_id=element.get("id"),
                    file=doc.filename,
                    line=element.sourceline,
                    hint=PLAIN_TASK_HINT,
                )


def _executable(element: etree._Element) -> bool:
    """True when the element sits in a process marked isExecutable (other agencies' pools never run)."""
    process = next((a for a in element.iterancestors(f"{{{NSMAP['bpmn']}}}process")), None)
    return process is not None and process.get("isExecutable") == "true"


def _starts_event_subprocess_on_message(start: etree._Element) -> bool:
    parent = start.getparent()
    return (
        parent is not None
        and parent.get("triggeredByEvent") == "true"
        and start.find("bpmn:messageEventDefinition", NSMAP) is not None
    )


def check_code(documents: list[BpmnDocument], sandbox: Sandbox) -> None:
    """Compile every condition, script and timer expression, so unsafe code is refused at deploy time."""
    for doc in documents:
        for element in doc.root.iter():
            if not isinstance(element.tag, str) or etree.QName(element).localname not in CODE_OWNERS:
                continue
            for path, mode in CODE_LOCATIONS:
                for code in element.xpath(path, namespaces=NSMAP):
                    text = (code.text or "").strip()
                    if not text:
                        continue
                    try:
                        sandbox.check(text, mode)
                    except LienThongError as exc:
                        exc.element_id = element.get("id")
                        exc.file = doc.filename
                        exc.line = (code.sourceline or 0) + max(exc.details.get("script_line", 1) - 1, 0)
                        raise
            for parameter in element.xpath(".//spiffworkflow:parameter[@value]", namespaces=NSMAP):
                try:
                    sandbox.check(parameter.get("value"), "eval")
                except LienThongError as exc:
                    exc.element_id, exc.file, exc.line = element.get("id"), doc.filename, parameter.sourceline
                    raise


def check_outcomes(procedure: Procedure, elements: dict[str, Element]) -> None:
    """An element deciding a part of a linked group names a declared part and a known result."""
    for element in elements.values():
        part = element.properties.get("outcome")
        if part is None:
            continue
        fixed = element.properties.get("outcome_result", OUTCOME_RESULTS[0])
        if part not in procedure.parts:
            known = ", ".join(procedure.parts) or "none: procedure.toml declares no [[parts]]"
            problem, field = f"outcome names unknown part '{part}' (parts: {known})", "outcome"
        elif fixed not in OUTCOME_RESULTS:
            problem = f"outcome_result is '{fixed}'; it is one of: {', '.join(OUTCOME_RESULTS)}"
            field = "outcome_result"
        else:
            continue
        raise InvalidProcessError(
            problem, element_id=element.id, file=element.file, line=element.line, field=field
        )
