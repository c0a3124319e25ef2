"""Random durations and choices for the simulation: `triangular(0.5, 1, 3)`, `lognormal(2, 1) h`, shares."""

from __future__ import annotations

import math
import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.errors import InvalidProcessError

_SYNTAX = re.compile(r"^\s*([a-z_]+)\s*\(([^()]*)\)\s*([a-zà-ỹ]*)\s*$", re.IGNORECASE)
_PARAMS = {"fixed": 1, "exponential": 1, "uniform": 2, "triangular": 3, "lognormal": 2}
_HOURS = {"h", "hour", "hours", "giờ", "gio"}
_DAYS = {"", "d", "day", "days", "ngày", "ngay", "wd"}
FORMS = "fixed(v), triangular(min, mode, max), lognormal(mean, sd), exponential(mean), uniform(min, max)"


@dataclass(frozen=True)
class Distribution:
    """A duration in working days or working hours, drawn at random for each task or message."""

    kind: str
    params: tuple[float, ...]
    hours: bool = False  # the parameters are working hours, not working days

    @classmethod
    def parse(cls, text: str, *, where: str = "", file: str | None = None,
              element_id: str | None = None, line: int | None = None) -> Distribution:
        """Read `kind(a, b, …) [unit]`; the unit is days unless it says h/hours/giờ."""

        def fail(message: str) -> InvalidProcessError:
            return InvalidProcessError(f"{message} in duration '{text}'", file=file, field=where or None,
                                       element_id=element_id, line=line,
                                       hint=f"write one of {FORMS}, optionally followed by 'h' for hours")

        match = _SYNTAX.match(str(text))
        if not match:
            raise fail("cannot read the distribution")
        kind, raw, unit = match.group(1).lower(), match.group(2), match.group(3).lower()
        if kind not in _PARAMS:
            raise fail(f"unknown distribution '{kind}'")
        if unit not in _HOURS | _DAYS:
            raise fail(f"unknown unit '{unit}'")
        try:
            params = tuple(float(p) for p in raw.split(",")) if raw.strip() else ()
        except ValueError:
            raise fail("parameters must be numbers") from None
        if len(params) != _PARAMS[kind]:
            raise fail(f"{kind} takes {_PARAMS[kind]} parameter(s), not {len(params)}")
        if any(p < 0 or math.isnan(p) or math.isinf(p) for p in params):
            raise fail("durations cannot be negative")
        if kind == "triangular" and not params[0] <= params[1] <= params[2]:
            raise fail("triangular needs min ≤ mode ≤ max")
        if kind == "uniform" and params[0] > params[1]:
            raise fail("uniform needs min ≤ max")
        if kind in ("exponential", "lognormal") and params[0] == 0:
            raise fail(f"{kind} needs a mean above zero")
        return cls(kind, params, hours=unit in _HOURS)

    def sample(self, rng: random.Random, hours_per_day: float) -> float:
        """One draw, in working hours."""
        p = self.params
        if self.kind == "fixed":
            value = p[0]
        elif self.kind == "triangular":
            value = rng.triangular(p[0], p[2], p[1])
        elif self.kind == "uniform":
            value = rng.uniform(p[0], p[1])
        elif self.kind == "exponential":
            value = rng.expovariate(1.0 / p[0])
        else:
            mean, sd = p
            sigma2 = math.log(1.0 + (sd / mean) ** 2)
            value = rng.lognormvariate(math.log(mean) - sigma2 / 2, math.sqrt(sigma2))
        return value if self.hours else value * hours_per_day

    def mean_days(self, hours_per_day: float) -> float:
        """The expected value, in working days."""
        p = self.params
        mean = {"fixed": lambda: p[0], "triangular": lambda: sum(p) / 3, "uniform": lambda: (p[0] + p[1]) / 2,
                "exponential": lambda: p[0], "lognormal": lambda: p[0]}[self.kind]()
        return mean / hours_per_day if self.hours else mean

    def __str__(self) -> str:
        args = ", ".join(f"{p:g}" for p in self.params)
        return f"{self.kind}({args}){' h' if self.hours else ''}"


@dataclass(frozen=True)
class Choice:
    """A data field whose value is drawn with given shares (e.g. a completeness check's outcome)."""

    field: str
    values: tuple[Any, ...]
    cumulative: tuple[float, ...]

    @classmethod
    def parse(cls, field: str, shares: Any, *, where: str, file: str | None) -> Choice:
        """Read `{value = share, …}`; shares must add up to 1."""
        if not isinstance(shares, Mapping) or not shares:
            raise InvalidProcessError(f"choices for '{field}' must be a table of value = share", file=file,
                                      field=where, hint='e.g. ket_qua = { dat = 0.9, khong_dat = 0.1 }')
        total, cumulative = 0.0, []
        for value, share in shares.items():
            if not isinstance(share, int | float) or isinstance(share, bool) or share < 0:
                raise InvalidProcessError(f"the share of '{value}' must be a number ≥ 0", file=file,
                                          field=f"{where}.{value}")
            total += float(share)
            cumulative.append(total)
        if abs(total - 1.0) > 1e-6:
            raise InvalidProcessError(f"the shares of '{field}' add up to {total:g}, not 1", file=file,
                                      field=where, hint="make the shares add up to 1")
        return cls(field, tuple(_typed(v) for v in shares), tuple(cumulative))

    def draw(self, rng: random.Random) -> Any:
        """One value, with its share as probability."""
        u = rng.random()
        for value, bound in zip(self.values, self.cumulative, strict=True):
            if u < bound:
                return value
        return self.values[-1]

    def share(self, value: Any) -> float:
        """The probability of one value."""
        previous = 0.0
        for candidate, bound in zip(self.values, self.cumulative, strict=True):
            if candidate == value:
                return bound - previous
            previous = bound
        return 0.0


def _typed(value: str) -> Any:
    """TOML keys are text: `true`/`false` and numbers written as keys mean booleans and numbers."""
    if value in ("true", "false"):
        return value == "true"
    try:
        return int(value)
    except ValueError:
        pass
    try:
        return float(value)
    except ValueError:
        return value
