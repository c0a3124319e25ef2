"""/cases: starting dossiers, reading and listing them, their history and diagram."""

from __future__ import annotations

from lxml import etree

from tests.api.conftest import LINKED, SCHOOL, STUDENT, Api, Cast


def test_officer_registers_a_desk_dossier_for_a_citizen(api: Api, cast: Cast) -> None:
    body = {"procedure": SCHOOL, "variant": "as-is", "channel": "truc-tiep", "applicant": cast.citizen_a.name,
            "data": STUDENT}
    response = api.post("/cases", cast.desk, json=body)
    assert response.status_code == 201, response.text
    case = response.json()
    assert response.headers["location"] == f"/cases/{case['id']}"
    assert case["status"] == 1 and case["status_label"] == "Mới đăng ký"
    assert case["applicant"] == cast.citizen_a.name and case["channel"] == "truc-tiep"
    assert [p["element_id"] for p in case["position"]] == ["KiemTraHoSo"]
    assert case["position"][0]["agency"] == "so-gddt"
    assert case["created_at"].endswith("+07:00")  # answered in Vietnam's time
    stored = api.get(f"/cases/{case['dossier_code']}", cast.desk).json()
    assert stored == case  # readable back by dossier code, unchanged


def test_citizen_submits_online_in_their_own_name(api: Api, cast: Cast) -> None:
    case = api.start(cast.citizen_a, SCHOOL)
    assert case["applicant"] == cast.citizen_a.name and case["channel"] == "online"
    refused = api.post("/cases", cast.citizen_a, json={"procedure": SCHOOL, "applicant": cast.citizen_b.name,
                                                       "data": STUDENT})
    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"


def test_start_form_errors_are_listed_per_field(api: Api, cast: Cast) -> None:
    response = api.post("/cases", cast.citizen_a, json={"procedure": SCHOOL, "data": {"lop": 15}})
    assert response.status_code == 422
    problem = response.json()
    fields = {e["field"] for e in problem["errors"]}
    assert {"ho_ten_hoc_sinh", "truong_di", "truong_den", "pham_vi", "lop"} <= fields
    assert problem["instance"] == "/cases" and "traceback" not in response.text.lower()


def test_unknown_procedure_is_a_field_error(api: Api, cast: Cast) -> None:
    response = api.post("/cases", cast.desk, json={"procedure": "khong-co", "applicant": "1", "data": {}})
    assert response.status_code == 422
    assert response.json()["field"] == "procedure" and "chuyen-truong-thpt" in response.json()["detail"]


def test_officer_must_name_the_applicant_and_belong_to_the_procedure(api: Api, cast: Cast) -> None:
    missing = api.post("/cases", cast.desk, json={"procedure": SCHOOL, "data": STUDENT})
    assert missing.status_code == 422 and missing.json()["field"] == "applicant"
    body = {"procedure": SCHOOL, "applicant": "1", "data": STUDENT}
    other_agency = api.post("/cases", cast.xa_desk, json=body)
    assert other_agency.status_code == 403


def test_case_shows_legal_clock_and_history(api: Api, cast: Cast) -> None:
    case = api.start(cast.desk, SCHOOL, applicant=cast.citizen_a.name, channel="truc-tiep")
    api.do(cast.desk, case, "KiemTraHoSo", {"ket_qua_kiem_tra": "day_du"})
    case = api.do(cast.desk, case, "TiepNhanHoSo")
    clock = case["legal_clock"]
    assert clock["started_at"] == "2025-03-03T09:00:00+07:00"
    assert clock["due_at"] == "2025-03-12T17:00:00+07:00" and clock["days_allowed"] == 7
    assert not clock["paused"] and not clock["overdue"]
    history = api.get(f"/cases/{case['id']}/history", cast.citizen_a).json()["items"]
    kinds = [e["kind"] for e in history]
    assert kinds[0] == "case_started" and "legal_clock_started" in kinds
    done = [e["element_id"] for e in history if e["kind"] == "element_completed"]
    assert done.index("KiemTraHoSo") < done.index("TiepNhanHoSo")
    assert {e["actor"] for e in history if e["element_id"] == "KiemTraHoSo"} == {"canbo.motcua"}


def test_case_data_only_when_asked(api: Api, cast: Cast) -> None:
    case = api.start(cast.citizen_a, SCHOOL)
    assert api.get(f"/cases/{case['id']}", cast.citizen_a).json()["data"] is None
    data = api.get(f"/cases/{case['id']}", cast.citizen_a, params={"with_data": "true"}).json()["data"]
    assert data["ho_ten_hoc_sinh"] == "Nguyễn Văn An" and data["ma_ho_so"] == case["dossier_code"]


def test_list_filters_and_paginates_with_total(api: Api, cast: Cast) -> None:
    school = [api.start(cast.citizen_a, SCHOOL) for _ in range(3)]
    api.do(cast.desk, school[0], "KiemTraHoSo", {"ket_qua_kiem_tra": "day_du"})
    api.do(cast.desk, school[0], "TiepNhanHoSo")
    linked = api.start(cast.xa_desk, LINKED, applicant=cast.citizen_a.name)
    mine = api.get("/cases", cast.citizen_a).json()
    assert mine["total"] == 4
    assert {c["id"] for c in mine["items"]} == {*(c["id"] for c in school), linked["id"]}
    page = api.get("/cases", cast.citizen_a, params={"limit": 2, "offset": 2}).json()
    assert page["total"] == 4 and len(page["items"]) == 2 and page["limit"] == 2 and page["offset"] == 2
    assert page["has_more"] is False and page["total_capped"] is False  # exact below the cap (10,000)
    newest_first = [c["id"] for c in api.get("/cases", cast.citizen_a, params={"limit": 4}).json()["items"]]
    assert {*newest_first[2:]} == {c["id"] for c in page["items"]}
    received = api.get("/cases", cast.desk, params={"status": [2]}).json()
    assert [c["id"] for c in received["items"]] == [school[0]["id"]]
    by_procedure = api.get("/cases", cast.citizen_a, params={"procedure": LINKED}).json()
    assert [c["id"] for c in by_procedure["items"]] == [linked["id"]]
    assert api.get("/cases", cast.desk, params={"agency": "ubnd-xa"}).json()["total"] == 0  # not its agency
    assert api.get("/cases", cast.desk, params={"overdue": "true"}).json()["total"] == 0


def test_overdue_filter_finds_late_cases(api: Api, cast: Cast) -> None:
    case = api.start(cast.citizen_a, SCHOOL)
    api.do(cast.desk, case, "KiemTraHoSo", {"ket_qua_kiem_tra": "day_du"})
    api.do(cast.desk, case, "TiepNhanHoSo")
    api.engine.clock.set("2025-03-20T09:00")  # type: ignore[attr-defined]  # a FakeClock
    late = api.get("/cases", cast.desk, params={"overdue": "true"}).json()
    assert [c["id"] for c in late["items"]] == [case["id"]] and late["items"][0]["legal_clock"]["overdue"]


def test_bad_list_parameters_are_422(api: Api, cast: Cast) -> None:
    for params in ({"status": 11}, {"limit": 0}, {"limit": 1000}, {"offset": -1}, {"overdue": "maybe"}):
        response = api.get("/cases", cast.desk, params=params)
        assert response.status_code == 422, params
        assert response.json()["errors"][0]["in"] == "query"


def test_case_diagram_draws_position_and_path(api: Api, cast: Cast) -> None:
    case = api.start(cast.citizen_a, SCHOOL)
    api.do(cast.desk, case, "KiemTraHoSo", {"ket_qua_kiem_tra": "day_du"})
    response = api.get(f"/cases/{case['id']}/diagram.svg", cast.citizen_a)
    assert response.status_code == 200 and response.headers["content-type"].startswith("image/svg+xml")
    svg = etree.fromstring(response.content)
    current = svg.xpath("//*[@data-element-id='TiepNhanHoSo']")
    assert current and "current" in current[0].get("class", "")
    covered = svg.xpath("//*[@data-element-id='KiemTraHoSo']")
    assert "covered" in covered[0].get("class", "")
    assert case["dossier_code"].encode() in response.content


def test_someone_elses_case_is_not_found(api: Api, cast: Cast) -> None:
    case = api.start(cast.citizen_a, SCHOOL)
    for url in (f"/cases/{case['id']}", f"/cases/{case['id']}/history", f"/cases/{case['id']}/diagram.svg"):
        hidden = api.get(url, cast.citizen_b)
        unknown = api.get(url.replace(case["id"], "0" * 32), cast.citizen_b)
        assert hidden.status_code == unknown.status_code == 404
        assert hidden.json()["title"] == unknown.json()["title"]


def test_a_dossier_code_is_used_once(api: Api, cast: Cast) -> None:
    body = {"procedure": SCHOOL, "applicant": cast.citizen_a.name, "dossier_code": "HS-2025-000123",
            "data": STUDENT}
    assert api.post("/cases", cast.desk, json=body).status_code == 201
    again = api.post("/cases", cast.desk, json=body)
    assert again.status_code == 409 and "HS-2025-000123" in again.json()["detail"]
    chosen_by_citizen = api.post("/cases", cast.citizen_a, json={**body, "applicant": None})
    assert chosen_by_citizen.status_code == 403
