"""Liveness and readiness (unauthenticated)."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from services.common.grpc_client import SERVICES
from services.gateway.deps import Backends

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """The gateway process is alive."""
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(services: Backends) -> JSONResponse:
    """Whether this gateway can serve: it can as long as it runs — a downstream service that
    is down makes only the routes needing it answer 503 with Retry-After, and taking every
    gateway replica out of the load balancer for it would turn that into a full outage. The
    body says which services answer (`status` `ready` or `degraded`)."""
    results = await asyncio.gather(*(services.health(name, timeout=2.0) for name in SERVICES))
    checks = {
        name: "SERVING" if ok else "NOT_SERVING" for name, ok in zip(SERVICES, results, strict=True)
    }
    return JSONResponse({"status": "ready" if all(results) else "degraded", "checks": checks})
