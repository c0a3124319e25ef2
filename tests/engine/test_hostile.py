"""The hostile-model corpus (tests/data/hostile/) through the real engine: each payload is stopped at its
script task with a message that says why, never a traceback or a hang; data stays data; helpers work."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine import Engine
from engine.bpmn_xml import parse_bpmn
from engine.catalog import Catalog
from engine.clock import FakeClock
from engine.errors import InvalidProcessError, UnsafeExpressionError, ValidationError
from engine.sandbox import Sandbox
from engine.sandbox_bounds import is_plain
from engine.scripting import HELPER_NAMES
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


def test_helpers_show_their_name_not_an_address(engine: Engine) -> None:
    sandbox = engine.core.script_engine.sandbox
    helpers = engine.core.script_engine.environment.helpers
    shown = sandbox.evaluate("f'{now!r} {deadline}'", {}, helpers)
    assert shown == "<helper now()> <helper deadline()>"
    data: dict[str, object] = {}
    sandbox.execute("shown = f'{today!r}'", data, helpers)
    assert data == {"shown": "<helper today()>"}


@pytest.mark.parametrize("name", ["deadline", "__lt_iter", "__builtins__", "sum", "__x"])
def test_names_reserved_by_the_sandbox_are_refused_in_start_data(engine: Engine, name: str) -> None:
    with pytest.raises(ValidationError) as caught:
        engine.cases.start(SLUG, applicant="001090000001", variant=ORDINARY, data={name: 1})
    assert caught.value.field == name
    assert name in caught.value.message


def test_reserved_names_cover_every_helper(engine: Engine) -> None:
    assert set(engine.core.script_engine.environment.helpers) == HELPER_NAMES


@pytest.mark.parametrize(
    ("source", "plain"),
    [("fee > 0", True), ('ket_qua == "dat" and not bo_sung', True), ('deadline("cong-an")', True),
     ("now().strftime('%Y') == '2025'", True), ("sorted(xs)[0]", False), ("','.join(xs)", False),
     ("s.replace('a', 'b')", False), ("[x for x in xs]", False), ("sum(map(lambda i: i, xs))", False)],
)
def test_plain_expressions_run_in_process_and_the_rest_confined(source: str, plain: bool) -> None:
    compiled = Sandbox().compile(source, "eval")
    assert is_plain(compiled.tree, HELPER_NAMES) is plain


def test_a_script_result_that_is_not_data_names_its_key() -> None:
    with pytest.raises(UnsafeExpressionError, match=r"'ho_so\.ds\[1\]' is a map"):
        Sandbox().execute("ho_so = {'ds': [1, map(str, [1])]}", {}, {})
    with pytest.raises(UnsafeExpressionError, match="store dates as text"):
        Sandbox().execute("d = date(2025, 3, 3)", {}, {})


def test_helper_arguments_are_bounded(engine: Engine) -> None:
    helpers = engine.core.script_engine.environment.helpers
    with pytest.raises(UnsafeExpressionError, match="at most"):
        engine.core.script_engine.sandbox.evaluate("add_working_days(today(), 10**8)", {}, helpers)


@pytest.mark.parametrize("path", DOCTYPES, ids=lambda p: p.stem)
def test_a_doctype_is_refused_in_every_encoding(path: Path) -> None:
    with pytest.raises(InvalidProcessError, match="DTDs and entities are not allowed") as caught:
        parse_bpmn(path)
    assert caught.value.line == doctype_line(path)
