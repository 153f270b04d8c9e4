"""Protobuf <-> domain values for the clients gRPC adapter."""

from __future__ import annotations

from datetime import UTC, date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from clientflow.clients.v1 import clients_pb2
from google.protobuf import json_format
from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

from services.clients.models import (
    AuditEntry,
    Client,
    ClientKind,
    ClientLink,
    CustomFieldDefinition,
    ExternalId,
    Holding,
    Interaction,
    RelatedPerson,
    Segment,
    StageChange,
    TierChange,
    Transaction,
)
from services.common.protos import struct, ts

if TYPE_CHECKING:
    from services.clients.import_rows import ImportReport

KINDS_TO_PROTO = {
    ClientKind.INDIVIDUAL: clients_pb2.CLIENT_KIND_INDIVIDUAL,
    ClientKind.INSTITUTION: clients_pb2.CLIENT_KIND_INSTITUTION,
}
KINDS_FROM_PROTO = {value: key.value for key, value in KINDS_TO_PROTO.items()}


def day(value: date | None) -> str:
    return value.isoformat() if value else ""


def money(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def plain(message: Message) -> Any:
    """A Struct / Value / ListValue as plain Python."""
    return json_format.MessageToDict(message, preserving_proto_field_name=True)


def client_to_proto(
    client: Client, external_ids: list[ExternalId] | None = None
) -> clients_pb2.Client:
    return clients_pb2.Client(
        id=str(client.id),
        kind=KINDS_TO_PROTO[ClientKind(client.kind)],
        name=client.name,
        advisor_id=client.advisor_id,
        team_id=client.team_id or "",
        version=client.version,
        created_at=ts(client.created_at),
        updated_at=ts(client.updated_at),
        phone=client.phone or "",
        email=client.email or "",
        wecom_id=client.wecom_id or "",
        preferred_channel=client.preferred_channel or "",
        locale=client.locale,
        timezone=client.timezone,
        source_channel=client.source_channel or "",
        signed_on=day(client.signed_on),
        birthday=day(client.birthday),
        contract_end=day(client.contract_end),
        status=client.status,
        kyc=clients_pb2.Kyc(
            status=client.kyc_status,
            expires_on=day(client.kyc_expires_on),
            risk_level=client.risk_level or "",
            risk_answers=struct(client.risk_answers),
            investment_preferences=list(client.investment_preferences or []),
        ),
        tags=list(client.tags or []),
        custom_fields=struct(client.custom_fields),
        tier=client.tier,
        tier_override=client.tier_override,
        lifecycle_stage=client.lifecycle_stage,
        aum=money(client.aum),
        last_activity_at=ts(client.last_activity_at),
        last_contact_at=ts(client.last_contact_at),
        external_ids=[
            clients_pb2.ExternalId(source=e.source, external_id=e.external_id)
            for e in external_ids or []
        ],
    )


_SCALARS = [
    "name",
    "advisor_id",
    "team_id",
    "phone",
    "email",
    "wecom_id",
    "preferred_channel",
    "locale",
    "timezone",
    "source_channel",
    "signed_on",
    "birthday",
    "contract_end",
    "status",
    "kyc_status",
    "kyc_expires_on",
    "risk_level",
]


def field_value(fields: clients_pb2.ClientFields, name: str) -> Any:
    """One ClientFields field as a plain value."""
    if name == "kind":
        return KINDS_FROM_PROTO.get(fields.kind, "")
    if name in ("risk_answers", "custom_fields"):
        return plain(getattr(fields, name))
    if name in ("investment_preferences", "tags"):
        return list(getattr(fields, name))
    if name == "external_ids":
        return [{"source": e.source, "external_id": e.external_id} for e in fields.external_ids]
    return getattr(fields, name)


def fields_for_create(request: clients_pb2.CreateClientRequest) -> dict[str, Any]:
    """Every non-empty field of a create request."""
    values: dict[str, Any] = {}
    if request.kind:
        values["kind"] = KINDS_FROM_PROTO.get(request.kind, "")
    for name in ("name", "advisor_id", "team_id"):
        if getattr(request, name):
            values[name] = getattr(request, name)
    extra = request.fields
    for descriptor, _ in extra.ListFields():
        values.setdefault(descriptor.name, field_value(extra, descriptor.name))
    values.setdefault("name", request.name)
    return values


def fields_for_update(request: clients_pb2.UpdateClientRequest) -> dict[str, Any]:
    """The fields named in the update mask."""
    known = {f.name for f in clients_pb2.ClientFields.DESCRIPTOR.fields}
    values = {}
    for path in request.update_mask.paths:
        values[path] = field_value(request.fields, path) if path in known else None
    return values


def related_person_to_proto(person: RelatedPerson) -> clients_pb2.RelatedPerson:
    return clients_pb2.RelatedPerson(
        id=str(person.id),
        client_id=str(person.client_id),
        name=person.name,
        role=person.role,
        phone=person.phone or "",
        email=person.email or "",
        notes=person.notes,
    )


def link_to_proto(link: ClientLink) -> clients_pb2.ClientLink:
    return clients_pb2.ClientLink(
        id=str(link.id),
        client_id=str(link.client_id),
        related_client_id=str(link.related_client_id),
        kind=link.kind,
    )


def holding_to_proto(holding: Holding) -> clients_pb2.Holding:
    return clients_pb2.Holding(
        id=str(holding.id),
        client_id=str(holding.client_id),
        product_code=holding.product_code,
        product_name=holding.product_name,
        units=money(holding.units),
        cost=money(holding.cost),
        market_value=money(holding.market_value),
        currency=holding.currency,
        as_of=day(holding.as_of),
    )


def transaction_to_proto(row: Transaction) -> clients_pb2.Transaction:
    return clients_pb2.Transaction(
        id=str(row.id),
        client_id=str(row.client_id),
        external_id=row.external_id,
        kind=row.kind,
        product_code=row.product_code or "",
        amount=money(row.amount),
        currency=row.currency,
        occurred_at=ts(row.occurred_at),
    )


def interaction_to_proto(row: Interaction) -> clients_pb2.Interaction:
    return clients_pb2.Interaction(
        id=str(row.id),
        client_id=str(row.client_id),
        channel=row.channel,
        direction=row.direction,
        summary=row.summary,
        occurred_at=ts(row.occurred_at),
        by_user=row.by_user,
    )


def audit_to_proto(row: AuditEntry) -> clients_pb2.AuditEntry:
    return clients_pb2.AuditEntry(
        id=row.id,
        client_id=str(row.client_id or ""),
        entity=row.entity,
        entity_id=row.entity_id,
        action=row.action,
        actor_id=row.actor_id,
        changes=struct(row.changes),
        at=ts(row.at),
        cause=row.cause or "",
    )


def tier_change_to_proto(row: TierChange) -> clients_pb2.TierChange:
    return clients_pb2.TierChange(
        tier=row.tier,
        previous_tier=row.previous_tier or "",
        score=money(row.score),
        inputs=struct(row.inputs),
        manual=row.manual,
        reason=row.reason,
        by_user=row.by_user,
        changed_at=ts(row.changed_at),
        scorecard_version=row.scorecard_version or 0,
    )


def stage_change_to_proto(row: StageChange) -> clients_pb2.StageChange:
    return clients_pb2.StageChange(
        stage=row.stage,
        previous_stage=row.previous_stage or "",
        rule=row.rule or "",
        explanation=struct(row.explanation),
        reason=row.reason,
        by_user=row.by_user,
        changed_at=ts(row.changed_at),
    )


def message_fields(message: Message) -> dict[str, Any]:
    """A sub-record message as a dict of its set fields (timestamps as datetimes)."""
    values: dict[str, Any] = {}
    for descriptor, value in message.ListFields():
        if isinstance(value, Timestamp):
            values[descriptor.name] = value.ToDatetime(tzinfo=UTC)
        else:
            values[descriptor.name] = value
    return values


def definition_to_proto(row: CustomFieldDefinition) -> clients_pb2.CustomFieldDefinition:
    return clients_pb2.CustomFieldDefinition(
        key=row.key,
        label=row.label,
        type=row.type,
        required=row.required,
        min=money(row.min_value.normalize() if row.min_value is not None else None),
        max=money(row.max_value.normalize() if row.max_value is not None else None),
        pattern=row.pattern or "",
        options=list(row.options),
        version=row.version,
    )


def segment_to_proto(segment: Segment) -> clients_pb2.Segment:
    message = clients_pb2.Segment(
        id=str(segment.id),
        name=segment.name,
        owner_id=segment.owner_id,
        updated_at=ts(segment.updated_at),
    )
    json_format.ParseDict(segment.filter, message.filter)
    return message


def filter_dict(message: clients_pb2.ClientFilter) -> dict[str, object]:
    return json_format.MessageToDict(message, preserving_proto_field_name=True)


def report_to_proto(report: ImportReport) -> clients_pb2.ImportReport:
    return clients_pb2.ImportReport(
        rows=report.rows,
        created=report.created,
        updated=report.updated,
        rejected=report.rejected,
        committed=report.committed,
        errors=[
            clients_pb2.ImportRowError(row=e.row, column=e.column, value=e.value, message=e.message)
            for e in report.errors
        ],
    )
