"""/tasks: work lists by lane, claiming, e-forms, completing with validation and conflict answers."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from tests.api.conftest import LINKED, SCHOOL, Api, Cast

DAY_DU = {"data": {"ket_qua_kiem_tra": "day_du"}}


def test_a_whole_case_through_http_each_task_by_its_lane(api: Api, cast: Cast) -> None:
    case = api.start(cast.desk, SCHOOL, applicant=cast.citizen_a.name, channel="truc-tiep")
    api.do(cast.desk, case, "KiemTraHoSo", {"ket_qua_kiem_tra": "day_du"})
    api.do(cast.desk, case, "TiepNhanHoSo")
    case = api.do(cast.desk, case, "ChuyenPhongChuyenMon")
    assert case["status"] == 4
    api.do(cast.specialist, case, "ThamDinh", {"ket_qua_tham_dinh": "dat"})
    case = api.do(cast.director, case, "PheDuyet", {"quyet_dinh": "dong_y"})
    assert case["status"] == 9
    final = api.do(cast.desk, case, "TraKetQua")
    assert final["completed"] and final["result"] == "approved" and final["status"] == 10
    assert final["position"] == [] and final["legal_clock"]["days_used"] == 0


def test_work_list_holds_the_lanes_of_the_callers_roles(api: Api, cast: Cast) -> None:
    school = api.start(cast.citizen_a, SCHOOL)
    linked = api.start(cast.xa_desk, LINKED, applicant=cast.citizen_b.name)
    desk = api.get("/tasks", cast.desk).json()
    assert [(t["case_id"], t["element_id"]) for t in desk["items"]] == [(school["id"], "KiemTraHoSo")]
    assert desk["items"][0]["lane"] == "Bộ phận Một cửa"
    assert desk["items"][0]["dossier_code"] == school["dossier_code"]
    assert api.get("/tasks", cast.specialist).json()["items"] == []
    assert [t["element_id"] for t in api.get("/tasks", cast.xa_desk).json()["items"]] == ["TiepNhan"]
    api.do(cast.xa_desk, linked, "TiepNhan")
    citizen_b = api.get("/tasks", cast.citizen_b).json()["items"]
    assert [t["element_id"] for t in citizen_b] == ["XacNhanThongTin"] and citizen_b[0]["role"] == "cong-dan"
    assert api.get("/tasks", cast.citizen_a).json()["items"] == []  # not a's dossier
    assert api.get("/tasks", cast.police).json()["items"] == []  # systems have no work list


def test_work_list_pages(api: Api, cast: Cast) -> None:
    cases = [api.start(cast.citizen_a, SCHOOL) for _ in range(3)]
    first = api.get("/tasks", cast.desk, params={"limit": 2}).json()
    rest = api.get("/tasks", cast.desk, params={"limit": 2, "offset": 2}).json()
    assert first["has_more"] and not rest["has_more"]
    assert {t["case_id"] for t in first["items"] + rest["items"]} == {c["id"] for c in cases}


def test_citizen_works_only_the_tasks_of_their_own_case(api: Api, cast: Cast) -> None:
    case = api.start(cast.xa_desk, LINKED, applicant=cast.citizen_b.name)
    api.do(cast.xa_desk, case, "TiepNhan")
    task = api.task(cast.citizen_b, case, "XacNhanThongTin")
    other = api.post(f"/tasks/{task['id']}/complete", cast.citizen_a, json={"data": {"dong_y": True}})
    assert other.status_code == 404  # not their case: nothing tells them it exists
    officer = api.post(f"/tasks/{task['id']}/complete", cast.xa_desk, json={"data": {"dong_y": True}})
    assert officer.status_code == 403  # they see the case, but the lane is the applicant's
    done = api.post(f"/tasks/{task['id']}/complete", cast.citizen_b, json={"data": {"dong_y": True}})
    assert done.status_code == 200 and done.json()["status"] == 2


def test_form_gives_schema_and_current_data(api: Api, cast: Cast) -> None:
    case = api.start(cast.citizen_a, SCHOOL)
    task = api.task(cast.desk, case, "KiemTraHoSo")
    form = api.get(f"/tasks/{task['id']}/form", cast.desk).json()
    assert form["task"]["id"] == task["id"]
    assert form["schema"]["properties"]["ket_qua_kiem_tra"]["enum"] == ["day_du", "can_bo_sung", "tu_choi"]
    assert form["data"]["ho_ten_hoc_sinh"] == "Nguyễn Văn An"
    assert form["data"]["ma_ho_so"] == case["dossier_code"]
    assert api.get(f"/tasks/{task['id']}/form", cast.specialist).status_code == 403


def test_invalid_form_data_lists_each_field_and_changes_nothing(api: Api, cast: Cast) -> None:
    case = api.start(cast.citizen_a, SCHOOL)
    task = api.task(cast.desk, case, "KiemTraHoSo")
    url = f"/tasks/{task['id']}/complete"
    response = api.post(url, cast.desk, json={"data": {"ket_qua_kiem_tra": "co_le"}})
    assert response.status_code == 422
    problem = response.json()
    assert problem["field"] == "ket_qua_kiem_tra"
    assert problem["errors"] == [{"field": "ket_qua_kiem_tra",
                                  "message": "'co_le' is not one of ['day_du', 'can_bo_sung', 'tu_choi']"}]
    after = api.get(f"/cases/{case['id']}", cast.desk).json()
    assert after["version"] == case["version"]
    assert [p["element_id"] for p in after["position"]] == ["KiemTraHoSo"]
    malformed = api.post(url, cast.desk, json={"data": [1, 2]})
    assert malformed.status_code == 422 and malformed.json()["errors"][0]["field"] == "data"
    unknown_field = api.post(url, cast.desk, json={"dat": {}})
    assert unknown_field.status_code == 422 and unknown_field.json()["errors"][0]["field"] == "dat"


def test_a_field_the_form_does_not_name_is_refused_by_name(api: Api, cast: Cast) -> None:
    case = api.start(cast.citizen_a, SCHOOL)
    task = api.task(cast.desk, case, "KiemTraHoSo")
    data = {"ket_qua_kiem_tra": "day_du", "ket_luan_rieng": "đạt"}
    response = api.post(f"/tasks/{task['id']}/complete", cast.desk, json={"data": data})
    assert response.status_code == 422, response.text
    assert response.json()["errors"] == [{"field": "ket_luan_rieng",
                                          "message": "'ket_luan_rieng' is not a field of form 'KiemTraHoSo'"}]
    after = api.get(f"/cases/{case['id']}", cast.desk).json()
    assert after["version"] == case["version"]
    assert [p["element_id"] for p in after["position"]] == ["KiemTraHoSo"]


def test_completed_twice_is_a_conflict(api: Api, cast: Cast) -> None:
    case = api.start(cast.citizen_a, SCHOOL)
    task = api.task(cast.desk, case, "KiemTraHoSo")
    first = api.post(f"/tasks/{task['id']}/complete", cast.desk, json=DAY_DU)
    second = api.post(f"/tasks/{task['id']}/complete", cast.desk, json=DAY_DU)
    assert first.status_code == 200 and second.status_code == 409
    assert "already completed" in second.json()["detail"] and second.json()["hint"] == "reload the work list"
    history = api.get(f"/cases/{case['id']}/history", cast.desk).json()["items"]
    assert [e["element_id"] for e in history if e["kind"] == "element_completed"].count("KiemTraHoSo") == 1


def test_stale_expected_version_is_a_conflict(api: Api, cast: Cast) -> None:
    case = api.start(cast.citizen_a, SCHOOL)
    api.do(cast.desk, case, "KiemTraHoSo", {"ket_qua_kiem_tra": "day_du"})
    task = api.task(cast.desk, case, "TiepNhanHoSo")
    stale = api.post(f"/tasks/{task['id']}/complete", cast.desk,
                     json={"data": {}, "expected_version": case["version"]})
    assert stale.status_code == 409 and "version" in stale.json()["detail"]


def test_claim_shows_who_works_on_it_and_blocks_colleagues(api: Api, cast: Cast) -> None:
    colleague = api.officer("canbo.motcua2", "so-gddt", "mot-cua")
    case = api.start(cast.citizen_a, SCHOOL)
    task = api.task(cast.desk, case, "KiemTraHoSo")
    claimed = api.post(f"/tasks/{task['id']}/claim", cast.desk)
    assert claimed.status_code == 200 and claimed.json()["state"] == "claimed"
    assert claimed.json()["claimed_by"] == "canbo.motcua"
    assert api.post(f"/tasks/{task['id']}/claim", cast.desk).status_code == 200  # one's own claim again
    taken = api.post(f"/tasks/{task['id']}/claim", colleague)
    assert taken.status_code == 409 and "canbo.motcua" in taken.json()["detail"]
    blocked = api.post(f"/tasks/{task['id']}/complete", colleague, json=DAY_DU)
    assert blocked.status_code == 409
    done = api.post(f"/tasks/{task['id']}/complete", cast.desk, json=DAY_DU)
    assert done.status_code == 200
    assert api.post(f"/tasks/{task['id']}/claim", cast.desk).status_code == 409  # closed now


def test_unknown_task_is_not_found(api: Api, cast: Cast) -> None:
    for method, url in (("GET", "/tasks/x/form"), ("POST", "/tasks/x/claim"), ("POST", "/tasks/x/complete")):
        response = api.request(method, url, cast.desk, json={"data": {}})
        assert response.status_code == 404 and response.json()["detail"] == "no task x"


def test_eight_clients_at_once_one_wins(api: Api, cast: Cast) -> None:
    case = api.start(cast.citizen_a, SCHOOL)
    url = f"/tasks/{api.task(cast.desk, case, 'KiemTraHoSo')['id']}/complete"
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: api.post(url, cast.desk, json=DAY_DU).status_code, range(8)))
    assert sorted(answers) == [200] + [409] * 7
    history = api.get(f"/cases/{case['id']}/history", cast.desk).json()["items"]
    assert [e["element_id"] for e in history if e["kind"] == "element_completed"].count("KiemTraHoSo") == 1
