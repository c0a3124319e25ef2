"""`lienthong serve --demo` runs the worker and a fake national portal: a newcomer sees statuses arrive."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from tests.api.server import lienthong_serve
from tests.conftest import PROCESSES, ROOT
from tests.worker.support import wait_for


def test_the_demo_delivers_every_status_change_to_its_fake_portal(tmp_path: Path) -> None:
    env = {"LIENTHONG_PROCESSES_DIR": str(PROCESSES),
           "LIENTHONG_CALENDAR_OVERRIDES": str(ROOT / "config/calendar-overrides.toml")}
    with lienthong_serve(tmp_path, "--demo", env=env) as server:
        found = re.search(r"Fake national portal on (http://127\.0\.0\.1:\d+)", server.output())
        assert found, server.output()
        portal = found.group(1)
        cases = httpx.get(f"{server.url}/cases", params={"limit": 200}, timeout=10,
                          headers={"Authorization": f"Bearer {_citizen_token(server.output())}"}).json()

        def received() -> list[dict[str, object]]:
            records: list[dict[str, object]] = httpx.get(f"{portal}/received", timeout=10).json()["records"]
            return records

        codes = {c["dossier_code"] for c in cases["items"]}
        wait_for(lambda: codes <= {r["dossier_code"] for r in received()}, 30, "the demo's statuses")
        latest = {r["dossier_code"]: r["status"] for r in received()}  # applied in order: the last one wins
        assert all(latest[c["dossier_code"]] == c["status"] for c in cases["items"])


def _citizen_token(printed: str) -> str:
    found = re.search(r"Token for citizen \d+ \(12 h\):\s*(eyJ[\w-]+\.[\w-]+\.[\w-]+)", printed)
    assert found, printed
    return found.group(1)
