"""Commitments, capital calls and distributions through the gateway: a 3-investor call whose
allocations sum exactly with an awkward remainder, a partner's rejection (and a drafter who
may not decide their own), partial payments never beyond the allocation, a distribution, and
each investor's capital account with TVPI/DPI/RVPI — each as the caller's role allows."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal

import httpx
import pytest

from tests.support import Stack, create_client, token

ADMIN = token("admin-f", "admin")
PARTNER = token("partner-f", "partner")
ACCOUNTANT = token("acc-f", "accountant")


async def test_a_call_from_draft_to_paid_and_the_capital_accounts(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    suffix = uuid.uuid4().hex[:6]
    team, advisor, fund = f"team-f{suffix}", f"adv-f{suffix}", f"F-GROWTH-{suffix}"
    manager = token(f"mgr-f{suffix}", "manager", team=team)
    investors = sorted(
        [
            (await create_client(stack.services.clients, advisor_id=advisor, team_id=team)).id
            for _ in range(3)
        ]
    )
    put = await gateway.put(
        f"/v1/funds/{fund}",
        headers=ADMIN,
        json={"name": "成长一期", "currency": "CNY", "vintage": 2024, "size": "30000000"},
    )
    assert put.status_code == 200, put.text
    for client_id in investors:
        committed = await gateway.put(
            f"/v1/funds/{fund}/commitments/{client_id}",
            headers=manager,
            json={"amount": "1000000", "committed_on": "2024-03-01"},
        )
        assert committed.status_code == 200, committed.text
    funds = (await gateway.get("/v1/funds", headers=ADMIN)).json()["items"]
    assert next(f for f in funds if f["code"] == fund)["committed"] == "3000000.00"

    # 1,000,000.00 over three equal commitments: 333,333.33 each and one cent left, which goes
    # by the rule (equal fractions and commitments: the smallest client id).
    draft = await gateway.post(
        f"/v1/funds/{fund}/capital-events",
        headers=manager,
        json={
            "kind": "call",
            "amount": "1000000.00",
            "purpose": "项目投资",
            "due_on": "2026-12-31",
        },
    )
    assert draft.status_code == 201, draft.text
    call = draft.json()
    amounts = {a["client_id"]: Decimal(a["amount"]) for a in call["allocations"]}
    assert sum(amounts.values()) == Decimal("1000000.00")
    assert [amounts[c] for c in investors] == [
        Decimal("333333.34"),
        Decimal("333333.33"),
        Decimal("333333.33"),
    ]
    assert call["status"] == "draft"

    own = await gateway.post(
        f"/v1/capital-events/{call['id']}/decision", headers=manager, json={"approve": True}
    )
    assert own.status_code == 403, own.text
    bare = await gateway.post(
        f"/v1/capital-events/{call['id']}/decision", headers=PARTNER, json={"approve": False}
    )
    assert bare.status_code == 400 and "reason" in bare.text
    rejected = await gateway.post(
        f"/v1/capital-events/{call['id']}/decision",
        headers=PARTNER,
        json={"approve": False, "reason": "金额需按10%重新起草"},
    )
    assert rejected.json()["status"] == "rejected"
    again = await gateway.post(
        f"/v1/capital-events/{call['id']}/decision", headers=PARTNER, json={"approve": True}
    )
    assert again.status_code == 409, again.text

    # Drafted again as 10 % of commitments: 100,000.00 each; approved.
    redraft = await gateway.post(
        f"/v1/funds/{fund}/capital-events", headers=manager, json={"kind": "call", "percent": "10"}
    )
    call_id = redraft.json()["id"]
    assert redraft.json()["amount"] == "300000.00"
    approved = await gateway.post(
        f"/v1/capital-events/{call_id}/decision", headers=PARTNER, json={"approve": True}
    )
    assert approved.json()["status"] == "approved"

    first = investors[0]

    async def pay(amount: str, headers: dict[str, str] = ACCOUNTANT) -> httpx.Response:
        return await gateway.post(
            f"/v1/capital-events/{call_id}/payments",
            headers=headers,
            json={
                "client_id": first,
                "amount": amount,
                "paid_on": "2026-11-20",
                "reference": "MT940 ref 001",
            },
        )

    partly = await pay("60000")
    mine = next(a for a in partly.json()["allocations"] if a["client_id"] == first)
    assert (mine["paid"], mine["status"]) == ("60000.00", "partly_paid")
    assert (await pay("40000.01")).status_code == 400
    paid = await pay("40000")
    assert (
        next(a for a in paid.json()["allocations"] if a["client_id"] == first)["status"] == "paid"
    )
    assert (await pay("1", token(advisor, "advisor"))).status_code == 403

    distribution = await gateway.post(
        f"/v1/funds/{fund}/capital-events",
        headers=manager,
        json={"kind": "distribution", "amount": "30000", "distribution_kind": "income"},
    )
    assert distribution.status_code == 201, distribution.text
    await gateway.post(
        f"/v1/capital-events/{distribution.json()['id']}/decision",
        headers=PARTNER,
        json={"approve": True},
    )
    # The fund's NAV in the investor's history: the product whose code is the fund's.
    today = datetime.now(UTC).date().isoformat()
    nav = await gateway.put(
        f"/v1/clients/{first}/holdings/{fund}",
        headers=ADMIN,
        json={"units": "100000", "market_value": "120000", "as_of": today},
    )
    assert nav.status_code == 200, nav.text

    [account] = (
        await gateway.get(
            f"/v1/clients/{first}/capital-accounts", headers=token(advisor, "advisor")
        )
    ).json()["items"]
    assert {k: account[k] for k in ("commitment", "called", "uncalled", "paid", "outstanding")} == {
        "commitment": "1000000.00",
        "called": "100000.00",
        "uncalled": "900000.00",
        "paid": "100000.00",
        "outstanding": "0.00",
    }
    assert account["distributed_by_kind"] == {"income": "10000.00"}
    assert (account["nav"], account["distributed"]) == ("120000.00", "10000.00")
    assert account["tvpi"] == pytest.approx(1.3)
    assert account["dpi"] == pytest.approx(0.1)
    assert account["rvpi"] == pytest.approx(1.2)
    assert account["irr"] is not None

    other = token(f"adv-o{suffix}", "advisor")
    assert (
        await gateway.get(f"/v1/clients/{first}/capital-accounts", headers=other)
    ).status_code == 404
    seen = await gateway.get(f"/v1/capital-events/{call_id}", headers=other)
    assert seen.status_code == 200 and seen.json()["allocations"] == []
    lower = await gateway.put(
        f"/v1/funds/{fund}/commitments/{first}", headers=manager, json={"amount": "50000"}
    )
    assert lower.status_code == 400 and "100000" in lower.text
    too_much = await gateway.post(
        f"/v1/funds/{fund}/capital-events",
        headers=manager,
        json={"kind": "call", "amount": "2700000.03"},
    )
    assert too_much.status_code == 400 and "uncalled" in too_much.text
