"""Async mode's seam in the script engine: a service task asks for a job instead of calling its connector."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .connectors import Connectors


class ServiceDeferred(Exception):
    """Raised instead of calling a connector in async mode: the engine step turns it into a job."""

    def __init__(self, operation: str, params: Mapping[str, Any]) -> None:
        super().__init__(operation)
        self.operation = operation
        self.params = dict(params)


class DeferringConnectors(Connectors):
    """What the script engine calls in async mode: every operation becomes a job (engine/jobs.py)."""

    def call(self, operation: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """Never call: ask the engine to queue a job instead."""
        raise ServiceDeferred(operation, params)
