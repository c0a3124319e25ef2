"""A procedure's metadata (procedure.toml): names, agencies, lane→agency/role map, deadlines, components."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from typing import Any

from .errors import InvalidProcessError
from .rule_sets import Rules, parse_rules

CITIZEN_ROLE = "cong-dan"


@dataclass(frozen=True)
class LaneRole:
    """Who works a lane: an agency code and a role code (server-side authorisation reads this)."""

    agency: str
    role: str


@dataclass(frozen=True)
class Variant:
    """One way of running the procedure (as-is, to-be, …) and the deadlines it promises."""

    name: str
    file: str
    description_vi: str = ""
    description_en: str = ""
    deadlines: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Procedure:
    """Everything procedure.toml says, read and checked once."""

    slug: str
    codes: tuple[str, ...]
    name_vi: str
    name_en: str
    online_level: str
    agencies: dict[str, dict[str, Any]]
    lanes: dict[str, LaneRole]
    variants: dict[str, Variant]
    components: dict[str, dict[str, Any]]
    raw: dict[str, Any]
    rules: tuple[Rules, ...] = ()  # the procedure's own dated amendments ([[rules]], engine/rule_sets.py)

    @property
    def code(self) -> str:
        """The main procedure code (mã TTHC), or the slug when none is known."""
        return self.codes[0] if self.codes else self.slug

    def lane(self, name: str | None) -> LaneRole | None:
        """The agency and role of a lane, by its name in the diagram."""
        return self.lanes.get(name) if name else None

    def agency_name(self, code: str) -> str:
        """The Vietnamese name of an agency code (the code itself if unknown)."""
        return str(self.agencies.get(code, {}).get("name_vi", code))

    @classmethod
    def parse(cls, text: str, slug: str, filename: str = "procedure.toml") -> Procedure:
        """Read procedure.toml text; raises InvalidProcessError naming the field at fault."""
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise InvalidProcessError(f"procedure.toml is not valid TOML: {exc}", file=filename) from exc

        def need(key: str, kind: type) -> Any:
            value = raw.get(key)
            if not isinstance(value, kind):
                raise InvalidProcessError(
                    f"'{key}' is missing or not a {kind.__name__}", file=filename, field=key
                )
            return value

        agencies = need("agencies", dict)
        lanes: dict[str, LaneRole] = {}
        for lane_name, entry in need("lanes", dict).items():
            if not isinstance(entry, dict) or "agency" not in entry or "role" not in entry:
                raise InvalidProcessError(
                    f"lane '{lane_name}' needs agency and role", file=filename, field=f"lanes.{lane_name}"
                )
            if entry["agency"] not in agencies and entry["role"] != CITIZEN_ROLE:
                raise InvalidProcessError(
                    f"lane '{lane_name}' names unknown agency '{entry['agency']}'",
                    file=filename,
                    field=f"lanes.{lane_name}.agency",
                )
            lanes[lane_name] = LaneRole(str(entry["agency"]), str(entry["role"]))
        variants: dict[str, Variant] = {}
        for variant_name, entry in need("variants", dict).items():
            deadlines = entry.get("deadlines", {})
            if not all(isinstance(v, int) and v >= 0 for v in deadlines.values()):
                raise InvalidProcessError(
                    "deadlines are whole numbers of working days",
                    file=filename,
                    field=f"variants.{variant_name}.deadlines",
                )
            variants[variant_name] = Variant(
                name=variant_name,
                file=str(entry.get("file", f"{variant_name}.bpmn")),
                description_vi=str(entry.get("description_vi", "")),
                description_en=str(entry.get("description_en", "")),
                deadlines={str(k): int(v) for k, v in deadlines.items()},
            )
        codes = raw.get("codes", [])
        return cls(
            slug=slug,
            codes=tuple(str(c) for c in codes),
            name_vi=str(need("name_vi", str)),
            name_en=str(raw.get("name_en", "")),
            online_level=str(raw.get("online_level", "mot-phan")),
            agencies={str(k): dict(v) for k, v in agencies.items()},
            lanes=lanes,
            variants=variants,
            components={str(c["code"]): dict(c) for c in raw.get("components", []) if "code" in c},
            raw=raw,
            rules=parse_rules(raw.get("rules"), filename),
        )
