"""The officers' pages over the real app: signing in with a token (bad, expired, a citizen's: a clear page,
never a 500), CSRF on every post, the work list newest first and paged, a task's form with the engine's
errors at the field, and the case page scoped exactly as the API scopes it."""

from __future__ import annotations

import functools
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from api.auth import issue_token
from engine.time.clock import FakeClock
from tests.api.conftest import SCHOOL, Api, Cast, Who
from tests.api.test_messages import waiting_for_police


class Browser:
    """One browser on the app: its own cookie jar, forms posted with the page's CSRF value."""

    def __init__(self, api: Api) -> None:
        self.api = api
        self.client = httpx.AsyncClient(transport=httpx.ASGITransport(app=api.app),
                                        base_url="http://lienthong.test")
        self.last = ""

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        response: httpx.Response = self.api.portal.call(functools.partial(self.client.request, method, url,
                                                                          **kwargs))
        self.last = response.text
        return response

    def get(self, url: str) -> httpx.Response:
        return self.request("GET", url)

    def post(self, url: str, data: dict[str, str], csrf: bool = True) -> httpx.Response:
        fields = {"csrf": csrf_of(self.last), **data} if csrf else data
        return self.request("POST", url, data=fields)

    def sign_in(self, who: Who) -> httpx.Response:
        self.get("/dang-nhap")
        return self.post("/dang-nhap", {"token": token_of(who)})


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert found, html
    return found.group(1)


def token_of(who: Who) -> str:
    return who.headers["Authorization"].removeprefix("Bearer ")


def field(html: str, name: str) -> str:
    """The HTML of one field of the task form."""
    found = re.search(rf'<div class="field[^"]*" data-field="{re.escape(name)}">(.*?)\n  </div>', html, re.S)
    assert found, html
    return found.group(1)


def test_without_a_session_the_pages_ask_to_sign_in(api: Api) -> None:
    browser = Browser(api)
    first = browser.get("/")
    assert first.status_code == 303 and first.headers["location"] == "/dang-nhap?tiep=%2F"
    page = browser.get("/dang-nhap")
    assert page.status_code == 200 and '<html lang="vi">' in page.text and 'for="token"' in page.text
    assert "Đăng nhập nhanh" not in page.text  # no demo logins outside the demo
    assert api.post("/dang-nhap/demo", data={"agency": "so-gddt", "role": "mot-cua"}).status_code == 404


def test_a_bad_an_expired_and_a_citizens_token_each_get_a_clear_page(api: Api, cast: Cast) -> None:
    browser = Browser(api)
    expired = issue_token(api.app.state.services.keys, sub="canbo", agency="so-gddt", roles=["mot-cua"],
                          ttl=timedelta(hours=1), now=datetime.now(UTC) - timedelta(hours=3))
    for token, message in (("not-a-token", "Mã đăng nhập không hợp lệ"),
                           (expired, "Phiên đăng nhập đã hết hạn"),
                           (token_of(cast.citizen_a), "các trang này dành cho cán bộ")):
        browser.get("/dang-nhap")
        answer = browser.post("/dang-nhap", {"token": token})
        assert answer.status_code == 401 and message in answer.text, answer.text
        assert "lt_phien" not in browser.client.cookies
    # A session whose token expires meanwhile: the next page is the sign-in page with the message.
    browser.client.cookies.set("lt_phien", expired, domain="lienthong.test")
    again = browser.get("/")
    assert again.status_code == 401 and "Phiên đăng nhập đã hết hạn" in again.text


def test_every_post_needs_the_pages_csrf_value(api: Api, cast: Cast) -> None:
    browser = Browser(api)
    browser.get("/dang-nhap")
    refused = browser.post("/dang-nhap", {"token": token_of(cast.desk)}, csrf=False)
    assert refused.status_code == 403 and "Biểu mẫu đã cũ" in refused.text
    forged = browser.post("/dang-nhap", {"token": token_of(cast.desk), "csrf": "0" * 64}, csrf=False)
    assert forged.status_code == 403
    assert browser.sign_in(cast.desk).status_code == 303
    cookie = next(c for c in browser.client.cookies.jar if c.name == "lt_phien")
    assert cookie.has_nonstandard_attr("HttpOnly") and cookie.get_nonstandard_attr("SameSite") == "strict"
    case = api.start(cast.desk, SCHOOL, applicant=cast.citizen_a.name)
    task = api.task(cast.desk, case, "KiemTraHoSo")
    browser.get(f"/viec/{task['id']}")
    stale = browser.post(f"/viec/{task['id']}", {"ket_qua_kiem_tra": "day_du", "csrf": "f" * 64}, csrf=False)
    assert stale.status_code == 403 and api.task(cast.desk, case, "KiemTraHoSo")["state"] == "ready"
    browser.get("/")
    assert browser.post("/dang-xuat", {}).status_code == 200 and "Bạn đã đăng xuất" in browser.last
    assert browser.get("/").status_code == 303


def test_the_work_list_shows_the_officers_tasks_newest_first_and_paged(api: Api, cast: Cast) -> None:
    codes = []
    for _ in range(22):
        codes.append(api.start(cast.desk, SCHOOL, applicant=cast.citizen_a.name)["dossier_code"])
        api.engine.clock.advance(minutes=1)  # type: ignore[attr-defined]  (the harness's FakeClock)
    browser = Browser(api)
    browser.sign_in(cast.desk)
    first = browser.get("/")
    assert first.status_code == 200 and "22 việc" in first.text and "Trang 1 / 2" in first.text
    listed = re.findall(r'<a href="/ho-so/[^"]+">([^<]+)</a>', first.text)
    assert listed == codes[::-1][:20]
    assert "Chuyển trường đối với học sinh trung học phổ thông" in first.text
    assert "Kiểm tra tính đầy đủ, hợp lệ của hồ sơ" in first.text and "Mới đăng ký" in first.text
    second = browser.get("/?trang=2")
    assert re.findall(r'<a href="/ho-so/[^"]+">([^<]+)</a>', second.text) == codes[1::-1]
    other = Browser(api)
    other.sign_in(cast.xa_desk)
    assert "Không có việc nào" in other.get("/").text  # another agency's officer sees none of them


def test_a_task_is_completed_through_its_form_with_errors_at_the_field(api: Api, cast: Cast) -> None:
    case = api.start(cast.desk, SCHOOL, applicant=cast.citizen_a.name)
    task = api.task(cast.desk, case, "KiemTraHoSo")
    browser = Browser(api)
    browser.sign_in(cast.desk)
    form = browser.get(f"/viec/{task['id']}")
    assert form.status_code == 200 and "<legend>Kết quả kiểm tra" in form.text
    choice = field(form.text, "ket_qua_kiem_tra")
    assert 'class="required"' in choice and 'value="can_bo_sung"> Cần bổ sung' in choice
    wrong = browser.post(f"/viec/{task['id']}", {"noi_dung_bo_sung": "Thiếu học bạ"})
    assert wrong.status_code == 200 and "Biểu mẫu chưa hợp lệ" in wrong.text
    assert "Cần nhập trường này." in field(wrong.text, "ket_qua_kiem_tra")
    assert 'value="Thiếu học bạ"' in field(wrong.text, "noi_dung_bo_sung")  # what was typed, kept
    assert api.task(cast.desk, case, "KiemTraHoSo")["claimed_by"] == cast.desk.name  # claimed on the way
    done = browser.post(f"/viec/{task['id']}", {"ket_qua_kiem_tra": "day_du"})
    assert done.status_code == 303 and done.headers["location"] == f"/?xong={task['id']}"
    listed = browser.get(done.headers["location"])
    name = "Kiểm tra tính đầy đủ, hợp lệ của hồ sơ"
    assert f"Đã hoàn thành «{name}» của hồ sơ {case['dossier_code']}." in listed.text
    assert "Tiếp nhận, cấp Giấy tiếp nhận" in listed.text  # the next step waits in the same lane
    history = api.get(f"/cases/{case['id']}/history", cast.desk).json()["items"]
    completed = [e for e in history if e["kind"] == "element_completed" and e["element_id"] == "KiemTraHoSo"]
    assert completed and completed[0]["actor"] == cast.desk.name


def test_the_case_page_and_its_forms_links_follow_the_engines_scope(api: Api, cast: Cast) -> None:
    case = api.start(cast.desk, SCHOOL, applicant=cast.citizen_a.name)
    api.do(cast.desk, case, "KiemTraHoSo", {"ket_qua_kiem_tra": "day_du"})
    api.do(cast.desk, case, "TiepNhanHoSo")
    desk = Browser(api)
    desk.sign_in(cast.desk)
    page = desk.get(f"/ho-so/{case['id']}")
    assert page.status_code == 200 and "Được tiếp nhận" in page.text and "<svg" in page.text
    assert "17 giờ 00 phút, ngày 12 tháng 3 năm 2025" in page.text and "Nộp hồ sơ" in page.text
    link = f"/cases/{case['id']}/forms/mau-01.pdf"
    assert link in page.text
    pdf = desk.get(link)  # the API's route, opened with the page's session
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert desk.request("POST", f"/cases/{case['id']}/withdraw", json={}).status_code == 401  # reads only
    outsider = Browser(api)
    outsider.sign_in(cast.xa_desk)
    theirs, missing = outsider.get(f"/ho-so/{case['id']}"), outsider.get("/ho-so/LT-000000-NOTHING0")
    assert theirs.status_code == missing.status_code == 404 and theirs.text == missing.text
    assert outsider.get(link).status_code == 404
    task = api.task(cast.desk, case, "ChuyenPhongChuyenMon")
    assert outsider.get(f"/viec/{task['id']}").status_code == 404
    specialist = Browser(api)
    specialist.sign_in(cast.specialist)
    other_lane = specialist.get(f"/viec/{task['id']}")  # the same agency, another lane: seen, not workable
    assert other_lane.status_code == 403 and "Bạn không có quyền" in other_lane.text
    crafted = specialist.get(f"/?xong={task['id']}")  # a "done" message for another lane's task: none
    assert crafted.status_code == 200 and "Đã hoàn thành" not in crafted.text


def test_the_case_page_keeps_a_printed_form_among_its_documents(api: Api, cast: Cast) -> None:
    case = api.start(cast.desk, SCHOOL, applicant=cast.citizen_a.name, channel="truc-tiep")
    api.do(cast.desk, case, "KiemTraHoSo", {"ket_qua_kiem_tra": "day_du"})
    api.do(cast.desk, case, "TiepNhanHoSo")
    browser = Browser(api)
    browser.sign_in(cast.desk)
    page = browser.get(f"/ho-so/{case['id']}")
    assert "Chưa có tài liệu." in page.text and f'action="/ho-so/{case["id"]}/bieu-mau/mau-01"' in page.text
    assert browser.post(f"/ho-so/{case['id']}/bieu-mau/mau-01", {}, csrf=False).status_code == 403
    browser.get(f"/ho-so/{case['id']}")
    kept = browser.post(f"/ho-so/{case['id']}/bieu-mau/mau-01", {})
    assert kept.status_code == 303 and kept.headers["location"] == f"/ho-so/{case['id']}#tai-lieu"
    page = browser.get(f"/ho-so/{case['id']}")
    assert f"{case['dossier_code']}-mau-01.pdf</a>" in page.text and "Chưa có tài liệu." not in page.text


def test_the_case_page_shows_what_the_case_sent_to_the_officer_s_agency(api: Api, cast: Cast) -> None:
    case = waiting_for_police(api, cast)
    browser = Browser(api)
    browser.sign_in(api.officer("truc.congan", "cong-an", "dang-ky-cu-tru"))  # an officer of the recipient
    page = browser.get(f"/ho-so/{case['id']}")
    assert page.status_code == 200 and "Liên thông đến cong-an" in page.text
    feed = page.text.split('id="lien-thong"')[1].split("</section>")[0]
    assert "Hồ sơ đăng ký thường trú" in feed and "ubnd-xa" in feed
    desk = Browser(api)
    desk.sign_in(cast.xa_desk)
    own = desk.get(f"/ho-so/{case['id']}").text.split('id="lien-thong"')[1].split("</section>")[0]
    assert "Hồ sơ chưa gửi gì đến cơ quan này." in own  # the commune sent it: nothing came to the commune


def test_an_overdue_task_is_marked_on_the_work_list_and_the_case_page(api: Api, cast: Cast) -> None:
    case = api.start(cast.desk, SCHOOL, applicant=cast.citizen_a.name, channel="truc-tiep")
    api.do(cast.desk, case, "KiemTraHoSo", {"ket_qua_kiem_tra": "day_du"})
    api.do(cast.desk, case, "TiepNhanHoSo")
    api.do(cast.desk, case, "ChuyenPhongChuyenMon")
    browser = Browser(api)
    browser.sign_in(cast.specialist)
    row = browser.get("/").text.split(case["dossier_code"])[1].split("</tr>")[0]
    assert "12/03/2025" in row and "Quá hạn" not in row
    clock = api.engine.clock
    assert isinstance(clock, FakeClock)
    clock.set("2025-03-13T09:00")  # the legal deadline was 17:00 on 12 March
    row = browser.get("/").text.split(case["dossier_code"])[1].split("</tr>")[0]
    assert "Quá hạn" in row
    assert '<strong class="late">Quá hạn</strong>' in browser.get(f"/ho-so/{case['id']}").text


def test_a_form_sent_after_the_case_moved_on_is_the_conflict_page_and_changes_nothing(
        api: Api, cast: Cast) -> None:
    case = api.start(cast.desk, SCHOOL, applicant=cast.citizen_a.name)
    task = api.task(cast.desk, case, "KiemTraHoSo")
    browser = Browser(api)
    browser.sign_in(cast.desk)
    browser.get(f"/viec/{task['id']}")  # the form, with the case version it was shown at
    colleague = api.officer("canbo.motcua.2", "so-gddt", "mot-cua")
    api.do(colleague, case, "KiemTraHoSo", {"ket_qua_kiem_tra": "day_du"})  # meanwhile, at the next desk
    stale = browser.post(f"/viec/{task['id']}", {"ket_qua_kiem_tra": "can_bo_sung",
                                                 "noi_dung_bo_sung": "Thiếu học bạ"})
    assert stale.status_code == 409 and "Không thực hiện được vì trạng thái đã thay đổi" in stale.text
    history = api.get(f"/cases/{case['id']}/history", cast.desk).json()["items"]
    done = [e["actor"] for e in history
            if e["kind"] == "element_completed" and e["element_id"] == "KiemTraHoSo"]
    assert done == [colleague.name]  # the stale form changed nothing
