"""Request-scoped dependencies."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request

from services.common.grpc_client import ServiceClients
from services.common.identity import Actor
from services.gateway.auth import current_actor
from services.gateway.deadlines import DEADLINES, POINT
from services.gateway.limits import RateLimiter


def service_clients(request: Request) -> ServiceClients:
    """The gRPC stubs opened at start-up, acting as no one (health checks)."""
    clients: ServiceClients = request.app.state.services
    return clients


CurrentActor = Annotated[Actor, Depends(current_actor)]


async def acting_services(request: Request, actor: CurrentActor) -> ServiceClients:
    """The stubs for this request: every call acts as the authenticated caller and carries
    its method's deadline (deadlines.DEADLINES)."""
    clients: ServiceClients = request.app.state.services
    return clients.acting_as(actor, DEADLINES, default_deadline=POINT)


# Every route that calls a service takes these: authenticated by construction.
Services = Annotated[ServiceClients, Depends(acting_services)]
Backends = Annotated[ServiceClients, Depends(service_clients)]


def expensive(kind: str) -> Callable[..., Awaitable[Actor]]:
    """A dependency: the caller, after taking one of their `kind` requests (429 with
    Retry-After when they have used them up), so one person cannot keep the services busy."""

    async def check(request: Request, actor: CurrentActor) -> Actor:
        limiter: RateLimiter = request.app.state.rate_limiter
        wait = limiter.take(actor.user_id, kind)
        if wait:
            raise HTTPException(
                429,
                f"too many {kind} requests from {actor.user_id}; try again in {wait} s",
                headers={"Retry-After": str(int(wait))},
            )
        return actor

    return check


# Declared on every route that takes one of the limited actors above.
RATE_LIMITED: dict[int | str, dict[str, Any]] = {
    429: {"description": "Too many of these requests from you: wait for Retry-After seconds"}
}
PreviewActor = Annotated[Actor, Depends(expensive("preview"))]
ImportActor = Annotated[Actor, Depends(expensive("import"))]
ExportActor = Annotated[Actor, Depends(expensive("export"))]
