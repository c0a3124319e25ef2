"""/health and /metrics."""

from __future__ import annotations

import re

from tests.api.conftest import LINKED, SCHOOL, Api, Cast


def sample(text: str, name: str, **labels: str) -> float:
    """The value of one sample of the exposition text."""
    for line in text.splitlines():
        if line.startswith(name + "{") or line.startswith(name + " "):
            found = dict(re.findall(r'(\w+)="([^"]*)"', line))
            if all(found.get(k) == v for k, v in labels.items()) and (labels or "{" not in line):
                return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"no sample {name} {labels} in:\n{text}")


def test_health_checks_the_database(api: Api) -> None:
    assert api.get("/health").json() == {"status": "ok", "database": "ok", "version": "0.1.0"}


def test_metrics_count_requests_cases_and_open_tasks(api: Api, cast: Cast) -> None:
    case = api.start(cast.citizen_a, SCHOOL)
    api.start(cast.xa_desk, LINKED, applicant=cast.citizen_b.name)
    api.do(cast.desk, case, "KiemTraHoSo", {"ket_qua_kiem_tra": "day_du"})
    api.get(f"/cases/{case['id']}", cast.citizen_a)
    api.get("/cases/khong-co", cast.citizen_a)
    response = api.get("/metrics")
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    text = response.text
    requests = "lienthong_http_requests_total"
    assert sample(text, requests, method="POST", route="/cases", status="201") == 2
    assert sample(text, requests, method="GET", route="/cases/{case_id}", status="200") == 1
    assert sample(text, requests, method="GET", route="/cases/{case_id}", status="404") == 1
    assert sample(text, "lienthong_http_request_duration_seconds_count", route="/cases") == 2
    assert sample(text, "lienthong_http_request_duration_seconds_bucket", route="/cases", le="+Inf") == 2
    assert sample(text, "lienthong_cases_started_total") == 2
    assert sample(text, "lienthong_cases_completed_total") == 0
    assert sample(text, "lienthong_tasks_completed_total") == 1
    assert sample(text, "lienthong_open_tasks", agency="so-gddt", role="mot-cua") == 1
    assert sample(text, "lienthong_open_tasks", agency="ubnd-xa", role="mot-cua") == 1
    assert "# TYPE lienthong_open_tasks gauge" in text and text.endswith("\n")
