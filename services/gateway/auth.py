"""Bearer-token authentication: HS256 with a shared secret (dev), RS256 via JWKS (an IdP)."""

from __future__ import annotations

import asyncio
from typing import Annotated

import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from services.common.config import AuthSettings
from services.common.errors import Unauthenticated
from services.common.identity import STAFF_ROLES, Actor, Role
from services.gateway.directory import DirectoryResolver

bearer = HTTPBearer(
    auto_error=False,
    description="A JWT: `clientflow token --user ID --role ROLE` mints one in dev.",
)


class Authenticator:
    """Verifies tokens and turns their claims into an Actor."""

    def __init__(self, settings: AuthSettings) -> None:
        self.issuer = settings.auth_issuer
        self.audience = settings.auth_audience
        self._jwks: jwt.PyJWKClient | None = None
        self._secret: str | None = None
        if settings.auth_jwks_url:
            self._jwks = jwt.PyJWKClient(settings.auth_jwks_url, cache_keys=True)
        elif settings.auth_jwt_secret is not None and settings.auth_jwt_secret.get_secret_value():
            self._secret = settings.auth_jwt_secret.get_secret_value()
        else:
            raise ValueError(
                "no token verification configured: set CLIENTFLOW_AUTH_JWT_SECRET (HS256) "
                "or CLIENTFLOW_AUTH_JWKS_URL (RS256)"
            )

    async def verify(self, token: str) -> Actor:
        """The actor a valid token names; Unauthenticated otherwise."""
        try:
            if self._jwks is not None:
                signing_key = await asyncio.to_thread(self._jwks.get_signing_key_from_jwt, token)
                key: object = signing_key.key
                algorithms = ["RS256"]
            else:
                key, algorithms = self._secret, ["HS256"]
            claims = jwt.decode(
                token,
                key,  # type: ignore[arg-type]
                algorithms=algorithms,
                audience=self.audience,
                issuer=self.issuer,
                options={"require": ["exp", "sub"]},
            )
        except jwt.ExpiredSignatureError:
            raise Unauthenticated("the bearer token has expired") from None
        except (jwt.PyJWTError, ValueError) as error:
            raise Unauthenticated(f"the bearer token is not valid: {error}") from None
        return actor_from_claims(claims)


def actor_from_claims(claims: dict[str, object]) -> Actor:
    """Claims `sub`, `roles` (list) and `team` -> Actor; unknown roles are ignored, and a
    token without a subject or without any known role is refused."""
    raw_roles = claims.get("roles") or []
    if isinstance(raw_roles, str):
        raw_roles = raw_roles.split()
    if not isinstance(raw_roles, list | tuple):
        raw_roles = []
    known = set(STAFF_ROLES)
    roles = frozenset(Role(r) for r in raw_roles if isinstance(r, str) and r in known)
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject.strip() or len(subject) > 128:
        raise Unauthenticated("the bearer token names no subject (claim sub)")
    if not roles:
        raise Unauthenticated(
            "the bearer token carries no Clientflow role (claim roles: "
            + ", ".join(sorted(known))
            + ")"
        )
    team = claims.get("team")
    return Actor(user_id=subject, roles=roles, team_id=str(team) if team else None)


async def current_actor(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> Actor:
    """The authenticated caller of this request (401 without a valid bearer token)."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthenticated("an Authorization: Bearer <token> header is required")
    authenticator: Authenticator = request.app.state.authenticator
    actor = await authenticator.verify(credentials.credentials)
    resolver: DirectoryResolver = request.app.state.directory
    resolved = await resolver.resolve(actor)
    request.state.actor_id = resolved.user_id  # for the access log
    return resolved
