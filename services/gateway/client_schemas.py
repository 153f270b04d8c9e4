"""HTTP bodies of the client resources."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from clientflow.clients.v1 import clients_pb2
from google.protobuf import json_format
from google.protobuf.message import Message
from pydantic import BaseModel, ConfigDict, Field

Money = str  # decimal strings, e.g. "12345.67": no float rounding on money
Tier = Literal["STRATEGIC", "CORE", "GROWTH"]
Stage = Literal["PROSPECT", "ONBOARDING", "ACTIVE", "GROWING", "DECLINING", "DORMANT", "CHURNED"]
RiskLevel = Literal["C1", "C2", "C3", "C4", "C5"]


class ExternalIdBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    source: str = Field(min_length=1, max_length=64)
    external_id: str = Field(min_length=1, max_length=128)


class ClientWritable(BaseModel):
    """Fields a caller may set; on PATCH only the fields present change (null clears)."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["individual", "institution"] | None = None
    advisor_id: str | None = Field(None, min_length=1, max_length=64)
    team_id: str | None = Field(None, max_length=64)
    phone: str | None = Field(None, max_length=32, examples=["+86 138 0013 8000"])
    email: str | None = Field(None, max_length=254)
    wecom_id: str | None = Field(None, max_length=64)
    preferred_channel: Literal["email", "sms", "wecom", "phone"] | None = None
    locale: Literal["zh-CN", "en"] | None = None
    timezone: str | None = Field(None, max_length=64, examples=["Asia/Shanghai"])
    source_channel: str | None = Field(None, max_length=64)
    signed_on: date | None = None
    birthday: date | None = None
    contract_end: date | None = None
    status: Literal["active", "archived"] | None = None
    kyc_status: Literal["pending", "verified", "expired"] | None = None
    kyc_expires_on: date | None = None
    risk_level: RiskLevel | None = None
    risk_answers: dict[str, Any] | None = None
    investment_preferences: list[str] | None = Field(None, max_length=50)
    tags: list[str] | None = Field(None, max_length=50)
    custom_fields: dict[str, Any] | None = None
    external_ids: list[ExternalIdBody] | None = Field(None, max_length=20)


class ClientCreate(ClientWritable):
    name: str = Field(min_length=1, max_length=200, description="Full name; CJK names are normal.")
    kind: Literal["individual", "institution"] = "individual"


class ClientPatch(ClientWritable):
    name: str | None = Field(None, min_length=1, max_length=200)


class Kyc(BaseModel):
    status: str
    expires_on: date | None = None
    risk_level: str | None = None
    risk_answers: dict[str, Any] = {}
    investment_preferences: list[str] = []


class ClientOut(BaseModel):
    id: uuid.UUID
    kind: Literal["individual", "institution"]
    name: str
    advisor_id: str
    team_id: str | None = None
    version: int
    created_at: datetime
    updated_at: datetime
    phone: str | None = None
    email: str | None = None
    wecom_id: str | None = None
    preferred_channel: str | None = None
    locale: str
    timezone: str
    source_channel: str | None = None
    signed_on: date | None = None
    birthday: date | None = None
    contract_end: date | None = None
    status: str
    kyc: Kyc
    tags: list[str] = []
    custom_fields: dict[str, Any] = {}
    tier: Tier
    tier_override: bool = False
    lifecycle_stage: Stage
    aum: Money
    last_activity_at: datetime | None = None
    last_contact_at: datetime | None = Field(
        None, description="the last call, meeting, e-mail, WeCom message or event"
    )
    external_ids: list[ExternalIdBody] = []


class ClientPage(BaseModel):
    items: list[ClientOut]
    next_page_token: str | None = None


class RelatedPersonIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    role: Literal["decision_maker", "influencer", "family_member", "assistant"]
    phone: str | None = Field(None, max_length=32)
    email: str | None = Field(None, max_length=254)
    notes: str | None = Field(None, max_length=2000)


class RelatedPersonOut(BaseModel):
    id: uuid.UUID
    client_id: uuid.UUID
    name: str
    role: str
    phone: str | None = None
    email: str | None = None
    notes: str | None = None


class LinkIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    related_client_id: uuid.UUID
    kind: Literal["family", "same_group", "referred_by"]


class LinkOut(BaseModel):
    id: uuid.UUID
    client_id: uuid.UUID
    related_client_id: uuid.UUID
    kind: str


class HoldingIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    product_name: str | None = Field(None, max_length=200)
    units: Money = Field(pattern=r"^\d{1,18}(\.\d{1,6})?$")
    cost: Money = Field("0", pattern=r"^\d{1,18}(\.\d{1,2})?$")
    market_value: Money = Field(pattern=r"^\d{1,18}(\.\d{1,2})?$")
    currency: str = Field("CNY", pattern=r"^[A-Za-z]{3}$")
    as_of: date | None = None


class HoldingOut(BaseModel):
    id: uuid.UUID
    client_id: uuid.UUID
    product_code: str
    product_name: str
    units: Money
    cost: Money
    market_value: Money
    currency: str
    as_of: date


class HoldingPage(BaseModel):
    items: list[HoldingOut]
    next_page_token: str | None = None


class TransactionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    external_id: str = Field(
        min_length=1,
        max_length=128,
        description="Idempotency: the same id twice is one transaction.",
    )
    kind: Literal["subscription", "redemption", "dividend", "fee"]
    product_code: str | None = Field(None, max_length=64)
    amount: Money = Field(pattern=r"^\d{1,18}(\.\d{1,2})?$")
    currency: str = Field("CNY", pattern=r"^[A-Za-z]{3}$")
    occurred_at: datetime


class TransactionOut(BaseModel):
    id: uuid.UUID
    client_id: uuid.UUID
    external_id: str
    kind: str
    product_code: str | None = None
    amount: Money
    currency: str
    occurred_at: datetime


class TransactionPage(BaseModel):
    items: list[TransactionOut]
    next_page_token: str | None = None


class InteractionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    channel: Literal["call", "email", "wechat", "meeting", "event", "portal_login"]
    direction: Literal["inbound", "outbound"] = "outbound"
    summary: str = Field("", max_length=5000)
    occurred_at: datetime | None = None


class InteractionOut(BaseModel):
    id: uuid.UUID
    client_id: uuid.UUID
    channel: str
    direction: str
    summary: str
    occurred_at: datetime
    by_user: str


class InteractionPage(BaseModel):
    items: list[InteractionOut]
    next_page_token: str | None = None


class AuditEntryOut(BaseModel):
    id: int
    entity: str
    entity_id: str
    action: str
    actor_id: str
    changes: dict[str, Any]
    at: datetime
    cause: str = Field("", description="an automated change (rule:<id>): the event it answered")


class AuditPage(BaseModel):
    items: list[AuditEntryOut]
    next_page_token: str | None = None


class TierChangeOut(BaseModel):
    tier: str
    previous_tier: str | None = None
    score: Money | None = None
    inputs: dict[str, Any] = {}
    manual: bool = False
    reason: str | None = None
    by_user: str
    changed_at: datetime
    scorecard_version: int | None = None


class TierHistoryPage(BaseModel):
    items: list[TierChangeOut]
    next_page_token: str | None = None


class StageChangeOut(BaseModel):
    stage: str
    previous_stage: str | None = None
    rule: str | None = None
    explanation: dict[str, Any] = {}
    reason: str | None = None
    by_user: str
    changed_at: datetime


class StageHistoryPage(BaseModel):
    items: list[StageChangeOut]
    next_page_token: str | None = None


class TierOverrideIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    tier: Tier | None = Field(None, description="null clears the override and re-scores")
    reason: str = Field("", max_length=2000)


class StageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    stage: Stage
    reason: str = Field("", max_length=2000)


class HoldingsSummaryOut(BaseModel):
    aum: Money
    count: int
    top: list[HoldingOut]


class ClientViewOut(BaseModel):
    client: ClientOut
    holdings: HoldingsSummaryOut
    net_flows_12m: Money
    recent_interactions: list[InteractionOut]
    recent_transactions: list[TransactionOut]
    tier_reason: TierChangeOut | None = None
    stage_reason: StageChangeOut | None = None
    related_persons: list[RelatedPersonOut]
    links: list[LinkOut]


class RecomputeOut(BaseModel):
    evaluated: int
    changed: int


# -- messages to response bodies -----------------------------------------------------

KINDS = {"CLIENT_KIND_INDIVIDUAL": "individual", "CLIENT_KIND_INSTITUTION": "institution"}

OPTIONAL_TEXT = {
    "team_id",
    "phone",
    "email",
    "wecom_id",
    "preferred_channel",
    "source_channel",
    "signed_on",
    "birthday",
    "contract_end",
    "expires_on",
    "risk_level",
    "product_code",
    "previous_tier",
    "score",
    "reason",
    "previous_stage",
    "rule",
    "notes",
    "next_page_token",
    "kyc_expires_on",
}


def _nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: (None if k in OPTIONAL_TEXT and v == "" else _nulls(v)) for k, v in value.items()
        }
    if isinstance(value, list):
        return [_nulls(v) for v in value]
    return value


def as_dict(message: Message) -> dict[str, Any]:
    """A response message as JSON-ready values with empty optional text as null."""
    data = json_format.MessageToDict(
        message, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
    )
    if isinstance(message, clients_pb2.Client):
        data["kind"] = KINDS.get(data["kind"], data["kind"])
    return _nulls(data)  # type: ignore[no-any-return]


def client_out(message: clients_pb2.Client) -> ClientOut:
    return ClientOut.model_validate(as_dict(message))


def etag(message: clients_pb2.Client) -> str:
    """A weak ETag from the record's version."""
    return f'W/"{message.version}"'
