"""Protobuf to and from the notifications service's objects."""

from __future__ import annotations

from typing import Any

from clientflow.notifications.v1 import notifications_pb2 as pb
from google.protobuf import json_format
from google.protobuf.struct_pb2 import Struct

from services.common.errors import ClientflowError
from services.common.protos import struct, ts
from services.notifications.delivery import Outcome, SendSpec, request_hash, validate_spec
from services.notifications.models import ConsentRecord, InboxMessage, Template
from services.notifications.templates import Content


def send_spec(request: pb.SendRequest) -> SendSpec:
    """A Send request checked (INVALID_ARGUMENT naming the field and value otherwise)."""
    target = request.WhichOneof("recipient")
    address = None
    if target == "address":
        a = request.address
        address = (a.channel, a.value, a.name, a.locale, a.timezone)
    fields = validate_spec(
        idempotency_key=request.idempotency_key,
        template_key=request.template_key,
        category=request.category,
        priority=request.priority,
        channel=request.channel,
        attachment_ids=list(request.attachment_artifact_ids),
        workflow_id=request.workflow_id,
        client_id=request.client_id if target == "client_id" else None,
        user_id=request.user_id if target == "user_id" else None,
        address=address,
    )
    return SendSpec(
        **fields,
        variables=struct_to_dict(request.variables),
        request_hash=request_hash(request.SerializeToString(deterministic=True)),
    )


def send_result(done: Outcome | ClientflowError) -> pb.SendResult:
    if isinstance(done, ClientflowError):
        return pb.SendResult(error_code=done.code.value, error=done.message, field=done.field or "")
    return pb.SendResult(delivery=delivery_to_proto(done))


def inbox_message_to_proto(message: InboxMessage) -> pb.InboxMessage:
    return pb.InboxMessage(
        id=str(message.id),
        user_id=message.user_id,
        title=message.title,
        body=message.body,
        created_at=ts(message.created_at),
        read_at=ts(message.read_at),
        delivery_id=str(message.delivery_id or ""),
    )


def struct_to_dict(struct: Struct) -> dict[str, Any]:
    """Struct numbers are doubles; give templates 3, not 3.0, when the number is whole."""

    def tidy(value: Any) -> Any:
        if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
            return int(value)
        if isinstance(value, dict):
            return {key: tidy(item) for key, item in value.items()}
        if isinstance(value, list):
            return [tidy(item) for item in value]
        return value

    result: dict[str, Any] = tidy(json_format.MessageToDict(struct))
    return result


def delivery_to_proto(outcome: Outcome, *, with_attempts: bool = True) -> pb.Delivery:
    d = outcome.delivery
    result = pb.Delivery(
        id=str(d.id),
        idempotency_key=d.idempotency_key,
        status=d.status,
        reason=d.reason,
        channel=d.channel,
        recipient=d.recipient,
        client_id=str(d.client_id or ""),
        user_id=d.user_id or "",
        workflow_id=d.workflow_id or "",
        template_key=d.template_key,
        template_version=d.template_version,
        locale=d.locale,
        category=d.category,
        priority=d.priority,
        subject=d.subject,
        attempt_count=d.attempt_count,
        next_attempt_at=ts(d.next_attempt_at),
        created_at=ts(d.created_at),
        updated_at=ts(d.updated_at),
        sent_at=ts(d.sent_at),
        provider_message_id=d.provider_message_id,
        attachment_artifact_ids=list(d.attachment_ids),
        replayed=outcome.replayed,
    )
    if with_attempts:
        for attempt in outcome.attempts:
            result.attempts.append(
                pb.Attempt(
                    number=attempt.number,
                    outcome=attempt.outcome,
                    provider_response=attempt.provider_response,
                    started_at=ts(attempt.started_at),
                    duration_ms=attempt.duration_ms,
                )
            )
    return result


def template_to_proto(template: Template) -> pb.Template:
    return pb.Template(
        key=template.key,
        locale=template.locale,
        version=template.version,
        content=pb.TemplateContent(
            subject=template.subject, body_text=template.body_text, body_html=template.body_html
        ),
        category=template.category,
        sample_variables=struct(template.sample_variables),
        created_by=template.created_by,
        created_at=ts(template.created_at),
    )


def consent_to_proto(client_id: str, rows: list[ConsentRecord]) -> pb.Consent:
    return pb.Consent(
        client_id=client_id,
        channels=[
            pb.ChannelConsent(
                channel=row.channel,
                category=row.category,
                opted_out=row.opted_out,
                source=row.source,
                updated_at=ts(row.updated_at),
            )
            for row in rows
        ],
    )


def content(message: pb.TemplateContent) -> Content:
    return Content(message.subject, message.body_text, message.body_html)
