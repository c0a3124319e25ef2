"""The one seam to other agencies' systems: service tasks call registered connectors by operation name."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..errors import ConnectorError

Connector = Callable[[Mapping[str, Any]], Mapping[str, Any]]


class Connectors:
    """A registry of operations (`population.lookup`, `judicial_record.request` …) to callables.

    A connector receives the service task's evaluated parameters and returns a JSON-ready mapping that
    the engine stores in the task's result variable. Tests and demos register local fakes here.
    """

    def __init__(self, connectors: Mapping[str, Connector] | None = None) -> None:
        self._connectors: dict[str, Connector] = dict(connectors or {})

    def register(self, operation: str, connector: Connector) -> None:
        """Add or replace the connector for `operation`."""
        self._connectors[operation] = connector

    def names(self) -> list[str]:
        """The registered operation names."""
        return sorted(self._connectors)

    def __contains__(self, operation: object) -> bool:
        return operation in self._connectors

    def call(self, operation: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """Run one operation; unknown names and failures become ConnectorError."""
        connector = self._connectors.get(operation)
        if connector is None:
            known = ", ".join(self.names()) or "none"
            raise ConnectorError(f"no connector is registered for '{operation}' (known: {known})")
        try:
            return dict(connector(params))
        except ConnectorError:
            raise
        except Exception as exc:
            raise ConnectorError(f"'{operation}' failed: {type(exc).__name__}: {exc}") from exc
