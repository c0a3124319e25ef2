"""The composition root: builds an Engine and its collaborators from Settings."""

from __future__ import annotations

from engine.calendar import CalendarOverrides, WorkingCalendar
from engine.catalog import Catalog
from engine.clock import Clock, SystemClock
from engine.connectors import Connectors
from engine.engine import Engine
from engine.store.store import Store

from .settings import Settings


def build_calendar(settings: Settings) -> WorkingCalendar:
    """The working-day calendar with the installation's override file, if it exists."""
    path = settings.calendar_overrides
    overrides = CalendarOverrides.load(path) if path is not None and path.is_file() else None
    return WorkingCalendar(overrides)


def build_engine(settings: Settings, *, clock: Clock | None = None, connectors: Connectors | None = None,
                 migrate: bool = True, store: Store | None = None) -> Engine:
    """An engine on the configured database (migrated to the latest schema) and catalogue.

    `store` replaces the plain Store (the API passes a RequestStore, whose requests own their transaction).
    """
    store = store or Store(settings.database_url)
    if migrate:
        store.migrate()
    return Engine(catalog=Catalog(settings.processes_dir), store=store, clock=clock or SystemClock(),
                  calendar=build_calendar(settings), connectors=connectors,
                  async_services=settings.async_services, documents_dir=settings.documents_dir,
                  documents_max_bytes=settings.documents_max_bytes)
