"""The wiring: the engine and its collaborators, the token keys and the API's limits, built from Settings."""

from __future__ import annotations

from datetime import timedelta

from api.auth import TokenKeys, development_key
from api.config import ApiConfig
from engine import Engine, Store
from engine.agencies.connectors import Connectors
from engine.bpmn.catalog import Catalog
from engine.time.calendar import CalendarOverrides, WorkingCalendar
from engine.time.clock import Clock, SystemClock

from .settings import Settings


def build_calendar(settings: Settings) -> WorkingCalendar:
    """The working-day calendar with the installation's override file, if it exists."""
    path = settings.calendar_overrides
    overrides = CalendarOverrides.load(path) if path is not None and path.is_file() else None
    return WorkingCalendar(overrides)


def build_engine(settings: Settings, *, clock: Clock | None = None, connectors: Connectors | None = None,
                 migrate: bool = True, store: Store | None = None) -> Engine:
    """An engine on the configured database (or `store`), migrated to the latest schema, and catalogue."""
    store = store or Store(settings.database_url)
    if migrate:
        store.migrate()
    return Engine(catalog=Catalog(settings.processes_dir), store=store, clock=clock or SystemClock(),
                  calendar=build_calendar(settings), connectors=connectors,
                  async_services=settings.async_services, documents_dir=settings.documents_dir,
                  documents_max_bytes=settings.documents_max_bytes)


def build_token_keys(settings: Settings) -> TokenKeys:
    """The configured token keys: a shared secret, the development key file (made once), or a public key."""
    if settings.uses_hmac:
        if settings.jwt_secret is not None:
            secret = settings.jwt_secret.get_secret_value()
        else:
            secret = development_key(settings.dev_key_file)
        verify, signing = secret, secret
    else:
        assert settings.jwt_public_key_file is not None
        verify, signing = settings.jwt_public_key_file.read_text(encoding="utf-8"), None
    return TokenKeys(tuple(settings.jwt_algorithms), verify, signing, settings.jwt_audience,
                     settings.jwt_issuer, settings.jwt_leeway_seconds)


def build_api_config(settings: Settings) -> ApiConfig:
    """The HTTP side's limits and retention."""
    return ApiConfig(max_body_bytes=settings.max_body_bytes, max_upload_bytes=settings.max_upload_bytes,
                     max_document_bytes=settings.documents_max_bytes,
                     idempotency_retention=timedelta(hours=settings.idempotency_retention_hours),
                     drafts_dir=settings.drafts_dir)
