"""A task a definition asks of the client, through the gateway on the real dev server: the
shipped post-investment service is started for a client; after the advisor's welcome call the
client is told by e-mail, sees the task in the portal in their words, uploads a document and
completes the form with it; a form naming a file that is not this task's is refused, naming
the field; the client cannot act on staff tasks, nor staff see each other's clients' tasks;
then the process goes on to the advisor."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from tests.integration.test_portal_api import email_of, portal_session
from tests.notify_support import SmtpSink
from tests.support import Stack, eventually, token

ADMIN = token("admin-1", "admin")
PDF = b"%PDF-1.4 documents for the partners\n%%EOF\n"


async def test_the_client_uploads_documents_and_completes_their_task_in_the_portal(
    gateway: httpx.AsyncClient, stack: Stack, smtp_sink: SmtpSink
) -> None:
    suffix = uuid.uuid4().hex[:6]
    team, advisor_id = f"ct-{suffix}", f"adv-ct-{suffix}"
    assert (
        await gateway.put(f"/v1/directory/teams/{team}", headers=ADMIN, json={"name": team})
    ).status_code == 200
    assert (
        await gateway.put(
            f"/v1/directory/people/{advisor_id}",
            headers=ADMIN,
            json={"name": advisor_id, "memberships": [{"team_id": team, "role": "advisor"}]},
        )
    ).status_code == 200
    address = email_of()
    created = await gateway.post(
        "/v1/clients",
        headers=ADMIN,
        json={
            "name": f"投后客户{suffix}",
            "advisor_id": advisor_id,
            "team_id": team,
            "email": address,
            "locale": "zh-CN",
        },
    )
    assert created.status_code == 201, created.text
    client_id = created.json()["id"]
    started = await gateway.post(
        "/v1/process-definitions/post-investment/start",
        headers=ADMIN,
        json={"client_id": client_id, "run_key": "first"},
    )
    assert started.status_code == 202, started.text
    workflow_id = started.json()["workflow_id"]
    advisor = token(advisor_id, "advisor", team=team)

    async def staff_task(headers: dict[str, str], task_id: str) -> dict[str, Any] | None:
        items = (await gateway.get("/v1/tasks", headers=headers, params={"page_size": 200})).json()[
            "items"
        ]
        return next(
            (t for t in items if t["workflow_id"] == workflow_id and t["task_id"] == task_id), None
        )

    welcome = await eventually(lambda: staff_task(advisor, "welcome"), "the welcome call")
    assert (
        await gateway.post(
            f"/v1/tasks/{welcome['id']}/complete",
            headers=advisor,
            json={"outcome": "done", "form": {"summary": "已致电"}},
        )
    ).status_code == 200

    # The client hears of it by e-mail, in their words.
    async def told() -> Any:
        return next(
            (
                m
                for m in smtp_sink.messages
                if address in m.envelope_to and "提交投后资料" in str(m.message["Subject"])
            ),
            None,
        )

    await eventually(told, "the client-task message", seconds=20)
    session = await portal_session(gateway, smtp_sink, address)

    async def portal_task() -> dict[str, Any] | None:
        reply = await gateway.get("/v1/portal/tasks", headers=session)
        assert reply.status_code == 200, reply.text
        return next((t for t in reply.json() if t["workflow_id"] == workflow_id), None)

    task = await eventually(portal_task, "the client's task in the portal", seconds=20)
    assert task["title"]["zh-CN"] == "提交投后资料"
    assert [f["type"] for f in task["form_fields"]] == ["file", "text"]
    # Not a PDF, PNG or JPEG: refused by its first bytes, naming the file.
    refused = await gateway.post(
        f"/v1/portal/tasks/{task['id']}/documents",
        headers=session,
        files={"file": ("x.pdf", b"MZ not a pdf", "application/pdf")},
    )
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "file"
    uploaded = await gateway.post(
        f"/v1/portal/tasks/{task['id']}/documents",
        headers=session,
        files={"file": ("../../资料.pdf", PDF, "application/pdf")},
    )
    assert uploaded.status_code == 201, uploaded.text
    assert uploaded.json()["filename"] == "资料.pdf"
    # A form naming something that is not this task's document is refused, naming the field.
    wrong = await gateway.post(
        f"/v1/portal/tasks/{task['id']}/complete",
        headers=session,
        json={"form": {"documents": str(uuid.uuid4())}},
    )
    assert wrong.status_code == 400, wrong.text
    assert wrong.json()["errors"][0]["field"] == "form.documents"
    # The client acts on their own task only: a staff task of their process is not theirs.
    assert (
        await gateway.post(
            f"/v1/portal/tasks/{welcome['id']}/complete", headers=session, json={"form": {}}
        )
    ).status_code == 404
    # Another team's advisor does not see the client's task.
    stranger = token(f"adv-other-{suffix}", "advisor", team=f"other-{suffix}")
    assert (await gateway.get(f"/v1/tasks/{task['id']}", headers=stranger)).status_code == 404
    done = await gateway.post(
        f"/v1/portal/tasks/{task['id']}/complete",
        headers=session,
        json={"form": {"documents": uploaded.json()["artifact_id"], "note": "齐了"}},
    )
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "done"
    again = await gateway.post(
        f"/v1/portal/tasks/{task['id']}/complete", headers=session, json={"form": {}}
    )
    assert again.status_code == 409
    # The process goes on to the advisor, who sees the document's id in the client's form.
    prepare = await eventually(lambda: staff_task(advisor, "prepare"), "the advisor's next task")
    assert prepare["status"] == "open"
    assert await portal_task() is None
