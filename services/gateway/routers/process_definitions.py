"""/v1/process-definitions: processes admins define at run time — the JSON Schema of the
document, live validation, versions (each a draft until published), publish, a start for a
client, and runs over a saved segment (now, or every N days on a Schedule)."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any
from urllib.parse import quote

from clientflow.workflows.v1 import workflows_pb2
from fastapi import APIRouter, Path, Query, Response, status
from pydantic import BaseModel, ConfigDict, Field

from services.common.errors import InvalidArgument
from services.common.protos import when
from services.gateway.deps import Services
from services.gateway.schemas import ProcessOut, process_out
from services.workflows.service.automation.definitions import json_schema

router = APIRouter(tags=["process definitions"])
KEY = Path(pattern=r"^[a-z][a-z0-9-]{0,63}$", description="the definition's key")


class DefinitionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    document: dict[str, Any] = Field(
        description="the definition (GET /v1/process-definitions/schema)"
    )
    expected_version: int = Field(0, ge=0, description="the latest version you saw; 0 = new")


class DocumentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    document: dict[str, Any]


class ProblemOut(BaseModel):
    field: str
    value: str
    message: str


class ValidationOut(BaseModel):
    valid: bool
    problems: list[ProblemOut]


class DefinitionOut(BaseModel):
    key: str
    version: int
    name: dict[str, str]
    document: dict[str, Any]
    created_by: str
    created_at: datetime | None
    published_at: datetime | None
    published_by: str
    versions: list[int]
    published_version: int


class DefinitionList(BaseModel):
    items: list[DefinitionOut]


class StartIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    client_id: uuid.UUID
    run_key: str = Field(
        "", max_length=64, pattern=r"^[A-Za-z0-9_-]*$", description="the same key starts once"
    )


def definition_out(m: workflows_pb2.ProcessDefinition) -> DefinitionOut:
    return DefinitionOut(
        key=m.key,
        version=m.version,
        name={"zh-CN": m.name_zh, "en": m.name_en},
        document=json.loads(m.document_json or "{}"),
        created_by=m.created_by,
        created_at=when(m, "created_at"),
        published_at=when(m, "published_at"),
        published_by=m.published_by,
        versions=list(m.versions),
        published_version=m.published_version,
    )


@router.get("/v1/process-definitions/schema")
async def definition_schema(services: Services) -> dict[str, Any]:
    """The JSON Schema of a definition document."""
    return json_schema()


@router.get("/v1/process-definitions", response_model=DefinitionList)
async def list_definitions(services: Services) -> DefinitionList:
    """Every definition at its latest version (admins and managers)."""
    reply = await services.definitions.ListDefinitions(workflows_pb2.ListDefinitionsRequest())
    return DefinitionList(items=[definition_out(d) for d in reply.definitions])


@router.post("/v1/process-definitions/validate", response_model=ValidationOut)
async def validate_definition(body: DocumentIn, services: Services) -> ValidationOut:
    """Every problem of a document, each named by node and field; nothing is stored."""
    reply = await services.definitions.ValidateDefinition(
        workflows_pb2.ValidateDefinitionRequest(
            document_json=json.dumps(body.document, ensure_ascii=False)
        )
    )
    problems = [ProblemOut(field=p.field, value=p.value, message=p.message) for p in reply.problems]
    return ValidationOut(valid=not problems, problems=problems)


class DryRunIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    document: dict[str, Any]
    client_id: uuid.UUID
    answers: dict[str, list[str]] = Field(
        default_factory=dict,
        max_length=100,
        description="node id -> the outcomes given on its visits (approvals: approve | reject)",
    )


class DryRunStepOut(BaseModel):
    node: str
    kind: str
    detail: str


class DryRunOut(BaseModel):
    steps: list[DryRunStepOut]
    outcome: str


@router.post("/v1/process-definitions/dry-run", response_model=DryRunOut)
async def dry_run(body: DryRunIn, services: Services) -> DryRunOut:
    """The path a client would take through a document with the given answers (admins and
    managers, for clients they may see); nothing is started or stored."""
    request = workflows_pb2.DryRunDefinitionRequest(
        document_json=json.dumps(body.document, ensure_ascii=False), client_id=str(body.client_id)
    )
    for node, outcomes in body.answers.items():
        request.answers[node[:64]].outcomes.extend(o[:64] for o in outcomes[:20])
    reply = await services.definitions.DryRunDefinition(request)
    return DryRunOut(
        steps=[DryRunStepOut(node=s.node, kind=s.kind, detail=s.detail) for s in reply.steps],
        outcome=reply.outcome,
    )


@router.put("/v1/process-definitions/{key}", response_model=DefinitionOut)
async def put_definition(body: DefinitionIn, services: Services, key: str = KEY) -> DefinitionOut:
    """A new version (admin), a draft until published; refused with the first problem."""
    if body.document.get("key") != key:
        raise InvalidArgument("document.key", body.document.get("key"), f"must be {key}")
    reply = await services.definitions.PutDefinition(
        workflows_pb2.PutDefinitionRequest(
            document_json=json.dumps(body.document, ensure_ascii=False),
            expected_version=body.expected_version,
        )
    )
    return definition_out(reply)


@router.get("/v1/process-definitions/{key}", response_model=DefinitionOut)
async def get_definition(
    services: Services, key: str = KEY, version: int = Query(0, ge=0, le=100_000)
) -> DefinitionOut:
    """A version (the latest when none is given)."""
    reply = await services.definitions.GetDefinition(
        workflows_pb2.GetDefinitionRequest(key=key, version=version)
    )
    return definition_out(reply)


@router.post(
    "/v1/process-definitions/{key}/versions/{version}/publish", response_model=DefinitionOut
)
async def publish_definition(
    services: Services, key: str = KEY, version: int = Path(ge=1, le=100_000)
) -> DefinitionOut:
    """Publish a version (admin): new starts run it; running processes keep theirs."""
    reply = await services.definitions.PublishDefinition(
        workflows_pb2.PublishDefinitionRequest(key=key, version=version)
    )
    return definition_out(reply)


@router.post(
    "/v1/process-definitions/{key}/start",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=ProcessOut,
    responses={
        404: {"description": "No such definition or client"},
        409: {"description": "Started"},
    },
)
async def start_definition(
    body: StartIn, services: Services, response: Response, key: str = KEY
) -> ProcessOut:
    """Start the latest published version for a client (managers for their teams, admins)."""
    message = await services.definitions.StartDefinition(
        workflows_pb2.StartDefinitionRequest(
            key=key, client_id=str(body.client_id), run_key=body.run_key
        )
    )
    response.headers["Location"] = f"/v1/processes/{quote(message.workflow_id, safe='/')}"
    return process_out(message)


class ScheduleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    every_days: int = Field(ge=1, le=366, description="a run every this many days")


class ScheduleOut(BaseModel):
    key: str
    segment_id: uuid.UUID
    every_days: int
    paused: bool = Field(description="paused by an operator in the Temporal UI")
    next_run_at: datetime | None


def schedule_out(m: workflows_pb2.DefinitionSchedule) -> ScheduleOut:
    return ScheduleOut(
        key=m.key,
        segment_id=uuid.UUID(m.segment_id),
        every_days=m.every_days,
        paused=m.paused,
        next_run_at=when(m, "next_run_at"),
    )


@router.get("/v1/process-definitions/{key}/schedules", response_model=list[ScheduleOut])
async def list_schedules(services: Services, key: str = KEY) -> list[ScheduleOut]:
    """The segments this definition runs over on a schedule (admins and managers)."""
    reply = await services.definitions.ListDefinitionSchedules(
        workflows_pb2.GetDefinitionRequest(key=key)
    )
    return [schedule_out(s) for s in reply.schedules]


@router.put(
    "/v1/process-definitions/{key}/schedules/{segment_id}",
    response_model=ScheduleOut,
    responses={404: {"description": "No such segment"}, 409: {"description": "Not published"}},
)
async def put_schedule(
    body: ScheduleIn, services: Services, segment_id: uuid.UUID, key: str = KEY
) -> ScheduleOut:
    """Run the published version for every member of the segment every N days (admins)."""
    reply = await services.definitions.PutDefinitionSchedule(
        workflows_pb2.DefinitionSchedule(
            key=key, segment_id=str(segment_id), every_days=body.every_days
        )
    )
    return schedule_out(reply)


@router.delete(
    "/v1/process-definitions/{key}/schedules/{segment_id}",
    response_model=ScheduleOut,
    responses={404: {"description": "No such schedule"}},
)
async def delete_schedule(services: Services, segment_id: uuid.UUID, key: str = KEY) -> ScheduleOut:
    reply = await services.definitions.DeleteDefinitionSchedule(
        workflows_pb2.DefinitionSchedule(key=key, segment_id=str(segment_id))
    )
    return schedule_out(reply)


class RunIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    segment_id: uuid.UUID


@router.post(
    "/v1/process-definitions/{key}/runs",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=ProcessOut,
    responses={
        404: {"description": "No such segment"},
        409: {"description": "Not published, or a run started this minute"},
    },
)
async def run_over_segment(
    body: RunIn, services: Services, response: Response, key: str = KEY
) -> ProcessOut:
    """Start the published version for every member of the segment now (admins), batched."""
    message = await services.definitions.RunDefinitionOverSegment(
        workflows_pb2.DefinitionSchedule(key=key, segment_id=str(body.segment_id))
    )
    response.headers["Location"] = f"/v1/processes/{quote(message.workflow_id, safe='/')}"
    return process_out(message)
