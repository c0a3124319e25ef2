"""A citizen looks a demo dossier up in a real browser, on a real `lienthong serve --demo`: the code from the
receipt's QR link is filled in, they type their id number, and the page shows the status, the appointment and
the steps, loading nothing from elsewhere. `LIENTHONG_SCREENSHOTS=1` saves the README's
docs/img/tra-cuu.png."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.api.server import Server, lienthong_serve
from tests.conftest import PROCESSES, ROOT

APPLICANT = "001203004567"  # the demo citizen (lienthong/compose/demo.py)
SCREENSHOT = ROOT / "docs/img/tra-cuu.png"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`lienthong serve --demo` on a free port, in a fresh directory."""
    env = {"LIENTHONG_PROCESSES_DIR": str(PROCESSES),
           "LIENTHONG_CALENDAR_OVERRIDES": str(ROOT / "config/calendar-overrides.toml")}
    with lienthong_serve(tmp_path_factory.mktemp("demo"), "--demo", env=env, timeout=120) as server:
        yield server


def under_way(server: Server) -> tuple[str, str]:
    """A demo dossier under way (the school transfer's), and the status the demo printed for it."""
    found = re.search(r"(DEMO-1005096-1-2) \([^)]*\): under way, ([^\n]+)", server.output())
    assert found, server.output()
    return found.group(1), found.group(2).strip()


def test_the_demo_prints_the_lookup_address_and_it_finds_a_demo_dossier(demo: Server) -> None:
    printed = re.search(r"Citizen lookup: (http://\S+) \(id number (\d+)\)", demo.output())
    assert printed and printed.group(2) == APPLICANT, demo.output()
    assert httpx.get(printed.group(1), timeout=10).status_code == 200
    code, status = under_way(demo)
    found = httpx.post(f"{demo.url}/tra-cuu", data={"ma_ho_so": code, "so_dinh_danh": APPLICANT}, timeout=10)
    assert found.status_code == 200 and f"Hồ sơ {code}" in found.text and status in found.text
    wrong = httpx.post(f"{demo.url}/tra-cuu", data={"ma_ho_so": code, "so_dinh_danh": "079088001234"},
                       timeout=10)
    unknown = httpx.post(f"{demo.url}/tra-cuu", data={"ma_ho_so": "DEMO-0-0-0", "so_dinh_danh": APPLICANT},
                         timeout=10)
    assert wrong.status_code == unknown.status_code == 404
    assert re.sub(r'value="[^"]*"', "", wrong.text) == re.sub(r'value="[^"]*"', "", unknown.text)


def test_a_citizen_looks_up_a_dossier_in_a_browser(demo: Server, browser: Any, tmp_path: Path) -> None:
    code, status = under_way(demo)
    elsewhere: list[str] = []
    errors: list[str] = []
    page = browser.new_page(viewport={"width": 900, "height": 900}, locale="vi-VN")
    page.on("request", lambda r: None if r.url.startswith(demo.url) else elsewhere.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{demo.url}/tra-cuu?ma_ho_so={code}")  # the address behind Mẫu 01's QR code
    assert page.get_by_label("Mã hồ sơ").input_value() == code
    page.get_by_label("Số định danh cá nhân (CCCD) của người nộp").fill(APPLICANT)
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Quá trình xử lý")
    assert page.locator(".status").inner_text() == status
    assert page.locator(".appointment").count() == 1 and page.locator(".steps tbody tr").count() >= 2
    shot = tmp_path / "tra-cuu.png"
    page.screenshot(path=str(shot), full_page=True)
    page.close()
    assert shot.read_bytes().startswith(b"\x89PNG") and elsewhere == [] and errors == []
    if os.environ.get("LIENTHONG_SCREENSHOTS"):
        shutil.copyfile(shot, SCREENSHOT)
