"""Messages a linked case sends to other agencies: through the outbox to each agency's endpoint (a fake on
loopback, with faults), exactly once per idempotency key, and into the recipient's feed; the recipients
then see the case."""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping
from datetime import timedelta
from typing import Any

import pytest

from engine import Engine
from engine.actors import Actor
from engine.agencies.outbox import AgencyRouter, OutboxDelivery
from engine.agencies.remote import HttpPortal
from engine.agencies.retry import RetryPolicy
from engine.store.outbox_store import OutboxStore
from engine.time.clock import FakeClock
from lienthong.fakes.inbox import MESSAGES_PATH, FakeAgencyInbox
from lienthong.fakes.portal import STATUS_PATH, FakePortal
from lienthong.fakes.server import FakeServer
from tests.walk import CaseWalk

SLUG = "khai-sinh-thuong-tru-bhyt"
MOTHER = "001195004321"
CHILD = {"ho_ten_tre": "Nguyễn Minh An", "ngay_sinh_tre": "2025-02-20", "gioi_tinh": "nam",
         "noi_sinh": "Bệnh viện Phụ sản Hải Phòng", "ho_ten_me": "Trần Thị Mai", "so_dinh_danh_me": MOTHER}
DESK = Actor.officer("canbo.motcua", "ubnd-xa", "mot-cua")
CIVIL_STATUS = Actor.officer("congchuc.hotich", "ubnd-xa", "chuyen-vien")
CHAIRMAN = Actor.officer("chu.tich", "ubnd-xa", "lanh-dao")
POLICE = Actor.agency_system("cong-an")
BHXH = Actor.agency_system("bhxh")


def _registers(engine: Engine) -> None:
    def population(params: Mapping[str, Any]) -> dict[str, Any]:
        return {"ho_ten": "Trần Thị Mai", "ngay_sinh": "1995-04-02", "noi_thuong_tru": "Xã An Hòa, Hải Phòng",
                "quan_he_chu_ho": "vo"}

    def register_birth(params: Mapping[str, Any]) -> dict[str, Any]:
        return {"so_dang_ky": "15/2025", "trich_luc": "https://hotich.moj.gov.vn/trich-luc/15-2025.pdf"}

    engine.connectors.register("population.lookup", population)
    engine.connectors.register("civil_status.register_birth", register_birth)


def linked_birth(engine: Engine, clock: FakeClock) -> CaseWalk:
    """An online birth registration, signed: it sends the dossier to the police and to social security."""
    _registers(engine)
    case = CaseWalk(engine, clock, SLUG, "to-be", applicant=MOTHER, data=CHILD, channel="online")
    case.receive_complete(DESK)
    case.do("ThamDinh", {"ket_qua_tham_dinh": "dat"}, CIVIL_STATUS)
    case.do("PheDuyet", {"quyet_dinh": "dong_y"}, CHAIRMAN)
    return case


@pytest.fixture
def endpoints() -> Iterator[dict[str, FakeServer]]:
    """The portal and the police's endpoint, real HTTP servers on loopback that fail on purpose."""
    servers = {"portal": FakeServer(FakePortal(name="portal", seed=5)),
               "cong-an": FakeServer(FakeAgencyInbox(name="cong-an", seed=7))}
    for server in servers.values():
        server.start()
    yield servers
    for server in servers.values():
        server.shutdown()
        server.server_close()


def test_a_message_reaches_its_agency_exactly_once_through_faults(
    engine: Engine, clock: FakeClock, endpoints: dict[str, FakeServer]
) -> None:
    case = linked_birth(engine, clock)
    police = endpoints["cong-an"].service
    police.faults.update({"fail_before": 0.4, "fail_after": 0.4})
    router = AgencyRouter(HttpPortal(endpoints["portal"].url + STATUS_PATH, timeout=5),
                          {"cong-an": HttpPortal(endpoints["cong-an"].url + MESSAGES_PATH, timeout=5)})
    worker_clock = FakeClock("2025-03-03T10:00")
    worker = OutboxDelivery(engine.store, router, owner="w1", clock=worker_clock, lease=timedelta(seconds=30),
                            policy=RetryPolicy(0, 0, 50, rng=random.Random(1)))
    try:
        for _ in range(200):
            if not worker.deliver_once().leased:
                break
            worker_clock.advance(seconds=1)
    finally:
        worker.close()
    records = police.received()["records"]
    assert [r["message"] for r in records] == ["Hồ sơ đăng ký thường trú"]  # once, though calls failed
    assert police.counters.failed_before + police.counters.dropped_after > 0
    body = records[0]["payload"]
    assert body["dossier_code"] == case.case.dossier_code and body["from"] == "ubnd-xa"
    assert body["payload"]["khai_sinh"]["so_dang_ky"] == "15/2025"
    statuses = [r["payload"]["status"] for r in endpoints["portal"].service.received()["records"]]
    assert statuses == [1, 2, 4]  # the portal still gets every status change, in order, and no message
    assert OutboxStore(engine.store).counts(worker_clock.now())["pending"] == 0
    # Social security has no endpoint: its message is only in its feed, counted as delivered.
    feed, _ = OutboxStore(engine.store).inbox("bhxh")
    assert [i.message for i in feed] == ["Hồ sơ cấp thẻ BHYT"] and feed[0].delivered_at is not None


def test_the_feed_is_scoped_and_cursor_paginated_and_recipients_see_the_case(
    engine: Engine, clock: FakeClock
) -> None:
    first, second = linked_birth(engine, clock), linked_birth(engine, clock)
    store = OutboxStore(engine.store)
    police, total = store.inbox("cong-an")
    assert [i.dossier_code for i in police] == [first.case.dossier_code, second.case.dossier_code]
    assert total == 2 and store.inbox("cong-an", after=police[0].id) == (police[1:], 1)
    assert store.inbox("cong-an", limit=1) == (police[:1], 2)
    assert store.inbox("cong-an", limit=1, offset=1) == (police[1:], 2)
    assert {i.message for i in store.inbox("bhxh")[0]} == {"Hồ sơ cấp thẻ BHYT"}
    assert store.inbox("so-gddt") == ([], 0)
    for agency in (POLICE, BHXH):
        assert engine.cases.get(first.case.id, agency).dossier_code == first.case.dossier_code
        cases, total, _ = engine.cases.list(agency)
        assert total == 2 and {c.id for c in cases} == {first.case.id, second.case.id}
        assert engine.cases.history(first.case.id, agency)[0].kind == "case_started"
    assert engine.cases.list(Actor.agency_system("ldtbxh")) == ([], 0, [])
