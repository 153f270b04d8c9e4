"""/v1/reports: report runs over a book of clients; /v1/artifacts: stored reports and exports,
downloaded only by who may see their client."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, datetime
from typing import Any, Literal
from urllib.parse import quote

from clientflow.clients.v1 import clients_pb2
from clientflow.reporting.v1 import reporting_pb2
from clientflow.workflows.v1 import workflows_pb2
from fastapi import APIRouter, Query, Response, status
from google.protobuf import json_format
from openpyxl import Workbook
from pydantic import BaseModel, Field

from services.gateway.deps import Services
from services.gateway.schemas import process_out

router = APIRouter(tags=["reports"])


class ArtifactOut(BaseModel):
    id: str
    kind: str
    client_id: str
    period: str
    content_type: str
    size_bytes: int
    sha256: str
    workflow_id: str
    created_at: datetime | None


def artifact_out(message: reporting_pb2.Artifact) -> ArtifactOut:
    return ArtifactOut(
        id=message.id,
        kind=message.kind,
        client_id=message.client_id,
        period=message.period,
        content_type=message.content_type,
        size_bytes=message.size_bytes,
        sha256=message.sha256,
        workflow_id=message.workflow_id,
        created_at=message.created_at.ToDatetime(tzinfo=UTC)
        if message.HasField("created_at")
        else None,
    )


@router.get(
    "/v1/artifacts/{artifact_id}",
    response_model=ArtifactOut,
    responses={404: {"description": "No such artifact, or its client is not yours"}},
)
async def get_artifact(artifact_id: uuid.UUID, services: Services) -> ArtifactOut:
    """A stored report or export: kind, client, period, size and checksum."""
    message = await services.reporting.GetArtifact(
        reporting_pb2.GetArtifactRequest(id=str(artifact_id)),
    )
    return artifact_out(message)


class ArtifactList(BaseModel):
    items: list[ArtifactOut]


@router.get(
    "/v1/clients/{client_id}/reports",
    response_model=ArtifactList,
    responses={404: {"description": "No such client, or not yours"}},
)
async def list_client_reports(
    client_id: uuid.UUID,
    services: Services,
    page_size: int = Query(50, ge=1, le=200),
) -> ArtifactList:
    """The client's stored reports, newest first (download each from /v1/artifacts)."""
    reply = await services.reporting.ListClientArtifacts(
        reporting_pb2.ListClientArtifactsRequest(client_id=str(client_id), page_size=page_size),
    )
    return ArtifactList(items=[artifact_out(a) for a in reply.artifacts])


@router.get(
    "/v1/artifacts/{artifact_id}/content",
    response_class=Response,
    responses={
        200: {"content": {"application/pdf": {}}, "description": "The file"},
        404: {"description": "No such artifact, or its client is not yours"},
    },
)
async def download_artifact(artifact_id: uuid.UUID, services: Services) -> Response:
    """The file itself, with its checksum in `ETag`."""
    meta = await services.reporting.GetArtifact(
        reporting_pb2.GetArtifactRequest(id=str(artifact_id)),
    )
    content = await services.reporting.ReadArtifactContent(
        reporting_pb2.ReadArtifactContentRequest(id=str(artifact_id)),
    )
    if meta.client_id:
        # Who downloaded which client's report is in the access log.
        await services.access_log.RecordAccess(
            clients_pb2.RecordAccessRequest(client_id=meta.client_id, what="report"),
        )
    extension = {"application/pdf": "pdf"}.get(content.content_type, "bin")
    name = f"{meta.kind}-{meta.period or 'file'}-{str(artifact_id)[:8]}.{extension}"
    return Response(
        content=content.content,
        media_type=content.content_type,
        headers={
            "ETag": f'"{meta.sha256}"',
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
        },
    )


class QuarterlyRunIn(BaseModel):
    book: str = Field(
        min_length=1, max_length=64, pattern=r"^[^/]+$", examples=["team-east", "firm"]
    )
    period: str = Field(pattern=r"^\d{4}Q[1-4]$", examples=["2026Q3"])
    parameters: dict[str, str] = Field(
        default_factory=dict,
        description="batch_size, parallel_batches, render_parallelism, clients_per_call,"
        " manager_id",
    )
    rerun: bool = Field(
        False,
        description="Run a finished period again for corrections: a new attempt with its own"
        " id (`.../attempt-2`), the finished run kept; every client gets the corrected report",
    )


class ReportRunOut(BaseModel):
    workflow_id: str
    run_id: str
    kind: str
    book: str
    period: str
    status: str
    started_at: datetime | None


@router.post(
    "/v1/reports/quarterly",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=ReportRunOut,
    responses={
        403: {"description": "Managers (their team's book) and admins only"},
        409: {"description": "The period's run for this book exists"},
    },
)
async def start_quarterly_run(body: QuarterlyRunIn, services: Services) -> ReportRunOut:
    """Start the quarter's report distribution for a team's book or the firm's: data, then
    commentary, partner approval (rejections loop back), a PDF and an e-mail per client, a
    summary. Follow it at `/v1/processes/{workflow_id}/progress`; its tasks arrive in
    `/v1/tasks` of the accountant, the advisors and the partners."""
    message = await services.processes.StartReportRun(
        workflows_pb2.StartReportRunRequest(
            kind="quarterly-report",
            book=body.book,
            period=body.period,
            parameters=body.parameters,
            rerun=body.rerun,
        ),
    )
    process = process_out(message)
    return ReportRunOut(
        workflow_id=process.workflow_id,
        run_id=process.run_id,
        kind=process.kind,
        book=body.book,
        period=body.period,
        status=process.status,
        started_at=process.started_at,
    )


def flatten(dashboard: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(section, metric, value) rows of a dashboard, for CSV and .xlsx exports."""
    rows: list[tuple[str, str, str]] = []

    def walk(section: str, prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(section, f"{prefix}.{key}" if prefix else str(key), inner)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    label = next(iter(item.values()))
                    for key, inner in list(item.items())[1:]:
                        walk(section, f"{prefix}[{label}].{key}", inner)
        else:
            rows.append((section, prefix, "" if value is None else str(value)))

    for section, value in dashboard.items():
        walk(section, "", value)
    return rows


def _numbers(value: Any) -> Any:
    """Struct carries numbers as doubles: whole ones back to integers."""
    if isinstance(value, dict):
        return {k: _numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_numbers(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _cell(value: str) -> Any:
    try:
        return float(value) if "." in value else int(value)
    except ValueError:
        # A text cell never starts a formula in a spreadsheet program.
        return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@router.get(
    "/v1/dashboards/kpis",
    responses={
        200: {
            "content": {
                "application/json": {},
                "text/csv": {},
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {},
            },
            "description": "The KPIs (JSON), or the same as rows of section, metric, value",
        },
        403: {"description": "A filter outside your scope"},
    },
)
async def kpi_dashboard(
    services: Services,
    period: str = Query(pattern=r"^\d{4}(Q[1-4]|-(0[1-9]|1[0-2]))?$", examples=["2026Q3"]),
    advisor_id: str = Query("", max_length=64),
    team_id: str = Query("", max_length=64),
    format: Literal["json", "csv", "xlsx"] = "json",
) -> Any:
    """AUM (total, by tier, advisor and team), net flows by month and quarter, clients at
    the period's start and end, new, churned, retention and churn rates, dormant clients,
    tier distribution and migrations, task SLA compliance and time to complete by process,
    NPS (by advisor and team), CSAT (by advisor, team and request type), clients' requests
    by type (response and resolution hours p50/p90, SLA compliance) and the detractor
    follow-up rate — for your book (advisors), your team (managers) or the firm.
    `format=csv|xlsx` downloads the same figures as rows."""
    reply = await services.reporting.GetDashboard(
        reporting_pb2.GetDashboardRequest(period=period, advisor_id=advisor_id, team_id=team_id),
    )
    kpis = _numbers(json_format.MessageToDict(reply.kpis))
    if format == "json":
        return kpis
    rows = flatten(kpis)
    name = f"kpis-{period}"
    if format == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["section", "metric", "value"])
        writer.writerows(rows)
        return Response(
            content=out.getvalue().encode("utf-8-sig"),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
        )
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "KPIs"
    sheet.append(["section", "metric", "value"])
    for section, metric, value in rows:
        sheet.append([section, metric, _cell(value)])
    buffer = io.BytesIO()
    book.save(buffer)
    return Response(
        content=buffer.getvalue(),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
    )


class SurveyAnswerIn(BaseModel):
    score: int = Field(ge=0, le=10, description="0-10: how likely to recommend us")
    comment: str = Field("", max_length=2000)
    channel: str = Field("", max_length=32, examples=["portal", "call"])
    answered_at: datetime | None = None


class SurveyAnswerOut(SurveyAnswerIn):
    id: str
    client_id: str
    recorded_by: str


@router.post(
    "/v1/clients/{client_id}/survey-answers",
    status_code=status.HTTP_201_CREATED,
    response_model=SurveyAnswerOut,
    responses={404: {"description": "No such client, or not yours"}},
)
async def record_survey_answer(
    client_id: uuid.UUID, body: SurveyAnswerIn, services: Services
) -> SurveyAnswerOut:
    """A client's satisfaction answer, counted in the NPS of the dashboards."""
    request = reporting_pb2.RecordSurveyAnswerRequest(
        client_id=str(client_id), score=body.score, comment=body.comment, channel=body.channel
    )
    if body.answered_at is not None:
        request.answered_at.FromDatetime(body.answered_at)
    answer = await services.reporting.RecordSurveyAnswer(request)
    return SurveyAnswerOut(
        id=answer.id,
        client_id=answer.client_id,
        score=answer.score,
        comment=answer.comment,
        channel=answer.channel,
        answered_at=answer.answered_at.ToDatetime(tzinfo=UTC),
        recorded_by=answer.recorded_by,
    )
