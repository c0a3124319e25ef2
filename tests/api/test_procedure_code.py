"""A case, the status changes sent to the national portal, and the messages sent to other agencies carry the
procedure's national code (mã TTHC: the first of procedure.toml's `codes`, null where none is known), beside
the slug; SQLite and PostgreSQL, over HTTP."""

from __future__ import annotations

import pytest

from engine.bpmn.catalog import Catalog
from tests.api.conftest import LINKED, SCHOOL, Api, Cast


@pytest.fixture
def api(db_api: Api) -> Api:
    """These tests run on SQLite and on PostgreSQL."""
    return db_api


@pytest.fixture
def cast(api: Api) -> Cast:
    """The cast on this module's app."""
    return Cast(api)


def test_the_case_and_what_it_sends_carry_the_procedure_code(api: Api, cast: Cast) -> None:
    for slug, who, applicant in ((SCHOOL, cast.desk, cast.citizen_a), (LINKED, cast.xa_desk, cast.citizen_b)):
        code = api.get(f"/procedures/{slug}", who).json()["codes"][0]
        case = api.start(who, slug, applicant=applicant.name)
        assert case["procedure_code"] == code and case["procedure"] == slug
        assert api.get(f"/cases/{case['id']}", who).json()["procedure_code"] == code
        assert {c["procedure_code"] for c in api.get("/cases", who).json()["items"]} >= {code}
    linked = next(c for c in api.get("/cases", cast.xa_desk).json()["items"] if c["procedure"] == LINKED)
    api.do(cast.xa_desk, linked, "TiepNhan")
    api.do(cast.citizen_b, linked, "XacNhanThongTin", {"dong_y": True})
    api.do(cast.xa_civil, linked, "DangKyKhaiSinh", {"so_dang_ky": "KS-0042"})
    [sent] = api.get("/inbox", cast.police).json()["items"]
    assert sent["procedure_code"] == "TEST.0001" and sent["procedure"] == LINKED
    with api.engine.store.transaction(write=False) as tx:
        rows = tx.outbox_rows(linked["id"])
    # What the worker posts as it is: to the portal (status rows) and to the police (the message row).
    assert {r.kind for r in rows} == {"status", "message"}
    assert {r.payload["procedure_code"] for r in rows} == {"TEST.0001"}


def test_no_code_is_invented(catalog: Catalog) -> None:
    for procedure in catalog.procedures():
        for variant in procedure.variants:
            model = catalog.model(catalog.bundle(procedure.slug, variant))
            assert model.procedure_code == (procedure.codes[0] if procedure.codes else None)
    assert catalog.procedure("cap-ban-sao-van-bang").codes == ()  # no source gives one: null, not the slug
