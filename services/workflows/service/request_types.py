"""Request types: what admins define (names in both locales, the form a request is filed with,
the steps with the role acting, the SLA per step and client tier, which steps the client
sees), the built-in types, checking a request's fields against its type, and the plan a
request runs — the type's steps with the SLAs of the client's tier."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from services.common.errors import InvalidArgument
from services.workflows.contract import CONTACT_FIELDS, RequestPlan, RequestStep

KEY = re.compile(r"^[a-z][a-z0-9-]{0,63}$")
TIERS = ("STRATEGIC", "CORE", "GROWTH")
STEP_ROLES = ("advisor", "manager", "accountant", "partner", "admin")


class Names(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    zh: str = Field(alias="zh-CN", min_length=1, max_length=100)
    en: str = Field(min_length=1, max_length=100)


class FieldDef(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")
    kind: Literal["text", "number", "date", "choice"] = "text"
    required: bool = False
    options: list[str] = Field(default_factory=list, max_length=30)
    labels: Names
    max_length: int = Field(500, ge=1, le=4000)
    # Bounds of a number field (JSON Schema's words); `at_most_holding` names the field that
    # says which product: the number may not exceed the client's holding of it.
    minimum: float | None = None
    exclusive_minimum: float | None = None
    maximum: float | None = None
    at_most_holding: str | None = Field(None, pattern=r"^[a-z][a-z0-9_]{0,39}$")

    @field_validator("options")
    @classmethod
    def _short_options(cls, value: list[str]) -> list[str]:
        if any(not 0 < len(option) <= 64 for option in value):
            raise ValueError("each option is 1 to 64 characters")
        return value


class StepSla(BaseModel):
    model_config = ConfigDict(extra="forbid")

    hours: float = Field(gt=0, le=2000, description="business hours")
    by_tier: dict[Literal["STRATEGIC", "CORE", "GROWTH"], float] = Field(default_factory=dict)

    @field_validator("by_tier")
    @classmethod
    def _positive(cls, value: dict[str, float]) -> dict[str, float]:
        if any(not 0 < hours <= 2000 for hours in value.values()):
            raise ValueError("each tier's hours are above 0 and at most 2000")
        return value


class StepDef(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str = Field(pattern=r"^[a-z][a-z0-9-]{0,39}$")
    names: Names
    role: Literal["advisor", "manager", "accountant", "partner", "admin"]
    client_visible: bool = True
    sla: StepSla
    outcomes: list[str] = Field(default_factory=lambda: ["done"], min_length=1, max_length=6)
    form: list[str] = Field(default_factory=list, max_length=6)

    @field_validator("outcomes", "form")
    @classmethod
    def _names(cls, value: list[str]) -> list[str]:
        if any(not re.match(r"^[a-z][a-z0-9_]{0,39}$", item) for item in value):
            raise ValueError("each is a lower-case name (a-z, 0-9, _), at most 40 characters")
        return value


class RequestTypeDef(BaseModel):
    model_config = ConfigDict(extra="forbid")

    names: Names
    fields: list[FieldDef] = Field(default_factory=list, max_length=20)
    steps: list[StepDef] = Field(min_length=1, max_length=10)
    reopen_days: int = Field(14, ge=0, le=90)
    effect: Literal["none", "contact_change", "document", "complaint"] = "none"
    csat: bool = True

    @field_validator("steps")
    @classmethod
    def _unique_steps(cls, value: list[StepDef]) -> list[StepDef]:
        keys = [step.key for step in value]
        if len(set(keys)) != len(keys):
            raise ValueError("step keys must be unique")
        return value


def parse_definition(raw: dict[str, Any]) -> RequestTypeDef:
    """The definition, or INVALID_ARGUMENT naming the first field that fails."""
    try:
        definition = RequestTypeDef.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        path = ".".join(str(part) for part in first["loc"])
        value = first.get("input")
        raise InvalidArgument(f"definition.{path}", _short(value), first["msg"]) from None
    names = [f.name for f in definition.fields]
    if len(set(names)) != len(names):
        raise InvalidArgument("definition.fields", names, "field names must be unique")
    for index, spec in enumerate(definition.fields):
        bounded = (spec.minimum, spec.exclusive_minimum, spec.maximum, spec.at_most_holding)
        if spec.kind != "number" and any(b is not None for b in bounded):
            raise InvalidArgument(
                f"definition.fields.{index}.kind", spec.kind, "only a number field has bounds"
            )
        if spec.at_most_holding is not None and spec.at_most_holding not in names:
            raise InvalidArgument(
                f"definition.fields.{index}.at_most_holding",
                spec.at_most_holding,
                "must name a field of this type (the product)",
            )
    if definition.effect == "contact_change":
        unknown = [n for n in names if n not in (*CONTACT_FIELDS, "reason")]
        if unknown:
            raise InvalidArgument(
                "definition.fields",
                unknown[0],
                f"a contact change sets only {', '.join(CONTACT_FIELDS)} (and a reason)",
            )
    return definition


def _short(value: Any) -> Any:
    text = repr(value)
    return value if len(text) <= 80 else text[:77] + "..."


def check_fields(definition: RequestTypeDef, fields: dict[str, Any]) -> dict[str, Any]:
    """The request's fields checked against its type: INVALID_ARGUMENT naming
    `fields.<name>` and the value; unknown fields are refused too."""
    known = {f.name: f for f in definition.fields}
    for name in fields:
        if name not in known:
            raise InvalidArgument(
                f"fields.{name}", _short(fields[name]), "is not a field of this request type"
            )
    clean: dict[str, Any] = {}
    for spec in definition.fields:
        value = fields.get(spec.name)
        if value in (None, ""):
            if spec.required:
                raise InvalidArgument(f"fields.{spec.name}", value, "is required")
            continue
        where = f"fields.{spec.name}"
        if spec.kind == "number":
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise InvalidArgument(where, _short(value), "must be a number")
            if not -1e15 < value < 1e15:
                raise InvalidArgument(where, value, "is out of range")
            _check_bounds(spec, where, value)
        elif spec.kind == "date":
            try:
                date.fromisoformat(str(value))
            except ValueError:
                raise InvalidArgument(where, _short(value), "must be a date, YYYY-MM-DD") from None
        elif spec.kind == "choice":
            if value not in spec.options:
                raise InvalidArgument(
                    where, _short(value), f"must be one of {', '.join(spec.options)}"
                )
        else:
            if not isinstance(value, str):
                raise InvalidArgument(where, _short(value), "must be text")
            if len(value) > spec.max_length:
                raise InvalidArgument(
                    where, value[:40] + "...", f"must be at most {spec.max_length} characters"
                )
        clean[spec.name] = value
    return clean


def _check_bounds(spec: FieldDef, where: str, value: float) -> None:
    if spec.exclusive_minimum is not None and not value > spec.exclusive_minimum:
        raise InvalidArgument(where, value, f"must be more than {spec.exclusive_minimum:g}")
    if spec.minimum is not None and value < spec.minimum:
        raise InvalidArgument(where, value, f"must be at least {spec.minimum:g}")
    if spec.maximum is not None and value > spec.maximum:
        raise InvalidArgument(where, value, f"must be at most {spec.maximum:g}")


def holding_limits(definition: RequestTypeDef, fields: dict[str, Any]) -> list[tuple[str, str]]:
    """(number field, product named) pairs whose value the client's holding bounds."""
    return [
        (spec.name, str(fields[spec.at_most_holding]))
        for spec in definition.fields
        if spec.at_most_holding and spec.name in fields and fields.get(spec.at_most_holding)
    ]


def first_progress(definition: RequestTypeDef) -> dict[str, Any]:
    """What the client sees of a request just filed, before its process reports: the steps
    they may see, the first of them under way."""
    visible = [step for step in definition.steps if step.client_visible]
    return {
        "status": "open",
        "steps": [
            {
                "key": step.key,
                "name_zh": step.names.zh,
                "name_en": step.names.en,
                "state": "current" if index == 0 else "pending",
            }
            for index, step in enumerate(visible)
        ],
    }


def plan_for(key: str, version: int, definition: RequestTypeDef, tier: str) -> RequestPlan:
    """The steps a request of `tier` runs, each with its tier's SLA (else the step's)."""
    return RequestPlan(
        type_key=key,
        type_version=version,
        name_zh=definition.names.zh,
        name_en=definition.names.en,
        steps=tuple(
            RequestStep(
                key=step.key,
                name_zh=step.names.zh,
                name_en=step.names.en,
                role=step.role,
                client_visible=step.client_visible,
                sla_hours=step.sla.by_tier.get(tier, step.sla.hours),  # type: ignore[call-overload]
                outcomes=tuple(step.outcomes),
                form=tuple(step.form),
            )
            for step in definition.steps
        ),
        reopen_days=definition.reopen_days,
        effect=definition.effect,
        csat=definition.csat,
    )


def _names(zh: str, en: str) -> dict[str, str]:
    return {"zh-CN": zh, "en": en}


def _field(name: str, zh: str, en: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "labels": _names(zh, en), **extra}


def _step(
    key: str, zh: str, en: str, role: str, hours: float, strategic: float, **extra: Any
) -> dict[str, Any]:
    return {
        "key": key,
        "names": _names(zh, en),
        "role": role,
        "sla": {"hours": hours, "by_tier": {"STRATEGIC": strategic}},
        **extra,
    }


DECISION = ["approved", "rejected"]

# The types every installation has (kept by the service at start-up; admins may change their
# steps and SLAs, not retire them).
BUILT_IN: dict[str, dict[str, Any]] = {
    "redemption": {
        "names": _names("赎回申请", "Redemption"),
        "fields": [
            _field("product", "产品", "Product", required=True, max_length=100),
            _field(
                "amount",
                "金额",
                "Amount",
                kind="number",
                required=True,
                exclusive_minimum=0,
                at_most_holding="product",
            ),
            _field("note", "备注", "Note"),
        ],
        "steps": [
            _step("review", "顾问审核", "Advisor review", "advisor", 8, 4, outcomes=DECISION),
            _step("approval", "主管审批", "Approval", "manager", 8, 4, outcomes=DECISION),
            _step("settlement", "清算", "Settlement", "accountant", 16, 8),
        ],
        "reopen_days": 14,
    },
    "contact-change": {
        "names": _names("联系方式变更", "Contact details change"),
        "fields": [
            _field("email", "电子邮箱", "E-mail", max_length=200),
            _field("phone", "手机", "Phone", max_length=32),
            _field("reason", "原因", "Reason", max_length=500),
        ],
        "steps": [
            _step("verification", "身份核验", "Identity check", "advisor", 8, 4, outcomes=DECISION),
            _step("approval", "主管审批", "Approval", "manager", 8, 4, outcomes=DECISION),
        ],
        "effect": "contact_change",
        "reopen_days": 7,
        "csat": False,
    },
    "document-request": {
        "names": _names("文件申请", "Document request"),
        "fields": [
            _field(
                "document",
                "文件",
                "Document",
                kind="choice",
                required=True,
                options=["statement", "tax_certificate", "contract", "other"],
            ),
            _field("period", "期间", "Period", max_length=40),
        ],
        "steps": [
            _step(
                "preparation",
                "准备文件",
                "Preparing the document",
                "advisor",
                16,
                8,
                form=["artifact_id"],
            ),
        ],
        "effect": "document",
        "reopen_days": 14,
    },
    "complaint": {
        "names": _names("投诉", "Complaint"),
        "fields": [
            _field(
                "category",
                "类别",
                "Category",
                kind="choice",
                required=True,
                options=["service", "product", "fees", "other"],
            ),
            _field("description", "描述", "Description", required=True, max_length=4000),
        ],
        "steps": [
            _step("triage", "受理", "Received and assessed", "manager", 4, 2),
            _step("investigation", "调查", "Investigation", "advisor", 24, 16),
            _step("resolution", "处理结果", "Resolution", "manager", 8, 4),
        ],
        "effect": "complaint",
        "reopen_days": 30,
    },
}
