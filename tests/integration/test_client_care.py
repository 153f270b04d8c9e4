"""The three client-care processes through the running stack (PostgreSQL, the gRPC
services, the Temporal dev server, the worker with its real activities, the gateway and a
real SMTP server): onboarding started by a `client.signed` event and driven through the
gateway by the right people until the client is ACTIVE; a dormant client who gets exactly
one reactivation e-mail although the scan runs twice, and whose activity ends the process;
the key-date rules firing once per occurrence."""

from __future__ import annotations

import asyncio
import functools
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from clientflow.clients.v1 import clients_pb2
from clientflow.workflows.v1 import workflows_pb2
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client

from services.common.identity import SYSTEM_ACTOR
from services.workflows.service.defaults import DEFAULT_RULES, install_default_rules
from services.workflows.service.models import Rule
from services.workflows.service.rules import rule_workflow_id
from services.workflows.worker.processes.dormant import DormantScanInput, DormantScanWorkflow
from tests.notify_support import SmtpSink
from tests.support import Stack, create_client, eventually, token
from tests.workflows.fakes import ANSWERS

ADMIN = token("admin-1", "admin")
SERVICE = token("crm-bridge", "service")
RULES = {rule["name"]: rule for rule in DEFAULT_RULES}


@pytest.fixture(scope="module")
async def default_rules(engine: AsyncEngine) -> AsyncIterator[dict[str, str]]:
    """The installation's default rules, retired again afterwards so other tests' sweeps
    and events see only their own rules. Name -> id."""
    await install_default_rules(engine)
    yield {name: str(rule["id"]) for name, rule in RULES.items()}
    async with engine.begin() as connection:
        await connection.execute(
            update(Rule)
            .where(Rule.id.in_([rule["id"] for rule in DEFAULT_RULES]))
            .values(enabled=False, deleted_at=datetime.now(UTC))
        )


async def test_onboarding_from_a_signed_event_to_an_active_client(
    gateway: httpx.AsyncClient,
    stack: Stack,
    smtp_sink: SmtpSink,
    default_rules: dict[str, str],
) -> None:
    services = stack.services
    # This firm does the follow-up call right after the introduction (day 0), so the test
    # does not wait 30 days on the dev server; the timer itself is tested under time skipping.
    rule = RULES["Onboard a client who signed"]
    put = await gateway.put(
        f"/v1/rules/{default_rules[rule['name']]}",
        headers=ADMIN,
        json={
            "name": rule["name"],
            "event_type": rule["event_type"],
            "action": rule["action"],
            "target": rule["target"],
            "parameters": {"follow_up_day": "0", "manager_id": "mgr-on"},
            "period": "once",
        },
    )
    assert put.status_code == 200, put.text
    advisor = f"adv-{uuid.uuid4().hex[:6]}"
    me = token(advisor, "advisor", team="team-on")
    email = f"new-{uuid.uuid4().hex[:8]}@example.com"
    client = await create_client(
        services.clients,
        advisor_id=advisor,
        team_id="team-on",
        fields=clients_pb2.ClientFields(email=email, preferred_channel="email", locale="zh-CN"),
    )
    signed = await gateway.post(
        "/v1/events",
        headers=SERVICE,
        json={"event_id": f"sign-{client.id}", "type": "client.signed", "client_id": client.id},
    )
    assert signed.status_code == 200, signed.text
    [firing] = [f for f in signed.json()["firings"] if f["rule_id"] == default_rules[rule["name"]]]
    assert (firing["outcome"], firing["workflow_id"]) == ("started", f"onboarding/{client.id}")
    workflow_id = firing["workflow_id"]
    # A second "signed" event for the same client starts nothing.
    again = await gateway.post(
        "/v1/events",
        headers=SERVICE,
        json={"event_id": f"sign2-{client.id}", "type": "client.signed", "client_id": client.id},
    )
    assert [f["outcome"] for f in again.json()["firings"] if f["rule_id"] == firing["rule_id"]] == [
        "already_fired"
    ]

    async def step() -> str:
        reply = await gateway.get(f"/v1/processes/{workflow_id}/progress", headers=me)
        assert reply.status_code == 200, reply.text
        return str(reply.json()["current_step"])

    await eventually(lambda: _is(step, "risk questionnaire sent"), "the questionnaire to be sent")
    questionnaire_mail = await eventually(
        lambda: _mail(smtp_sink, email), "the questionnaire e-mail"
    )
    assert "风险测评" in str(questionnaire_mail[0]["Subject"])

    url = f"/v1/processes/{workflow_id}/questionnaire"
    other = await gateway.post(
        url, headers=token("adv-other", "advisor"), json={"answers": ANSWERS}
    )
    assert other.status_code == 404  # another advisor's client's process does not exist
    bad = await gateway.post(url, headers=me, json={"answers": {**ANSWERS, "horizon": "forever"}})
    assert bad.status_code == 400, bad.text
    assert bad.json()["errors"][0]["field"] == "answers.horizon"
    answered = await gateway.post(url, headers=me, json={"answers": ANSWERS})
    assert answered.status_code == 200, answered.text

    async def task(task_id: str) -> dict[str, Any] | None:
        items = (await gateway.get("/v1/tasks", headers=me)).json()["items"]
        found = [
            t
            for t in items
            if t["workflow_id"] == workflow_id and t["task_id"] == task_id and t["status"] == "open"
        ]
        return found[0] if found else None

    for task_id in ("intro-call", "follow-up-call"):
        open_task = await eventually(functools.partial(task, task_id), task_id)
        body = {"outcome": "reached", "form": {"summary": "介绍了服务"}}
        denied = await gateway.post(
            f"/v1/tasks/{open_task['id']}/complete",
            headers=token("adv-other", "advisor"),
            json=body,
        )
        assert denied.status_code == 404
        done = await gateway.post(f"/v1/tasks/{open_task['id']}/complete", headers=me, json=body)
        assert done.status_code == 200, done.text

    async def finished() -> dict[str, Any] | None:
        reply = (await gateway.get(f"/v1/processes/{workflow_id}", headers=me)).json()
        return reply if reply["status"] == "completed" else None

    process = await eventually(finished, "the onboarding to finish")
    assert process["result"]["risk_level"] == "C3"
    record = await gateway.get(f"/v1/clients/{client.id}", headers=me)
    assert record.json()["lifecycle_stage"] == "ACTIVE"
    subjects = [str(m["Subject"]) for m in smtp_sink.to(email)]
    assert len([s for s in subjects if "欢迎" in s]) == 1, subjects
    assert len(subjects) == 2  # the questionnaire and the welcome, once each
    client_view = await gateway.get(
        f"/v1/processes/{workflow_id}/progress", params={"view": "client"}, headers=me
    )
    steps = client_view.json()["steps"]
    assert {"event": "step", "detail": "welcome message sent"} in [
        {"event": s["event"], "detail": s["detail"]} for s in steps
    ]
    assert all(s["by"] == "" for s in steps) and "note" not in {s["event"] for s in steps}


async def _is(read: Callable[[], Any], expected: str) -> bool:
    return bool(await read() == expected)


async def _mail(sink: SmtpSink, address: str) -> list[Any]:
    return sink.to(address)


async def test_a_dormant_client_gets_one_reactivation_email_although_the_scan_runs_twice(
    gateway: httpx.AsyncClient,
    stack: Stack,
    smtp_sink: SmtpSink,
    default_rules: dict[str, str],
) -> None:
    services = stack.services
    temporal = stack.client
    assert isinstance(temporal, Client)
    advisor = f"adv-{uuid.uuid4().hex[:6]}"
    email = f"idle-{uuid.uuid4().hex[:8]}@example.com"
    client = await create_client(
        services.clients,
        advisor_id=advisor,
        fields=clients_pb2.ClientFields(email=email, preferred_channel="email", locale="en"),
    )
    metadata = SYSTEM_ACTOR.to_metadata()
    interaction = clients_pb2.Interaction(channel="call", direction="outbound", summary="last")
    interaction.occurred_at.FromDatetime(datetime.now(UTC) - timedelta(days=195))
    await services.clients.RecordInteraction(
        clients_pb2.RecordInteractionRequest(client_id=client.id, interaction=interaction),
        metadata=metadata,
    )
    # Signing in to the portal last week is activity, not contact: the client is still dormant.
    login = clients_pb2.Interaction(channel="portal_login", direction="inbound", summary="")
    login.occurred_at.FromDatetime(datetime.now(UTC) - timedelta(days=7))
    await services.clients.RecordInteraction(
        clients_pb2.RecordInteractionRequest(client_id=client.id, interaction=login),
        metadata=metadata,
    )
    await services.clients.SetLifecycleStage(
        clients_pb2.SetLifecycleStageRequest(client_id=client.id, stage="ACTIVE", reason="test"),
        metadata=metadata,
    )
    queue = stack.task_queue
    first = await temporal.execute_workflow(
        DormantScanWorkflow.run, DormantScanInput(), id=f"scan-{uuid.uuid4()}", task_queue=queue
    )
    assert first.started >= 1, first
    second = await temporal.execute_workflow(
        DormantScanWorkflow.run, DormantScanInput(), id=f"scan-{uuid.uuid4()}", task_queue=queue
    )
    assert second.started == 0, second  # the watermark moved: nothing new went dormant

    # A page scanned again (an interrupted scan resuming) starts nothing twice either.
    window = workflows_pb2.DormantWindow(tier=client.tier or "GROWTH", threshold_days=180)
    window.since.FromDatetime(datetime.now(UTC) - timedelta(days=200))
    window.until.FromDatetime(datetime.now(UTC) - timedelta(days=190))
    page = await services.triggers.ScanDormantPage(
        workflows_pb2.ScanDormantPageRequest(window=window), metadata=metadata
    )
    assert (page.started, page.already_started) == (0, 1)

    mail = await eventually(lambda: _mail(smtp_sink, email), "the reactivation e-mail")
    await asyncio.sleep(1)
    assert len(smtp_sink.to(email)) == 1
    assert str(mail[0]["Subject"]).startswith("It has been a while")
    [process] = [
        p
        for p in (await gateway.get(f"/v1/clients/{client.id}/processes", headers=ADMIN)).json()[
            "items"
        ]
        if p["kind"] == "dormant-reactivation"
    ]
    assert process["status"] == "running"

    # The client is active again: the event ends the reactivation through the default rule.
    event = await gateway.post(
        "/v1/events",
        headers=SERVICE,
        json={"event_id": f"act-{uuid.uuid4()}", "type": "client.activity", "client_id": client.id},
    )
    [firing] = [
        f
        for f in event.json()["firings"]
        if f["rule_id"] == default_rules["Activity ends a reactivation"]
    ]
    assert (firing["outcome"], firing["workflow_id"]) == ("signalled", process["workflow_id"])
    result = await temporal.get_workflow_handle(process["workflow_id"]).result()
    assert result["outcome"] == "reactivated"


async def test_key_dates_fire_once_per_occurrence(
    gateway: httpx.AsyncClient,
    stack: Stack,
    smtp_sink: SmtpSink,
    default_rules: dict[str, str],
) -> None:
    services = stack.services
    today = datetime.now(UTC).astimezone(ZoneInfo("Asia/Shanghai")).date()
    email = f"dates-{uuid.uuid4().hex[:8]}@example.com"
    client = await create_client(
        services.clients,
        fields=clients_pb2.ClientFields(
            email=email,
            preferred_channel="email",
            locale="en",
            birthday=(today + timedelta(days=3)).replace(year=1985).isoformat(),
            contract_end=(today + timedelta(days=30)).isoformat(),
            kyc_expires_on=(today + timedelta(days=30)).isoformat(),
            kyc_status="verified",
        ),
    )
    preview = await gateway.post(
        "/v1/rules/preview",
        headers=ADMIN,
        json={
            "rule": {
                **{
                    k: RULES["Birthday greeting, 3 days ahead"][k]
                    for k in (
                        "name",
                        "event_type",
                        "trigger",
                        "date_field",
                        "offset_days",
                        "action",
                        "target",
                        "period",
                    )
                },
                "condition": f'client.id == "{client.id}"',
            },
            "horizon_days": 7,
        },
    )
    assert [m["fires_on"] for m in preview.json()["first_matches"]] == [today.isoformat()]

    async def sweep() -> workflows_pb2.SweepDatesResponse:
        reply: workflows_pb2.SweepDatesResponse = await services.triggers.SweepDates(
            workflows_pb2.SweepDatesRequest(day=today.isoformat()),
            metadata=SYSTEM_ACTOR.to_metadata(),
            timeout=120,
        )
        return reply

    await sweep()
    await sweep()  # a retried or repeated sweep fires nothing again
    greeting = await eventually(lambda: _mail(smtp_sink, email), "the birthday greeting")
    await asyncio.sleep(0.5)
    assert [str(m["Subject"]) for m in smtp_sink.to(email)] == [
        str(greeting[0]["Subject"])
    ] and str(greeting[0]["Subject"]).startswith("Happy birthday")
    for name, occasion in (
        ("Contract renewal, 30 days ahead", "contract-renewal"),
        ("KYC renewal, 30 days ahead", "kyc-renewal"),
    ):
        rule = Rule(id=uuid.UUID(default_rules[name]))
        rule.target = "client-care"
        workflow_id = rule_workflow_id(rule, client.id, (today + timedelta(days=30)).isoformat())

        async def asked(workflow_id: str = workflow_id) -> list[Any]:
            reply = await gateway.get(f"/v1/processes/{workflow_id}/progress", headers=ADMIN)
            return list(reply.json()["tasks"]) if reply.status_code == 200 else []

        [task] = await eventually(asked, f"the {occasion} task")
        assert (task["task_id"], task["assignee_user"]) == (occasion, client.advisor_id)
        await gateway.post(
            f"/v1/processes/{workflow_id}/cancel", headers=ADMIN, json={"reason": "test done"}
        )


async def test_another_system_files_a_request_with_an_event(
    gateway: httpx.AsyncClient, stack: Stack, default_rules: dict[str, str]
) -> None:
    advisor = f"adv-{uuid.uuid4().hex[:6]}"
    client = await create_client(stack.services.clients, advisor_id=advisor)
    me = token(advisor, "advisor")
    rule_id = default_rules["File a request another system submitted"]
    event = {
        "event_id": f"crm-req-{client.id}",
        "type": "request.submitted",
        "client_id": client.id,
        "payload": {
            "type": "document-request",
            "subject": "2025 tax",
            "fields": {"document": "tax_certificate", "period": "2025"},
        },
    }
    published = await gateway.post("/v1/events", headers=SERVICE, json=event)
    assert published.status_code == 200, published.text
    [firing] = [f for f in published.json()["firings"] if f["rule_id"] == rule_id]
    assert firing["outcome"] == "started", firing
    again = await gateway.post("/v1/events", headers=SERVICE, json=event)
    assert again.json()["replayed"] is True

    async def filed() -> Any:
        page = await gateway.get("/v1/requests", params={"client_id": client.id}, headers=me)
        items = page.json()["items"]
        return items if items and items[0]["current_step"] != "received" else None

    [request] = await eventually(filed, "the request the event filed")
    assert (request["type"], request["channel"], request["subject"]) == (
        "document-request",
        "event",
        "2025 tax",
    )
    assert request["fields"] == {"document": "tax_certificate", "period": "2025"}
    assert request["workflow_id"] == firing["workflow_id"]

    # Fields that do not fit the type: the request is recorded as not accepted, saying why.
    bad = {**event, "event_id": f"crm-bad-{client.id}"}
    bad["payload"] = {"type": "document-request", "fields": {"document": "passport"}}
    assert (await gateway.post("/v1/events", headers=SERVICE, json=bad)).status_code == 200

    async def refused() -> Any:
        items = (
            await gateway.get("/v1/requests", params={"client_id": client.id}, headers=me)
        ).json()["items"]
        return [r for r in items if r["status"] == "rejected"]

    [rejected] = await eventually(refused, "the refused request")
    assert rejected["fields"] == {}
