"""An MCP server (the official `mcp` SDK) for assistants and scripts: read tools — search
clients, a client's 360 view, my tasks, a process's progress — and two actions — log an
interaction, complete a task — each one a call to the gateway's public HTTP API with the
person's own token. The gateway decides every call as it would for the person in the console,
so an assistant can do nothing the person could not, and sees nothing they could not (another
advisor's client is a 404 here too).

Run over stdio for a desktop assistant:

    CLIENTFLOW_MCP_TOKEN=<the person's token> clientflow-mcp
    (CLIENTFLOW_GATEWAY_URL, default http://127.0.0.1:8000)
"""

from __future__ import annotations

import json
import os
import uuid
from typing import Any, Literal
from urllib.parse import quote

import httpx
from mcp.server import MCPServer

MAX_ANSWER = 64 * 1024  # what a tool returns to the model, at most


class GatewayCaller:
    """The person's calls to the gateway; a refusal is the tool's answer, in the API's words."""

    def __init__(
        self, base_url: str, token: str, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.http = httpx.AsyncClient(
            base_url=base_url.rstrip("/"),
            headers={"Authorization": f"Bearer {token}"},
            timeout=30.0,
            transport=transport,
        )

    async def call(self, method: str, path: str, **kwargs: Any) -> str:
        answer = await self.http.request(method, path, **kwargs)
        if answer.status_code >= 400:
            try:
                detail = answer.json().get("detail", answer.text)
            except ValueError:
                detail = answer.text
            return f"refused ({answer.status_code}): {str(detail)[:500]}"
        text = json.dumps(answer.json(), ensure_ascii=False)
        return text if len(text) <= MAX_ANSWER else text[:MAX_ANSWER] + " …(cut)"

    async def close(self) -> None:
        await self.http.aclose()


def _id(value: str, what: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise ValueError(f"{what} must be a UUID, not {value[:40]!r}") from None


def build_server(gateway: GatewayCaller) -> MCPServer:
    server = MCPServer(
        name="clientflow",
        instructions=(
            "Clientflow, the firm's system of record for its clients. Every tool acts as the"
            " signed-in person and sees only what they may see."
        ),
    )

    @server.tool()
    async def search_clients(query: str, limit: int = 20) -> str:
        """Clients whose name, phone or e-mail starts with `query`, among those you may see."""
        size = max(1, min(limit, 50))
        return await gateway.call(
            "GET", "/v1/clients:search", params={"q": query[:200], "page_size": size}
        )

    @server.tool()
    async def client_360(client_id: str) -> str:
        """A client's profile, KYC, tier, stage, holdings summary and recent activity."""
        return await gateway.call("GET", f"/v1/clients/{_id(client_id, 'client_id')}")

    @server.tool()
    async def my_tasks(status: Literal["open", "claimed", "escalated", "done"] = "open") -> str:
        """Your tasks (assigned to you, claimed by you, or offered to your role)."""
        return await gateway.call("GET", "/v1/tasks", params={"status": status})

    @server.tool()
    async def process_progress(workflow_id: str) -> str:
        """Where a process stands: its current step, who it waits on, its tasks and history."""
        if not workflow_id or len(workflow_id) > 300:
            raise ValueError("workflow_id must be 1-300 characters")
        return await gateway.call("GET", f"/v1/processes/{quote(workflow_id, safe='')}/progress")

    @server.tool()
    async def log_interaction(
        client_id: str,
        summary: str,
        channel: Literal["call", "email", "wechat", "meeting", "event"] = "call",
        direction: Literal["inbound", "outbound"] = "outbound",
    ) -> str:
        """Log a call, meeting or message with a client on their timeline."""
        return await gateway.call(
            "POST",
            f"/v1/clients/{_id(client_id, 'client_id')}/interactions",
            json={"channel": channel, "direction": direction, "summary": summary[:5000]},
        )

    @server.tool()
    async def complete_task(task_id: str, outcome: str, comment: str = "") -> str:
        """Complete one of your tasks with one of its outcomes (see my_tasks)."""
        return await gateway.call(
            "POST",
            f"/v1/tasks/{_id(task_id, 'task_id')}/complete",
            json={"outcome": outcome[:64], "comment": comment[:2000]},
        )

    return server


def main() -> None:
    """`clientflow-mcp`: the server over stdio, as the person whose token is given."""
    token = os.environ.get("CLIENTFLOW_MCP_TOKEN", "")
    if not token:
        raise SystemExit("set CLIENTFLOW_MCP_TOKEN to your Clientflow token")
    url = os.environ.get("CLIENTFLOW_GATEWAY_URL", "http://127.0.0.1:8000")
    build_server(GatewayCaller(url, token)).run()
