"""Minting the HS256 bearer tokens the gateway accepts with CLIENTFLOW_AUTH_JWT_SECRET: for
development, tests, the dev stack's banner and the console's dev sign-in."""

from __future__ import annotations

import time
from collections.abc import Iterable

import jwt


def mint_token(
    secret: str,
    *,
    user_id: str,
    roles: Iterable[str],
    team_id: str | None = None,
    ttl_seconds: int = 8 * 3600,
    issuer: str = "clientflow",
    audience: str = "clientflow",
) -> str:
    """An HS256 token for development and tests."""
    now = int(time.time())
    claims: dict[str, object] = {
        "sub": user_id,
        "roles": sorted(set(roles)),
        "iat": now,
        "exp": now + ttl_seconds,
        "iss": issuer,
        "aud": audience,
    }
    if team_id:
        claims["team"] = team_id
    return jwt.encode(claims, secret, algorithm="HS256")
