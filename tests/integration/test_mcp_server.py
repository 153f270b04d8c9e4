"""The MCP server as an assistant uses it (the SDK's client, in process): it lists the tools,
an advisor's `my_tasks` shows their own task and not another advisor's, their client's 360
view answers and another's is refused, and an interaction logged through it is on the
client's timeline — every call the gateway's, with the person's own token."""

from __future__ import annotations

import json
import uuid

import httpx
from mcp.client.client import Client

from services.assistant.mcp_server import GatewayCaller, build_server
from tests.support import Stack, create_client, eventually, token


async def test_an_assistant_acts_as_the_person_and_no_more(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    suffix = uuid.uuid4().hex[:6]
    mine, theirs = f"adv-mcp{suffix}", f"adv-mcp-o{suffix}"
    client = await create_client(stack.services.clients, advisor_id=mine, name=f"MCP {suffix}")
    other = await create_client(stack.services.clients, advisor_id=theirs)
    for advisor, client_id in ((mine, client.id), (theirs, other.id)):
        started = await gateway.post(
            f"/v1/clients/{client_id}/processes",
            headers=token(advisor, "advisor"),
            json={"kind": "call-client", "parameters": {"reason": f"check-in {advisor}"}},
        )
        assert started.status_code in (201, 202), started.text

    transport = gateway._transport  # the same ASGI app the tests call
    caller = GatewayCaller(
        str(gateway.base_url), token(mine, "advisor")["Authorization"][7:], transport
    )
    try:
        async with Client(build_server(caller)) as assistant:
            names = {tool.name for tool in (await assistant.list_tools()).tools}
            assert {"search_clients", "client_360", "my_tasks", "log_interaction"} <= names

            async def tasks() -> list[dict[str, object]] | None:
                result = await assistant.call_tool("my_tasks", {})
                items = json.loads(result.content[0].text)["items"]  # type: ignore[union-attr]
                return items or None

            items = await eventually(tasks, "the advisor's task", 30)
            assert {t["client_id"] for t in items} == {client.id}

            seen = await assistant.call_tool("client_360", {"client_id": client.id})
            assert f"MCP {suffix}" in seen.content[0].text  # type: ignore[union-attr]
            refused = await assistant.call_tool("client_360", {"client_id": other.id})
            assert refused.content[0].text.startswith("refused (404)")  # type: ignore[union-attr]

            logged = await assistant.call_tool(
                "log_interaction", {"client_id": client.id, "summary": "called via assistant"}
            )
            assert "called via assistant" in logged.content[0].text  # type: ignore[union-attr]
    finally:
        await caller.close()
