"""`lienthong serve --demo` as a newcomer starts it: a real process, real sockets, the default SQLite file."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from tests.api.server import lienthong_serve
from tests.conftest import PROCESSES, ROOT

JWT = re.compile(r"eyJ[\w-]+\.[\w-]+\.[\w-]+")


def test_serve_with_demo_data_answers_over_http(tmp_path: Path) -> None:
    env = {"LIENTHONG_PROCESSES_DIR": str(PROCESSES),
           "LIENTHONG_CALENDAR_OVERRIDES": str(ROOT / "config/calendar-overrides.toml")}
    with lienthong_serve(tmp_path, "--demo", env=env) as server:
        printed = server.output()
        officer, _reviewer, citizen = JWT.findall(printed)[:3]
        api_key = re.search(r"API key of agency ([\w-]+): (lt_[\w-]+)", printed)
        assert api_key, printed
        with httpx.Client(base_url=server.url, timeout=10) as http:
            desk = {"Authorization": f"Bearer {officer}"}
            tasks = http.get("/tasks", headers=desk).json()["items"]
            assert tasks, "the demo officer's work list is empty"
            claimed = http.post(f"/tasks/{tasks[0]['id']}/claim", headers=desk)
            assert claimed.status_code == 200 and claimed.json()["claimed_by"].startswith("demo.")
            mine = http.get("/cases", headers={"Authorization": f"Bearer {citizen}"}).json()
            assert mine["total"] >= 3 and {c["dossier_code"][:5] for c in mine["items"]} == {"DEMO-"}
            statuses = {c["status"] for c in mine["items"]}
            assert len(statuses) >= 3  # just submitted, under way, finished
            assert http.get("/tasks", headers={"X-API-Key": api_key.group(2)}).status_code == 200
            assert http.get("/docs").status_code == 200 and http.get("/openapi.json").status_code == 200
            # Every lane of every demo group has its own printed token, and each one is accepted.
            lanes = re.findall(r"Token for lane ([\w-]+) of ([\w-]+) \(12 h\):\s+(eyJ[\w.-]+)", printed)
            assert {(agency, role) for role, agency, _ in lanes} >= {
                ("ubnd-xa", "mot-cua"), ("cong-an", "chuyen-vien"), ("truong-thpt-den", "lanh-dao")}
            for _, _, token in lanes:
                assert http.get("/tasks", headers={"Authorization": f"Bearer {token}"}).status_code == 200
            assert "lienthong_cases_started_total" in http.get("/metrics").text
    assert (tmp_path / "var/lienthong.db").is_file()  # the default database, next to where it was started
    assert (tmp_path / "var/dev-jwt.key").is_file()
