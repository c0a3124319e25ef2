"""The studio over the real app: who may open, edit, check, submit and activate (an analyst, a reviewer,
neither), the Check's input refused before anything runs (no CSRF value, not XML, too large, a DOCTYPE), the
stream's events in their order on the real workbench, drafts kept out of the catalogue, the version flow's
second person, and the vendored modeler installed as package data."""

from __future__ import annotations

import fnmatch
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from api.policy import EDITOR_ROLE, REVIEWER_ROLE
from tests.api.conftest import SCHOOL, Api
from tests.conftest import PROCESSES, ROOT
from tests.hostile import DOCTYPES
from tests.web.test_officer import Browser, csrf_of
from web.studio.access import ANALYST_ROLE
from web.studio.access import REVIEWER_ROLE as STUDIO_REVIEWER
from web.studio.drafts import MAX_DRAFT_BYTES, Drafts

STUDIO_STATIC = ROOT / "web/studio/static"
TO_BE = (PROCESSES / SCHOOL / "to-be.bpmn").read_bytes()
CLOCK_SET = b'<spiffworkflow:property name="legal_clock" value="set" />'


def signed_in(api: Api, *roles: str, agency: str = "so-gddt", sub: str = "bientap.so") -> Browser:
    browser = Browser(api)
    answer = browser.sign_in(api.officer(sub, agency, *roles))
    assert answer.status_code in (200, 303), answer.text
    return browser


def check(browser: Browser, body: bytes, csrf: str | None = None, variant: str = "to-be",
          media_type: str = "application/xml") -> Any:
    page = browser.get(f"/studio/{SCHOOL}/{variant}/edit")
    headers = {"Content-Type": media_type, "X-CSRF-Token": csrf if csrf is not None else csrf_of(page.text)}
    return browser.request("POST", f"/studio/{SCHOOL}/{variant}/check", content=body, headers=headers)


def events(answer: Any) -> list[dict[str, Any]]:
    assert answer.headers["content-type"].startswith("application/x-ndjson"), answer.text
    return [json.loads(line) for line in answer.text.splitlines() if line.strip()]


def test_the_studios_roles_are_the_apis_version_roles() -> None:
    assert (ANALYST_ROLE, STUDIO_REVIEWER) == (EDITOR_ROLE, REVIEWER_ROLE)


def test_without_a_session_the_studio_asks_to_sign_in(api: Api) -> None:
    answer = Browser(api).get("/studio")
    assert answer.status_code == 303 and answer.headers["location"] == "/dang-nhap?tiep=%2Fstudio"


def test_an_officer_without_a_studio_role_is_refused(api: Api) -> None:
    desk = signed_in(api, "mot-cua", sub="motcua.so")
    assert desk.get("/studio").status_code == 403
    assert desk.get(f"/studio/{SCHOOL}/to-be/edit").status_code == 403
    assert "bien-tap-quy-trinh" in desk.last


def test_the_catalogue_lists_groups_variants_versions_and_verdicts(api: Api) -> None:
    analyst = signed_in(api, ANALYST_ROLE)
    page = analyst.get("/studio")
    assert page.status_code == 200
    assert "Chuyển trường đối với học sinh trung học phổ thông" in page.text
    assert page.text.count("chưa kiểm tra") >= 2 and f"/studio/{SCHOOL}/to-be/edit" in page.text
    group = analyst.get(f"/studio/{SCHOOL}")
    assert group.status_code == 200 and group.text.count("<svg") >= 2, "as-is and to-be drawn from their DI"


def test_the_editor_opens_the_variants_diagram_with_the_projects_properties(api: Api) -> None:
    analyst = signed_in(api, ANALYST_ROLE)
    page = analyst.get(f"/studio/{SCHOOL}/to-be/edit")
    assert page.status_code == 200
    assert "/studio/static/bpmn-js/bpmn-modeler.production.min.js" in page.text
    setup = json.loads(page.text.split('<script id="studio-setup" type="application/json">')[1]
                       .split("</script>")[0])
    wanted = {"status", "legal_clock", "trips", "papers", "document", "form", "deadline"}
    assert {p["name"] for p in setup["properties"]} >= wanted
    assert {"name": "Bộ phận Một cửa", "agency": "so-gddt", "role": "mot-cua",
            "agency_name": "Sở Giáo dục và Đào tạo (nơi đến)"} in setup["lanes"]
    assert analyst.get(setup["bpmn"]).content == TO_BE
    assert analyst.get("/studio/static/bpmn-js/LICENSE").status_code == 200
    assert analyst.get("/studio/static/bpmn-js/%2E%2E/%2E%2E/pages.py").status_code == 404


def test_an_analyst_of_another_agency_may_not_edit(api: Api) -> None:
    other = signed_in(api, ANALYST_ROLE, agency="ubnd-xa", sub="bientap.xa")
    assert other.get("/studio").status_code == 200
    assert other.get(f"/studio/{SCHOOL}/to-be/edit").status_code == 403
    assert check(Browser(api), TO_BE, csrf="x").status_code == 303  # no session: to the sign-in page


def test_the_check_refuses_what_it_should_not_run(api: Api) -> None:
    analyst = signed_in(api, ANALYST_ROLE)
    assert check(analyst, TO_BE, csrf="not-this-page's").status_code == 403
    assert check(analyst, TO_BE, media_type="text/plain").status_code == 415
    assert check(analyst, b"<x/>" + b" " * MAX_DRAFT_BYTES).status_code == 413
    hostile = check(analyst, DOCTYPES[0].read_bytes())
    assert hostile.status_code == 400 and "DOCTYPE" in hostile.json()["message"].upper()
    assert check(analyst, TO_BE, variant="khong-co").status_code == 404


@pytest.mark.slow
def test_a_broken_draft_streams_its_findings_and_failures_then_a_fixed_one_passes(api: Api, tmp_path: Path
                                                                                  ) -> None:
    analyst = signed_in(api, ANALYST_ROLE)
    broken = events(check(analyst, TO_BE.replace(CLOCK_SET, b"", 1)))
    kinds = [e["event"] for e in broken]
    assert kinds[:3] == ["draft", "stage", "lint"] and kinds[-1] == "done"
    assert kinds.index("scenario") < kinds.index("coverage") < kinds.index("comparison")
    lint = next(e for e in broken if e["event"] == "lint")
    assert any(f["element_id"] == "Event_HanTrongTinh" and f["severity"] == "error" for f in lint["findings"])
    failed = [e for e in broken if e["event"] == "scenario" and e["status"] == "failed"]
    assert failed and all(e["message"].startswith("Bước hỏng") for e in failed)
    done = broken[-1]
    assert done["verdict"] == "fail" and set(done["seconds"]) == {"lint", "scenarios", "simulation", "total"}
    draft = broken[0]["draft"]
    saved = list((tmp_path / "drafts" / SCHOOL / draft).glob("*.bpmn"))
    assert [p.name for p in saved] == ["to-be.bpmn"]
    assert (PROCESSES / SCHOOL / "to-be.bpmn").read_bytes() == TO_BE, "the catalogue's file is untouched"
    analyst.get(f"/studio/{SCHOOL}/to-be/edit")
    refused = analyst.post(f"/studio/{SCHOOL}/to-be/submit", {"nhap": draft, "ghi_chu": "hỏng"})
    assert refused.status_code == 409 and "chưa được Kiểm tra đạt" in refused.text

    fixed = events(check(analyst, TO_BE))
    assert fixed[-1]["verdict"] == "pass", fixed[-1]
    coverage = next(e for e in fixed if e["event"] == "coverage")
    assert coverage["failed"] == 0 and coverage["node_percent"] == 100.0 and "Event_HanTrongTinh" in coverage[
        "covered"]
    analyst.get(f"/studio/{SCHOOL}/to-be/edit")
    sent = analyst.post(f"/studio/{SCHOOL}/to-be/submit", {"nhap": fixed[0]["draft"], "ghi_chu": "đạt"})
    assert sent.status_code == 303
    group = analyst.get(sent.headers["location"])
    assert "chờ duyệt" in group.text and "Kích hoạt phiên bản" not in group.text

    # The author may not activate it even holding the reviewer role too; a second person does.
    both = signed_in(api, ANALYST_ROLE, REVIEWER_ROLE)
    version = next(v for v in api.app.state.services.engine.versions.list(SCHOOL) if v.status == "pending")
    both.get(f"/studio/{SCHOOL}")
    assert both.post(f"/studio/{SCHOOL}/versions/{version.id}/activate", {}).status_code == 403
    reviewer = signed_in(api, REVIEWER_ROLE, sub="duyet.so")
    reviewer.get(f"/studio/{SCHOOL}")
    assert reviewer.post(f"/studio/{SCHOOL}/versions/{version.id}/activate", {}).status_code == 303
    assert "Đang chạy" in reviewer.get(f"/studio/{SCHOOL}").text
    assert "Đạt" in reviewer.get("/studio").text


def test_the_vendored_modeler_is_package_data() -> None:
    """Every file under web/studio/static/ is matched by a package-data pattern, so `pip install` ships it."""
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
        "package-data"]["web.studio"]
    files = [str(p.relative_to(STUDIO_STATIC.parent)) for p in STUDIO_STATIC.rglob("*") if p.is_file()]
    assert "static/bpmn-js/bpmn-modeler.production.min.js" in files and "static/bpmn-js/LICENSE" in files
    unshipped = [f for f in files if not any(fnmatch.fnmatch(f, p) and f.count("/") == p.count("/")
                                             for p in patterns)]
    assert unshipped == []


def test_a_group_keeps_its_newest_drafts_only(tmp_path: Path) -> None:
    drafts = Drafts(tmp_path / "drafts", PROCESSES, keep=3)
    diagram = (PROCESSES / SCHOOL / "to-be.bpmn").read_bytes()
    saved = [drafts.save(SCHOOL, "to-be", "to-be.bpmn", diagram, "demo.analyst") for _ in range(5)]
    kept = sorted(f.name for f in (tmp_path / "drafts" / SCHOOL).iterdir())
    assert kept == sorted(d.id for d in saved[2:])  # the two oldest went; the newest three remain
    assert drafts.get(SCHOOL, saved[-1].id).path.read_bytes() == diagram
