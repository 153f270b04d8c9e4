"""POST /v1/dev/token: a development sign-in, so a frontend under development gets a token
without shelling out to `clientflow token`. It mints a token for anyone, so it exists only
when `clientflow dev --dev-sign-in` starts the gateway (never from settings in production,
never with an identity provider's JWKS)."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from services.common.tokens import mint_token

router = APIRouter(prefix="/v1/dev", tags=["development"])

RoleName = Literal["admin", "manager", "advisor", "accountant", "partner", "service"]


class DevTokenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    user_id: str = Field(min_length=1, max_length=64, examples=["adv-li"])
    roles: list[RoleName] = Field(min_length=1, max_length=6, examples=[["advisor"]])
    team: str | None = Field(None, max_length=64, examples=["team-east"])
    ttl_seconds: int = Field(8 * 3600, ge=60, le=7 * 24 * 3600)


class DevTokenOut(BaseModel):
    token: str
    token_type: Literal["Bearer"] = "Bearer"
    expires_at: datetime


@router.post("/token", response_model=DevTokenOut)
async def dev_token(body: DevTokenIn, request: Request) -> DevTokenOut:
    """A bearer token for anyone (development only: `clientflow dev --dev-sign-in`)."""
    settings = request.app.state.settings
    secret = settings.auth_jwt_secret.get_secret_value()
    token = mint_token(
        secret,
        user_id=body.user_id,
        roles=body.roles,
        team_id=body.team,
        ttl_seconds=body.ttl_seconds,
        issuer=settings.auth_issuer,
        audience=settings.auth_audience,
    )
    expires = datetime.fromtimestamp(int(time.time()) + body.ttl_seconds, tz=UTC)
    return DevTokenOut(token=token, expires_at=expires)
