"""Rules by effective date: each dossier is bound to the rule set in force on the day it was received.

Two layers, both dated with `effective_from` (DOMAIN.md "Regime change"; §6.1 "version everything"):
- the engine's legal defaults, the one-stop regime: Decree 61/2018/NĐ-CP (as amended by 107/2021) with the
  Circular 01/2018 forms, replaced from 1/7/2025 by Decree 118/2025/NĐ-CP [S12][S13];
- a procedure's own amendments, `[[rules]]` in procedure.toml (e.g. Decree 46/2017 → 125/2024 for language
  centres from 20/11/2024 [E12]), which may change the variant's deadlines for dossiers received from then.

At receipt (`legal_clock=start`) the case's summary records the rule set it is bound to, and its deadlines
from then on are those of that rule set, whatever changes later.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..errors import InvalidProcessError

RULE_SET_KEY = "rule_set"  # case summary: the rule set the dossier is bound to (see bind)


@dataclass(frozen=True)
class Rules:
    """One dated set of rules: where it comes from and, for a procedure's own, the deadlines it changes."""

    code: str
    effective_from: date
    name_vi: str
    source: str
    deadlines: Mapping[str, int] = field(default_factory=dict)
    variants: tuple[str, ...] = ()  # empty: every variant


# The one-stop regime. Decree 61/2018's own start date is not in DOMAIN.md: it is the rule set before 118.
LEGAL_DEFAULTS = (
    Rules("nd-61-2018", date.min, "Nghị định 61/2018/NĐ-CP (sửa đổi bởi Nghị định 107/2021/NĐ-CP)", "S1"),
    Rules("nd-118-2025", date(2025, 7, 1), "Nghị định 118/2025/NĐ-CP", "S12"),
)


def in_force(rules: Iterable[Rules], day: date, variant: str | None = None) -> Rules | None:
    """The latest rule set whose `effective_from` is on or before `day` (for this variant), if any."""
    applicable = [r for r in rules if r.effective_from <= day and (not r.variants or variant in r.variants)]
    return max(applicable, key=lambda r: r.effective_from, default=None)


def bind(
    received: date, variant: str, procedure_rules: Iterable[Rules], deadlines: Mapping[str, int]
) -> dict[str, Any]:
    """What a dossier received on `received` is bound to: the regime, the procedure's rules, deadlines."""
    regime = in_force(LEGAL_DEFAULTS, received)
    own = in_force(procedure_rules, received, variant)
    bound: dict[str, Any] = {"received_on": received.isoformat(), "deadlines": dict(deadlines)}
    if regime is not None:
        bound["regime"] = {"code": regime.code, "name_vi": regime.name_vi, "source": regime.source}
    if own is not None:
        bound["procedure"] = {
            "code": own.code,
            "name_vi": own.name_vi,
            "source": own.source,
            "effective_from": own.effective_from.isoformat(),
        }
        bound["deadlines"].update(own.deadlines)
    return bound


def parse_rules(entries: Any, filename: str) -> tuple[Rules, ...]:
    """Read `[[rules]]` of procedure.toml: code, effective_from (a date), name_vi, source, deadlines…"""
    if entries is None:
        return ()
    if not isinstance(entries, list):
        raise InvalidProcessError(
            "'rules' must be an array of tables ([[rules]])", file=filename, field="rules"
        )
    out = []
    for index, entry in enumerate(entries):
        where = f"rules[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("effective_from"), date):
            raise InvalidProcessError(
                "each [[rules]] needs effective_from = a date like 2024-11-20", file=filename, field=where
            )
        deadlines = entry.get("deadlines", {})
        if not isinstance(deadlines, dict) or not all(
            isinstance(v, int) and v >= 0 for v in deadlines.values()
        ):
            raise InvalidProcessError(
                "deadlines are whole numbers of working days", file=filename, field=f"{where}.deadlines"
            )
        out.append(
            Rules(
                code=str(entry.get("code", f"rules-{index + 1}")),
                effective_from=entry["effective_from"],
                name_vi=str(entry.get("name_vi", "")),
                source=str(entry.get("source", "")),
                deadlines={str(k): int(v) for k, v in deadlines.items()},
                variants=tuple(str(v) for v in entry.get("variants", [])),
            )
        )
    return tuple(out)
