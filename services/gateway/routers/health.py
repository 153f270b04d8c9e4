"""Liveness and readiness (unauthenticated)."""

from __future__ import annotations

import asyncio

import grpc
import httpx
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from services.common.grpc_client import SERVICES, serving
from services.gateway.deps import Backends

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """The gateway process is alive."""
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(request: Request, services: Backends) -> JSONResponse:
    """Whether this gateway can serve: it can as long as it runs — a downstream service that
    is down makes only the routes needing it answer 503 with Retry-After, and taking every
    gateway replica out of the load balancer for it would turn that into a full outage. The
    body says which services answer (`status` `ready` or `degraded`); `optional` names the
    helpers the system serves without (the mail catcher's API) and whether they answer."""
    names = list(SERVICES)
    calls = [services.health(name, timeout=2.0) for name in SERVICES]
    address = request.app.state.settings.worker_health_address
    if address:
        names.append("worker")
        calls.append(worker_serving(request, address))
    results = await asyncio.gather(*calls)
    checks = {
        name: "SERVING" if ok else "NOT_SERVING" for name, ok in zip(names, results, strict=True)
    }
    body: dict[str, object] = {
        "status": "ready" if all(results) else "degraded",
        "checks": checks,
    }
    mail = request.app.state.settings.smtp_lookup_url
    if mail:
        body["optional"] = {"mail": "SERVING" if await http_live(mail) else "NOT_SERVING"}
    return JSONResponse(body)


async def http_live(base_url: str) -> bool:
    """Whether an HTTP helper answers its /livez within 2 s."""
    try:
        async with httpx.AsyncClient(timeout=2.0) as http:
            return (await http.get(f"{base_url.rstrip('/')}/livez")).status_code == 200
    except httpx.HTTPError:
        return False


async def worker_serving(request: Request, address: str) -> bool:
    """Whether the worker answers SERVING: it polls its task queue (a hung or stopped worker
    does not answer within the 2 s)."""
    channel = getattr(request.app.state, "worker_health_channel", None)
    if channel is None:
        channel = grpc.aio.insecure_channel(address)
        request.app.state.worker_health_channel = channel
    return await serving(channel)
