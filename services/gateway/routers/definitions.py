"""/v1/custom-fields and /v1/scorecard: what admins define at run time."""

from __future__ import annotations

from typing import Any, Literal

from clientflow.clients.v1 import clients_pb2
from fastapi import APIRouter, Path
from google.protobuf import json_format
from pydantic import BaseModel, ConfigDict, Field

from services.gateway.client_schemas import as_dict
from services.gateway.deps import Services

router = APIRouter(tags=["definitions"])


class CustomFieldIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str = Field(min_length=1, max_length=200)
    type: Literal["text", "number", "date", "single_choice", "multi_choice", "boolean"]
    required: bool = False
    min: str | None = Field(None, pattern=r"^-?\d{1,18}(\.\d{1,10})?$")
    max: str | None = Field(None, pattern=r"^-?\d{1,18}(\.\d{1,10})?$")
    pattern: str | None = Field(None, max_length=500)
    options: list[str] = Field(default_factory=list, max_length=200)
    expected_version: int = Field(
        0, ge=0, le=2**53, description="0 to create; the current version to change"
    )


class CustomFieldOut(BaseModel):
    key: str
    label: str
    type: str
    required: bool
    min: str | None = None
    max: str | None = None
    pattern: str | None = None
    options: list[str]
    version: int


class CustomFieldList(BaseModel):
    items: list[CustomFieldOut]


class ScorecardBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    config: dict[str, Any] = Field(
        description='{"weights": {input: w}, "scales": {input: full marks at}, "thresholds": {"STRATEGIC": s, "CORE": c}}'
    )
    expected_version: int = Field(0, ge=0, le=2**53)


class ScorecardOut(BaseModel):
    config: dict[str, Any]
    version: int


def _field_out(message: clients_pb2.CustomFieldDefinition) -> CustomFieldOut:
    data = as_dict(message)
    for name in ("min", "max", "pattern"):
        data[name] = data.get(name) or None
    return CustomFieldOut.model_validate(data)


@router.get("/v1/custom-fields", response_model=CustomFieldList)
async def list_custom_fields(services: Services) -> CustomFieldList:
    """Every custom field definition."""
    reply = await services.clients.ListCustomFields(clients_pb2.ListCustomFieldsRequest())
    return CustomFieldList(items=[_field_out(m) for m in reply.definitions])


@router.put(
    "/v1/custom-fields/{key}",
    response_model=CustomFieldOut,
    responses={
        403: {"description": "Admins only"},
        409: {"description": "Stored values would become invalid, or version conflict"},
    },
)
async def define_custom_field(
    body: CustomFieldIn,
    services: Services,
    key: str = Path(pattern=r"^[a-z][a-z0-9_]{0,63}$"),
) -> CustomFieldOut:
    """Create or change a custom field (admin). A change that would invalidate stored values is refused."""
    definition = clients_pb2.CustomFieldDefinition(
        key=key,
        label=body.label,
        type=body.type,
        required=body.required,
        min=body.min or "",
        max=body.max or "",
        pattern=body.pattern or "",
        options=body.options,
    )
    message = await services.clients.DefineCustomField(
        clients_pb2.DefineCustomFieldRequest(
            definition=definition, expected_version=body.expected_version
        ),
    )
    return _field_out(message)


@router.get("/v1/scorecard", response_model=ScorecardOut, tags=["tiers"])
async def get_scorecard(services: Services) -> ScorecardOut:
    """The tier scorecard in force (version 0 is the built-in default)."""
    reply = await services.clients.GetScorecard(clients_pb2.GetScorecardRequest())
    return ScorecardOut(config=json_format.MessageToDict(reply.config), version=reply.version)


@router.put(
    "/v1/scorecard",
    response_model=ScorecardOut,
    responses={403: {"description": "Admins only"}},
    tags=["tiers"],
)
async def set_scorecard(body: ScorecardBody, services: Services) -> ScorecardOut:
    """Replace the scorecard (admin); recompute tiers to apply it."""
    request = clients_pb2.SetScorecardRequest(expected_version=body.expected_version)
    json_format.ParseDict(body.config, request.config)
    reply = await services.clients.SetScorecard(request)
    return ScorecardOut(config=json_format.MessageToDict(reply.config), version=reply.version)


class RulesBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    config: dict[str, Any] = Field(
        description='{"rules": [{"name", "from": [stages], "to": stage, "when": {"net_outflow_quarters_gte": 2}}]}'
    )
    expected_version: int = Field(0, ge=0, le=2**53)


class RulesOut(BaseModel):
    config: dict[str, Any]
    version: int


@router.get("/v1/lifecycle-rules", response_model=RulesOut, tags=["lifecycle"])
async def get_lifecycle_rules(services: Services) -> RulesOut:
    """The automatic lifecycle rules in force (version 0 is the built-in default)."""
    reply = await services.clients.GetLifecycleRules(clients_pb2.GetLifecycleRulesRequest())
    return RulesOut(config=json_format.MessageToDict(reply.config), version=reply.version)


@router.put("/v1/lifecycle-rules", response_model=RulesOut, tags=["lifecycle"])
async def set_lifecycle_rules(body: RulesBody, services: Services) -> RulesOut:
    """Replace the lifecycle rules (admin)."""
    request = clients_pb2.SetLifecycleRulesRequest(expected_version=body.expected_version)
    json_format.ParseDict(body.config, request.config)
    reply = await services.clients.SetLifecycleRules(request)
    return RulesOut(config=json_format.MessageToDict(reply.config), version=reply.version)
