"""The generated typed client (sdk/python) against the real gateway: typed models in and out,
a refusal parsed as a Problem naming the field, another advisor's client a 404."""

from __future__ import annotations

import importlib
import sys
import uuid
from pathlib import Path
from typing import Any

import httpx

from services.common.tokens import mint_token
from tests.support import TEST_JWT_SECRET, Stack

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "sdk" / "python"))
sdk: Any = importlib.import_module("clientflow_client")
clients_api: Any = importlib.import_module("clientflow_client.api.clients")
models: Any = importlib.import_module("clientflow_client.models")


def _client(stack: Stack, user_id: str, role: str) -> Any:
    from services.gateway.app import create_app

    app = create_app(stack.settings, stack.services)
    bearer = mint_token(TEST_JWT_SECRET, user_id=user_id, roles=(role,), team_id=None)
    client = sdk.AuthenticatedClient(base_url="http://gateway", token=bearer)
    transport = httpx.ASGITransport(app=app)
    client.set_async_httpx_client(
        httpx.AsyncClient(
            transport=transport,
            base_url="http://gateway",
            headers={"Authorization": f"Bearer {bearer}"},
        )
    )
    return client


async def test_typed_calls_round_trip_through_the_gateway(stack: Stack) -> None:
    advisor = f"adv-sdk-{uuid.uuid4().hex[:6]}"
    admin = _client(stack, "admin-sdk", "admin")
    mine = _client(stack, advisor, "advisor")
    other = _client(stack, f"adv-sdk-{uuid.uuid4().hex[:6]}", "advisor")
    create_client = importlib.import_module("clientflow_client.api.clients.create_client")
    get_client = importlib.import_module("clientflow_client.api.clients.get_client")
    timeline = importlib.import_module("clientflow_client.api.clients.timeline")
    record = importlib.import_module("clientflow_client.api.clients.record_interaction")

    created = await create_client.asyncio(
        client=admin, body=models.ClientCreate(name="类型化客户", advisor_id=advisor)
    )
    assert isinstance(created, models.ClientOut), created
    assert created.name == "类型化客户"

    logged = await record.asyncio(
        client=mine,
        client_id=created.id,
        body=models.InteractionIn(channel=models.InteractionInChannel.MEETING, summary="年度回顾"),
    )
    assert isinstance(logged, models.InteractionOut), logged
    page = await timeline.asyncio(client=mine, client_id=created.id)
    assert isinstance(page, models.TimelinePage)
    assert any(item.detail == "年度回顾" for item in page.items)

    seen = await get_client.asyncio(client=mine, client_id=created.id)
    assert isinstance(seen, models.ClientOut) and seen.last_contact_at is not None

    hidden = await get_client.asyncio_detailed(client=other, client_id=created.id)
    assert hidden.status_code == 404

    refused = await record.asyncio(
        client=mine,
        client_id=created.id,
        body=models.InteractionIn(channel=models.InteractionInChannel.MEETING, summary="x" * 6000),
    )
    assert isinstance(refused, models.Problem), refused
    assert "summary" in str(refused.to_dict())
