"""A procedure's metadata (procedure.toml): names, agencies, lane→agency/role map, deadlines, components,
and, for a linked group, the procedures (parts) in it."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from typing import Any

from ..errors import InvalidProcessError
from ..law.rule_sets import Rules, parse_rules
from ..store.codes import CITIZEN_ROLE as CITIZEN_ROLE

OUTCOME_RESULTS = ("registered", "refused")  # a part's own outcome (engine/law/outcomes.py)


@dataclass(frozen=True)
class LaneRole:
    """Who works a lane: an agency code and a role code (server-side authorisation reads this)."""

    agency: str
    role: str


@dataclass(frozen=True)
class Part:
    """One procedure of a linked group, with its own outcome (`[[parts]]`; engine/law/outcomes.py)."""

    key: str
    name_vi: str
    agency: str
    code: str | None = None  # its national code (mã TTHC) where a source gives one; None: unverified


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
    rules: tuple[Rules, ...] = ()  # the procedure's own dated amendments ([[rules]], engine/law/rule_sets.py)
    parts: dict[str, Part] = field(default_factory=dict)  # a linked group's procedures, by key

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
            parts=_parts(raw.get("parts", []), agencies, filename),
        )


def _parts(entries: Any, agencies: dict[str, Any], filename: str) -> dict[str, Part]:
    """The `[[parts]]` of a linked group: each a key, a Vietnamese name, an agency, and a code if known."""
    if not isinstance(entries, list):
        raise InvalidProcessError("'parts' is a list of [[parts]] tables", file=filename, field="parts")
    parts: dict[str, Part] = {}
    for number, entry in enumerate(entries, start=1):
        where = f"parts[{number}]"
        if not isinstance(entry, dict):
            raise InvalidProcessError(f"{where} is not a table", file=filename, field=where)
        for key in ("key", "name_vi", "agency"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise InvalidProcessError(f"{where} needs '{key}'", file=filename, field=f"{where}.{key}")
        if entry["key"] in parts:
            raise InvalidProcessError(
                f"{where}: part '{entry['key']}' is declared twice", file=filename, field=f"{where}.key"
            )
        if entry["agency"] not in agencies:
            raise InvalidProcessError(
                f"{where} names unknown agency '{entry['agency']}'", file=filename, field=f"{where}.agency"
            )
        code = entry.get("code")
        if code is not None and not isinstance(code, str):
            raise InvalidProcessError(f"{where}.code is a string", file=filename, field=f"{where}.code")
        parts[entry["key"]] = Part(entry["key"], entry["name_vi"], entry["agency"], code or None)
    return parts
