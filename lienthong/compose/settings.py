"""Settings: one validated class read from LIENTHONG_* environment variables, built in a factory."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

HMAC_ALGORITHMS = frozenset({"HS256", "HS384", "HS512"})
KEY_PAIR_ALGORITHMS = frozenset({"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384",
                                 "ES512", "EdDSA"})


class Settings(BaseSettings):
    """Everything an installation configures. Created by `create_app()` or a command, never at import."""

    model_config = SettingsConfigDict(env_prefix="LIENTHONG_", env_file=".env", extra="ignore")

    environment: Literal["development", "production"] = "development"
    database_url: str = "sqlite:///var/lienthong.db"
    processes_dir: Path = Path("processes")
    calendar_overrides: Path | None = Path("config/calendar-overrides.toml")
    demo: bool = False  # other agencies' systems answered by local fakes (demo.py); set by serve --demo

    # Bearer tokens. The accepted algorithms are fixed here, never read from a token's header.
    jwt_algorithms: list[str] = Field(default_factory=lambda: ["HS256"])
    jwt_secret: SecretStr | None = None  # HS*: the shared secret; unset in development = the dev key file
    jwt_public_key_file: Path | None = None  # RS*/PS*/ES*/EdDSA: PEM public key of the identity provider
    jwt_audience: str = "lienthong"
    jwt_issuer: str = "lienthong-dev"
    jwt_leeway_seconds: int = Field(default=30, ge=0, le=300)
    dev_key_file: Path = Path("var/dev-jwt.key")

    # Requests.
    max_body_bytes: int = Field(default=1_048_576, ge=1024)  # JSON bodies
    max_upload_bytes: int = Field(default=10 * 1_048_576, ge=1024)  # BPMN uploads (parse_bpmn caps 10 MB)
    idempotency_retention_hours: int = Field(default=24, ge=1)
    # History retention (`lienthong purge-history`): the audit events of cases finished more than this many
    # days ago are deleted (none kept forever: unset), archived first to gzip JSON lines in the directory.
    retention_days: int | None = Field(default=None, ge=1)
    retention_archive_dir: Path | None = None

    # The worker (`lienthong worker`, docs/worker.md): the national portal, retries, async service tasks.
    portal_url: str | None = None  # where status changes go, e.g. http://127.0.0.1:8900/api/dossier-status
    worker_batch: int = Field(default=50, ge=1, le=1000)  # outbox rows (and jobs) leased per pass
    worker_lease_seconds: float = Field(default=60, gt=0)  # a crashed worker's rows are retaken after this
    worker_max_attempts: int = Field(default=8, ge=1)  # then a dead letter (outbox) or an incident (job)
    worker_backoff_seconds: float = Field(default=1.0, ge=0)  # first retry delay, doubling, jittered
    worker_backoff_cap_seconds: float = Field(default=300, ge=0)
    worker_poll_seconds: float = Field(default=1.0, gt=0)  # idle wait between passes
    async_services: bool = False  # service tasks run by the worker outside the engine step
    agency_urls: dict[str, str] = Field(default_factory=dict)  # {"population": "http://…"} (remote.py)
    # Where messages to other agencies are pushed, by agency code: {"cong-an": "http://…/messages"}; an
    # agency without one reads its messages from GET /inbox only.
    agency_endpoints: dict[str, str] = Field(default_factory=dict)
    documents_dir: Path = Path("var/documents")  # digitised dossier components, content-addressed
    documents_max_bytes: int = Field(default=10 * 1_048_576, ge=1024)
    drafts_dir: Path = Path("var/drafts")  # the studio's drafts of diagrams being checked (docs/pages.md)

    @field_validator("jwt_algorithms")
    @classmethod
    def _one_algorithm_family(cls, value: list[str]) -> list[str]:
        # Mixing HMAC and key-pair algorithms invites algorithm-confusion attacks: refuse it outright.
        unknown = [a for a in value if a not in HMAC_ALGORITHMS | KEY_PAIR_ALGORITHMS]
        if not value or unknown:
            raise ValueError(f"unsupported JWT algorithms {unknown or value}; use e.g. HS256 or RS256")
        if set(value) & HMAC_ALGORITHMS and set(value) & KEY_PAIR_ALGORITHMS:
            raise ValueError("JWT algorithms must be all HMAC (HS*) or all key-pair (RS*/ES*/…), not both")
        return value

    @field_validator("jwt_secret")
    @classmethod
    def _long_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value().encode()) < 32:
            raise ValueError("LIENTHONG_JWT_SECRET must be at least 32 bytes (RFC 7518 §3.2)")
        return value

    @model_validator(mode="after")
    def _keys_for_production(self) -> Settings:
        if self.uses_hmac and self.environment == "production" and self.jwt_secret is None:
            raise ValueError("production needs LIENTHONG_JWT_SECRET (the development key file is refused)")
        if not self.uses_hmac and self.jwt_public_key_file is None:
            raise ValueError(f"{self.jwt_algorithms[0]} tokens need LIENTHONG_JWT_PUBLIC_KEY_FILE")
        return self

    @property
    def uses_hmac(self) -> bool:
        """Whether tokens are signed with a shared secret (HS*) rather than a key pair."""
        return self.jwt_algorithms[0] in HMAC_ALGORITHMS
