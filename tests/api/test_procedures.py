"""/procedures: the catalogue, diagrams, and new versions (uploaded by an editor, activated by a reviewer)."""

from __future__ import annotations

from typing import Any

from lxml import etree

from tests.api.conftest import FIXTURES, LINKED, SCHOOL, STUDENT, Api, Cast
from tests.conftest import PROCESSES

AS_IS = (PROCESSES / SCHOOL / "as-is.bpmn").read_bytes()
LINKED_AS_IS = (FIXTURES / LINKED / "as-is.bpmn").read_bytes()
XML = {"Content-Type": "application/xml"}


def edited(name: str) -> bytes:
    """The school transfer as-is with the appraisal task renamed: a new version of the same variant."""
    return AS_IS.replace('name="Thẩm định hồ sơ"'.encode(), f'name="{name}"'.encode())


def upload(api: Api, who: Any, bpmn: bytes, code: str = SCHOOL, **params: str) -> Any:
    return api.post(f"/procedures/{code}/versions", who, content=bpmn, headers=XML,
                    params={"variant": "as-is", **params})


def test_catalogue_lists_procedures_with_agencies_and_variants(api: Api, cast: Cast) -> None:
    procedures = {p["slug"]: p for p in api.get("/procedures", cast.citizen_a).json()["items"]}
    assert set(procedures) == {SCHOOL, LINKED}
    school = procedures[SCHOOL]
    assert school["code"] == "1.005096" and school["variants"][0] == "as-is"
    assert school["agencies"][0] == {"code": "so-gddt", "name_vi": "Sở Giáo dục và Đào tạo (nơi đến)"}


def test_procedure_by_code_has_lanes_deadlines_and_versions(api: Api, cast: Cast) -> None:
    api.start(cast.citizen_a, SCHOOL)  # deploys the catalogue's as-is as version 1
    procedure = api.get("/procedures/1.005096", cast.desk).json()
    assert procedure["slug"] == SCHOOL
    assert {"name": "Lãnh đạo Sở", "agency": "so-gddt", "role": "lanh-dao"} in procedure["lanes"]
    variant = procedure["variants"][0]
    assert variant["deadlines"] == {"overall": 7, "so-gddt": 7}
    assert [(v["number"], v["status"]) for v in procedure["versions"]] == [(1, "active")]
    assert variant["active_version"] == procedure["versions"][0]["id"]
    assert {c["code"] for c in procedure["components"]} >= {"hoc_ba", "don_xin_chuyen_truong"}
    assert api.get("/procedures/khong-co", cast.desk).status_code == 404


def test_procedure_diagram_is_svg_from_the_diagram_interchange(api: Api, cast: Cast) -> None:
    response = api.get(f"/procedures/{SCHOOL}/diagram.svg", cast.citizen_a, params={"variant": "as-is"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("image/svg+xml")
    svg = etree.fromstring(response.content)
    assert svg.xpath("//*[@data-element-id='ThamDinh']") and "Chuyển trường".encode() in response.content
    url = f"/procedures/{SCHOOL}/diagram.svg"
    assert api.get(url, cast.desk, params={"variant": "to-be-khac"}).status_code == 404
    assert api.get(url, cast.desk, params={"version": 99}).status_code == 404


def test_new_version_is_pending_until_a_second_person_reviews_it(api: Api, cast: Cast) -> None:
    running = api.start(cast.citizen_a, SCHOOL)
    created = upload(api, cast.editor, edited("Thẩm định hồ sơ (bản 2)"), note="Đổi tên bước thẩm định")
    assert created.status_code == 201, created.text
    version = created.json()
    assert (version["status"], version["number"], version["created_by"]) == ("pending", 2, cast.editor.name)
    assert version["note"] == "Đổi tên bước thẩm định" and version["findings"] == []
    assert created.headers["location"] == f"/procedures/{SCHOOL}/versions/{version['id']}"
    pending_start = api.post("/cases", cast.citizen_a,
                             json={"procedure": SCHOOL, "version_id": version["id"], "data": STUDENT})
    assert pending_start.status_code == 409  # nobody runs an unreviewed version

    activate = f"/procedures/{SCHOOL}/versions/{version['id']}/activate"
    author = api.officer(cast.editor.name, "so-gddt", "bien-tap-quy-trinh", "duyet-quy-trinh")
    refused = api.post(activate, author)
    assert refused.status_code == 403 and "second person" in refused.json()["detail"]
    assert api.post(activate, cast.xa_desk).status_code == 403
    assert api.post(activate, api.officer("duyet.xa", "ubnd-xa", "duyet-quy-trinh")).status_code == 403
    activated = api.post(activate, cast.reviewer)
    assert activated.status_code == 200 and activated.json()["status"] == "active"
    assert activated.json()["activated_by"] == cast.reviewer.name
    assert api.post(activate, cast.reviewer).status_code == 409  # no longer pending

    new_case = api.start(cast.citizen_a, SCHOOL)
    assert new_case["version_id"] == version["id"]
    assert api.get(f"/cases/{running['id']}", cast.citizen_a).json()["version_id"] == running["version_id"]
    versions = api.get(f"/procedures/{SCHOOL}", cast.desk).json()["versions"]
    assert {v["number"]: v["status"] for v in versions} == {1: "retired", 2: "active"}


def test_lint_warnings_come_back_with_the_new_version(api: Api, cast: Cast) -> None:
    editor = api.officer("bientap.xa", "ubnd-xa", "bien-tap-quy-trinh")
    created = upload(api, editor, LINKED_AS_IS, code=LINKED)
    assert created.status_code == 201, created.text
    findings = created.json()["findings"]
    assert [(f["severity"], f["element_id"]) for f in findings] == [("warning", "TiepNhan"),
                                                                     ("warning", "NhanKetQuaCongAn")]
    assert 'deadline("overall")' in findings[0]["message"] and findings[0]["line"] == 31
    # The police's share is in procedure.toml, but no timer watches it.
    assert findings[1]["code"] == "missing-agency-share"


def test_uploads_are_checked_before_anything_is_stored(api: Api, cast: Cast) -> None:
    hostile = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<x>&e;</x>'
    response = upload(api, cast.editor, hostile)
    assert response.status_code == 422
    assert response.json()["line"] == 2 and "DOCTYPE" in response.json()["detail"]

    unsafe = AS_IS.replace(b'ket_qua_kiem_tra == "day_du"', b"__import__('os').system('id')", 1)
    response = upload(api, cast.editor, unsafe)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["element_id"] and problem["line"] and problem["file"] == "as-is.bpmn"

    broken = AS_IS.replace(b"</bpmn:definitions>", b"")
    response = upload(api, cast.editor, broken)
    assert response.status_code == 422 and "well-formed" in response.json()["detail"]

    no_di = AS_IS[: AS_IS.index(b"<bpmndi:BPMNDiagram")] + b"</bpmn:definitions>\n"
    response = upload(api, cast.editor, no_di)
    assert response.status_code == 422, response.text
    assert {f["code"] for f in response.json()["findings"] if f["severity"] == "error"} == {"missing-di"}

    assert api.get(f"/procedures/{SCHOOL}", cast.desk).json()["versions"] == []


def test_upload_needs_the_editor_role_of_an_agency_of_the_procedure(api: Api, cast: Cast) -> None:
    assert upload(api, cast.desk, edited("X")).status_code == 403
    other_agency = api.officer("bientap.xa", "ubnd-xa", "bien-tap-quy-trinh")
    assert upload(api, other_agency, edited("X")).status_code == 403
    assert upload(api, cast.citizen_a, edited("X")).status_code == 403
    assert upload(api, cast.police, edited("X")).status_code == 403
    assert upload(api, cast.editor, edited("X"), code="khong-co").status_code == 404


def test_upload_media_type_and_size(api: Api, cast: Cast) -> None:
    url = f"/procedures/{SCHOOL}/versions"
    wrong = api.post(url, cast.editor, params={"variant": "as-is"}, json={"bpmn": "…"})
    assert wrong.status_code == 415 and wrong.headers["content-type"] == "application/problem+json"
    huge = b"<bpmn:definitions>" + b" " * (11 * 1024 * 1024) + b"</bpmn:definitions>"
    too_big = api.post(url, cast.editor, params={"variant": "as-is"}, content=huge, headers=XML)
    assert too_big.status_code == 413 and "bytes" in too_big.json()["detail"]
    missing_variant = api.post(url, cast.editor, content=AS_IS, headers=XML)
    assert missing_variant.status_code == 422 and missing_variant.json()["field"] == "variant"


def test_activating_another_procedures_version_is_not_found(api: Api, cast: Cast) -> None:
    editor = api.officer("bientap.xa", "ubnd-xa", "bien-tap-quy-trinh")
    linked_version = upload(api, editor, LINKED_AS_IS, code=LINKED).json()
    response = api.post(f"/procedures/{SCHOOL}/versions/{linked_version['id']}/activate", cast.reviewer)
    assert response.status_code == 404


def test_doctypes_in_every_encoding_are_refused_at_upload(api: Api, cast: Cast) -> None:
    from tests.hostile import DOCTYPES, doctype_line

    assert len(DOCTYPES) == 13
    for path in DOCTYPES:
        response = upload(api, cast.editor, path.read_bytes())
        assert response.status_code == 422, f"{path.name}: {response.text}"
        problem = response.json()
        assert problem.get("line") == doctype_line(path), (path.name, problem)
        assert "DTDs and entities are not allowed" in problem["detail"], (path.name, problem)


def test_an_upload_whose_condition_spends_its_cpu_is_refused_by_the_dry_run(api: Api, cast: Cast) -> None:
    bomb = AS_IS.replace(b'ket_qua_kiem_tra == "day_du"',
                         b"sum(map(lambda i: sum(range(1000000)), range(1000000))) > 0", 1)
    response = upload(api, cast.editor, bomb)
    assert response.status_code == 422, response.text
    limits = [f for f in response.json()["findings"] if f["code"] == "script-limit"]
    assert [f["element_id"] for f in limits] == ["Flow_DayDu"], limits
    assert limits[0]["line"] and ("of CPU" in limits[0]["message"] or "ran longer" in limits[0]["message"])
