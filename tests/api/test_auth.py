"""Authentication: bearer JWTs checked for signature, algorithm, audience, issuer and expiry; API keys."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt
import pytest
from typer.testing import CliRunner

from api.auth import TokenKeys, VerifiedTokens, issue_token
from api.errors import AuthenticationError
from api.persistence import ApiStore
from lienthong.app import app as cli
from lienthong.cli import main as _registers_commands  # noqa: F401
from lienthong.compose.settings import Settings
from lienthong.compose.wiring import build_token_keys
from tests.api.conftest import SECRET, Api, Cast


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def claims(**changes: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    base = {"sub": "canbo.motcua", "kind": "officer", "agency": "so-gddt", "roles": ["mot-cua"],
            "aud": "lienthong", "iss": "lienthong-dev", "iat": now, "exp": now + timedelta(hours=1)}
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


@pytest.mark.parametrize("token, reason", [
    (jwt.encode(claims(exp=datetime.now(UTC) - timedelta(minutes=5)), SECRET, "HS256"), "expired"),
    (jwt.encode(claims(aud="another-service"), SECRET, "HS256"), "audience"),
    (jwt.encode(claims(iss="someone-else"), SECRET, "HS256"), "issuer"),
    (jwt.encode(claims(exp=None), SECRET, "HS256"), "exp"),
    (jwt.encode(claims(exp=str(int(time.time()) + 3600)), SECRET, "HS256"), "'exp' must be a number"),
    (jwt.encode(claims(nbf="0"), SECRET, "HS256"), "'nbf' must be a number"),
    (jwt.encode(claims(iat=str(int(time.time()))), SECRET, "HS256"), "'iat' must be a number"),
    (jwt.encode(claims(exp=True), SECRET, "HS256"), "exp"),
    (jwt.encode(claims(), "a-different-secret-" + "x" * 64, "HS256"), "signature"),
    (jwt.encode(claims(), SECRET, "HS512"), "alg"),
    (jwt.encode(claims(), None, "none"), "alg"),
    (jwt.encode(claims(kind="system"), SECRET, "HS256"), "kind"),
    (jwt.encode(claims(kind=None), SECRET, "HS256"), "kind"),
    (jwt.encode(claims(agency=None), SECRET, "HS256"), "agency"),
    (jwt.encode(claims(roles="mot-cua"), SECRET, "HS256"), "roles"),
    (jwt.encode(claims(sub=""), SECRET, "HS256"), "sub"),
    ("not.a.token", "refused"),
])
def test_bad_tokens_are_401_with_the_reason(api: Api, token: str, reason: str) -> None:
    response = api.get("/tasks", headers=bearer(token))
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert reason in response.json()["detail"].lower()


def test_tampered_roles_are_refused(api: Api) -> None:
    token = issue_token(api.app.state.services.keys, sub="canbo", agency="so-gddt", roles=["mot-cua"])
    head, _, signature = token.split(".")
    forged = jwt.encode(claims(roles=["lanh-dao"]), SECRET, "HS256").split(".")[1]
    assert api.get("/tasks", headers=bearer(f"{head}.{forged}.{signature}")).status_code == 401


def test_no_credentials_or_both_are_refused(api: Api, cast: Cast) -> None:
    assert api.get("/cases").status_code == 401
    assert api.get("/cases", headers={"Authorization": "Basic dXNlcjpwYXNz"}).status_code == 401
    both = api.get("/cases", headers={**cast.desk.headers, **cast.police.headers})
    assert both.status_code == 401 and "not both" in both.json()["detail"]


def test_api_keys_are_stored_hashed_and_can_be_revoked(api: Api, cast: Cast) -> None:
    store = ApiStore(api.engine.store)  # type: ignore[arg-type]
    key = cast.police.headers["X-API-Key"]
    assert api.get("/tasks", cast.police).status_code == 200
    record = store.list_api_keys("cong-an")[0]
    with api.engine.store.transaction(write=False) as tx:
        stored = [row[0] for row in tx.c.exec_driver_sql("SELECT key_hash FROM api_keys")]
    assert key not in stored and all(len(h) == 64 for h in stored) and key.startswith(record.prefix)
    assert store.revoke_api_key(record.id, datetime.now(UTC))
    revoked = api.get("/tasks", cast.police)
    assert revoked.status_code == 401 and "revoked" in revoked.json()["detail"]
    assert api.get("/tasks", headers={"X-API-Key": "lt_guess"}).status_code == 401


def test_open_endpoints_need_no_credentials(api: Api) -> None:
    assert api.get("/health").status_code == 200
    assert api.get("/metrics").status_code == 200
    assert api.get("/openapi.json").status_code == 200


def test_lienthong_token_signs_with_the_dev_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LIENTHONG_JWT_SECRET", raising=False)
    result = CliRunner().invoke(cli, ["token", "--sub", "canbo.motcua", "--agency", "so-gddt",
                                      "--roles", "mot-cua,chuyen-vien", "--hours", "2"])
    assert result.exit_code == 0, result.output
    key = (tmp_path / "var/dev-jwt.key").read_text().strip()
    assert (tmp_path / "var/dev-jwt.key").stat().st_mode & 0o077 == 0  # readable by its owner only
    decoded = jwt.decode(result.output.strip(), key, algorithms=["HS256"], audience="lienthong")
    assert decoded["sub"] == "canbo.motcua" and decoded["roles"] == ["mot-cua", "chuyen-vien"]
    assert decoded["exp"] - decoded["iat"] == 7200
    keys = build_token_keys(Settings(_env_file=None))  # type: ignore[call-arg]
    assert keys.verify_key == key  # the server started from the same folder accepts it
    refused = CliRunner().invoke(cli, ["token", "--sub", "x"])
    assert refused.exit_code == 2 and "--agency" in refused.output


def test_settings_refuse_unsafe_token_configurations() -> None:
    with pytest.raises(ValueError, match="not both"):
        Settings(_env_file=None, jwt_algorithms=["HS256", "RS256"])  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="unsupported"):
        Settings(_env_file=None, jwt_algorithms=["none"])  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="production"):
        Settings(_env_file=None, environment="production")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="PUBLIC_KEY"):
        Settings(_env_file=None, jwt_algorithms=["RS256"])  # type: ignore[call-arg]


def test_a_checked_token_is_remembered_only_until_it_expires() -> None:
    keys = TokenKeys(("HS256",), SECRET, SECRET, "lienthong", "lienthong-dev", leeway=0)
    tokens = VerifiedTokens(keys)
    now = datetime.now(UTC)
    fresh = issue_token(keys, sub="canbo", agency="so-gddt", roles=["mot-cua"], now=now)
    assert tokens.actor(fresh) is tokens.actor(fresh)  # the second use is not checked again
    stale = issue_token(keys, sub="canbo", agency="so-gddt", roles=["mot-cua"], now=now - timedelta(hours=9),
                        ttl=timedelta(hours=9, seconds=1))  # valid for one more second
    assert tokens.actor(stale).id == "canbo"
    time.sleep(1.2)
    with pytest.raises(AuthenticationError, match="expired"):
        tokens.actor(stale)
