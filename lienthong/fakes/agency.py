"""A fake agency system (population database, civil status, social insurance …): `POST /operations/{op}`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from engine.agencies.fakes import FAKES, fake_answer

from .server import FakeService, Refused

AGENCIES = sorted({operation.split(".", 1)[0] for operation in FAKES})
PREFIX = "/operations/"


@dataclass
class FakeAgency(FakeService):
    """Answers the connector operations of the agencies it stands for with plausible canned data."""

    agencies: tuple[str, ...] = field(default_factory=lambda: tuple(AGENCIES))

    def apply(self, path: str, payload: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """Answer one operation (its parameters are recorded with it)."""
        operation = path.removeprefix(PREFIX) if path.startswith(PREFIX) else ""
        if operation not in FAKES or operation.split(".", 1)[0] not in self.agencies:
            served = [op for op in FAKES if op.split(".", 1)[0] in self.agencies]
            raise Refused(404, f"this system does not answer '{operation or path}' (it answers "
                               f"{', '.join(served)})")
        answer = {**fake_answer(operation, payload), "ma_ho_so": payload.get("ma_ho_so")}
        record = {"operation": operation, "params": payload, "received_at": datetime.now(UTC).isoformat()}
        return answer, record


def agencies_named(names: Iterable[str]) -> tuple[str, ...]:
    """The agencies a fake serves (`all` for every one); an unknown name is refused with the list."""
    wanted = list(names) or ["all"]
    if "all" in wanted:
        return tuple(AGENCIES)
    unknown = [n for n in wanted if n not in AGENCIES]
    if unknown:
        raise ValueError(f"unknown agency {', '.join(unknown)}; use one of {', '.join(AGENCIES)} or all")
    return tuple(wanted)
