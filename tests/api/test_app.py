"""The application is assembled from ready parts (api/app.py) by the composition root (lienthong/compose/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.app import build_app
from api.persistence import ApiStore
from engine import Engine
from engine.bpmn.catalog import Catalog
from engine.store.store import Store
from engine.time.calendar import WorkingCalendar
from engine.time.clock import FakeClock
from lienthong.compose.wiring import build_token_keys
from tests.api.conftest import settings_for


def engine_on(store: Store, catalog: Catalog) -> Engine:
    return Engine(catalog=catalog, store=store, clock=FakeClock("2025-03-03T09:00"),
                  calendar=WorkingCalendar())


def test_the_api_store_must_share_the_engine_s_store(tmp_path: Path, api_catalog: Catalog) -> None:
    engine = engine_on(Store(f"sqlite:///{tmp_path / 'cases.db'}"), api_catalog)
    elsewhere = ApiStore(Store(f"sqlite:///{tmp_path / 'keys.db'}"))
    keys = build_token_keys(settings_for("sqlite://", tmp_path, tmp_path))
    with pytest.raises(ValueError, match="engine's own Store"):
        build_app(engine, elsewhere, keys)
