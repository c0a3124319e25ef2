"""Procedures, their lanes, variants, components and deployed versions."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from engine import VersionView
from engine.bpmn.procedure import Procedure

from ..contracts import MessageContractRead
from .common import LocalTime, Read
from .problems import LintFinding


class AgencyRead(Read):
    """An agency taking part in a procedure."""

    code: str
    name_vi: str


class LaneRead(Read):
    """A lane of the diagrams and who works it (the server-side authorisation map)."""

    name: str
    agency: str
    role: str


class VariantRead(Read):
    """A way of running the procedure and the deadlines it promises."""

    name: str
    file: str
    description_vi: str
    description_en: str
    deadlines: dict[str, int]
    active_version: int | None = Field(None, description="id of the version new cases start on")


class ComponentRead(Read):
    """A dossier component (thành phần hồ sơ)."""

    code: str
    name_vi: str


class VersionRead(Read):
    """A deployed, immutable version of a procedure variant."""

    id: int
    procedure: str
    variant: str
    number: int
    bundle_hash: str
    status: Literal["pending", "active", "retired"]
    created_by: str
    created_at: LocalTime
    activated_by: str | None
    activated_at: LocalTime | None
    note: str

    @classmethod
    def of(cls, view: VersionView) -> VersionRead:
        """From the engine's view."""
        return cls.model_validate(view)


class VersionCreated(VersionRead):
    """An uploaded version, pending review, with the linter's warnings."""

    findings: list[LintFinding] = Field(default_factory=list)

    @classmethod
    def of(cls, view: VersionView, findings: list[dict[str, Any]] | None = None) -> VersionCreated:
        """From the engine's view and the lint findings."""
        return cls.model_validate({**VersionRead.of(view).model_dump(), "findings": findings or []})


class ProcedureSummary(Read):
    """A procedure in the catalogue."""

    slug: str
    code: str
    codes: list[str]
    name_vi: str
    name_en: str
    online_level: str
    agencies: list[AgencyRead]
    variants: list[str]

    @classmethod
    def of(cls, p: Procedure) -> ProcedureSummary:
        """From procedure.toml."""
        return cls(slug=p.slug, code=p.code, codes=list(p.codes), name_vi=p.name_vi, name_en=p.name_en,
                   online_level=p.online_level, agencies=_agencies(p), variants=list(p.variants))


class ProcedureRead(Read):
    """A procedure with its lanes, variants, dossier components and deployed versions."""

    slug: str
    code: str
    codes: list[str]
    name_vi: str
    name_en: str
    online_level: str
    agencies: list[AgencyRead]
    lanes: list[LaneRead]
    variants: list[VariantRead]
    components: list[ComponentRead]
    versions: list[VersionRead]
    messages: list[MessageContractRead] = Field(
        default_factory=list, description="messages the variants receive from other agencies")

    @classmethod
    def of(cls, p: Procedure, versions: list[VersionView],
           messages: list[MessageContractRead] | None = None) -> ProcedureRead:
        """From procedure.toml and the versions deployed so far (newest first)."""
        active = {v.variant: v.id for v in reversed(versions) if v.status == "active"}
        variants = [VariantRead(name=v.name, file=v.file, description_vi=v.description_vi,
                                description_en=v.description_en, deadlines=dict(v.deadlines),
                                active_version=active.get(v.name)) for v in p.variants.values()]
        return cls(slug=p.slug, code=p.code, codes=list(p.codes), name_vi=p.name_vi, name_en=p.name_en,
                   online_level=p.online_level, agencies=_agencies(p),
                   lanes=[LaneRead(name=n, agency=r.agency, role=r.role) for n, r in p.lanes.items()],
                   variants=variants,
                   components=[ComponentRead(code=c, name_vi=str(d.get("name_vi", c)))
                               for c, d in p.components.items()],
                   versions=[VersionRead.of(v) for v in versions], messages=messages or [])


def _agencies(p: Procedure) -> list[AgencyRead]:
    return [AgencyRead(code=code, name_vi=p.agency_name(code)) for code in p.agencies]
