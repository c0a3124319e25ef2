"""Settings: one validated class read from LIENTHONG_* environment variables, built in a factory."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything an installation configures. Created by `create_app()` or the CLI, never at import."""

    model_config = SettingsConfigDict(env_prefix="LIENTHONG_", env_file=".env", extra="ignore")

    database_url: str = "sqlite:///var/lienthong.db"
    processes_dir: Path = Path("processes")
    calendar_overrides: Path | None = Path("config/calendar-overrides.toml")
