"""A service that does not answer within its route class's deadline is a 503 with
Retry-After and nothing about where the service runs."""

from __future__ import annotations

import grpc
import httpx
from fastapi import FastAPI
from grpc.aio import AioRpcError, Metadata

from services.gateway import deadlines
from services.gateway.errors import install_error_handlers


def test_the_classes_are_ordered_and_bounded() -> None:
    assert deadlines.POINT < deadlines.QUERY < deadlines.HEAVY < deadlines.BULK
    assert deadlines.SEND < deadlines.QUERY


async def test_a_missed_deadline_is_503_with_retry_after() -> None:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/slow")
    async def slow() -> None:
        raise AioRpcError(
            grpc.StatusCode.DEADLINE_EXCEEDED,
            Metadata(),
            Metadata(),
            details="Deadline Exceeded",
            debug_error_string="ipv4:10.0.0.7:50051 timed out",
        )

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gw") as client:
        response = await client.get("/slow")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert "10.0.0.7" not in response.text and response.json()["code"] == "UNAVAILABLE"
