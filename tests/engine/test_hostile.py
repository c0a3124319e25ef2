"""The hostile-model corpus (tests/data/hostile/) through the real engine: each payload is stopped at its
script task with a message that says why, never a traceback or a hang; data stays data; helpers work."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine import Engine
from engine.bpmn.catalog import Catalog
from engine.bpmn.reader import parse_bpmn
from engine.errors import InvalidProcessError, UnsafeExpressionError, ValidationError
from engine.sandbox.sandbox import Sandbox
from engine.time.clock import FakeClock
from tests.conftest import make_engine
from tests.hostile import DOCTYPES, ORDINARY, SLUG, Payload, doctype_line, hostile_catalog, payloads

CORPUS = payloads()
WALL_LIMIT = 10.0  # seconds: CPU is capped at 1 s, but a loaded test machine stretches wall time


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The corpus catalogue: the ordinary variant and one variant per payload."""
    return Catalog(hostile_catalog(tmp_path_factory.mktemp("hostile"), CORPUS))


@pytest.fixture
def engine(sqlite_url: str, clock: FakeClock, hostile: Catalog) -> Iterator[Engine]:
    """An engine on the corpus catalogue."""
    built = make_engine(sqlite_url, clock, hostile)
    yield built
    built.store.dispose()


def test_other_cases_write_while_a_script_runs(database_url: str, clock: FakeClock, hostile: Catalog) -> None:
    """No write transaction (on SQLite, the one write lock) is held while a step runs its scripts."""
    engine = make_engine(database_url, clock, hostile)
    engine.versions.deploy(SLUG, "vong-lap-vo-han")
    ordinary = engine.cases.start(SLUG, applicant="001090000001", variant=ORDINARY)
    task = engine.tasks.list(case_id=ordinary.id)[0]
    stopped: list[UnsafeExpressionError] = []

    def bomb() -> None:
        with pytest.raises(UnsafeExpressionError) as caught:
            engine.cases.start(SLUG, applicant="001090000002", variant="vong-lap-vo-han")
        stopped.append(caught.value)

    thread = threading.Thread(target=bomb)
    thread.start()
    time.sleep(0.3)  # the bomb's script is running: it is stopped after 1 s of CPU at the earliest
    started = time.monotonic()
    engine.tasks.complete(task.id, {})
    engine.cases.start(SLUG, applicant="001090000003", variant=ORDINARY)
    took = time.monotonic() - started
    bomb_running = thread.is_alive()
    thread.join()
    engine.store.dispose()
    assert bomb_running, "the bomb ended before the ordinary writes: nothing was shown"
    assert took < 0.5, f"an ordinary case's two writes took {took:.2f} s while a script ran"
    assert stopped[0].element_id == "Script_Tinh"


@pytest.mark.parametrize("payload", CORPUS, ids=[p.name for p in CORPUS])
def test_each_payload_is_stopped_at_its_script_task(engine: Engine, payload: Payload) -> None:
    started = time.monotonic()
    with pytest.raises(UnsafeExpressionError) as caught:
        engine.cases.start(SLUG, applicant="001090000001", variant=payload.name)
    took = time.monotonic() - started
    error = caught.value
    assert error.element_id == "Script_Tinh"
    assert payload.stopped(error.message), error.message
    assert "Traceback" not in str(error)
    assert took < WALL_LIMIT, f"{payload.name} took {took:.1f} s"
    # The service is unharmed: an ordinary case runs next.
    case = engine.cases.start(SLUG, applicant="001090000001", variant=ORDINARY)
    assert engine.cases.get(case.id, with_data=True).data["nhan_xet"] == "xong 3"


def test_strftime_date_helpers_and_no_addresses() -> None:
    helpers = {"now": lambda: __import__("datetime").datetime(2025, 3, 3, 9, 30)}
    data: dict[str, object] = {}
    Sandbox().execute("nam = now().strftime('%Y')\nngay = now().strftime('%d/%m/%Y')", data, helpers)
    assert data == {"nam": "2025", "ngay": "03/03/2025"}
    assert Sandbox().evaluate("now().strftime('%H:%M')", {}, helpers) == "09:30"


@pytest.mark.parametrize("name", ["deadline", "__lt_iter", "__builtins__", "sum", "__x"])
def test_names_reserved_by_the_sandbox_are_refused_in_start_data(engine: Engine, name: str) -> None:
    with pytest.raises(ValidationError) as caught:
        engine.cases.start(SLUG, applicant="001090000001", variant=ORDINARY, data={name: 1})
    assert caught.value.field == name
    assert name in caught.value.message


@pytest.mark.parametrize("path", DOCTYPES, ids=lambda p: p.stem)
def test_a_doctype_is_refused_in_every_encoding(path: Path) -> None:
    with pytest.raises(InvalidProcessError, match="DTDs and entities are not allowed") as caught:
        parse_bpmn(path)
    assert caught.value.line == doctype_line(path)
