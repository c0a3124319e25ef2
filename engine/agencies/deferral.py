"""Async mode's seam in the script engine: a service task asks for a job instead of calling its connector.

The connector raises ServiceDeferred; the service task spec below catches it and returns None, which is
SpiffWorkflow's own way for a task to say "started, finished elsewhere" (`Task.run`: None → STARTED). The
request is left in the task's internal data for the engine step to turn into a job (engine/services/jobs.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from SpiffWorkflow.spiff.specs.defaults import ServiceTask
from SpiffWorkflow.task import Task

from .connectors import Connectors

DEFERRED_KEY = "lienthong_deferred"  # internal data of a STARTED service task: {"operation", "params"}


class ServiceDeferred(Exception):
    """Raised instead of calling a connector in async mode: the service task spec catches it."""

    def __init__(self, operation: str, params: Mapping[str, Any]) -> None:
        super().__init__(operation)
        self.operation = operation
        self.params = dict(params)


class DeferringConnectors(Connectors):
    """What the script engine calls in async mode: every operation becomes a job (engine/services/jobs.py)."""

    def call(self, operation: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """Never call: ask the engine to queue a job instead."""
        raise ServiceDeferred(operation, params)


class DeferrableServiceTask(ServiceTask):  # type: ignore[misc]
    """The spiff service task, left STARTED with its request recorded when the connector defers it."""

    def _execute(self, task: Task) -> bool | None:
        try:
            return bool(super()._execute(task))
        except ServiceDeferred as deferred:
            task.internal_data[DEFERRED_KEY] = {"operation": deferred.operation, "params": deferred.params}
            return None
