"""/v1/reports: report runs over a book of clients; /v1/artifacts: stored reports and exports,
downloaded only by who may see their client."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from urllib.parse import quote

from clientflow.reporting.v1 import reporting_pb2
from clientflow.workflows.v1 import workflows_pb2
from fastapi import APIRouter, Response, status
from pydantic import BaseModel, Field

from services.gateway.deps import CurrentActor, Services
from services.gateway.routers.processes import process_out
from services.gateway.schemas import ProcessOut

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
async def get_artifact(
    artifact_id: uuid.UUID, actor: CurrentActor, services: Services
) -> ArtifactOut:
    """A stored report or export: kind, client, period, size and checksum."""
    message = await services.reporting.GetArtifact(
        reporting_pb2.GetArtifactRequest(id=str(artifact_id)),
        metadata=actor.to_metadata(),
        timeout=15,
    )
    return artifact_out(message)


@router.get(
    "/v1/artifacts/{artifact_id}/content",
    response_class=Response,
    responses={
        200: {"content": {"application/pdf": {}}, "description": "The file"},
        404: {"description": "No such artifact, or its client is not yours"},
    },
)
async def download_artifact(
    artifact_id: uuid.UUID, actor: CurrentActor, services: Services
) -> Response:
    """The file itself, with its checksum in `ETag`."""
    meta = await services.reporting.GetArtifact(
        reporting_pb2.GetArtifactRequest(id=str(artifact_id)),
        metadata=actor.to_metadata(),
        timeout=15,
    )
    content = await services.reporting.ReadArtifactContent(
        reporting_pb2.ReadArtifactContentRequest(id=str(artifact_id)),
        metadata=actor.to_metadata(),
        timeout=60,
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
        description="batch_size, parallel_batches, render_parallelism, manager_id",
    )


@router.post(
    "/v1/reports/quarterly",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=ProcessOut,
    responses={
        403: {"description": "Managers (their team's book) and admins only"},
        409: {"description": "The period's run for this book exists"},
    },
)
async def start_quarterly_run(
    body: QuarterlyRunIn, actor: CurrentActor, services: Services
) -> ProcessOut:
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
        ),
        metadata=actor.to_metadata(),
        timeout=15,
    )
    return process_out(message)
