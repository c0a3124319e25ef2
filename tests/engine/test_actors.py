"""Who may work a lane and see a case: officers by agency and role, citizens by their own id, the system."""

from __future__ import annotations

import pytest

from engine.actors import SYSTEM, Actor
from engine.bpmn.procedure import CITIZEN_ROLE, LaneRole

DESK = LaneRole("so-gddt", "mot-cua")
CITIZEN_LANE = LaneRole("cong-dan", CITIZEN_ROLE)
APPLICANT = "001203004567"


def test_an_officer_works_the_lanes_of_their_agency_and_roles_only() -> None:
    officer = Actor.officer("canbo.motcua", "so-gddt", "mot-cua", "tham-dinh")
    assert officer.grants() == [("so-gddt", "mot-cua"), ("so-gddt", "tham-dinh")]
    assert officer.may_work(DESK, APPLICANT)
    assert not officer.may_work(LaneRole("so-gddt", "lanh-dao"), APPLICANT)  # an unknown role
    assert not officer.may_work(LaneRole("cong-an", "mot-cua"), APPLICANT)  # same role, other agency
    assert not officer.may_work(CITIZEN_LANE, APPLICANT)
    assert not officer.may_work(None, APPLICANT)  # a task in no mapped lane: nobody but the system


def test_a_citizen_works_only_their_own_citizen_lane() -> None:
    citizen = Actor.citizen(APPLICANT)
    assert citizen.kind == "citizen" and citizen.roles == frozenset({CITIZEN_ROLE})
    assert citizen.grants() == []  # no agency queue
    assert citizen.may_work(CITIZEN_LANE, APPLICANT)
    assert not citizen.may_work(CITIZEN_LANE, "079300000001")  # someone else's dossier
    assert not citizen.may_work(DESK, APPLICANT)


def test_an_agency_system_sees_its_agencys_cases_but_works_no_lane() -> None:
    police = Actor.agency_system("cong-an")
    assert (police.id, police.kind, police.agency) == ("system:cong-an", "agency", "cong-an")
    assert police.grants() == [] and not police.is_system
    assert not police.may_work(LaneRole("cong-an", "cu-tru"), APPLICANT)
    assert police.may_see_case(APPLICANT, {"cong-an", "ubnd-xa"})
    assert not police.may_see_case(APPLICANT, {"ubnd-xa"})


@pytest.mark.parametrize(
    ("actor", "agencies", "sees"),
    [
        (Actor.citizen(APPLICANT), set(), True),
        (Actor.citizen("079300000001"), {"so-gddt"}, False),
        (Actor.officer("canbo", "so-gddt", "mot-cua"), {"so-gddt"}, True),
        (Actor.officer("canbo", "so-gddt", "mot-cua"), {"cong-an"}, False),
        (Actor("khach", kind="officer"), {"so-gddt"}, False),  # an officer with no agency (a bare token)
        (SYSTEM, set(), True),
    ],
)
def test_who_sees_a_case(actor: Actor, agencies: set[str], sees: bool) -> None:
    assert actor.may_see_case(APPLICANT, agencies) is sees


def test_the_system_may_do_anything_and_actors_are_values() -> None:
    assert SYSTEM.is_system and SYSTEM.may_work(None, APPLICANT)
    assert Actor.officer("a", "so", "x", "y") == Actor.officer("a", "so", "y", "x")  # roles are a set
    assert hash(Actor.citizen(APPLICANT)) == hash(Actor.citizen(APPLICANT))
