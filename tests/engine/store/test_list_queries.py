"""store/list_queries.py: pages of cases and tasks and their totals, corrupt rows left out."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert, select, update

from engine import CASE_TOTAL_CAP, Engine
from engine.store import tables as t
from engine.time.clock import FakeClock
from tests.engine.services.conftest import registered

from .conftest import start

OTHER = "001203009999"


def test_cases_are_paged_newest_first_with_the_total(linked: Engine, clock: FakeClock) -> None:
    ids = []
    for _ in range(3):
        ids.append(start(linked))
        clock.advance(minutes=1)
    ids.append(start(linked, applicant=OTHER))
    with linked.store.transaction(write=False) as tx:
        page, total, unreadable = tx.list_cases(applicant="001203004567", limit=2, offset=1)
        everyone = tx.list_cases()[1]
        nobody = tx.list_cases(procedure="khong-co")[:2]
    assert ([c.id for c in page], total, unreadable) == ([ids[1], ids[0]], 3, [])
    assert everyone == 4 and nobody == ([], 0)


def test_cases_are_filtered_by_status_agency_and_deadline(linked: Engine, clock: FakeClock) -> None:
    first, second = start(linked), start(linked)
    with linked.store.transaction() as tx:
        tx.c.execute(update(t.cases).where(t.cases.c.id == second).values(status=2))
        tx.add_parties(first, ["cong-an"])  # the police take part in the first case only, without a task
    with linked.store.transaction(write=False) as tx:
        assert [c.id for c in tx.list_cases(status=[2])[0]] == [second]
        assert [c.id for c in tx.list_cases(agency="cong-an")[0]] == [first]
        assert {c.id for c in tx.list_cases(agency="ubnd-xa")[0]} == {first, second}  # their tasks
        assert tx.list_cases(completed=True)[1] == 0


def test_only_a_received_case_past_its_deadline_is_overdue(linked: Engine, clock: FakeClock) -> None:
    received, waiting = registered(linked).id, start(linked)  # the clock starts when the commune registers
    later = clock.now() + timedelta(days=30)
    with linked.store.transaction(write=False) as tx:
        assert [c.id for c in tx.list_cases(overdue_at=later)[0]] == [received]
        assert tx.list_cases(overdue_at=clock.now())[1] == 0
        assert waiting in {c.id for c in tx.list_cases()[0]}


def test_a_corrupt_case_is_left_out_of_the_page_and_named(linked: Engine) -> None:
    intact, broken = start(linked), start(linked)
    with linked.store.transaction() as tx:
        tx.c.execute(update(t.cases).where(t.cases.c.id == broken).values(summary="{not json"))
    with linked.store.transaction(write=False) as tx:
        page, total, unreadable = tx.list_cases()
        work = tx.work_cases([intact, broken])
    assert ([c.id for c in page], total, unreadable) == ([intact], 2, [broken])
    assert set(work) == {intact, broken}  # a work list reads plain columns only


def test_a_large_list_counts_up_to_the_cap_and_still_knows_whether_a_page_follows(linked: Engine) -> None:
    original = start(linked)
    with linked.store.transaction() as tx:
        row = dict(tx.c.execute(select(t.cases).where(t.cases.c.id == original)).one()._mapping)
        copies = [{**row, "id": f"copy-{n}", "dossier_code": f"LT-{n}"} for n in range(CASE_TOTAL_CAP + 5)]
        tx.c.execute(insert(t.cases), copies)
    everyone = CASE_TOTAL_CAP + 6
    with linked.store.transaction(write=False) as tx:
        first = tx.list_cases(limit=5)
        near_the_cap = tx.list_cases(limit=5, offset=CASE_TOTAL_CAP - 1)
        last = tx.list_cases(limit=5, offset=everyone - 2)
    assert (len(first[0]), first[1]) == (5, CASE_TOTAL_CAP)  # counting stopped at the cap
    # Past the cap a page still counts one beyond itself: 2 cases follow this one.
    assert (len(near_the_cap[0]), near_the_cap[1]) == (5, CASE_TOTAL_CAP + 5)
    assert (len(last[0]), last[1]) == (2, everyone)  # exact again: fewer than a page's bound remain


def test_tasks_are_listed_by_what_the_caller_may_work(linked: Engine, clock: FakeClock) -> None:
    first = start(linked)
    clock.advance(minutes=1)
    second = start(linked)
    with linked.store.transaction(write=False) as tx:
        granted, total = tx.list_tasks(grants=[("ubnd-xa", "ho-tich")])
        assert ([task.case_id for task in granted], total) == ([first, second], 2)
        assert tx.list_tasks(grants=[]) == ([], 0)
        assert tx.list_tasks(grants=[("ubnd-xa", "cu-tru")]) == ([], 0)
        assert [task.case_id for task in tx.list_tasks(case_id=second)[0]] == [second]
        assert tx.list_tasks(agency="ubnd-xa", limit=1, offset=1)[0][0].case_id == second
        assert tx.list_tasks(applicant="001203004567") == ([], 0)  # no citizen lane in this procedure
        assert tx.work_cases([]) == {}
