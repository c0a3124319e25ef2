"""Simulation through the real engine: lead times computable by hand, reproducibility, timers, errors."""

from __future__ import annotations

import math
import shutil
from datetime import date, datetime
from itertools import pairwise
from pathlib import Path

import pytest
from typer.testing import CliRunner

from engine.errors import InvalidProcessError
from engine.time.calendar import WorkingCalendar
from engine.time.clock import VN_TZ
from lienthong.app import app
from lienthong.cli import main as _registers_commands  # noqa: F401
from tests.conftest import PROCESSES
from workbench.simulate.clock import WorkClock
from workbench.simulate.distributions import Distribution
from workbench.simulate.variant import simulate_file

TINY = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs" targetNamespace="t">
  <bpmn:collaboration id="Collab">
    <bpmn:participant id="Pool" name="Bộ phận Một cửa" processRef="tiny" />
  </bpmn:collaboration>
  <bpmn:process id="tiny" isExecutable="true">
    <bpmn:startEvent id="Start_Nop" />
    {tasks}
    <bpmn:endEvent id="End_Xong" />
    {flows}
  </bpmn:process>
</bpmn:definitions>
"""


def tiny_process(folder: Path, tasks: list[str], sim: str) -> Path:
    """A straight line of user tasks in one pool, with a side file: lead times computable by hand."""
    ids = ["Start_Nop", *tasks, "End_Xong"]
    body = "".join(f'<bpmn:userTask id="{t}" name="{t}" />' for t in tasks)
    flows = "".join(f'<bpmn:sequenceFlow id="F{i}" sourceRef="{a}" targetRef="{b}" />'
                    for i, (a, b) in enumerate(pairwise(ids)))
    path = folder / "tiny.bpmn"
    path.write_text(TINY.format(tasks=body, flows=flows), encoding="utf-8")
    (folder / "tiny.sim.toml").write_text(sim, encoding="utf-8")
    return path


def test_two_exponential_steps_give_a_gamma_lead_time(tmp_path: Path) -> None:
    # Two tasks of exponential(1 day) each, nobody waits: the lead time is Gamma(2, 1) in working days,
    # mean 2, median 1.678 (solve 1 - e^-x (1 + x) = 0.5), 90th percentile 3.890.
    path = tiny_process(tmp_path, ["A", "B"], """
[simulation]
arrivals_per_day = 4
[tasks.A]
duration = "exponential(1)"
[tasks.B]
duration = "exponential(8) h"
""")
    figures = simulate_file(path, cases=3000, seed=7)
    assert figures.finished == 3000
    assert figures.lead_mean == pytest.approx(2.0, abs=0.08)
    assert figures.lead_p50 == pytest.approx(1.678, abs=0.1)
    assert figures.lead_p90 == pytest.approx(3.890, abs=0.2)


def test_one_person_queue_matches_the_mm1_formula(tmp_path: Path) -> None:
    # Poisson arrivals λ = 0.5 a day, one officer, exponential service of mean 1 day (μ = 1): an M/M/1
    # queue whose time in system is exponential with rate μ − λ = 0.5: mean 2 days, median 2·ln 2,
    # 90th percentile 2·ln 10; the officer is busy ρ = λ/μ = 50% of office hours.
    path = tiny_process(tmp_path, ["A"], """
[simulation]
arrivals_per_day = 0.5
[lanes."Bộ phận Một cửa"]
capacity = 1
[tasks.A]
duration = "exponential(1)"
""")
    figures = simulate_file(path, cases=4000, seed=3)
    assert figures.lead_mean == pytest.approx(2.0, rel=0.12)
    assert figures.lead_p50 == pytest.approx(2 * math.log(2), rel=0.12)
    assert figures.lead_p90 == pytest.approx(2 * math.log(10), rel=0.12)
    (lane,) = figures.lanes
    assert lane.capacity == 1 and lane.utilisation == pytest.approx(0.5, abs=0.04)
    assert lane.mean_wait_days == pytest.approx(1.0, rel=0.2)  # W_q = ρ / (μ − λ)


def test_the_same_seed_gives_the_same_figures(tmp_path: Path) -> None:
    source = PROCESSES / "chuyen-truong-thpt" / "as-is.bpmn"
    first = simulate_file(source, cases=150, seed=11).to_dict(with_samples=True)
    again = simulate_file(source, cases=150, seed=11).to_dict(with_samples=True)
    other = simulate_file(source, cases=150, seed=12).to_dict(with_samples=True)
    for figures in (first, again, other):
        figures.pop("wall_seconds")
    assert first == again
    assert first["lead_times"] != other["lead_times"]


def copy_procedure(tmp_path: Path, slug: str) -> Path:
    """A copy of a catalogue folder (and the shared call activities) to add or change side files in."""
    shutil.copytree(PROCESSES / slug, tmp_path / slug, ignore=shutil.ignore_patterns("*.sim.toml"))
    if (PROCESSES / "_shared").is_dir():
        shutil.copytree(PROCESSES / "_shared", tmp_path / "_shared")
    return tmp_path / slug


def test_supplements_pause_the_legal_clock_and_cost_a_trip(tmp_path: Path) -> None:
    folder = copy_procedure(tmp_path, "chuyen-truong-thpt")
    (folder / "as-is.sim.toml").write_text("""
[tasks.ThamDinh]
duration = "fixed(1)"
choices.ket_qua_tham_dinh = { dat = 0.7, can_bo_sung = 0.3 }
again.choices.ket_qua_tham_dinh = { dat = 1.0 }
[tasks.NhanHoSoBoSung]
duration = "fixed(3)"
""", encoding="utf-8")
    figures = simulate_file(folder / "as-is.bpmn", cases=400, seed=5)
    assert figures.supplement_share == pytest.approx(0.3, abs=0.06)
    # Every case hands the dossier in and collects the result (2 trips); a supplement adds one more.
    assert figures.trips == pytest.approx(2 + figures.supplement_share, abs=1e-9)
    # Three working days waiting for the citizen are paused on the legal clock: nobody is late for it.
    assert figures.on_time_share == 1.0
    assert figures.lead_p95 > 4


def test_the_deadline_timer_fires_on_the_fake_clock(tmp_path: Path) -> None:
    folder = copy_procedure(tmp_path, "chuyen-truong-thpt")
    (folder / "as-is.sim.toml").write_text("""
[tasks.ThamDinh]
duration = "fixed(9)"  # longer than the 7 working days allowed
""", encoding="utf-8")
    figures = simulate_file(folder / "as-is.bpmn", cases=30, seed=1)
    assert figures.on_time_share == 0.0
    assert figures.apology_share == 1.0  # the watchdog's apology letter (Mẫu 04) was issued for each


def test_working_time_skips_nights_weekends_and_holidays() -> None:
    calendar = WorkingCalendar()
    clock = WorkClock(calendar, date(2025, 4, 28))  # 08:00–12:00 and 13:00–17:00
    monday_noon = datetime(2025, 4, 28, 12, tzinfo=VN_TZ)
    assert clock.to_work(monday_noon) == pytest.approx(4.0)
    assert clock.to_work(datetime(2025, 4, 28, 12, 30, tzinfo=VN_TZ)) == pytest.approx(4.0)  # lunch
    assert clock.to_instant(5.5) == datetime(2025, 4, 28, 14, 30, tzinfo=VN_TZ)
    # Eight office hours later is noon on the next working day.
    later = clock.to_instant(clock.to_work(monday_noon) + 8)
    assert later == datetime(2025, 4, 29, 12, tzinfo=VN_TZ)
    # Two hours from 16:00 on the eve of 30/4 and 1/5 lands after the holidays.
    assert not calendar.is_working_day(date(2025, 4, 30)) and not calendar.is_working_day(date(2025, 5, 1))
    after_holidays = clock.to_instant(clock.to_work(datetime(2025, 4, 29, 16, tzinfo=VN_TZ)) + 2)
    assert after_holidays.date() == calendar.next_working_day(date(2025, 4, 29)) and after_holidays.hour == 9
    # A whole day's work ends at closing time, not at the next morning's opening.
    assert clock.to_instant(8.0) == datetime(2025, 4, 28, 17, tzinfo=VN_TZ)


@pytest.mark.parametrize("text, message", [
    ("normal(1, 2)", "unknown distribution"),
    ("triangular(3, 1, 2)", "min ≤ mode ≤ max"),
    ("fixed(1) weeks", "unknown unit"),
    ("exponential(0)", "above zero"),
])
def test_bad_durations_are_refused_with_the_field(text: str, message: str) -> None:
    with pytest.raises(InvalidProcessError, match=message) as info:
        Distribution.parse(text, where="tasks.A.duration", file="tiny.sim.toml")
    assert info.value.field == "tasks.A.duration" and info.value.hint


def test_shares_that_do_not_add_up_are_refused(tmp_path: Path) -> None:
    path = tiny_process(tmp_path, ["A"], '[tasks.A]\nchoices.ket_qua = { dat = 0.5, khong_dat = 0.4 }\n')
    with pytest.raises(InvalidProcessError, match=r"add up to 0\.9") as info:
        simulate_file(path, cases=5)
    assert info.value.field == "tasks.A.choices.ket_qua"


def test_the_command_prints_figures_and_clear_errors(tmp_path: Path) -> None:
    path = tiny_process(tmp_path, ["A"], '[tasks.A]\nduration = "fixed(2)"\n')
    runner = CliRunner()
    done = runner.invoke(app, ["simulate", str(path), "--cases", "20", "--json", str(tmp_path / "f.json")])
    assert done.exit_code == 0, done.output
    assert "mean lead time" in done.output and (tmp_path / "f.json").is_file()
    (tmp_path / "tiny.sim.toml").write_text('[tasks.A]\nduration = "soon"\n', encoding="utf-8")
    failed = runner.invoke(app, ["simulate", str(path), "--cases", "5"])
    assert failed.exit_code == 2 and "cannot read the distribution" in failed.output
    assert "Traceback" not in failed.output


GROUPS_WITH_SHORTER_TO_BE = ["khai-sinh-thuong-tru-bhyt", "cap-phep-trung-tam-ngoai-ngu-tin-hoc"]


@pytest.mark.parametrize("slug", GROUPS_WITH_SHORTER_TO_BE)
def test_to_be_is_faster_than_as_is(slug: str) -> None:
    folder = PROCESSES / slug
    if not (folder / "to-be.sim.toml").is_file() or not (folder / "as-is.sim.toml").is_file():
        pytest.skip(f"{slug}: the catalogue folder or its side files are not there yet")
    as_is = simulate_file(folder / "as-is.bpmn", cases=200, seed=1)
    to_be = simulate_file(folder / "to-be.bpmn", cases=200, seed=1)
    assert not as_is.stuck and not to_be.stuck
    assert to_be.lead_mean < as_is.lead_mean and to_be.lead_p90 < as_is.lead_p90
    assert to_be.trips <= as_is.trips and to_be.papers < as_is.papers
