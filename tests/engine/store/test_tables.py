"""store/tables.py: the schema the migrations build is exactly the one the statements are written on."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import MetaData, create_engine, inspect

from engine.store.store import Store
from engine.store.tables import metadata
from engine.store.worker_tables import worker_metadata


def schema_drift(url: str, tables: set[str]) -> list[object]:
    """What alembic would change for the migrated database to match the engine's MetaData, on these tables."""
    store = Store(url)
    store.migrate()
    store.dispose()
    # One MetaData with both, so that the worker's foreign keys to cases resolve.
    schema = MetaData()
    for table in [*metadata.tables.values(), *worker_metadata.tables.values()]:
        table.to_metadata(schema)

    def include_object(thing: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
        # The database also holds the API's tables (api/persistence/) and alembic's own.
        return (name if type_ == "table" else thing.table.name) in tables

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_object": include_object})
            return list(compare_metadata(context, schema))
    finally:
        engine.dispose()


def test_the_migrated_schema_is_the_tables_module_s(database_url: str) -> None:
    assert schema_drift(database_url, set(metadata.tables)) == []


def test_every_table_is_created_by_the_migrations(database_url: str) -> None:
    store = Store(database_url)
    store.migrate()
    store.dispose()
    engine = create_engine(database_url)
    try:
        present = set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert set(metadata.tables) <= present
