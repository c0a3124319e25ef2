"""The operator commands as real processes: `lienthong report`, `dead-letters`, `incidents`, `fake-agency`."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import Result
from typer.testing import CliRunner

from engine import Engine
from engine.actors import SYSTEM
from engine.agencies.outbox import OutboxDelivery
from engine.agencies.remote import HttpPortal
from engine.agencies.retry import RetryPolicy
from engine.bpmn.catalog import Catalog
from engine.store.store import Store
from engine.time.calendar import WorkingCalendar
from engine.time.clock import FakeClock
from lienthong.cli import app
from tests.worker.march import simulate
from tests.worker.support import PROCESSES, cli, free_port, make_engine, make_status_changes, stop, wait_for


def run(*args: str) -> Result:
    """A command run in this process (the real command code; `cli` starts real processes)."""
    return CliRunner().invoke(
        app, list(args), env={"LIENTHONG_PROCESSES_DIR": str(PROCESSES), "COLUMNS": "200"}
    )


@pytest.fixture
def march(sqlite_url: str, tmp_path: Path) -> Iterator[str]:
    """A database holding the simulated March 2025."""
    store = Store(sqlite_url)
    store.migrate()
    clock = FakeClock("2025-02-24T09:00")
    engine = Engine(
        catalog=Catalog(PROCESSES),
        store=store,
        clock=clock,
        calendar=WorkingCalendar(),
        documents_dir=tmp_path / "documents",
    )
    simulate(engine, clock)
    store.dispose()
    yield sqlite_url


def test_report_prints_the_month_and_writes_a_self_contained_page(march: str, tmp_path: Path) -> None:
    page = tmp_path / "bao-cao" / "2025-03.html"
    done = run("report", "--month", "2025-03", f"--html={page}", f"--database-url={march}")
    assert done.exit_code == 0, done.output
    assert "Số hồ sơ (tháng 03/2025" in done.stdout and "2/1/2" in done.stdout and "66,7" in done.stdout
    html = page.read_text(encoding="utf-8")
    assert html.count("<svg") == 2 and "Xong trễ hạn (finished late): 1" in html
    assert "Đồng bộ Cổng DVC quốc gia (synced to the portal): 0,0 %" in html  # nothing synced yet
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")  # nothing to fetch


def test_report_refuses_a_badly_written_month(march: str) -> None:
    done = run("report", "--month", "03/2025", f"--database-url={march}")
    assert done.exit_code == 2
    assert "'03/2025' is not a month; write it as YYYY-MM" in done.output


def test_dead_letters_and_incidents_list_and_replay(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    make_status_changes(engine, 1)
    nobody = HttpPortal(f"http://127.0.0.1:{free_port()}/api/dossier-status", timeout=2)  # refused
    worker = OutboxDelivery(engine.store, nobody, policy=RetryPolicy(0, 0, 1))
    assert worker.deliver_once().dead == 1
    worker.close()
    listing = run("dead-letters", f"--database-url={sqlite_url}")
    assert listing.exit_code == 0 and "Dead letters: 1" in listing.stdout
    assert "ConnectError" in listing.stdout
    [dead], _ = engine.outbox.dead_letters(SYSTEM)
    unknown = run("dead-letters", f"--database-url={sqlite_url}", f"--replay={dead.id + 1000}")
    assert "0 dead letter(s) queued again" in unknown.stdout
    assert f"no dead letter {dead.id + 1000}" in unknown.output
    replay = run("dead-letters", f"--database-url={sqlite_url}", f"--replay={dead.id}")
    assert "1 dead letter(s) queued again" in replay.stdout
    assert engine.outbox.dead_letters(SYSTEM)[1] == 0
    engine.store.dispose()

    broken = make_engine(sqlite_url, async_services=True)  # no connector at all: the job fails for good
    case = broken.cases.start("thu-nghiem-dong-bo", variant="dich-vu", applicant="001203004567")
    task = broken.tasks.list(case_id=case.id)[0]
    broken.tasks.complete(task.id, {"so_dinh_danh": "001203004567"})
    broken.jobs.runner(policy=RetryPolicy(0, 0, 1)).run_once()
    broken.store.dispose()
    listing = run("incidents", f"--database-url={sqlite_url}")
    assert "Incidents: 1 open" in listing.stdout and "population.lookup" in listing.stdout
    retried = run("incidents", f"--database-url={sqlite_url}", "--retry=1", "--retry=99")
    assert "incident 1: its job is queued again" in retried.stdout
    assert "incident 99: no incident 99" in retried.output


def test_fake_agency_answers_over_http_and_refuses_what_it_does_not_serve() -> None:
    port = free_port()
    agency = cli(
        "fake-agency",
        "population",
        "judicial_record",
        f"--port={port}",
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}"

        def up() -> bool:
            try:
                return httpx.get(f"{url}/health", timeout=1).status_code == 200
            except httpx.TransportError:
                return False

        wait_for(up, 30, "the fake agency")
        headers = {"Idempotency-Key": "k1"}
        answer = httpx.post(
            f"{url}/operations/judicial_record.request", json={"ma_ho_so": "HS-1"}, headers=headers
        )
        assert answer.status_code == 200 and answer.json()["ma_ho_so"] == "HS-1"
        refused = httpx.post(
            f"{url}/operations/residence.register", json={}, headers={"Idempotency-Key": "k2"}
        )
        assert refused.status_code == 404 and "population.lookup" in refused.json()["error"]
        assert httpx.post(f"{url}/operations/population.lookup", json={}).status_code == 400  # no key
        assert httpx.get(f"{url}/received").json()["count"] == 1
    finally:
        stop([agency])
    bad = run("fake-agency", "weather")
    assert bad.exit_code == 2 and "unknown agency weather" in bad.output
