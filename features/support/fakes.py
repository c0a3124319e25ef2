"""Local fakes of other agencies' systems, registered on the engine's Connectors for to-be service tasks.

Each answers with a small JSON dict built from the parameters it is called with, so a scenario reads the
same data back. A scenario may replace an answer (`Cho hệ thống "population.lookup" trả về: …`) or make a
system fail, to exercise a model's manual fallback.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engine.agencies.connectors import Connectors
from engine.agencies.fakes import FAKES, Answer

from .phrases import StepProblem


class FakeAgencies:
    """The fakes of one scenario, with its overrides and failures."""

    def __init__(self) -> None:
        self.overrides: dict[str, dict[str, Any]] = {}
        self.failing: dict[str, str] = {}
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def connectors(self) -> Connectors:
        """A registry with every fake operation, answering through this scenario's settings."""
        registry = Connectors()
        for operation in FAKES:
            registry.register(operation, self._answerer(operation))
        return registry

    def _answerer(self, operation: str) -> Answer:
        def answer(params: Mapping[str, Any]) -> dict[str, Any]:
            self.calls.append((operation, dict(params)))
            if operation in self.failing:
                raise RuntimeError(self.failing[operation])
            return {**FAKES[operation](params), **self.overrides.get(operation, {})}

        return answer

    def check_known(self, operation: str) -> None:
        """Fail clearly when a scenario names an operation no fake answers."""
        if operation not in FAKES:
            raise StepProblem(f"không có hệ thống giả lập '{operation}'; có: {', '.join(sorted(FAKES))}")
