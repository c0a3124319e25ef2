"""Who is calling: bearer JWTs for people (citizens, officers), hashed API keys for agency systems."""

from __future__ import annotations

import hashlib
import os
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt

from engine.actors import Actor

from .errors import AuthenticationError

TOKEN_KINDS = ("citizen", "officer")
API_KEY_PREFIX = "lt_"
TIME_CLAIMS = ("exp", "nbf", "iat")


@dataclass(frozen=True)
class TokenKeys:
    """How tokens are checked (and, with a shared secret, issued): fixed algorithms, audience, issuer."""

    algorithms: tuple[str, ...]
    verify_key: str
    signing_key: str | None
    audience: str
    issuer: str
    leeway: int


def development_key(path: Path) -> str:
    """The development signing key, created once (random, owner-readable only) and shared by every process."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: when several workers start at once, exactly one writes the key; the others read it.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text(encoding="ascii").strip()
        if len(key) < 32:
            raise AuthenticationError(f"the development key file {path} is empty or too short",
                                      hint="delete it; it is re-created on the next start") from None
        return key
    key = secrets.token_urlsafe(48)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(key + "\n")
    return key


def issue_token(keys: TokenKeys, *, sub: str, kind: str = "officer", agency: str | None = None,
                roles: Sequence[str] = (), ttl: timedelta = timedelta(hours=8),
                now: datetime | None = None) -> str:
    """A signed token for a citizen or an officer (development and tests; production uses the IdP's)."""
    if keys.signing_key is None:
        raise AuthenticationError("tokens are signed by the identity provider here, not by Liên Thông",
                                  hint="issue tokens only where LIENTHONG_JWT_ALGORITHMS is HS256/384/512")
    if kind not in TOKEN_KINDS:
        raise AuthenticationError(f"token kind must be one of {', '.join(TOKEN_KINDS)}, not '{kind}'")
    issued = now or datetime.now(UTC)
    claims: dict[str, Any] = {"sub": sub, "kind": kind, "roles": list(roles), "aud": keys.audience,
                              "iss": keys.issuer, "iat": issued, "exp": issued + ttl}
    if agency:
        claims["agency"] = agency
    return jwt.encode(claims, keys.signing_key, algorithm=keys.algorithms[0])


def actor_from_token(keys: TokenKeys, token: str) -> Actor:
    """The actor a bearer token names, after checking signature, algorithm, audience, issuer and expiry."""
    return _actor(_claims(keys, token))


class VerifiedTokens:
    """Bearer tokens already checked, with the actor each names, kept until they expire.

    A signature check costs more than the rest of the authentication; a token cannot change, so its check
    holds until its expiry, which is compared again on every use (plus the configured leeway).
    """

    def __init__(self, keys: TokenKeys, size: int = 10_000) -> None:
        self.keys = keys
        self.size = size
        self._checked: dict[str, tuple[Actor, float]] = {}

    def actor(self, token: str) -> Actor:
        """The actor of a token (checked now, or earlier and not yet expired)."""
        hit = self._checked.get(token)
        if hit is not None and time.time() < hit[1] + self.keys.leeway:
            return hit[0]
        claims = _claims(self.keys, token)
        actor = _actor(claims)
        if len(self._checked) >= self.size:
            self._checked.clear()
        self._checked[token] = (actor, float(claims["exp"]))
        return actor


def _claims(keys: TokenKeys, token: str) -> dict[str, Any]:
    try:
        claims: dict[str, Any] = jwt.decode(
            token, keys.verify_key, algorithms=list(keys.algorithms), audience=keys.audience,
            issuer=keys.issuer, leeway=keys.leeway, options={"require": ["exp", "sub", "aud", "iss"]},
        )
    except jwt.ExpiredSignatureError:
        raise AuthenticationError("the token has expired", hint="sign in again") from None
    except jwt.PyJWTError as exc:
        raise AuthenticationError(f"the token was refused: {exc}") from None
    for name in TIME_CLAIMS:
        # PyJWT converts a numeric string ("9999999999") with int(); RFC 7519 says NumericDate, a number.
        value = claims.get(name)
        if name in claims and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise AuthenticationError(f"the token's '{name}' must be a number (seconds since 1970), "
                                      f"not {type(value).__name__}")
    return claims


def _actor(claims: dict[str, Any]) -> Actor:
    sub, kind = claims.get("sub"), claims.get("kind")
    if not isinstance(sub, str) or not 0 < len(sub) <= 128:
        raise AuthenticationError("the token's 'sub' must be a non-empty string of at most 128 characters")
    if kind == "citizen":
        return Actor.citizen(sub)
    if kind != "officer":
        raise AuthenticationError(f"the token's 'kind' must be one of {', '.join(TOKEN_KINDS)}")
    agency, roles = claims.get("agency"), claims.get("roles", [])
    if not isinstance(agency, str) or not agency:
        raise AuthenticationError("an officer's token needs an 'agency' claim")
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        raise AuthenticationError("the token's 'roles' must be a list of role codes")
    return Actor.officer(sub, agency, *roles)


def new_api_key() -> tuple[str, str, str]:
    """A fresh agency API key: (the key to hand over once, its hash to store, a short prefix to show)."""
    key = API_KEY_PREFIX + secrets.token_urlsafe(32)
    return key, hash_api_key(key), key[:10]


def hash_api_key(key: str) -> str:
    """SHA-256 of a key. Keys are 256-bit random, so a fast hash is enough (nothing to brute-force)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
