"""`lienthong purge-history`: the retention setting read from the environment, applied to a real database."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from engine import Engine
from engine.actors import Actor
from engine.store.retention_store import PURGED
from lienthong.cli import app
from lienthong.compose.demo import sample

APPLICANT = "001203004567"


def withdrawn(engine: Engine) -> str:
    """A case of the real catalogue, withdrawn on the fixture clock's day (March 2025)."""
    version = engine.versions.deploy("chuyen-truong-thpt", "to-be")
    form = engine.versions.model(version.id).forms.get("start", {})
    case = engine.cases.start("chuyen-truong-thpt", variant="to-be", applicant=APPLICANT, data=sample(form))
    return engine.cases.withdraw(case.id, reason="Không chuyển nữa", actor=Actor.citizen(APPLICANT)).id


def test_the_setting_purges_cases_finished_longer_ago(sqlite_engine: Engine, sqlite_url: str,
                                                       tmp_path: Path) -> None:
    case_id = withdrawn(sqlite_engine)
    env = {"LIENTHONG_DATABASE_URL": sqlite_url, "LIENTHONG_RETENTION_DAYS": "365",
           "LIENTHONG_RETENTION_ARCHIVE_DIR": str(tmp_path / "archive")}
    done = CliRunner().invoke(app, ["purge-history"], env=env)
    assert done.exit_code == 0, done.output
    assert "of 1 case(s) finished before" in done.stdout and "archived to" in done.stdout
    assert [e.kind for e in sqlite_engine.cases.history(case_id)] == [PURGED]
    assert len(list((tmp_path / "archive").iterdir())) == 1


def test_a_retention_longer_than_the_cases_age_keeps_everything(sqlite_engine: Engine,
                                                                 sqlite_url: str) -> None:
    case_id = withdrawn(sqlite_engine)
    before = [e.kind for e in sqlite_engine.cases.history(case_id)]
    done = CliRunner().invoke(app, ["purge-history", f"--database-url={sqlite_url}", "--days=36500"])
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith("0 event(s) of 0 case(s)")
    assert [e.kind for e in sqlite_engine.cases.history(case_id)] == before


def test_without_a_retention_nothing_is_purged_and_it_says_so(sqlite_url: str) -> None:
    done = CliRunner().invoke(app, ["purge-history", f"--database-url={sqlite_url}"],
                              env={"LIENTHONG_RETENTION_DAYS": None})
    assert done.exit_code == 2
    assert "LIENTHONG_RETENTION_DAYS" in done.output
