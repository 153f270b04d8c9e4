"""/v1/request-types and /v1/requests: clients' requests and complaints for staff — the types
(admins define them), filing a request for a client, lists within the caller's book, the
request with its client-safe progress, internal notes and client-visible messages (two
kinds of record, two routes), reopening. The steps are tasks (/v1/tasks)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from clientflow.workflows.v1 import workflows_pb2
from fastapi import APIRouter, File, Path, Query, Response, UploadFile
from google.protobuf import json_format
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from services.common.protos import ts, when
from services.gateway.deps import Services
from services.gateway.params import NOT_YOURS, PageSize, PageToken
from services.gateway.schemas import (
    AttachmentOut,
    ClientProgressOut,
    attach_upload,
    progress_of,
    request_attachments,
    struct,
)

router = APIRouter(tags=["requests"])

MISSING: dict[int | str, dict[str, Any]] = {404: {"description": "No such request, or not yours"}}
CONFLICT: dict[int | str, dict[str, Any]] = {
    **MISSING,
    409: {"description": "The request is not in a state that takes this"},
}


class RequestTypeOut(BaseModel):
    key: str
    version: int
    definition: dict[str, Any] = Field(
        description="names, fields, steps (key, names, role, client_visible, sla {hours, "
        "by_tier}, outcomes, form), reopen_days, effect, csat"
    )
    built_in: bool
    retired: bool
    updated_by: str
    updated_at: datetime | None


class RequestTypeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    definition: dict[str, Any]
    retired: bool = False


class RequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: str = Field(min_length=1, max_length=64)
    subject: str = Field("", max_length=200)
    fields: dict[str, Any] = Field(default_factory=dict)
    request_id: uuid.UUID | None = Field(
        None, description="Optional: the same id twice is the same request"
    )
    filed_at: AwareDatetime | None = Field(
        None,
        description="Optional: when the client filed it on another channel (at most 30 days "
        "ago); the first step's SLA counts from then",
    )


class RequestOut(BaseModel):
    id: uuid.UUID
    workflow_id: str
    type: str
    type_version: int
    type_names: dict[str, str]
    client_id: str
    advisor_id: str | None
    team_id: str | None
    subject: str
    fields: dict[str, Any]
    channel: str
    created_by: str
    status: str = Field(description="open | awaiting_client | resolved | rejected | closed")
    current_step: str
    due_at: datetime | None
    opened_at: datetime | None
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    round: int
    csat_score: int | None
    progress: ClientProgressOut = Field(description="What the client sees of it")


class RequestPage(BaseModel):
    items: list[RequestOut]
    next_page_token: str | None


class NoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body: str = Field(min_length=1, max_length=4000)


class NoteOut(BaseModel):
    id: uuid.UUID
    request_id: uuid.UUID
    author: str
    author_kind: str
    body: str
    created_at: datetime | None


class ReopenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=1000)


def request_out(m: workflows_pb2.ServiceRequest) -> RequestOut:
    return RequestOut(
        id=uuid.UUID(m.id),
        workflow_id=m.workflow_id,
        type=m.type,
        type_version=m.type_version,
        type_names={"zh-CN": m.type_name_zh, "en": m.type_name_en},
        client_id=m.client_id,
        advisor_id=m.advisor_id or None,
        team_id=m.team_id or None,
        subject=m.subject,
        fields=json_format.MessageToDict(m.fields),
        channel=m.channel,
        created_by=m.created_by,
        status=m.status,
        current_step=m.current_step,
        due_at=when(m, "due_at"),
        opened_at=when(m, "opened_at"),
        first_response_at=when(m, "first_response_at"),
        resolved_at=when(m, "resolved_at"),
        closed_at=when(m, "closed_at"),
        round=m.round,
        csat_score=m.csat_score or None,
        progress=progress_of(m),
    )


def note_out(m: workflows_pb2.RequestNote) -> NoteOut:
    return NoteOut(
        id=uuid.UUID(m.id),
        request_id=uuid.UUID(m.request_id),
        author=m.author,
        author_kind=m.author_kind,
        body=m.body,
        created_at=when(m, "created_at"),
    )


def type_out(m: workflows_pb2.RequestType) -> RequestTypeOut:
    return RequestTypeOut(
        key=m.key,
        version=m.version,
        definition=json_format.MessageToDict(m.definition),
        built_in=m.built_in,
        retired=m.retired,
        updated_by=m.updated_by,
        updated_at=when(m, "updated_at"),
    )


@router.get("/v1/request-types", response_model=list[RequestTypeOut])
async def list_request_types(
    services: Services, include_retired: bool = False
) -> list[RequestTypeOut]:
    reply = await services.requests.ListRequestTypes(
        workflows_pb2.ListRequestTypesRequest(include_retired=include_retired)
    )
    return [type_out(t) for t in reply.types]


@router.put("/v1/request-types/{key}", response_model=RequestTypeOut)
async def put_request_type(
    services: Services, body: RequestTypeIn, key: str = Path(max_length=64)
) -> RequestTypeOut:
    """Admins: a new version of the type (requests already filed keep theirs)."""
    reply = await services.requests.PutRequestType(
        workflows_pb2.RequestType(key=key, definition=struct(body.definition), retired=body.retired)
    )
    return type_out(reply)


@router.post(
    "/v1/clients/{client_id}/requests",
    response_model=RequestOut,
    status_code=201,
    responses=NOT_YOURS,
)
async def create_request(
    client_id: uuid.UUID, body: RequestIn, services: Services, response: Response
) -> RequestOut:
    """File a request for a client in your book: its fields are checked against the type
    (400 naming `fields.<name>`), then its process starts."""
    reply = await services.requests.CreateRequest(
        workflows_pb2.CreateRequestRequest(
            client_id=str(client_id),
            type=body.type,
            subject=body.subject,
            fields=struct(body.fields),
            request_id=str(body.request_id) if body.request_id else "",
            filed_at=ts(body.filed_at),
        )
    )
    response.headers["Location"] = f"/v1/requests/{reply.id}"
    return request_out(reply)


@router.get("/v1/requests", response_model=RequestPage)
async def list_requests(
    services: Services,
    client_id: uuid.UUID | None = None,
    status: Literal["open", "resolved", "closed"] | None = None,
    type: str = Query("", max_length=64),
    page_size: PageSize = 50,
    page_token: PageToken = "",
) -> RequestPage:
    """Requests in your book, newest first."""
    reply = await services.requests.ListRequests(
        workflows_pb2.ListRequestsRequest(
            client_id=str(client_id) if client_id else "",
            status=status or "",
            type=type,
            page_size=page_size,
            page_token=page_token,
        )
    )
    return RequestPage(
        items=[request_out(r) for r in reply.requests],
        next_page_token=reply.next_page_token or None,
    )


@router.get("/v1/requests/{request_id}", response_model=RequestOut, responses=MISSING)
async def get_request(request_id: uuid.UUID, services: Services) -> RequestOut:
    reply = await services.requests.GetRequest(workflows_pb2.GetRequestRequest(id=str(request_id)))
    return request_out(reply)


@router.get("/v1/requests/{request_id}/notes", response_model=list[NoteOut], responses=MISSING)
async def list_notes(request_id: uuid.UUID, services: Services) -> list[NoteOut]:
    """Internal notes: staff only, never shown to the client."""
    reply = await services.requests.ListInternalNotes(
        workflows_pb2.GetRequestRequest(id=str(request_id))
    )
    return [note_out(n) for n in reply.notes]


@router.post(
    "/v1/requests/{request_id}/notes", response_model=NoteOut, status_code=201, responses=MISSING
)
async def add_note(request_id: uuid.UUID, body: NoteIn, services: Services) -> NoteOut:
    reply = await services.requests.AddInternalNote(
        workflows_pb2.AddNoteRequest(request_id=str(request_id), body=body.body)
    )
    return note_out(reply)


@router.get("/v1/requests/{request_id}/messages", response_model=list[NoteOut], responses=MISSING)
async def list_messages(request_id: uuid.UUID, services: Services) -> list[NoteOut]:
    """The conversation with the client: what they see in the portal."""
    reply = await services.requests.ListClientMessages(
        workflows_pb2.GetRequestRequest(id=str(request_id))
    )
    return [note_out(n) for n in reply.notes]


@router.post(
    "/v1/requests/{request_id}/messages",
    response_model=NoteOut,
    status_code=201,
    responses=MISSING,
)
async def add_message(request_id: uuid.UUID, body: NoteIn, services: Services) -> NoteOut:
    reply = await services.requests.AddClientMessage(
        workflows_pb2.AddNoteRequest(request_id=str(request_id), body=body.body)
    )
    return note_out(reply)


@router.get(
    "/v1/requests/{request_id}/attachments", response_model=list[AttachmentOut], responses=MISSING
)
async def list_attachments(request_id: uuid.UUID, services: Services) -> list[AttachmentOut]:
    """Files on the request, the client's and staff's (both see them)."""
    return await request_attachments(services.requests, request_id)


@router.post(
    "/v1/requests/{request_id}/attachments",
    response_model=AttachmentOut,
    status_code=201,
    responses={**MISSING, 413: {"description": "Over 10 MB"}},
)
async def add_attachment(
    request_id: uuid.UUID,
    services: Services,
    file: Annotated[UploadFile, File(description="PDF, PNG or JPEG, at most 10 MB")],
) -> AttachmentOut:
    """Attach a file the client will see too (400 naming `file` for another type)."""
    return await attach_upload(services.requests, request_id, file)


@router.post("/v1/requests/{request_id}/reopen", response_model=RequestOut, responses=CONFLICT)
async def reopen_request(request_id: uuid.UUID, body: ReopenIn, services: Services) -> RequestOut:
    """Reopen a resolved request within its type's window (409 after it)."""
    reply = await services.requests.ActOnRequest(
        workflows_pb2.ActOnRequestRequest(id=str(request_id), action="reopen", reason=body.reason)
    )
    return request_out(reply)
