"""Every SQL statement of the reporting service.

Its own tables (artifacts, survey answers) through the ORM; other services' data only through
the versioned read-only views their owners' migrations create (`clients.kpi_*_v1`,
`workflows.task_sla_v1`), never their tables, so an owner's migration cannot break a
dashboard unnoticed (each owner tests its views).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from services.reporting.models import Artifact, ArtifactContent, SurveyAnswer


class ArtifactRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, artifact_id: uuid.UUID) -> Artifact | None:
        """The artifact row, if any."""
        return await self.session.get(Artifact, artifact_id)

    async def of_ids(self, artifact_ids: list[uuid.UUID]) -> list[Artifact]:
        """Those of the artifacts that exist, in no order."""
        return list(
            await self.session.scalars(select(Artifact).where(Artifact.id.in_(artifact_ids)))
        )

    async def add(self, artifact: Artifact) -> Artifact:
        """Insert and flush."""
        self.session.add(artifact)
        await self.session.flush()
        await self.session.refresh(artifact)
        return artifact

    async def for_client(self, client_id: uuid.UUID, limit: int) -> list[Artifact]:
        """A client's artifacts, newest first."""
        rows = await self.session.scalars(
            select(Artifact)
            .where(Artifact.client_id == client_id)
            .order_by(Artifact.created_at.desc(), Artifact.id)
            .limit(limit)
        )
        return list(rows)

    async def content(self, artifact_id: uuid.UUID) -> bytes | None:
        row = await self.session.get(ArtifactContent, artifact_id)
        return None if row is None else row.content


async def answer_to_invitation(session: AsyncSession, invitation_id: str) -> SurveyAnswer | None:
    """The answer already recorded for an invitation, if any."""
    statement = select(SurveyAnswer).where(SurveyAnswer.invitation_id == invitation_id)
    return (await session.execute(statement)).scalar_one_or_none()


class KpiQueries:
    """The dashboards' named queries. Each runs on a connection of its own in a read-only
    transaction, so a dashboard's queries run side by side (each its own snapshot, which a
    dashboard can live with). `where` scopes the kpi_clients_v1 row `c`; `params` carry the
    scope, the period's bounds as instants (`start`/`end`, UTC) and as the firm's days
    (`first_day`/`last_day`)."""

    def __init__(
        self, engine: AsyncEngine, where: str, everything: bool, params: dict[str, Any]
    ) -> None:
        self.engine = engine
        self.where = where
        self.everything = everything
        self.params = params

    async def _rows(self, sql: str) -> list[Any]:
        async with self.engine.connect() as connection:
            await connection.execute(text("SET TRANSACTION READ ONLY"))
            result = list((await connection.execute(text(sql), self.params)).all())
            await connection.rollback()
            return result

    def _clients_join(self, on: str) -> str:
        return "" if self.everything else f" JOIN clients.kpi_clients_v1 c ON {on}"

    async def aum(self) -> list[Any]:
        """Today's AUM and client counts by tier, advisor, team and in total."""
        return await self._rows(
            "SELECT c.tier, c.advisor_id, coalesce(c.team_id, '') AS team,"
            " sum(c.aum) AS aum, count(*) AS n FROM clients.kpi_clients_v1 c"
            f" WHERE {self.where} AND c.lifecycle_stage <> 'CHURNED'"
            " GROUP BY GROUPING SETS ((c.tier), (c.advisor_id), (coalesce(c.team_id, '')), ())"
        )

    async def flows_by_month(self) -> list[Any]:
        """Inflows and outflows per month of the period, months in the firm's time zone:
        for the whole firm from the monthly rollup the clients service keeps (a dozen rows a
        year), within a scope from the scope's transactions."""
        if self.everything:
            return await self._rows(
                "SELECT f.month, f.inflow, f.outflow FROM clients.kpi_flows_by_month_v1 f"
                " WHERE f.month >= :first_day AND f.month <= :last_day ORDER BY 1"
            )
        return await self._rows(
            "SELECT date_trunc('month', t.occurred_at AT TIME ZONE 'Asia/Shanghai') AS month,"
            " sum(abs(t.amount)) FILTER (WHERE t.kind IN ('subscription', 'transfer_in'))"
            " AS inflow,"
            " sum(abs(t.amount)) FILTER (WHERE t.kind IN ('redemption', 'transfer_out'))"
            " AS outflow"
            " FROM clients.kpi_transactions_v1 t"
            + self._clients_join("c.id = t.client_id")
            + f" WHERE {self.where}"
            " AND t.occurred_at >= (CAST(:first_day AS date)::timestamp AT TIME ZONE 'Asia/Shanghai')"
            " AND t.occurred_at < ((CAST(:last_day AS date) + 1)::timestamp"
            " AT TIME ZONE 'Asia/Shanghai')"
            " GROUP BY 1 ORDER BY 1"
        )

    async def client_counts(self) -> Any:
        """Clients at the start and end of the period, new, churned within, dormant now."""
        rows = await self._rows(
            "WITH churn AS (SELECT h.client_id, max(h.changed_at) AS at"
            " FROM clients.kpi_stage_changes_v1 h WHERE h.stage = 'CHURNED' GROUP BY 1),"
            # A relationship starts when the client signed (else at the first transaction,
            # else when the record was written): an imported book counts.
            " since AS (SELECT c.*, coalesce("
            "   (c.signed_on::timestamp AT TIME ZONE 'Asia/Shanghai'),"
            "   ft.first_at, c.created_at) AS began FROM clients.kpi_clients_v1 c"
            " LEFT JOIN clients.kpi_first_transactions_v1 ft ON ft.client_id = c.id"
            f" WHERE {self.where})"
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
        )
        return rows[0]

    async def tier_migrations(self) -> list[Any]:
        """Tier changes within the period, by (from, to)."""
        return await self._rows(
            "SELECT coalesce(h.previous_tier, '') AS from_tier, h.tier AS to_tier, count(*)"
            " FROM clients.kpi_tier_changes_v1 h JOIN clients.kpi_clients_v1 c"
            " ON c.id = h.client_id"
            f" WHERE {self.where} AND h.changed_at >= :start AND h.changed_at < :end"
            " AND h.previous_tier IS DISTINCT FROM h.tier GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2"
        )

    async def task_sla(self) -> list[Any]:
        """Tasks completed within the period by process kind: on time, mean hours."""
        return await self._rows(
            "SELECT t.process_kind, count(*) AS done,"
            " count(*) FILTER (WHERE t.breached_at IS NULL) AS on_time,"
            " avg(extract(epoch FROM t.updated_at - t.created_at)) / 3600 AS hours"
            " FROM workflows.task_sla_v1 t"
            + self._clients_join(f"c.id::text = t.client_id AND {self.where}")
            + " WHERE t.status = 'done' AND t.updated_at >= :start AND t.updated_at < :end"
            " GROUP BY 1 ORDER BY 1"
        )

    async def nps(self) -> Any:
        """Survey answers within the period: promoters, passives, detractors."""
        rows = await self._rows(
            "SELECT count(*) AS n,"
            " count(*) FILTER (WHERE a.score >= 9) AS promoters,"
            " count(*) FILTER (WHERE a.score BETWEEN 7 AND 8) AS passives,"
            " count(*) FILTER (WHERE a.score <= 6) AS detractors"
            " FROM reporting.survey_answers a"
            + self._clients_join("c.id = a.client_id")
            + f" WHERE {self.where} AND a.survey = 'nps'"
            " AND a.answered_at >= :start AND a.answered_at < :end"
        )
        return rows[0]

    async def satisfaction_by(self) -> list[Any]:
        """NPS and CSAT answers of the period by advisor, by team, by request type (CSAT)
        and in total: counts of promoters/detractors (NPS) and the CSAT sum."""
        return await self._rows(
            "SELECT a.survey, c.advisor_id, coalesce(c.team_id, '') AS team,"
            " a.request_type, count(*) AS n,"
            " count(*) FILTER (WHERE a.score >= 9) AS promoters,"
            " count(*) FILTER (WHERE a.score <= 6) AS detractors,"
            " sum(a.score) AS total"
            " FROM reporting.survey_answers a JOIN clients.kpi_clients_v1 c ON c.id = a.client_id"
            f" WHERE {self.where} AND a.answered_at >= :start AND a.answered_at < :end"
            " GROUP BY GROUPING SETS ((a.survey, c.advisor_id), (a.survey, coalesce(c.team_id, '')),"
            " (a.survey, a.request_type), (a.survey))"
        )

    async def requests_by_type(self) -> list[Any]:
        """Requests opened in the period by type: how many, resolved, and the hours to the
        first response and to the resolution (p50, p90)."""
        return await self._rows(
            "SELECT r.type_key, count(*) AS opened,"
            " count(*) FILTER (WHERE r.resolved_at IS NOT NULL AND r.resolution = 'resolved')"
            " AS resolved,"
            " percentile_cont(0.5) WITHIN GROUP (ORDER BY"
            "   extract(epoch FROM r.first_response_at - r.opened_at)) / 3600 AS response_p50,"
            " percentile_cont(0.9) WITHIN GROUP (ORDER BY"
            "   extract(epoch FROM r.first_response_at - r.opened_at)) / 3600 AS response_p90,"
            " percentile_cont(0.5) WITHIN GROUP (ORDER BY"
            "   extract(epoch FROM r.resolved_at - r.opened_at)) / 3600 AS resolution_p50,"
            " percentile_cont(0.9) WITHIN GROUP (ORDER BY"
            "   extract(epoch FROM r.resolved_at - r.opened_at)) / 3600 AS resolution_p90"
            " FROM workflows.service_requests_v1 r"
            + self._clients_join(f"c.id::text = r.client_id AND {self.where}")
            + " WHERE r.opened_at >= :start AND r.opened_at < :end"
            " GROUP BY 1 ORDER BY 1"
        )

    async def detractor_follow_ups(self) -> Any:
        """Detractors of the period (NPS 0-6, CSAT 1-2) and the follow-up tasks created for
        them in it: how many, done, done on time."""
        detractors = await self._rows(
            "SELECT count(*) AS n FROM reporting.survey_answers a"
            + self._clients_join("c.id = a.client_id")
            + f" WHERE {self.where} AND a.answered_at >= :start AND a.answered_at < :end"
            " AND ((a.survey = 'nps' AND a.score <= 6) OR (a.survey = 'csat' AND a.score <= 2))"
        )
        tasks = await self._rows(
            "SELECT count(*) AS created,"
            " count(*) FILTER (WHERE t.status = 'done') AS done,"
            " count(*) FILTER (WHERE t.status = 'done' AND t.breached_at IS NULL) AS on_time"
            " FROM workflows.task_sla_v2 t"
            + self._clients_join(f"c.id::text = t.client_id AND {self.where}")
            + " WHERE t.task_id LIKE 'detractor-follow-up%'"
            " AND t.created_at >= :start AND t.created_at < :end"
        )
        return detractors[0].n, tasks[0]
