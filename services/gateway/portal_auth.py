"""The client portal's own tokens. After a one-time sign-in the gateway issues a short-lived
HS256 token with audience `clientflow-portal`, subject `client:{id}` and role `client`, signed
with a key derived from CLIENTFLOW_INTERNAL_SECRET for this purpose only. Staff routes verify
against the staff issuer and audience and accept only staff roles, so a portal token is a 401
there; portal routes verify only this key and audience, so a staff token is a 401 here."""

from __future__ import annotations

import hashlib
import time
from typing import Annotated

import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials

from services.common.errors import Unauthenticated
from services.common.grpc_server import internal_secret_from_environment
from services.common.identity import CLIENT_PREFIX, Actor, Role
from services.gateway.auth import bearer

PORTAL_AUDIENCE = "clientflow-portal"
PORTAL_ISSUER = "clientflow-gateway"


class PortalTokens:
    def __init__(self, internal_secret: str | None = None) -> None:
        secret = internal_secret or internal_secret_from_environment()
        self._key = hashlib.sha256(b"clientflow portal session\x00" + secret.encode()).hexdigest()

    def mint(self, client_id: str, minutes: int) -> tuple[str, int]:
        """(token, expiry as a Unix time)."""
        now = int(time.time())
        expires = now + minutes * 60
        claims = {
            "sub": f"{CLIENT_PREFIX}{client_id}",
            "roles": [Role.CLIENT.value],
            "iat": now,
            "exp": expires,
            "iss": PORTAL_ISSUER,
            "aud": PORTAL_AUDIENCE,
        }
        return jwt.encode(claims, self._key, algorithm="HS256"), expires

    def verify(self, token: str) -> Actor:
        try:
            claims = jwt.decode(
                token,
                self._key,
                algorithms=["HS256"],
                audience=PORTAL_AUDIENCE,
                issuer=PORTAL_ISSUER,
                options={"require": ["exp", "sub", "aud", "iss"]},
            )
        except jwt.ExpiredSignatureError:
            raise Unauthenticated("the portal session has expired: sign in again") from None
        except jwt.PyJWTError:
            raise Unauthenticated("a client portal session is required") from None
        subject = claims.get("sub")
        if not isinstance(subject, str) or not subject.startswith(CLIENT_PREFIX):
            raise Unauthenticated("a client portal session is required")
        return Actor(user_id=subject, roles=frozenset({Role.CLIENT}))


async def current_client(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> Actor:
    """The client signed in to the portal (401 without a valid portal session)."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthenticated("an Authorization: Bearer <portal session> header is required")
    tokens: PortalTokens = request.app.state.portal_tokens
    actor = tokens.verify(credentials.credentials)
    request.state.actor_id = actor.user_id
    return actor


CurrentClient = Annotated[Actor, Depends(current_client)]
