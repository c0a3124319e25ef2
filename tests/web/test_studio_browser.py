"""An analyst redesigns a procedure in the studio, in the system Chromium on a real `lienthong serve --demo`:
opens the editor, breaks a legal rule (the legal clock of the receipt is taken off its element in the
properties panel), presses Check and sees the lint marker on that element and the failing scenarios; puts it
back, checks again, and it passes; submits the draft as a version, which a second person activates. Nothing
is loaded from elsewhere and the console stays clean. `LIENTHONG_SCREENSHOTS=1` saves docs/img/studio.png."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from tests.api.server import Server, lienthong_serve
from tests.conftest import PROCESSES, ROOT
from tests.web.test_officer_browser import UNLABELLED, Watched

GROUP, VARIANT = "chuyen-truong-thpt", "to-be"
RECEIPT_CLOCK = "Event_HanTrongTinh"  # sets the legal clock's deadline when the dossier is received
ANALYST = "so-gddt / bien-tap-quy-trinh"
REVIEWER = "so-gddt / duyet-quy-trinh"
SCREENSHOT = ROOT / "docs/img/studio.png"
CHECK_SECONDS = 120_000  # milliseconds a Check may take on a loaded machine (it takes about 8 s alone)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`lienthong serve --demo` on a free port, in a fresh directory (its drafts under var/drafts there)."""
    env = {"LIENTHONG_PROCESSES_DIR": str(PROCESSES),
           "LIENTHONG_CALENDAR_OVERRIDES": str(ROOT / "config/calendar-overrides.toml")}
    with lienthong_serve(tmp_path_factory.mktemp("studio"), "--demo", env=env, timeout=120) as server:
        yield server


def sign_in(watched: Watched, base: str, lane: str) -> None:
    page = watched.page
    page.goto(f"{base}/dang-nhap")
    page.locator("button.lane", has_text=lane).click()
    page.wait_for_selector("h1:has-text('Xưởng quy trình')")


def open_editor(watched: Watched, base: str) -> Any:
    page = watched.page
    page.goto(f"{base}/studio/{GROUP}/{VARIANT}/edit")
    page.wait_for_selector("body[data-studio=ready]")
    return page


def check(page: Any) -> None:
    before = int(page.evaluate("window.studio.checks"))
    page.get_by_role("button", name="Kiểm tra", exact=True).click()
    page.wait_for_function(f"window.studio.checks > {before}", timeout=CHECK_SECONDS)


def select(page: Any, element_id: str) -> None:
    page.evaluate("id => { const s = window.studio.modeler; "
                  "s.get('selection').select(s.get('elementRegistry').get(id)); }", element_id)
    page.wait_for_selector(f"#thuoc-tinh >> text={element_id}")


def test_an_analyst_breaks_a_legal_rule_sees_it_fixes_it_and_submits(demo: Server, browser: Any) -> None:
    watched = Watched(browser, demo)
    page = watched.page
    sign_in(watched, demo.url, ANALYST)
    catalogue = page.locator("section", has=page.locator(f"#g-{GROUP}"))
    assert catalogue.locator("tr", has_text=VARIANT).locator("text=chưa kiểm tra").count() == 1
    page = open_editor(watched, demo.url)

    # Break it: the receipt's step no longer sets the legal clock (a one-stop rule: the deadline runs).
    select(page, RECEIPT_CLOCK)
    page.get_by_label("Đồng hồ pháp lý (legal_clock)").select_option("")
    check(page)
    marker = page.locator(f"g.djs-element.lt-lint-error[data-element-id={RECEIPT_CLOCK}]")
    assert marker.count() == 1, "the lint marker is drawn on the element that lost its property"
    assert page.locator(".djs-overlay .lt-badge.lt-lint-error").count() >= 1
    lint = page.locator("#lint li.lt-lint-error", has_text="legal_clock")
    assert lint.count() >= 1 and RECEIPT_CLOCK in lint.first.inner_text()
    failed = page.locator("#kich-ban li.scenario-failed")
    assert failed.count() >= 1, "the group's scenarios catch the broken rule"
    assert "Bước hỏng" in failed.first.inner_text()
    assert page.locator("#ket-luan.verdict-fail").count() == 1
    assert page.get_by_role("button", name="Gửi duyệt thành phiên bản mới").is_disabled()
    if os.environ.get("LIENTHONG_SCREENSHOTS"):  # the README picture: the broken rule, as an analyst sees it
        page.evaluate("id => { window.studio.modeler.get('canvas').zoom(0.7); window.studio.goTo(id); }",
                      RECEIPT_CLOCK)
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT), full_page=True,
                        clip={"x": 0, "y": 0, "width": 1200, "height": 1100})
    target = failed.first.locator("button.to-element")  # clickable to the element the failing step names
    element = target.get_attribute("data-element")
    target.click()
    page.wait_for_selector(f"#thuoc-tinh >> text={element}")

    # Fix it, check again: it passes, coverage is drawn, and the comparison with as-is is shown.
    select(page, RECEIPT_CLOCK)
    page.get_by_label("Đồng hồ pháp lý (legal_clock)").select_option("set")
    check(page)
    assert page.locator("#ket-luan.verdict-pass").count() == 1, page.locator("#ket-qua").inner_text()
    assert page.locator("g.djs-element.lt-lint-error").count() == 0
    assert page.locator("#kich-ban li.scenario-failed").count() == 0
    assert page.locator("g.djs-element.lt-covered").count() > 10
    assert page.locator("#so-sanh tbody tr").count() == 5

    # Submit it as a new version: pending until a second person activates it.
    page.get_by_label("Ghi chú phiên bản").fill("Đồng hồ pháp lý kiểm lại trong Xưởng")
    page.get_by_role("button", name="Gửi duyệt thành phiên bản mới").click()
    page.wait_for_selector("text=chờ duyệt")
    assert page.locator(f"#v-{VARIANT}").count() == 1
    pending = page.locator("tr.version-pending", has_text="Đồng hồ pháp lý kiểm lại trong Xưởng")
    assert pending.count() == 1
    assert page.get_by_role("button", name="Kích hoạt phiên bản").count() == 0, "an analyst does not activate"
    assert watched.elsewhere == [] and watched.errors == []
    watched.close()

    reviewer = Watched(browser, demo)
    sign_in(reviewer, demo.url, REVIEWER)
    reviewer.page.goto(f"{demo.url}/studio/{GROUP}")
    reviewer.page.locator("tr.version-pending").get_by_role("button").click()
    reviewer.page.wait_for_selector("text=Đã kích hoạt phiên bản")
    assert reviewer.page.locator("tr.version-active", has_text="demo.duyet-quy-trinh.so-gddt").count() == 1
    assert reviewer.elsewhere == [] and reviewer.errors == []
    reviewer.close()


def test_bpmnlint_marks_a_disconnected_task_while_the_analyst_edits(demo: Server, browser: Any) -> None:
    watched = Watched(browser, demo)
    sign_in(watched, demo.url, ANALYST)
    page = open_editor(watched, demo.url)
    page.wait_for_function("window.studio.bpmnlint !== null")
    assert page.evaluate(UNLABELLED) == []  # the editor's own controls and the linter's button, all named
    task = page.evaluate("""() => {
        const modeler = window.studio.modeler;
        const task = modeler.get('elementRegistry').filter(e => e.type === 'bpmn:UserTask')[0];
        modeler.get('modeling').removeElements([...task.incoming, ...task.outgoing]);
        return task.id;
    }""")
    page.wait_for_function("id => (window.studio.bpmnlint[id] || []).some(i => i.rule === 'no-disconnected')",
                           arg=task)
    assert page.locator(f"[data-container-id={task}] .bjsl-overlay").count() == 1  # the icon at the task
    assert "Error" in page.locator(".bjsl-button").inner_text()
    watched.close()
    assert watched.elsewhere == [] and watched.errors == []
