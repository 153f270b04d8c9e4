"""KPI dashboards, computed in SQL over a read-only connection to the client data (in
production a replica: `CLIENTFLOW_REPORTING_READ_DATABASE_URL`), within the caller's scope:
an advisor sees their own book, a manager their team's, firm-wide roles everything.

Definitions (period = a quarter, a year or a month; "start" and "end" are its bounds):

- AUM: today's total of the clients' holdings, by tier, advisor and team;
- net flows: subscriptions and transfers in less redemptions and transfers out, per month
  and per quarter of the period;
- clients at start / end: a relationship begun before the bound (signed_on, else the first
  transaction, else the record's creation) and not churned by then (churned: the
  client's stage is CHURNED and it moved there before the bound); new: created within;
  retention = (end - new) / start; churn = 1 - retention;
- dormant: clients now DORMANT; tiers: today's distribution and the period's migrations;
- task SLA compliance: of the tasks completed in the period, the share never breached, and
  the mean hours from creation to completion, by process kind;
- NPS: % promoters (9-10) - % detractors (0-6) of the survey answers in the period.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from services.common.errors import InvalidArgument, PermissionDenied
from services.common.identity import FIRM_WIDE_ROLES, Actor, Role
from services.reporting.periods import Period


@dataclass(frozen=True)
class Scope:
    advisor_id: str | None = None
    team_id: str | None = None

    @property
    def everything(self) -> bool:
        """The whole firm: queries need no join to the clients to scope them."""
        return self.advisor_id is None and self.team_id is None

    def sql(self, alias: str = "c") -> str:
        parts = ["TRUE"]
        if self.advisor_id is not None:
            parts.append(f"{alias}.advisor_id = :scope_advisor")
        if self.team_id is not None:
            parts.append(f"{alias}.team_id = :scope_team")
        return " AND ".join(parts)

    def params(self) -> dict[str, Any]:
        return {"scope_advisor": self.advisor_id, "scope_team": self.team_id}


def scope_for(actor: Actor | None, advisor_id: str, team_id: str) -> Scope:
    """The caller's scope narrowed by the filters; a filter outside it is refused."""
    if actor is None:
        raise PermissionDenied("the call carries no actor")
    if actor.has(*FIRM_WIDE_ROLES):
        return Scope(advisor_id or None, team_id or None)
    if actor.has(Role.MANAGER):
        teams = actor.managed_teams
        if not teams:
            raise PermissionDenied(f"manager {actor.user_id} manages no team")
        if team_id and team_id not in teams:
            raise PermissionDenied("managers see the dashboards of the teams they manage")
        if not team_id and len(teams) > 1:
            raise InvalidArgument(
                "team_id",
                "",
                f"you manage {len(teams)} teams: name one ({', '.join(sorted(teams))})",
            )
        return Scope(advisor_id or None, team_id or next(iter(teams)))
    if actor.has(Role.ADVISOR):
        if (advisor_id and advisor_id != actor.user_id) or team_id:
            raise PermissionDenied("advisors see their own book only")
        return Scope(actor.user_id, None)
    raise PermissionDenied(f"user {actor.user_id} has no role that sees dashboards")


def _money(value: Any) -> str:
    return f"{Decimal(value or 0):.2f}"


def _rate(part: float, whole: float) -> float | None:
    return round(part / whole, 4) if whole else None


class Dashboards:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def kpis(self, scope: Scope, period: Period) -> dict[str, Any]:
        start = datetime.combine(period.start, time(), tzinfo=UTC)
        end = datetime.combine(period.end + timedelta(days=1), time(), tzinfo=UTC)
        params = {**scope.params(), "start": start, "end": end}
        where = scope.sql()

        async def rows(sql: str) -> list[Any]:
            """One query on a connection of its own, in a read-only transaction."""
            async with self.engine.connect() as connection:
                await connection.execute(text("SET TRANSACTION READ ONLY"))
                result = list((await connection.execute(text(sql), params)).all())
                await connection.rollback()
                return result

        # The queries are independent: they run side by side on separate connections (each
        # its own snapshot, which a dashboard can live with).
        flows_join = "" if scope.everything else " JOIN clients.clients c ON c.id = t.client_id"
        (
            aum_rows,
            flows,
            counts_rows,
            migrations,
            tasks,
            nps_rows,
        ) = await asyncio.gather(
            rows(
                f"SELECT c.tier, c.advisor_id, coalesce(c.team_id, '') AS team, "
                f"sum(c.aum) AS aum, count(*) AS n FROM clients.clients c "
                f"WHERE {where} AND c.lifecycle_stage <> 'CHURNED' "
                f"GROUP BY GROUPING SETS ((c.tier), (c.advisor_id), (coalesce(c.team_id, '')), ())"
            ),
            rows(
                "SELECT date_trunc('month', t.occurred_at AT TIME ZONE 'Asia/Shanghai') AS month,"
                " sum(abs(t.amount)) FILTER (WHERE t.kind IN ('subscription', 'transfer_in'))"
                " AS inflow,"
                " sum(abs(t.amount)) FILTER (WHERE t.kind IN ('redemption', 'transfer_out'))"
                " AS outflow"
                f" FROM clients.transactions t{flows_join}"
                f" WHERE {where}"
                " AND t.occurred_at >= :start AND t.occurred_at < :end"
                " GROUP BY 1 ORDER BY 1"
            ),
            rows(
                "WITH churn AS (SELECT h.client_id, max(h.changed_at) AS at"
                " FROM clients.stage_history h WHERE h.stage = 'CHURNED' GROUP BY 1),"
                # A relationship starts when the client signed (else at the first
                # transaction, else when the record was written): an imported book counts.
                " since AS (SELECT c.*, coalesce("
                "   (c.signed_on::timestamp AT TIME ZONE 'Asia/Shanghai'),"
                "   (SELECT min(t.occurred_at) FROM clients.transactions t"
                "     WHERE t.client_id = c.id),"
                f"   c.created_at) AS began FROM clients.clients c WHERE {where})"
                " SELECT"
                " count(*) FILTER (WHERE c.began < :start"
                "   AND NOT (c.lifecycle_stage = 'CHURNED' AND coalesce(ch.at < :start, false)))"
                " AS at_start,"
                " count(*) FILTER (WHERE c.began < :end"
                "   AND NOT (c.lifecycle_stage = 'CHURNED' AND coalesce(ch.at < :end, false)))"
                " AS at_end,"
                " count(*) FILTER (WHERE c.began >= :start AND c.began < :end) AS new,"
                " count(*) FILTER (WHERE c.lifecycle_stage = 'CHURNED'"
                "   AND ch.at >= :start AND ch.at < :end) AS churned,"
                " count(*) FILTER (WHERE c.lifecycle_stage = 'DORMANT') AS dormant"
                " FROM since c LEFT JOIN churn ch ON ch.client_id = c.id"
            ),
            rows(
                "SELECT coalesce(h.previous_tier, '') AS from_tier, h.tier AS to_tier, count(*)"
                " FROM clients.tier_history h JOIN clients.clients c ON c.id = h.client_id"
                f" WHERE {where} AND h.changed_at >= :start AND h.changed_at < :end"
                " AND h.previous_tier IS DISTINCT FROM h.tier GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2"
            ),
            rows(
                "SELECT t.process_kind, count(*) AS done,"
                " count(*) FILTER (WHERE t.breached_at IS NULL) AS on_time,"
                " avg(extract(epoch FROM t.updated_at - t.created_at)) / 3600 AS hours"
                " FROM workflows.tasks t"
                + (
                    ""
                    if scope.everything
                    else f" JOIN clients.clients c ON c.id::text = t.client_id AND {where}"
                )
                + " WHERE t.status = 'done' AND t.updated_at >= :start AND t.updated_at < :end"
                " GROUP BY 1 ORDER BY 1"
            ),
            rows(
                "SELECT count(*) AS n,"
                " count(*) FILTER (WHERE a.score >= 9) AS promoters,"
                " count(*) FILTER (WHERE a.score BETWEEN 7 AND 8) AS passives,"
                " count(*) FILTER (WHERE a.score <= 6) AS detractors"
                " FROM reporting.survey_answers a"
                + ("" if scope.everything else " JOIN clients.clients c ON c.id = a.client_id")
                + f" WHERE {where}"
                " AND a.answered_at >= :start AND a.answered_at < :end"
            ),
        )
        counts, nps = counts_rows[0], nps_rows[0]

        by_tier = {r.tier: _money(r.aum) for r in aum_rows if r.tier is not None}
        by_advisor = [
            {"advisor_id": r.advisor_id, "aum": _money(r.aum), "clients": r.n}
            for r in aum_rows
            if r.advisor_id is not None and r.tier is None
        ]
        by_team = [
            {"team_id": r.team, "aum": _money(r.aum), "clients": r.n}
            for r in aum_rows
            if r.team is not None and r.tier is None and r.advisor_id is None
        ]
        total = next(
            (r for r in aum_rows if r.tier is None and r.advisor_id is None and r.team is None),
            None,
        )
        months = [
            {
                "month": r.month.strftime("%Y-%m"),
                "inflow": _money(r.inflow),
                "outflow": _money(r.outflow),
                "net": _money(Decimal(r.inflow or 0) - Decimal(r.outflow or 0)),
            }
            for r in flows
        ]
        quarters: dict[str, Decimal] = {}
        for r in flows:
            key = f"{r.month.year}Q{(r.month.month - 1) // 3 + 1}"
            quarters[key] = (
                quarters.get(key, Decimal(0)) + Decimal(r.inflow or 0) - Decimal(r.outflow or 0)
            )
        retention = _rate(counts.at_end - counts.new, counts.at_start)
        return {
            "period": {
                "key": period.key,
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
            },
            "scope": {"advisor_id": scope.advisor_id or "", "team_id": scope.team_id or ""},
            "aum": {
                "total": _money(total.aum if total else 0),
                "clients": total.n if total else 0,
                "by_tier": dict(sorted(by_tier.items())),
                "by_advisor": sorted(by_advisor, key=lambda x: x["advisor_id"]),
                "by_team": sorted(by_team, key=lambda x: x["team_id"]),
            },
            "net_flows": {
                "by_month": months,
                "by_quarter": [
                    {"quarter": q, "net": _money(v)} for q, v in sorted(quarters.items())
                ],
            },
            "clients": {
                "at_start": counts.at_start,
                "at_end": counts.at_end,
                "new": counts.new,
                "churned": counts.churned,
                "retention_rate": retention,
                "churn_rate": None if retention is None else round(1 - retention, 4),
                "dormant": counts.dormant,
            },
            "tiers": {
                "distribution": dict(sorted((r.tier, r.n) for r in aum_rows if r.tier is not None)),
                "migrations": [
                    {"from": r.from_tier, "to": r.to_tier, "clients": r.count} for r in migrations
                ],
            },
            "tasks": [
                {
                    "process_kind": r.process_kind,
                    "completed": r.done,
                    "on_time": r.on_time,
                    "sla_compliance": _rate(r.on_time, r.done),
                    "mean_hours_to_complete": round(float(r.hours or 0), 2),
                }
                for r in tasks
            ],
            "nps": {
                "responses": nps.n,
                "promoters": nps.promoters,
                "passives": nps.passives,
                "detractors": nps.detractors,
                "score": None
                if not nps.n
                else round(100 * (nps.promoters - nps.detractors) / nps.n, 1),
            },
        }


__all__ = ["Dashboards", "Scope", "scope_for"]
