"""A process started through the gateway runs on the real Temporal dev server, and the
whole journey — gateway -> workflows gRPC -> Temporal -> activity -> clients gRPC ->
PostgreSQL — is one trace."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from temporalio.common import SearchAttributeKey

from services.common.temporal import ADVISOR_ID, CLIENT_ID, PROCESS_KIND
from services.gateway.app import create_app
from tests.support import Stack, eventually, token


@pytest.fixture
async def http(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    settings, services = stack.settings, stack.services
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(settings, services)), base_url="http://gateway"
    ) as client:
        yield client


async def _create(http: httpx.AsyncClient, advisor: str) -> str:
    response = await http.post(
        "/v1/clients", json={"name": "周杰"}, headers=token(advisor, "advisor")
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def _wait_completed(
    http: httpx.AsyncClient, workflow_id: str, headers: dict[str, str]
) -> dict[str, object]:

    async def completed() -> dict[str, object] | None:
        body: dict[str, object] = (
            await http.get(f"/v1/processes/{workflow_id}", headers=headers)
        ).json()
        return body if body.get("status") == "completed" else None

    done: dict[str, object] = await eventually(completed, f"{workflow_id} to complete", seconds=10)
    return done


class TestProcesses:
    async def test_start_runs_to_completion_with_search_attributes(
        self, http: httpx.AsyncClient, stack: Stack
    ) -> None:
        headers = token("adv-proc", "advisor")
        client_id = await _create(http, "adv-proc")
        started = await http.post(
            f"/v1/clients/{client_id}/processes", json={"kind": "client-check"}, headers=headers
        )
        assert started.status_code == 202, started.text
        workflow_id = started.json()["workflow_id"]
        assert workflow_id == f"client-check/{client_id}"
        done = await _wait_completed(http, workflow_id, headers)
        assert done["result"]["name"] == "周杰"  # type: ignore[index]
        description = await stack.client.get_workflow_handle(workflow_id).describe()
        attributes = description.typed_search_attributes
        keys: list[SearchAttributeKey[str]] = [CLIENT_ID, ADVISOR_ID, PROCESS_KIND]
        assert [attributes.get(k) for k in keys] == [client_id, "adv-proc", "client-check"]

    async def test_another_advisor_can_neither_start_nor_see_it(
        self, http: httpx.AsyncClient
    ) -> None:
        client_id = await _create(http, "adv-owner")
        intruder = token("adv-intruder", "advisor")
        response = await http.post(
            f"/v1/clients/{client_id}/processes", json={"kind": "client-check"}, headers=intruder
        )
        assert response.status_code == 404
        owner = token("adv-owner", "advisor")
        started = await http.post(
            f"/v1/clients/{client_id}/processes", json={"kind": "client-check"}, headers=owner
        )
        workflow_id = started.json()["workflow_id"]
        assert (await http.get(f"/v1/processes/{workflow_id}", headers=intruder)).status_code == 404

    async def test_unknown_kind_is_400_naming_it(self, http: httpx.AsyncClient) -> None:
        client_id = await _create(http, "adv-k")
        response = await http.post(
            f"/v1/clients/{client_id}/processes",
            json={"kind": "teleport"},
            headers=token("adv-k", "advisor"),
        )
        assert response.status_code == 400
        assert response.json()["errors"][0] == {
            "field": "kind",
            "value": "teleport",
            "message": "must be one of annual-review, call-client, client-care, client-check, "
            "dormant-reactivation, follow-up, nps-survey, onboarding, service-request",
        }

    async def test_unknown_process_is_404(self, http: httpx.AsyncClient) -> None:
        response = await http.get(
            f"/v1/processes/client-check/{uuid.uuid4()}", headers=token("a", "admin")
        )
        assert response.status_code == 404


class TestTracing:
    async def test_one_trace_from_gateway_to_activity_to_database(
        self, http: httpx.AsyncClient, telemetry: InMemorySpanExporter
    ) -> None:
        headers = token("adv-trace", "advisor")
        client_id = await _create(http, "adv-trace")
        telemetry.clear()
        started = await http.post(
            f"/v1/clients/{client_id}/processes", json={"kind": "client-check"}, headers=headers
        )
        await _wait_completed(http, started.json()["workflow_id"], headers)
        await asyncio.sleep(0.2)
        spans = telemetry.get_finished_spans()
        http_span = next(
            s for s in spans if s.name.startswith("POST /v1/clients/{client_id}/processes")
        )
        trace_id = http_span.context.trace_id
        in_trace = {s.name for s in spans if s.context.trace_id == trace_id}
        assert "/clientflow.workflows.v1.ProcessesService/StartProcess" in in_trace
        assert "StartWorkflow:ClientCheck" in in_trace
        assert "RunActivity:clients.get_summary" in in_trace
        assert "/clientflow.clients.v1.ClientsService/GetClient" in in_trace
        assert any(name.startswith("SELECT") for name in in_trace), in_trace

    async def test_a_run_started_without_a_caller_is_one_trace_from_workflow_to_database(
        self, http: httpx.AsyncClient, stack: Stack, telemetry: InMemorySpanExporter
    ) -> None:
        """A schedule starts workflows with no trace to continue: the workflow's own span is
        the root and every activity and service call hangs under it."""
        from services.workflows.worker.processes.client_check import ClientCheckInput

        client_id = await _create(http, "adv-sched")
        telemetry.clear()
        handle = await stack.client.start_workflow(
            "ClientCheck",
            ClientCheckInput(client_id=client_id),
            id=f"trace-scheduled-{uuid.uuid4()}",
            task_queue=stack.task_queue,
        )
        await handle.result()
        await asyncio.sleep(0.2)
        spans = telemetry.get_finished_spans()
        run = next(s for s in spans if s.name == "RunWorkflow:ClientCheck")
        in_trace = {s.name for s in spans if s.context.trace_id == run.context.trace_id}
        assert "RunActivity:clients.get_summary" in in_trace
        assert "/clientflow.clients.v1.ClientsService/GetClient" in in_trace
        assert any(name.startswith("SELECT") for name in in_trace), in_trace

    async def test_an_idle_notification_dispatcher_makes_no_traces(
        self, grpc_servers: dict[str, str], telemetry: InMemorySpanExporter
    ) -> None:
        telemetry.clear()
        await asyncio.sleep(1.0)  # ten passes of the test dispatcher (every 0.1 s)
        roots = [
            s
            for s in telemetry.get_finished_spans()
            if s.parent is None and (s.attributes or {}).get("db.system")
        ]
        assert roots == [], [s.name for s in roots]


class TestSearchAttributes:
    async def test_a_running_process_follows_its_clients_advisor_and_shows_the_name(
        self, http: httpx.AsyncClient, stack: Stack
    ) -> None:
        from services.common.temporal import CLIENT_NAME

        admin = token("admin-sa", "admin")
        created = await http.post(
            "/v1/clients", json={"name": "欧阳娜娜", "advisor_id": "adv-sa-1"}, headers=admin
        )
        client_id = created.json()["id"]
        started = await http.post(
            f"/v1/clients/{client_id}/processes", json={"kind": "call-client"}, headers=admin
        )
        assert started.status_code == 202, started.text
        handle = stack.client.get_workflow_handle(started.json()["workflow_id"])
        attributes = (await handle.describe()).typed_search_attributes
        assert attributes.get(CLIENT_NAME) == "欧阳娜娜"
        assert attributes.get(ADVISOR_ID) == "adv-sa-1"

        moved = await http.patch(
            f"/v1/clients/{client_id}", json={"advisor_id": "adv-sa-2"}, headers=admin
        )
        assert moved.status_code == 200, moved.text

        async def followed() -> bool:
            current = (await handle.describe()).typed_search_attributes
            return current.get(ADVISOR_ID) == "adv-sa-2"

        await eventually(followed, "the process's AdvisorId to follow the client")
        await handle.cancel()
