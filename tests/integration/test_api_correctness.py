"""What a first frontend hits: one client shape everywhere, search by the start of an e-mail
address, limits written as people write them, conflicts that say what differs."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from tests.support import Stack, token

ADMIN = token("admin-api", "admin")


async def test_lists_and_searches_show_the_same_client_as_get(
    gateway: httpx.AsyncClient,
) -> None:
    tag = uuid.uuid4().hex[:8]
    created = await gateway.post(
        "/v1/clients",
        headers=ADMIN,
        json={
            "name": f"外部{tag}",
            "email": f"Zhou.{tag}@Example.com",
            "external_ids": [{"source": "crm", "external_id": f"X-{tag}"}],
        },
    )
    assert created.status_code == 201, created.text
    one = (await gateway.get(f"/v1/clients/{created.json()['id']}", headers=ADMIN)).json()
    found = await gateway.get("/v1/clients:search", params={"q": f"zhou.{tag[:4]}"}, headers=ADMIN)
    assert found.status_code == 200
    [item] = [c for c in found.json()["items"] if c["id"] == one["id"]]
    assert (
        item["external_ids"]
        == one["external_ids"]
        == [{"source": "crm", "external_id": f"X-{tag}"}]
    )
    listed = await gateway.get(
        "/v1/clients", params={"q": f"外部{tag}", "page_size": 200}, headers=ADMIN
    )
    items = [c for c in listed.json()["items"] if c["id"] == one["id"]]
    assert all(c["external_ids"] == one["external_ids"] for c in items)


async def test_limits_in_messages_are_plain_numbers(gateway: httpx.AsyncClient) -> None:
    name = f"cf_{uuid.uuid4().hex[:8]}"
    defined = await gateway.put(
        f"/v1/custom-fields/{name}",
        headers=ADMIN,
        json={"label": name, "type": "number", "min": "0", "max": "1000000"},
    )
    assert defined.status_code == 200, defined.text
    refused = await gateway.post(
        "/v1/clients", headers=ADMIN, json={"name": "限额", "custom_fields": {name: 2000000}}
    )
    assert refused.status_code == 400
    assert "must be at most 1000000" in refused.text and "E+" not in refused.text


async def test_a_dev_sign_in_exists_only_when_asked_for(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    from services.gateway.app import create_app

    body = {"user_id": "adv-li", "roles": ["advisor"], "team": "team-east"}
    assert (await gateway.post("/v1/dev/token", json=body)).status_code in (401, 404)
    settings, services = stack.settings, stack.services
    app = create_app(settings.model_copy(update={"dev_sign_in": True}), services)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://dev"
    ) as dev:
        minted = await dev.post("/v1/dev/token", json=body)
        assert minted.status_code == 200, minted.text
        me = await dev.get("/v1/me", headers={"Authorization": f"Bearer {minted.json()['token']}"})
        assert me.json()["user_id"] == "adv-li" and me.json()["roles"] == ["advisor"]
        refused = await dev.post("/v1/dev/token", json={**body, "roles": ["root"]})
        assert refused.status_code == 422


async def test_a_send_without_a_channel_is_routed_again_when_retried(
    gateway: httpx.AsyncClient, smtp_sink: object
) -> None:
    created = await gateway.post("/v1/clients", headers=ADMIN, json={"name": "无地址"})
    assert created.status_code == 201
    client = created.json()
    sent = await gateway.post(
        "/v1/notifications",
        headers=ADMIN,
        json={
            "idempotency_key": f"reroute/{uuid.uuid4()}",
            "client_id": client["id"],
            "template_key": "welcome",
            "variables": {"client_name": client["name"]},
            "priority": "urgent",
        },
    )
    assert sent.status_code == 200, sent.text
    assert sent.json()["status"] == "failed"
    assert sent.json()["reason"].startswith("no_channel")
    email = f"{uuid.uuid4().hex[:8]}@example.com"
    patched = await gateway.patch(
        f"/v1/clients/{client['id']}",
        headers={**ADMIN, "If-Match": created.headers["etag"]},
        json={"email": email, "preferred_channel": "email"},
    )
    assert patched.status_code == 200, patched.text
    retried = await gateway.post(f"/v1/notifications/{sent.json()['id']}/retry", headers=ADMIN)
    assert retried.status_code == 200, retried.text
    assert (retried.json()["status"], retried.json()["channel"]) == ("sent", "email")
    assert retried.json()["recipient"] == email


CLIENT_FACING = (
    "welcome",
    "risk-questionnaire",
    "risk-questionnaire-reminder",
    "reactivation",
    "birthday-greeting",
    "signing-anniversary",
    "quarterly-report",
    "annual-strategy",
)


async def test_messages_clients_receive_have_a_branded_html_body(
    gateway: httpx.AsyncClient, smtp_sink: Any
) -> None:
    for key in CLIENT_FACING:
        for locale in ("zh-CN", "en"):
            preview = await gateway.post(
                f"/v1/templates/{key}/preview", headers=ADMIN, json={"locale": locale}
            )
            assert preview.status_code == 200, (key, locale, preview.text)
            html = preview.json()["body_html"]
            assert html.startswith("<!DOCTYPE html>") and 'style="' in html, (key, locale)
    email = f"{uuid.uuid4().hex[:8]}@example.com"
    created = await gateway.post(
        "/v1/clients",
        headers=ADMIN,
        json={
            "name": "Tom <b>Li</b>",
            "email": email,
            "locale": "en",
            "preferred_channel": "email",
        },
    )
    sent = await gateway.post(
        "/v1/notifications",
        headers=ADMIN,
        json={
            "idempotency_key": f"html/{uuid.uuid4()}",
            "client_id": created.json()["id"],
            "template_key": "welcome",
            "variables": {"client_name": "Tom <b>Li</b>"},
            "priority": "urgent",
        },
    )
    assert sent.json()["status"] == "sent", sent.text
    [mail] = smtp_sink.to(email)
    [html_part] = [p for p in mail.walk() if p.get_content_type() == "text/html"]
    html = html_part.get_content()
    assert "Tom &lt;b&gt;Li&lt;/b&gt;" in html and "<b>Li</b>" not in html
    assert [p for p in mail.walk() if p.get_content_type() == "text/plain"]


async def test_money_and_units_have_one_textual_form(gateway: httpx.AsyncClient) -> None:
    created = await gateway.post("/v1/clients", headers=ADMIN, json={"name": "金额"})
    client_id = created.json()["id"]
    written = await gateway.put(
        f"/v1/clients/{client_id}/holdings/CF-MMF",
        headers=ADMIN,
        json={"product_name": "现金宝", "units": "10", "market_value": "1000", "currency": "CNY"},
    )
    assert written.status_code == 200, written.text
    [read] = (await gateway.get(f"/v1/clients/{client_id}/holdings", headers=ADMIN)).json()["items"]
    for field in ("units", "market_value", "cost"):
        assert written.json()[field] == read[field], field
    assert read["market_value"] == "1000.00" and read["units"] == "10.000000"
    tx = {
        "external_id": f"m-{uuid.uuid4()}",
        "kind": "subscription",
        "amount": "250.5",
        "occurred_at": "2026-10-01T08:00:00Z",
    }
    recorded = await gateway.post(f"/v1/clients/{client_id}/transactions", headers=ADMIN, json=tx)
    assert recorded.status_code == 201 and recorded.json()["amount"] == "250.50"
    too_fine = await gateway.post(
        f"/v1/clients/{client_id}/transactions",
        headers=ADMIN,
        json={**tx, "external_id": f"m-{uuid.uuid4()}", "amount": "1.005"},
    )
    assert too_fine.status_code in (400, 422)
    assert too_fine.json()["errors"][0]["field"].endswith("amount")


async def test_a_preview_uses_explicit_variables_even_empty(gateway: httpx.AsyncClient) -> None:
    samples = await gateway.post(
        "/v1/templates/welcome/preview", headers=ADMIN, json={"locale": "en"}
    )
    assert samples.status_code == 200  # no variables: the template's samples
    explicit = await gateway.post(
        "/v1/templates/welcome/preview", headers=ADMIN, json={"locale": "en", "variables": {}}
    )
    # An explicit (empty) object is used as given: the variable the template needs is named.
    assert explicit.status_code == 400, explicit.text
    assert explicit.json()["errors"][0]["field"].startswith("variables.")


async def test_a_process_whose_id_holds_chinese_text_starts_once_and_is_found(
    gateway: httpx.AsyncClient,
) -> None:
    created = await gateway.post("/v1/clients", headers=ADMIN, json={"name": "回访客户"})
    client_id = created.json()["id"]
    body = {"kind": "call-client", "parameters": {"reason": "半年未联系"}}
    started = await gateway.post(f"/v1/clients/{client_id}/processes", headers=ADMIN, json=body)
    assert started.status_code == 202, started.text
    location = started.headers["Location"]
    assert location.isascii()
    found = await gateway.get(location, headers=ADMIN)
    assert found.status_code == 200, found.text
    assert found.json()["workflow_id"] == f"call-client/{client_id}/半年未联系"
