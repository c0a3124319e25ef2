"""Local fakes of other agencies' systems: service tasks return at once, with data the side file may vary."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from engine.agencies.connectors import Connector, Connectors
from engine.agencies.fakes import FAKES, fake_answer

from .model import Draws


class FakeAgencies:
    """Connectors answering every standard operation (and those the side file names) without delay.

    Choices in the side file draw from the random stream of the case being stepped, which the
    simulation sets before each step, so a run stays reproducible for a seed.
    """

    def __init__(self, overrides: Mapping[str, Draws]) -> None:
        self.rng = random.Random(0)
        self.calls: dict[str, int] = {}
        self.connectors = Connectors()
        for operation in sorted(set(FAKES) | set(overrides)):
            self.connectors.register(operation, self._answer(operation, overrides.get(operation)))

    def _answer(self, operation: str, draws: Draws | None) -> Connector:
        def answer(params: Mapping[str, Any]) -> Mapping[str, Any]:
            self.calls[operation] = self.calls.get(operation, 0) + 1
            base = fake_answer(operation, params) if operation in FAKES else {}
            return {**base, **draws.draw(self.rng)} if draws is not None else base

        return answer
