"""store/store.py: one transaction per operation, committed at its end or rolled back; SQLite set up so."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import exc, text

from engine import Engine
from engine.store.store import Store
from engine.time.clock import FakeClock

from .conftest import start


def test_a_transaction_commits_at_its_end_and_rolls_back_when_it_raises(linked: Engine) -> None:
    case_id = start(linked)
    with linked.store.transaction() as tx:
        tx.add_parties(case_id, ["cong-an"])
    with pytest.raises(RuntimeError), linked.store.transaction() as tx:
        tx.add_parties(case_id, ["so-gd"])
        raise RuntimeError("a step failed after its first write")
    with linked.store.transaction(write=False) as tx:
        assert tx.case_agencies(case_id) == {"ubnd-xa", "cong-an"}


def test_migrating_twice_changes_nothing(database_url: str) -> None:
    store = Store(database_url)
    try:
        store.migrate()
        store.migrate()
        with store.transaction(write=False) as tx:
            assert tx.versions() == []
    finally:
        store.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys_in_a_folder_it_makes(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'du-lieu' / 'lienthong.db'}")
    try:
        store.migrate()
        assert (tmp_path / "du-lieu" / "lienthong.db").is_file()
        with store.transaction(write=False) as tx:
            assert tx.c.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
            assert tx.c.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        with pytest.raises(exc.IntegrityError), store.transaction() as tx:
            tx.add_parties("khong-co-ho-so", ["cong-an"])  # no such case
    finally:
        store.dispose()


def test_a_reader_is_not_held_up_by_a_writer_on_sqlite(tmp_path: Path, clock: FakeClock) -> None:
    store = Store(f"sqlite:///{tmp_path / 'lienthong.db'}")
    try:
        store.migrate()
        with store.transaction() as writer:  # BEGIN IMMEDIATE: the write lock, held to the block's end
            writer.put_bundle("h" * 64, "thu-tuc", "default", "{}", clock.now())
            with store.transaction(write=False) as reader:  # WAL: reads the last commit meanwhile
                assert reader.get_bundle("h" * 64) is None
        with store.transaction(write=False) as reader:
            assert reader.get_bundle("h" * 64) == "{}"
    finally:
        store.dispose()
