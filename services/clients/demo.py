"""Demo data: a realistic book of ~2,000 clients across three advisors, with holdings, a year
of transactions and interactions, and some dormant and declining clients. Deterministic
(seeded) and idempotent: a second run finds the demo book and does nothing."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from services.clients.directory import DirectoryService, PersonInput
from services.clients.models import Client, ExternalId, Holding, Interaction, Transaction
from services.clients.tiering import TierService
from services.common.db import session_factory
from services.common.identity import SYSTEM_ACTOR, Actor, Role

DEMO_SOURCE = "demo"
ADVISORS = (("adv-li", "team-east"), ("adv-wang", "team-east"), ("adv-chen", "team-west"))
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌辉鹏宇浩然欣怡梓涵子轩雨桐思远嘉懿"
PRODUCTS = (
    ("CF-BOND-01", "稳健债券一号"),
    ("CF-EQ-GROWTH", "成长精选股票"),
    ("CF-MMF", "现金宝货币基金"),
    ("CF-PE-III", "私募股权三期"),
    ("CF-QUANT", "量化对冲策略"),
    ("CF-GLOBAL", "全球配置FOF"),
)
TAGS = ("高净值", "家族办公室", "退休规划", "子女教育", "企业主", "vip", "ESG", "海外资产")
CHANNELS = ("call", "email", "wechat", "meeting", "event", "portal_login")


def _client(rng: random.Random, index: int, now: datetime) -> dict[str, Any]:
    advisor, team = ADVISORS[index % len(ADVISORS)]
    institution = rng.random() < 0.08
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
    if institution:
        name = (
            rng.choice(("华东", "申江", "长青", "远景", "恒信"))
            + rng.choice(("实业", "投资", "控股"))
            + "有限公司"
        )
    signed = (now - timedelta(days=rng.randint(30, 365 * 12))).date()
    return {
        "id": uuid.UUID(int=rng.getrandbits(128), version=4),
        "kind": "institution" if institution else "individual",
        "name": name,
        "advisor_id": advisor,
        "team_id": team,
        "phone": f"1{rng.choice('3589')}{rng.randint(100000000, 999999999)}",
        "email": f"client{index:05d}@example.com",
        "wecom_id": f"wx_{index:05d}" if rng.random() < 0.6 else None,
        "preferred_channel": rng.choice(("wecom", "email", "sms", "phone")),
        "locale": "en" if rng.random() < 0.1 else "zh-CN",
        "timezone": "Asia/Shanghai"
        if rng.random() < 0.9
        else rng.choice(("Asia/Hong_Kong", "Europe/London", "America/New_York")),
        "source_channel": rng.choice(("referral", "event", "branch", "online")),
        "signed_on": signed,
        "birthday": None
        if institution
        else date(rng.randint(1950, 1995), rng.randint(1, 12), rng.randint(1, 28)),
        "contract_end": signed + timedelta(days=365 * rng.randint(3, 15)),
        "status": "active",
        "kyc_status": rng.choice(("verified", "verified", "verified", "pending", "expired")),
        "kyc_expires_on": (now + timedelta(days=rng.randint(-60, 720))).date(),
        "risk_level": rng.choice(("C1", "C2", "C3", "C3", "C4", "C5")),
        "risk_answers": {},
        "investment_preferences": rng.sample(
            ("fixed-income", "equity", "alternatives", "ESG", "global"), 2
        ),
        "tags": rng.sample(TAGS, rng.randint(0, 3)),
        "custom_fields": {},
        "tier": "GROWTH",
        "tier_override": False,
        "lifecycle_stage": "ACTIVE",
        "aum": Decimal(0),
        "version": 1,
        "created_at": now,
        "updated_at": now,
    }


# The demo firm's directory: who manages which team, who advises in it, and the firm-wide
# people of the quarterly run.
DEMO_TEAMS = (("team-east", "华东团队 East"), ("team-west", "华西团队 West"))
DEMO_PEOPLE = (
    ("mgr-east", "赵经理 Zhao", "team-east", "manager"),
    ("mgr-west", "钱经理 Qian", "team-west", "manager"),
    ("adv-li", "李顾问 Li", "team-east", "advisor"),
    ("adv-wang", "王顾问 Wang", "team-east", "advisor"),
    ("adv-chen", "陈顾问 Chen", "team-west", "advisor"),
    ("acc-sun", "孙会计 Sun", "", ""),
    ("ptn-zhou", "周合伙人 Zhou", "", ""),
    ("admin", "Administrator", "", ""),
)


async def seed_directory(engine: AsyncEngine) -> None:
    """The demo teams and people (kept as they are when already there)."""
    sessions = session_factory(engine)
    async with sessions() as session:
        directory = DirectoryService(session)
        actor = Actor(user_id="system:demo", roles=frozenset({Role.ADMIN}))
        known = {team.id for team in await directory.teams(actor)}
        for team_id, name in DEMO_TEAMS:
            if team_id not in known:
                await directory.put_team(actor, team_id, name)
        for user_id, name, team_id, role in DEMO_PEOPLE:
            if await directory.person(user_id) is None:
                memberships = [(team_id, role)] if team_id else []
                await directory.put_person(
                    actor, PersonInput(user_id, name, memberships=memberships)
                )
        await session.commit()


async def seed_demo(engine: AsyncEngine, *, clients: int = 2000, seed: int = 7) -> int:
    """Insert the demo book unless it is there; returns how many clients were added."""
    await seed_directory(engine)
    sessions = session_factory(engine)
    async with sessions() as session:
        existing = await session.scalar(
            select(func.count()).select_from(ExternalId).where(ExternalId.source == DEMO_SOURCE)
        )
        if existing:
            return 0
        rng = random.Random(seed)
        now = datetime.now(UTC)
        rows = [_client(rng, i, now) for i in range(clients)]
        holdings, transactions, interactions = [], [], []
        for index, client in enumerate(rows):
            profile = rng.random()
            dormant, declining = profile < 0.06, 0.06 <= profile < 0.12
            # Idle just past the threshold (180 days): the dormant scan's next catch.
            newly_dormant = 0.12 <= profile < 0.14
            scale = rng.choice((2e5, 1e6, 3e6, 8e6, 2e7)) * (1 if rng.random() < 0.9 else 5)
            aum = Decimal(0)
            for code, product in rng.sample(PRODUCTS, rng.randint(1, 4)):
                value = Decimal(str(round(scale * rng.uniform(0.1, 0.6), 2)))
                aum += value
                holdings.append(
                    {
                        "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                        "client_id": client["id"],
                        "product_code": code,
                        "product_name": product,
                        "units": (value / Decimal("1.2345")).quantize(Decimal("0.000001")),
                        "cost": (value * Decimal("0.9")).quantize(Decimal("0.01")),
                        "market_value": value,
                        "currency": "CNY",
                        "as_of": now.date(),
                    }
                )
            client["aum"] = aum
            last_activity = now - timedelta(
                days=rng.randint(200, 500)
                if dormant
                else rng.randint(182, 205)
                if newly_dormant
                else rng.randint(0, 60)
            )
            for n in range(rng.randint(4, 24)):
                occurred = (
                    last_activity - timedelta(days=rng.randint(0, 365)) if n else last_activity
                )
                kind = (
                    "redemption"
                    if declining and rng.random() < 0.7
                    else rng.choice(
                        ("subscription", "subscription", "redemption", "dividend", "fee")
                    )
                )
                transactions.append(
                    {
                        "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                        "client_id": client["id"],
                        "external_id": f"demo-{index:05d}-{n:03d}",
                        "kind": kind,
                        "product_code": rng.choice(PRODUCTS)[0],
                        "amount": Decimal(str(round(scale * rng.uniform(0.01, 0.15), 2))),
                        "currency": "CNY",
                        "occurred_at": occurred,
                        "recorded_at": now,
                    }
                )
            for n in range(0 if dormant else rng.randint(2, 15)):
                interactions.append(
                    {
                        "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                        "client_id": client["id"],
                        "channel": rng.choice(CHANNELS) if n else "call",
                        "direction": rng.choice(("inbound", "outbound")),
                        "summary": rng.choice(
                            (
                                "季度回顾电话",
                                "产品说明会",
                                "微信沟通资产配置",
                                "生日问候",
                                "赎回咨询",
                                "portal login",
                            )
                        ),
                        "occurred_at": last_activity - timedelta(days=rng.randint(0, 300))
                        if n
                        else last_activity,
                        "by_user": client["advisor_id"],
                    }
                )
            client["last_activity_at"] = last_activity
            client["last_contact_at"] = None if dormant else last_activity
            if dormant:
                client["lifecycle_stage"] = "DORMANT"
            elif declining:
                client["lifecycle_stage"] = "DECLINING"
        await session.execute(insert(Client), rows)
        await session.execute(
            insert(ExternalId),
            [
                {"client_id": c["id"], "source": DEMO_SOURCE, "external_id": f"D{i:05d}"}
                for i, c in enumerate(rows)
            ],
        )
        for table, values in (
            (Holding, holdings),
            (Transaction, transactions),
            (Interaction, interactions),
        ):
            for start in range(0, len(values), 5000):
                await session.execute(insert(table), values[start : start + 5000])
        await TierService(session).recompute(SYSTEM_ACTOR, None)
        await session.commit()
        return clients


async def demo_clients(engine: AsyncEngine) -> list[tuple[str, str, str, str]]:
    """The demo book's clients as (id, advisor, team, tier), for the other services' own
    demo seeding (each writes its schema from this list)."""
    async with session_factory(engine)() as session:
        rows = await session.execute(
            select(Client.id, Client.advisor_id, Client.team_id, Client.tier)
            .join(ExternalId, ExternalId.client_id == Client.id)
            .where(ExternalId.source == DEMO_SOURCE)
            .order_by(ExternalId.external_id)
        )
        return [(str(i), a or "", t or "", tier or "") for i, a, t, tier in rows.tuples()]
