"""The SpiffWorkflow specs a model runs: Spiff's parser with the engine's own task specs, clock timers, and
the BPMN line of each spec (for errors raised while it runs; Spiff's specs keep none)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar
from weakref import WeakKeyDictionary

from SpiffWorkflow.bpmn.parser.util import full_tag
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.specs.base import TaskSpec
from SpiffWorkflow.specs.WorkflowSpec import WorkflowSpec
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from SpiffWorkflow.spiff.parser.task_spec import ServiceTaskParser

from ..agencies.deferral import DeferrableServiceTask
from ..errors import InvalidProcessError, LienThongError
from ..time.timers import install_clock_timers
from .reader import BpmnDocument

_SOURCE_LINES: WeakKeyDictionary[TaskSpec, int] = WeakKeyDictionary()


def source_line(spec: TaskSpec) -> int | None:
    """The line of the BPMN element a task spec was built from, if the engine built it."""
    return _SOURCE_LINES.get(spec)


class _Parser(SpiffBpmnParser):  # type: ignore[misc]
    """SpiffWorkflow's parser with the engine's own task specs (its documented override table)."""

    OVERRIDE_PARSER_CLASSES: ClassVar[dict[str, tuple[type, type]]] = {
        **SpiffBpmnParser.OVERRIDE_PARSER_CLASSES,
        full_tag("serviceTask"): (ServiceTaskParser, DeferrableServiceTask),
    }


def build_specs(
    documents: list[BpmnDocument], lines: Mapping[str, int]
) -> tuple[WorkflowSpec, dict[str, WorkflowSpec]]:
    """The executable process's spec and its subprocesses' (clock timers, lines known); errors name where."""
    spec, subprocesses = _parse(documents)
    all_specs = [spec, *subprocesses.values()]
    install_clock_timers(all_specs)
    for wf_spec in all_specs:
        for task_spec in wf_spec.task_specs.values():
            line = lines.get(getattr(task_spec, "bpmn_id", None) or "")
            if line is not None:
                _SOURCE_LINES[task_spec] = line
    return spec, subprocesses


def _parse(documents: list[BpmnDocument]) -> tuple[WorkflowSpec, dict[str, WorkflowSpec]]:
    parser = _Parser()
    main = documents[0]
    try:
        for doc in documents:
            parser.add_bpmn_xml(doc.root, filename=doc.filename)
        executable = [p.get("id") for p in main.xpath("//bpmn:process[@isExecutable='true']")]
        collaborations = main.xpath("//bpmn:collaboration")
        if not executable:
            raise InvalidProcessError(
                'no executable process: mark the pool that runs here with isExecutable="true"',
                file=main.filename,
                hint="in Camunda Modeler: select the pool, tick 'Executable'",
            )
        if len(executable) == 1:
            spec = parser.get_spec(executable[0])
            return spec, parser.get_subprocess_specs(executable[0])
        spec, subprocesses = parser.get_collaboration(collaborations[0].get("id"))
        return spec, subprocesses
    except ValidationException as exc:
        raise InvalidProcessError(
            str(exc).split("\n")[0],
            file=exc.file_name or main.filename,
            line=exc.line_number or None,
            element_id=exc.id or None,
        ) from None
    except LienThongError:
        raise
    except Exception as exc:
        raise InvalidProcessError(
            f"the model cannot be executed: {type(exc).__name__}: {exc}", file=main.filename
        ) from None
