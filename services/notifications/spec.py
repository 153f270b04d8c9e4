"""A send request: validated field by field (the bad field named), and what routing needs of
an accepted delivery to route it again."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from typing import Any

from services.common.errors import InvalidArgument
from services.common.ids import parse_id
from services.notifications.models import CATEGORIES, CHANNELS, LOCALES, PRIORITIES, Delivery
from services.notifications.policy import zone_or_none

MAX_ATTACHMENTS = 10


@dataclass(frozen=True)
class SendSpec:
    """A validated send request."""

    idempotency_key: str
    template_key: str
    variables: dict[str, Any]
    category: str
    priority: str
    workflow_id: str
    channel: str
    attachment_ids: tuple[str, ...]
    client_id: uuid.UUID | None = None
    user_id: str | None = None
    address_channel: str = ""
    address_value: str = ""
    address_name: str = ""
    address_locale: str = ""
    address_timezone: str = ""
    request_hash: str = ""


def request_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def reroute_spec(delivery: Delivery) -> SendSpec:
    """What routing needs of an accepted delivery to route it again."""
    return SendSpec(
        idempotency_key=delivery.idempotency_key,
        template_key=delivery.template_key,
        variables={},
        category=delivery.category,
        priority=delivery.priority,
        workflow_id=delivery.workflow_id or "",
        channel="",
        attachment_ids=(),
        client_id=delivery.client_id,
    )


def validate_spec(
    *,
    idempotency_key: str,
    template_key: str,
    category: str,
    priority: str,
    channel: str,
    attachment_ids: list[str],
    workflow_id: str,
    client_id: str | None,
    user_id: str | None,
    address: tuple[str, str, str, str, str] | None,
) -> dict[str, Any]:
    """Check every field of a send, naming the bad one; returns SendSpec keyword args."""
    if not idempotency_key or len(idempotency_key) > 200:
        raise InvalidArgument(
            "idempotency_key",
            idempotency_key,
            "must be 1-200 characters (derive it from the workflow id and step)",
        )
    if not template_key:
        raise InvalidArgument("template_key", template_key, "must name a template")
    if category and category not in CATEGORIES:
        raise InvalidArgument("category", category, f"must be one of {', '.join(CATEGORIES)}")
    priority = priority or "normal"
    if priority not in PRIORITIES:
        raise InvalidArgument("priority", priority, f"must be one of {', '.join(PRIORITIES)}")
    if channel and channel not in ("email", "sms", "wecom"):
        raise InvalidArgument("channel", channel, "must be email, sms or wecom")
    if len(attachment_ids) > MAX_ATTACHMENTS:
        raise InvalidArgument(
            "attachment_artifact_ids", len(attachment_ids), f"at most {MAX_ATTACHMENTS}"
        )
    for index, artifact_id in enumerate(attachment_ids):
        parse_id(f"attachment_artifact_ids[{index}]", artifact_id, "an artifact id")
    if len(workflow_id) > 300:
        raise InvalidArgument("workflow_id", workflow_id[:40], "must be at most 300 characters")
    result: dict[str, Any] = {
        "idempotency_key": idempotency_key,
        "template_key": template_key,
        "category": category,
        "priority": priority,
        "channel": channel,
        "attachment_ids": tuple(attachment_ids),
        "workflow_id": workflow_id,
    }
    if client_id is not None:
        result["client_id"] = parse_id("client_id", client_id, "a client id")
    elif user_id is not None:
        if not user_id or len(user_id) > 64:
            raise InvalidArgument("user_id", user_id, "must be 1-64 characters")
        result["user_id"] = user_id
    elif address is not None:
        kind, value, name, locale, timezone = address
        if kind not in CHANNELS or kind == "in_app":
            raise InvalidArgument(
                "address.channel", kind, "must be one of email, sms, wecom, webhook"
            )
        if not value or len(value) > 320:
            raise InvalidArgument("address.value", value, "must be 1-320 characters")
        if kind == "email" and ("@" not in value or any(c in value for c in " \r\n<>,;")):
            raise InvalidArgument("address.value", value, "is not an e-mail address")
        if locale and locale not in LOCALES:
            raise InvalidArgument("address.locale", locale, f"must be one of {', '.join(LOCALES)}")
        if timezone and zone_or_none(timezone) is None:
            raise InvalidArgument("address.timezone", timezone, "is not an IANA time zone")
        if len(name) > 300:
            raise InvalidArgument("address.name", name[:40], "must be at most 300 characters")
        result.update(
            address_channel=kind,
            address_value=value,
            address_name=name,
            address_locale=locale,
            address_timezone=timezone,
        )
    else:
        raise InvalidArgument("recipient", None, "set exactly one of client_id, address or user_id")
    if channel and client_id is None:
        raise InvalidArgument("channel", channel, "only applies to a client recipient")
    return result
