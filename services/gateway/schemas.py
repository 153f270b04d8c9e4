"""HTTP request and response bodies."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any, Literal

from clientflow.notifications.v1 import notifications_pb2
from clientflow.workflows.v1 import workflows_pb2, workflows_pb2_grpc
from google.protobuf import json_format
from google.protobuf.struct_pb2 import Struct
from pydantic import BaseModel, ConfigDict, Field


class Me(BaseModel):
    user_id: str
    roles: list[str]
    team_id: str | None
    managed_team_ids: list[str] = Field(
        default_factory=list, description="The teams your manager role reaches"
    )


class InboxMessageOut(BaseModel):
    id: uuid.UUID
    title: str
    body: str
    created_at: datetime
    read_at: datetime | None


class InboxPage(BaseModel):
    items: list[InboxMessageOut]
    next_page_token: str | None


class ProcessStart(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: str = Field(min_length=1, max_length=64, examples=["client-check"])
    parameters: dict[str, str] = Field(default_factory=dict)


class ProcessOut(BaseModel):
    workflow_id: str
    run_id: str
    kind: str
    client_id: str
    status: str
    started_at: datetime | None
    closed_at: datetime | None
    result: dict[str, object] | None


def process_status(status: workflows_pb2.ProcessStatus.ValueType) -> str:
    """One spelling of each state across resources: tasks and processes are `cancelled`."""
    name = workflows_pb2.ProcessStatus.Name(status).removeprefix("PROCESS_STATUS_").lower()
    return "cancelled" if name == "canceled" else name


def process_out(message: workflows_pb2.Process) -> ProcessOut:
    """Message -> response body."""
    return ProcessOut(
        workflow_id=message.workflow_id,
        run_id=message.run_id,
        kind=message.kind,
        client_id=message.client_id,
        status=process_status(message.status),
        started_at=message.started_at.ToDatetime(tzinfo=UTC)
        if message.HasField("started_at")
        else None,
        closed_at=message.closed_at.ToDatetime(tzinfo=UTC)
        if message.HasField("closed_at")
        else None,
        result=json.loads(message.result_json) if message.result_json else None,
    )


# -- consent (staff and portal routes) ---------------------------------------------------

Channel = Literal["email", "sms", "wecom"]
Category = Literal["service", "marketing"]


class ChannelConsentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    channel: Channel
    category: Category
    opted_out: bool
    source: str = Field("", max_length=200, description="e.g. unsubscribe link, phone call")


class ConsentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    channels: list[ChannelConsentIn] = Field(min_length=1, max_length=20)


class ChannelConsentOut(BaseModel):
    channel: str
    category: str
    opted_out: bool
    source: str
    updated_at: datetime | None


class ConsentOut(BaseModel):
    client_id: uuid.UUID
    channels: list[ChannelConsentOut]


def consent_out(message: notifications_pb2.Consent) -> ConsentOut:
    data: dict[str, Any] = json_format.MessageToDict(
        message, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
    )
    for channel in data["channels"]:
        channel.setdefault("updated_at", None)
    return ConsentOut.model_validate(data)


# -- a request's client-safe progress (staff and portal routes) --------------------------


class ClientStepOut(BaseModel):
    key: str
    name_zh: str
    name_en: str
    state: str = Field(description="pending | current | done | skipped")
    due_at: str = ""
    done_at: str = ""


class ClientProgressOut(BaseModel):
    status: str = ""
    expected_by: str = ""
    steps: list[ClientStepOut] = Field(default_factory=list)


def struct(value: dict[str, Any]) -> Struct:
    message = Struct()
    message.update(value)
    return message


def progress_of(m: workflows_pb2.ServiceRequest) -> ClientProgressOut:
    raw = json_format.MessageToDict(m.progress)
    steps = [ClientStepOut(**step) for step in raw.get("steps", []) if isinstance(step, dict)]
    return ClientProgressOut(
        status=str(raw.get("status", m.status)),
        expected_by=str(raw.get("expected_by", "")),
        steps=steps,
    )


# -- a request's attachments (staff and portal routes) ------------------------------------


class AttachmentOut(BaseModel):
    id: uuid.UUID
    artifact_id: uuid.UUID = Field(
        description="Download: /v1/artifacts/{id}/content (staff), /v1/portal/reports/{id}/content"
    )
    filename: str
    content_type: str
    size_bytes: int
    author_kind: str = Field(description="staff | client")
    created_at: datetime | None


def attachment_out(m: workflows_pb2.RequestAttachment) -> AttachmentOut:
    return AttachmentOut(
        id=uuid.UUID(m.id),
        artifact_id=uuid.UUID(m.artifact_id),
        filename=m.filename,
        content_type=m.content_type,
        size_bytes=m.size_bytes,
        author_kind=m.author_kind,
        created_at=m.created_at.ToDatetime(tzinfo=UTC) if m.HasField("created_at") else None,
    )


ATTACHMENT_BYTES = 10 * 1024 * 1024


async def read_attachment(file: Any) -> bytes:
    """The upload's bytes, at most ATTACHMENT_BYTES + 1 read (the service names the size)."""
    content: bytes = await file.read(ATTACHMENT_BYTES + 1)
    return content


async def request_attachments(
    requests: workflows_pb2_grpc.RequestsServiceStub, request_id: uuid.UUID
) -> list[AttachmentOut]:
    """The files on a request, as the caller's stub may see them (staff or portal)."""
    reply = await requests.ListAttachments(workflows_pb2.GetRequestRequest(id=str(request_id)))
    return [attachment_out(a) for a in reply.attachments]


async def attach_upload(
    requests: workflows_pb2_grpc.RequestsServiceStub, request_id: uuid.UUID, file: Any
) -> AttachmentOut:
    """An upload attached to a request (the service checks its type by its first bytes)."""
    reply = await requests.AddAttachment(
        workflows_pb2.AddAttachmentRequest(
            request_id=str(request_id),
            filename=file.filename or "",
            content=await read_attachment(file),
        )
    )
    return attachment_out(reply)
