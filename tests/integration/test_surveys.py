"""Surveys end to end: the CSAT invitation a resolved request sends carries a signed link that
takes one answer without an account (a forged or altered link is a 401), a detractor's
answer gives the advisor a follow-up task; an NPS campaign over a segment is a Temporal
Schedule whose run surveys each member once (not again within min_days_between)."""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx
from clientflow.clients.v1 import clients_pb2

from tests.integration.test_requests_api import complete, status_of
from tests.notify_support import SmtpSink
from tests.support import Stack, create_client, eventually, token

ADMIN = token("admin-sv", "admin")


async def survey_link(smtp_sink: SmtpSink, address: str, subject_has: str) -> str:
    async def arrived() -> Any:
        for mail in reversed(smtp_sink.messages):
            if address in mail.envelope_to and subject_has in str(mail.message["subject"]):
                return mail
        return None

    mail = await eventually(arrived, f"a survey to {address}", seconds=30)
    body = mail.message.get_body(preferencelist=("plain",)).get_content()
    found = re.search(r"/portal/survey/([A-Za-z0-9_\-.]+)", body)
    assert found, body
    return found.group(1)


def bearer(link: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {link}"}


async def test_a_csat_link_takes_one_answer_and_a_detractor_is_followed_up(
    gateway: httpx.AsyncClient, stack: Stack, smtp_sink: SmtpSink
) -> None:
    team, advisor = f"team-{uuid.uuid4().hex[:6]}", f"adv-{uuid.uuid4().hex[:6]}"
    address = f"sv-{uuid.uuid4().hex[:8]}@example.com"
    client = await create_client(
        stack.services.clients,
        advisor_id=advisor,
        team_id=team,
        fields=clients_pb2.ClientFields(email=address, locale="en"),
    )
    me = token(advisor, "advisor", team=team)
    created = await gateway.post(
        f"/v1/clients/{client.id}/requests",
        headers=me,
        json={"type": "document-request", "fields": {"document": "statement"}},
    )
    request = created.json()
    await complete(gateway, me, request["workflow_id"], "preparation", "done", {"artifact_id": "x"})
    await status_of(gateway, request["id"], "resolved")
    link = await survey_link(smtp_sink, address, "how did we do")

    described = await gateway.post("/v1/surveys/describe", headers=bearer(link))
    assert described.status_code == 200, described.text
    assert described.json()["survey"] == "csat" and described.json()["open"] is True
    assert described.json()["request_names"]["en"] == "Document request"
    for forged in ("", "abc.def", link[:-2] + "xx", link.replace(".", "x.", 1)):
        answer = await gateway.post(
            "/v1/surveys/answer", headers=bearer(forged) if forged else {}, json={"score": 1}
        )
        assert answer.status_code == 401, forged
    out_of_range = await gateway.post("/v1/surveys/answer", headers=bearer(link), json={"score": 7})
    assert out_of_range.status_code == 400 and "score" in out_of_range.text
    answered = await gateway.post(
        "/v1/surveys/answer", headers=bearer(link), json={"score": 1, "comment": "slow"}
    )
    assert answered.status_code == 200, answered.text
    again = await gateway.post("/v1/surveys/answer", headers=bearer(link), json={"score": 5})
    assert again.status_code == 409

    async def follow_up() -> Any:
        items = (await gateway.get("/v1/tasks", headers=me)).json()["items"]
        return [t for t in items if t["task_id"] == "detractor-follow-up-1"]

    [task] = await eventually(follow_up, "the advisor's follow-up task")
    assert task["client_id"] == client.id and task["sla"] == "2 business days"
    rated = (await gateway.get(f"/v1/requests/{request['id']}", headers=me)).json()
    assert rated["csat_score"] == 1

    # The advisor's dashboard: the request, its CSAT, the detractor and the follow-up.
    period = f"{rated['opened_at'][:4]}Q{(int(rated['opened_at'][5:7]) - 1) // 3 + 1}"
    kpis = (await gateway.get("/v1/dashboards/kpis", params={"period": period}, headers=me)).json()
    [row] = kpis["requests"]["by_type"]
    assert (row["type"], row["opened"], row["resolved"]) == ("document-request", 1, 1)
    assert row["response_hours_p50"] is not None and row["resolution_hours_p90"] is not None
    assert kpis["csat"]["responses"] == 1 and kpis["csat"]["mean"] == 1.0
    assert kpis["csat"]["by_request_type"] == [
        {"type": "document-request", "responses": 1, "mean": 1.0}
    ]
    assert kpis["nps"]["responses"] == 0  # a CSAT answer is not an NPS answer
    assert kpis["detractor_follow_up"]["detractors"] == 1
    assert kpis["detractor_follow_up"]["follow_ups_created"] == 1
    assert kpis["requests"]["sla_compliance"] == 1.0


async def test_an_nps_campaign_surveys_a_segment_once(
    gateway: httpx.AsyncClient, stack: Stack, smtp_sink: SmtpSink
) -> None:
    advisor = f"adv-{uuid.uuid4().hex[:6]}"
    addresses = [f"nps-{uuid.uuid4().hex[:8]}@example.com" for _ in range(2)]
    for address in addresses:
        await create_client(
            stack.services.clients,
            advisor_id=advisor,
            fields=clients_pb2.ClientFields(email=address, locale="en"),
        )
    segment = await gateway.post(
        "/v1/segments",
        headers=ADMIN,
        json={"name": f"nps {advisor}", "filter": {"advisor_ids": [advisor]}},
    )
    assert segment.status_code == 201, segment.text
    key = f"spring-{uuid.uuid4().hex[:6]}"
    body = {"segment_id": segment.json()["id"], "every_days": 90, "min_days_between": 180}
    refused = await gateway.put(
        f"/v1/survey-campaigns/{key}", headers=token(advisor, "advisor"), json=body
    )
    assert refused.status_code == 403
    unknown = await gateway.put(
        f"/v1/survey-campaigns/{key}",
        headers=ADMIN,
        json={**body, "segment_id": str(uuid.uuid4())},
    )
    assert unknown.status_code == 404
    put = await gateway.put(f"/v1/survey-campaigns/{key}", headers=ADMIN, json=body)
    assert put.status_code == 200, put.text
    assert put.json()["every_days"] == 90 and put.json()["next_run_at"]
    listed = (await gateway.get("/v1/survey-campaigns", headers=ADMIN)).json()
    assert key in [c["key"] for c in listed]

    schedule = stack.client.get_schedule_handle(f"nps-campaign-{key}")
    await schedule.trigger()
    links = [await survey_link(smtp_sink, address, "recommend") for address in addresses]
    answered = await gateway.post("/v1/surveys/answer", headers=bearer(links[0]), json={"score": 3})
    assert answered.status_code == 200, answered.text

    async def follow_up() -> Any:
        items = (await gateway.get("/v1/tasks", headers=token(advisor, "advisor"))).json()["items"]
        return [t for t in items if t["process_kind"] == "nps-survey"]

    await eventually(follow_up, "the detractor follow-up")
    # A second run within min_days_between surveys nobody again.
    sent_before = len(smtp_sink.messages)
    await schedule.trigger()

    async def second_run_done() -> Any:
        runs = [
            w
            async for w in stack.client.list_workflows(
                f'WorkflowType = "NpsCampaign" AND WorkflowId STARTS_WITH "nps-campaign/{key}"'
                ' AND ExecutionStatus = "Completed"'
            )
        ]
        return len(runs) >= 2

    await eventually(second_run_done, "the campaign's second run")
    assert not [
        m for m in smtp_sink.messages[sent_before:] if any(a in m.envelope_to for a in addresses)
    ]
    deleted = await gateway.delete(f"/v1/survey-campaigns/{key}", headers=ADMIN)
    assert deleted.status_code == 200
    assert key not in [
        c["key"] for c in (await gateway.get("/v1/survey-campaigns", headers=ADMIN)).json()
    ]
