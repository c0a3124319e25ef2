"""A demo officer works a dossier in a real browser, on a real `lienthong serve --demo`: one click on the
development login, the work list, a task's form sent once without its required choice (the error shows at
the field) and then right, and the case page with its diagram; an officer of another agency gets the 404
page for that case. Nothing is loaded from elsewhere. `LIENTHONG_SCREENSHOTS=1` saves the README's
docs/img/can-bo-ho-so.png."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.api.server import Server, lienthong_serve
from tests.conftest import PROCESSES, ROOT

# `browser` (the system Chromium) is test_lookup_browser.py's fixture, shared through tests/web/conftest.py.

JUST_SUBMITTED = "DEMO-1005096-1-0"  # the school transfer's demo case waiting at its first check
DESK = "so-gddt / mot-cua"  # the lane that checks it
ELSEWHERE = "ubnd-xa / mot-cua"  # a commune's desk: takes no part in a school transfer
SCREENSHOT = ROOT / "docs/img/can-bo-ho-so.png"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`lienthong serve --demo` on a free port, in a fresh directory."""
    env = {"LIENTHONG_PROCESSES_DIR": str(PROCESSES),
           "LIENTHONG_CALENDAR_OVERRIDES": str(ROOT / "config/calendar-overrides.toml")}
    with lienthong_serve(tmp_path_factory.mktemp("demo"), "--demo", env=env, timeout=120) as server:
        yield server


class Watched:
    """A page that refuses every request to another site, and keeps what it refused and the console errors."""

    def __init__(self, browser: Any, server: Server) -> None:
        self.elsewhere: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="vi-VN")
        self.page = self.context.new_page()
        self.page.route("**/*", self._only(server.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def _only(self, base: str) -> Any:
        def route(handle: Any) -> None:
            if handle.request.url.startswith(base):
                handle.continue_()
            else:
                self.elsewhere.append(handle.request.url)
                handle.abort()
        return route

    def sign_in_as(self, base: str, lane: str) -> None:
        self.page.goto(f"{base}/")
        assert self.page.url.startswith(f"{base}/dang-nhap")
        self.page.locator("button.lane", has_text=lane).click()
        self.page.wait_for_selector("text=Công việc cần xử lý")

    def close(self) -> None:
        self.context.close()


def test_the_pages_are_the_demos_front_door(demo: Server) -> None:
    assert f"Officers' pages: {demo.url}/ " in demo.output()
    login = httpx.get(f"{demo.url}/", timeout=10, follow_redirects=True)
    assert login.status_code == 200 and "Đăng nhập nhanh (bản trình diễn)" in login.text
    assert DESK in login.text and ELSEWHERE in login.text


def test_a_demo_officer_completes_a_task_in_a_browser(demo: Server, browser: Any, tmp_path: Path) -> None:
    watched = Watched(browser, demo)
    page = watched.page
    watched.sign_in_as(demo.url, DESK)
    row = page.locator("tr", has=page.locator("a", has_text=JUST_SUBMITTED))
    row.locator("a.task").click()
    page.wait_for_selector("form.task-form")
    choice = page.locator('[data-field="ket_qua_kiem_tra"]')
    assert choice.locator(".required").count() == 1
    page.get_by_label("Nội dung cần bổ sung").fill("Bản sao học bạ")
    page.get_by_role("button", name="Hoàn thành").click()
    page.wait_for_selector(".field-error")
    assert choice.locator(".field-error").inner_text() == "Cần nhập trường này."
    assert page.get_by_label("Nội dung cần bổ sung").input_value() == "Bản sao học bạ"
    page.get_by_label("Nội dung cần bổ sung").fill("")
    choice.get_by_label("Đầy đủ").check()
    page.get_by_role("button", name="Hoàn thành").click()
    page.wait_for_selector(".notice")
    assert f"của hồ sơ {JUST_SUBMITTED}" in page.locator(".notice").inner_text()
    page.locator("a", has_text=JUST_SUBMITTED).first.click()
    page.wait_for_selector(".diagram svg")
    assert page.locator("h1").inner_text() == f"Hồ sơ {JUST_SUBMITTED}"
    assert page.locator(".history tbody tr").count() >= 3
    shot = tmp_path / "can-bo-ho-so.png"
    page.screenshot(path=str(shot), full_page=True)
    watched.close()
    assert shot.read_bytes().startswith(b"\x89PNG")
    assert watched.elsewhere == [] and watched.errors == []
    if os.environ.get("LIENTHONG_SCREENSHOTS"):
        shutil.copyfile(shot, SCREENSHOT)


def test_an_officer_of_another_agency_gets_the_not_found_page(demo: Server, browser: Any) -> None:
    watched = Watched(browser, demo)
    page = watched.page
    watched.sign_in_as(demo.url, ELSEWHERE)
    theirs = page.goto(f"{demo.url}/ho-so/{JUST_SUBMITTED}")
    text = page.locator("main").inner_text()
    missing = page.goto(f"{demo.url}/ho-so/DEMO-0-0-0")
    assert theirs is not None and missing is not None and theirs.status == missing.status == 404
    assert "Không tìm thấy" in text and text == page.locator("main").inner_text()
    watched.close()
    # The browser reports each 404 page it was answered as a failed load; nothing else may be an error.
    expected = "Failed to load resource: the server responded with a status of 404 (Not Found)"
    assert watched.elsewhere == [] and watched.errors == [expected, expected]


# Every control a page shows must carry a name a screen reader reads: a <label>, aria-label, title, or text.
UNLABELLED = """() => [...document.querySelectorAll(
        'input:not([type=hidden]), select, textarea, button, a[href]')]
    .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                 && !e.getAttribute('aria-labelledby') && !e.getAttribute('title') && !e.innerText.trim())
    .map(e => e.outerHTML)"""


def tab_to(page: Any, selector: str, presses: int = 150) -> None:
    """Press Tab until the focused element matches `selector` (fails if it is not reachable that way)."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with the Tab key")


def test_an_officer_reaches_every_page_by_keyboard_and_every_control_is_labelled(
        demo: Server, browser: Any) -> None:
    watched = Watched(browser, demo)
    page = watched.page
    page.goto(f"{demo.url}/")
    assert page.evaluate(UNLABELLED) == []
    tab_to(page, "button.lane")  # the demo's one-click sign-in, from the keyboard
    while DESK not in page.evaluate("document.activeElement.innerText"):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Công việc cần xử lý")
    assert page.evaluate(UNLABELLED) == []
    tab_to(page, "a.task")
    page.keyboard.press("Enter")
    page.wait_for_selector("form.task-form")
    assert page.evaluate(UNLABELLED) == []
    tab_to(page, "form.task-form input, form.task-form select, form.task-form textarea")
    tab_to(page, "form.task-form button[type=submit]")  # the form can be filled and sent without a mouse
    page.go_back()
    tab_to(page, "td a[href^='/ho-so/']")
    page.keyboard.press("Enter")
    page.wait_for_selector(".diagram svg")
    assert page.evaluate(UNLABELLED) == []
    watched.close()
    assert watched.elsewhere == [] and watched.errors == []
