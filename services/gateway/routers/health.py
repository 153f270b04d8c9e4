"""Liveness and readiness (unauthenticated)."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from services.common.grpc_client import SERVICES
from services.gateway.deps import Services
from services.gateway.errors import problem

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """The gateway process is alive."""
    return {"status": "ok"}


@router.get("/readyz", responses={503: {"description": "A downstream service is not serving"}})
async def readyz(services: Services) -> JSONResponse:
    """Ready when every downstream gRPC service reports SERVING."""
    results = await asyncio.gather(*(services.health(name, timeout=2.0) for name in SERVICES))
    checks = {
        name: "SERVING" if ok else "NOT_SERVING" for name, ok in zip(SERVICES, results, strict=True)
    }
    if all(results):
        return JSONResponse({"status": "ready", "checks": checks})
    failing = ", ".join(name for name, state in checks.items() if state != "SERVING")
    response = problem(503, f"not ready: {failing} not serving")
    return response
