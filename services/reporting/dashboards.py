"""KPI dashboards, computed in SQL (`repository.KpiQueries`, over the owners' versioned views)
on a read-only connection (in production a replica: `CLIENTFLOW_REPORTING_READ_DATABASE_URL`),
within the caller's scope:
an advisor sees their own book, a manager their team's, firm-wide roles everything.

Definitions (period = a quarter, a year or a month; "start" and "end" are its bounds):

- AUM: today's total of the clients' holdings, by tier, advisor and team;
- net flows: subscriptions and transfers in less redemptions and transfers out, per month
  (months and the period's bounds in the firm's time zone, Asia/Shanghai)
  and per quarter of the period;
- clients at start / end: a relationship begun before the bound (signed_on, else the first
  transaction, else the record's creation) and not churned by then (churned: the
  client's stage is CHURNED and it moved there before the bound); new: created within;
  retention = (end - new) / start; churn = 1 - retention;
- dormant: clients now DORMANT; tiers: today's distribution and the period's migrations;
- task SLA compliance: of the tasks completed in the period, the share never breached, and
  the mean hours from creation to completion, by process kind;
- NPS: % promoters (9-10) - % detractors (0-6) of the NPS answers in the period, in total
  and by advisor and team;
- CSAT: the mean of the CSAT answers (1-5) in the period, in total and by advisor, team and
  request type;
- requests: opened in the period by type, resolved, hours from opening to the first
  completed step (response) and to the resolution, p50 and p90 (wall-clock hours); their
  SLA compliance is the `service-request` row of the task figures;
- detractor follow-up: detractors in the period (NPS 0-6, CSAT 1-2) and the follow-up tasks
  created for them, done and done on time; rate = done / detractors.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from services.common.errors import InvalidArgument, PermissionDenied
from services.common.identity import FIRM_WIDE_ROLES, Actor, Role
from services.reporting.periods import Period
from services.reporting.repository import KpiQueries


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


def scope_for(actor: Actor, advisor_id: str, team_id: str) -> Scope:
    """The caller's scope narrowed by the filters; a filter outside it is refused."""
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
        """Every figure of the dashboard for `scope` over `period`: the named queries run
        side by side, then one function shapes their rows."""
        start = datetime.combine(period.start, time(), tzinfo=UTC)
        end = datetime.combine(period.end + timedelta(days=1), time(), tzinfo=UTC)
        queries = KpiQueries(
            self.engine,
            scope.sql(),
            scope.everything,
            {
                **scope.params(),
                "start": start,
                "end": end,
                "first_day": period.start,
                "last_day": period.end,
            },
        )
        rows = KpiRows(
            *await asyncio.gather(
                queries.aum(),
                queries.flows_by_month(),
                queries.client_counts(),
                queries.tier_migrations(),
                queries.task_sla(),
                queries.nps(),
                queries.satisfaction_by(),
                queries.requests_by_type(),
                queries.detractor_follow_ups(),
            )
        )
        return shape_kpis(scope, period, rows)


@dataclass(frozen=True)
class KpiRows:
    aum: list[Any]
    flows: list[Any]
    counts: Any
    migrations: list[Any]
    tasks: list[Any]
    nps: Any
    satisfaction: list[Any]
    requests: list[Any]
    follow_ups: Any


def shape_kpis(scope: Scope, period: Period, rows: KpiRows) -> dict[str, Any]:
    """The dashboard document from the queries' rows."""
    return {
        "period": {
            "key": period.key,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "scope": {"advisor_id": scope.advisor_id or "", "team_id": scope.team_id or ""},
        "aum": _aum(rows.aum),
        "net_flows": _net_flows(rows.flows),
        "clients": _clients(rows.counts),
        "tiers": {
            "distribution": dict(sorted((r.tier, r.n) for r in rows.aum if r.tier is not None)),
            "migrations": [
                {"from": r.from_tier, "to": r.to_tier, "clients": r.count} for r in rows.migrations
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
            for r in rows.tasks
        ],
        "nps": {**_nps(rows.nps), **_nps_by(rows.satisfaction)},
        "csat": _csat(rows.satisfaction),
        "requests": _requests(rows.requests, rows.tasks),
        "detractor_follow_up": _follow_ups(rows.follow_ups),
    }


def _aum(aum_rows: list[Any]) -> dict[str, Any]:
    """The GROUPING SETS rows: by tier, by advisor, by team, and the total."""
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
    return {
        "total": _money(total.aum if total else 0),
        "clients": total.n if total else 0,
        "by_tier": dict(sorted(by_tier.items())),
        "by_advisor": sorted(by_advisor, key=lambda x: x["advisor_id"]),
        "by_team": sorted(by_team, key=lambda x: x["team_id"]),
    }


def _net_flows(flows: list[Any]) -> dict[str, Any]:
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
    return {
        "by_month": months,
        "by_quarter": [{"quarter": q, "net": _money(v)} for q, v in sorted(quarters.items())],
    }


def _clients(counts: Any) -> dict[str, Any]:
    retention = _rate(counts.at_end - counts.new, counts.at_start)
    return {
        "at_start": counts.at_start,
        "at_end": counts.at_end,
        "new": counts.new,
        "churned": counts.churned,
        "retention_rate": retention,
        "churn_rate": None if retention is None else round(1 - retention, 4),
        "dormant": counts.dormant,
    }


def _nps(nps: Any) -> dict[str, Any]:
    return {
        "responses": nps.n,
        "promoters": nps.promoters,
        "passives": nps.passives,
        "detractors": nps.detractors,
        "score": None if not nps.n else round(100 * (nps.promoters - nps.detractors) / nps.n, 1),
    }


def _score(row: Any) -> float | None:
    return None if not row.n else round(100 * (row.promoters - row.detractors) / row.n, 1)


def _mean(row: Any) -> float | None:
    return None if not row.n else round(float(row.total) / row.n, 2)


def _nps_by(rows: list[Any]) -> dict[str, Any]:
    nps = [r for r in rows if r.survey == "nps"]
    return {
        "by_advisor": [
            {"advisor_id": r.advisor_id, "responses": r.n, "score": _score(r)}
            for r in sorted(nps, key=lambda r: r.advisor_id or "")
            if r.advisor_id is not None
        ],
        "by_team": [
            {"team_id": r.team, "responses": r.n, "score": _score(r)}
            for r in sorted(nps, key=lambda r: r.team or "")
            if r.team is not None and r.advisor_id is None
        ],
    }


def _csat(rows: list[Any]) -> dict[str, Any]:
    csat = [r for r in rows if r.survey == "csat"]
    total = next(
        (r for r in csat if r.advisor_id is None and r.team is None and r.request_type is None),
        None,
    )
    return {
        "responses": total.n if total else 0,
        "mean": _mean(total) if total else None,
        "by_advisor": [
            {"advisor_id": r.advisor_id, "responses": r.n, "mean": _mean(r)}
            for r in sorted(csat, key=lambda r: r.advisor_id or "")
            if r.advisor_id is not None
        ],
        "by_team": [
            {"team_id": r.team, "responses": r.n, "mean": _mean(r)}
            for r in sorted(csat, key=lambda r: r.team or "")
            if r.team is not None and r.advisor_id is None
        ],
        "by_request_type": [
            {"type": r.request_type, "responses": r.n, "mean": _mean(r)}
            for r in sorted(csat, key=lambda r: r.request_type or "")
            if r.request_type is not None and r.advisor_id is None and r.team is None
        ],
    }


def _hours(value: Any) -> float | None:
    return None if value is None else round(float(value), 2)


def _requests(rows: list[Any], tasks: list[Any]) -> dict[str, Any]:
    sla = next((t for t in tasks if t.process_kind == "service-request"), None)
    return {
        "by_type": [
            {
                "type": r.type_key,
                "opened": r.opened,
                "resolved": r.resolved,
                "response_hours_p50": _hours(r.response_p50),
                "response_hours_p90": _hours(r.response_p90),
                "resolution_hours_p50": _hours(r.resolution_p50),
                "resolution_hours_p90": _hours(r.resolution_p90),
            }
            for r in rows
        ],
        "steps_completed": sla.done if sla else 0,
        "sla_compliance": _rate(sla.on_time, sla.done) if sla else None,
    }


def _follow_ups(values: Any) -> dict[str, Any]:
    detractors, tasks = values
    return {
        "detractors": detractors,
        "follow_ups_created": tasks.created,
        "followed_up": tasks.done,
        "followed_up_on_time": tasks.on_time,
        "rate": _rate(tasks.done, detractors),
    }


__all__ = ["Dashboards", "Scope", "scope_for"]
