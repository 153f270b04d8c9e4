"""Today's work on the demo book, made through the gateway's public API as the demo's people
would make it, once per data directory: real processes whose tasks wait in My day.

- adv-li, adv-wang: clients' requests filed on other channels days ago (overdue, escalated to
  their manager) and this morning, dormant clients to call, an unhappy client (a 3 out of 10
  taken on a call) to call back;
- mgr-east: those escalations, a complaint to triage and redemptions to approve;
- acc-sun: team-east's positions upload for the last quarter;
- ptn-zhou: team-west's last-quarter reports to approve (its upload and commentary done).

The clients are chosen from each advisor's book by a seeded generator: the same book gives
the same day."""

from __future__ import annotations

import asyncio
import random
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from services.common.tokens import mint_token

MARKER = "demo-present"
NAMESPACE = uuid.UUID("1c9f3a52-7e4b-4c1d-9a2e-6b8d0f4e2a17")


def previous_quarter(now: datetime) -> str:
    quarter = (now.month - 1) // 3
    return f"{now.year - 1}Q4" if quarter == 0 else f"{now.year}Q{quarter}"


class Demo:
    def __init__(self, api: httpx.AsyncClient, secret: str) -> None:
        self.api = api
        self.secret = secret
        self.rng = random.Random(2026)
        self.now = datetime.now(UTC)

    def auth(self, user: str, role: str, team: str | None = None) -> dict[str, str]:
        token = mint_token(self.secret, user_id=user, roles=[role], team_id=team)
        return {"Authorization": f"Bearer {token}"}

    async def call(self, method: str, path: str, who: dict[str, str], **kw: Any) -> Any:
        response = await self.api.request(method, path, headers=who, **kw)
        if response.status_code >= 400 and response.status_code != 409:
            raise RuntimeError(f"{method} {path}: {response.status_code} {response.text[:200]}")
        return response.json() if response.content else None

    async def book(self, advisor: str, **filters: str) -> list[dict[str, Any]]:
        who = self.auth(advisor, "advisor")
        page = await self.call("GET", "/v1/clients", who, params={"page_size": 200, **filters})
        clients = sorted(page["items"], key=lambda c: c["id"])
        self.rng.shuffle(clients)
        return clients

    async def file(self, advisor: str, client: dict[str, Any], kind: str, **extra: Any) -> None:
        who = self.auth(advisor, "advisor")
        body = {
            "request_id": str(uuid.uuid5(NAMESPACE, f"{client['id']}/{kind}")),
            **extra,
        }
        await self.call("POST", f"/v1/clients/{client['id']}/requests", who, json=body)

    async def task(
        self, who: dict[str, str], scope: str, match: Callable[[dict[str, Any]], bool]
    ) -> dict[str, Any]:
        for _ in range(120):
            page = await self.call("GET", "/v1/tasks", who, params={"scope": scope})
            found = [t for t in page["items"] if match(t) and t["status"] in ("open", "escalated")]
            if found:
                first: dict[str, Any] = found[0]
                return first
            await asyncio.sleep(0.5)
        raise RuntimeError("a demo task did not appear")

    async def complete(self, who: dict[str, str], task: dict[str, Any], **body: Any) -> None:
        await self.call("POST", f"/v1/tasks/{task['id']}/complete", who, json=body)

    # -- the advisors' day -------------------------------------------------------------

    async def advisor_day(self, advisor: str) -> None:
        clients = await self.book(advisor)
        late, today = self.now - timedelta(days=6), self.now - timedelta(hours=2)
        for client, filed in zip(clients[:2], (late, today), strict=True):
            await self.file(
                advisor,
                client,
                "redemption",
                type="redemption",
                subject="部分赎回",
                fields={"product": "稳健债券A", "amount": 100000},
                filed_at=filed.isoformat(),
            )
        await self.file(
            advisor,
            clients[2],
            "document",
            type="document-request",
            fields={"document": "statement", "period": previous_quarter(self.now)},
            filed_at=late.isoformat(),
        )
        await self.file(
            advisor,
            clients[3],
            "complaint",
            type="complaint",
            fields={"category": "fees", "description": "上季度管理费扣收金额与合同不符"},
        )
        who = self.auth(advisor, "advisor")
        for client in (await self.book(advisor, stage="DORMANT"))[:2]:
            await self.call(
                "POST",
                f"/v1/clients/{client['id']}/processes",
                who,
                json={"kind": "call-client", "parameters": {"reason": "半年未联系的休眠客户"}},
            )
        await self.detractor(advisor, clients[4])

    async def detractor(self, advisor: str, client: dict[str, Any]) -> None:
        """An unhappy client: a 3 out of 10 taken on a call, and the advisor's call-back."""
        who = self.auth(advisor, "advisor")
        await self.call(
            "POST",
            f"/v1/clients/{client['id']}/survey-answers",
            who,
            json={"score": 3, "comment": "回复太慢，费用也不透明", "channel": "call"},
        )
        await self.call(
            "POST",
            f"/v1/clients/{client['id']}/processes",
            who,
            json={"kind": "call-client", "parameters": {"reason": "净推荐值 3 分，客户不满意"}},
        )

    # -- the manager's, the accountant's and the partner's ------------------------------

    async def approvals(self) -> None:
        """adv-li reviews one redemption: its approval waits for mgr-east."""
        who = self.auth("adv-li", "advisor")
        task = await self.task(who, "mine", lambda t: t["task_id"] == "review")
        await self.complete(who, task, outcome="approved", comment="持仓充足，同意赎回")

    async def quarterly(self) -> None:
        period = previous_quarter(self.now)
        for manager, team in (("mgr-east", "team-east"), ("mgr-west", "team-west")):
            await self.call(
                "POST",
                "/v1/reports/quarterly",
                self.auth(manager, "manager", team),
                json={"book": team, "period": period},
            )
        # team-west is ready for the partner: the accountant confirms, the advisor writes.
        accountant = self.auth("acc-sun", "accountant")
        west = f"quarterly-report/team-west/{period}"
        data = await self.task(accountant, "mine", lambda t: t["workflow_id"] == west)
        await self.complete(accountant, data, outcome="confirmed")
        writer = self.auth("adv-chen", "advisor", "team-west")
        draft = await self.task(writer, "mine", lambda t: t["workflow_id"] == west)
        await self.complete(
            writer,
            draft,
            outcome="submitted",
            form={"commentary": "本季度债券类资产表现稳健，权益类波动加大，建议维持均衡配置。"},
        )


async def seed_present(gateway_url: str, secret: str, data_dir: Path) -> bool:
    """Make today's work once per data directory; False when it was made before."""
    marker = data_dir / MARKER
    if marker.exists():
        return False
    async with httpx.AsyncClient(base_url=gateway_url, timeout=30) as api:
        demo = Demo(api, secret)
        for advisor in ("adv-li", "adv-wang"):
            await demo.advisor_day(advisor)
        await demo.approvals()
        await demo.quarterly()
    marker.write_text(datetime.now(UTC).isoformat())
    return True
