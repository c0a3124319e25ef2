"""store/worker_tables.py: the worker's tables (jobs, their incidents, documents) as migrated."""

from __future__ import annotations

from engine.store.worker_tables import worker_metadata

from .test_tables import schema_drift


def test_the_migrated_schema_is_the_worker_tables_module_s(database_url: str) -> None:
    assert schema_drift(database_url, set(worker_metadata.tables)) == []


def test_the_worker_s_tables_are_their_own() -> None:
    assert set(worker_metadata.tables) == {"jobs", "incidents", "documents"}
