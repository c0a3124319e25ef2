"""Who is acting: an officer of an agency with roles, a citizen, an agency system, or the engine itself."""

from __future__ import annotations

from dataclasses import dataclass, field

from .bpmn.procedure import CITIZEN_ROLE, LaneRole


@dataclass(frozen=True)
class Actor:
    """The caller of an engine operation, as authenticated by the API (or a test)."""

    id: str
    kind: str = "officer"  # officer | citizen | agency | system
    agency: str | None = None
    roles: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def officer(cls, id: str, agency: str, *roles: str) -> Actor:
        """An agency officer holding `roles`."""
        return cls(id=id, kind="officer", agency=agency, roles=frozenset(roles))

    @classmethod
    def citizen(cls, id: str) -> Actor:
        """A citizen (công dân), identified by their personal id number."""
        return cls(id=id, kind="citizen", roles=frozenset({CITIZEN_ROLE}))

    @classmethod
    def agency_system(cls, agency: str) -> Actor:
        """Another agency's system calling in with its API key."""
        return cls(id=f"system:{agency}", kind="agency", agency=agency)

    @property
    def is_system(self) -> bool:
        """The engine itself (timers, tests, the demo loader) may do anything."""
        return self.kind == "system"

    def grants(self) -> list[tuple[str, str]]:
        """(agency, role) pairs whose lanes this actor works."""
        if self.kind == "officer" and self.agency:
            return [(self.agency, role) for role in sorted(self.roles)]
        return []

    def may_work(self, lane: LaneRole | None, applicant: str) -> bool:
        """Whether this actor may claim or complete a task of this lane on a case of this applicant."""
        if self.is_system:
            return True
        if lane is None:
            return False
        if lane.role == CITIZEN_ROLE:
            return self.kind == "citizen" and self.id == applicant
        return self.kind == "officer" and self.agency == lane.agency and lane.role in self.roles

    def may_see_case(self, applicant: str, agencies: set[str]) -> bool:
        """Citizens see their own cases; officers and agency systems see cases their agency works on."""
        if self.is_system:
            return True
        if self.kind == "citizen":
            return self.id == applicant
        return self.agency is not None and self.agency in agencies


SYSTEM = Actor(id="system", kind="system")
