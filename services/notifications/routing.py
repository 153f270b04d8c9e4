"""Routing a send: the recipient and channel by consent, preferences and fallback, quiet
hours, frequency caps, attachments checked; a send request validated field by field."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, timedelta
from typing import Any

import grpc
from clientflow.reporting.v1 import reporting_pb2
from sqlalchemy.ext.asyncio import AsyncSession

from services.common.errors import (
    AlreadyExists,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from services.common.grpc_errors import from_rpc_error
from services.common.identity import Actor
from services.common.ids import parse_id
from services.notifications import access
from services.notifications.branding import Brand, Signatures, branded
from services.notifications.channels.email import message_id
from services.notifications.channels.registry import SETTING_OF
from services.notifications.ledger import (
    DEFAULT_TIMEZONE,
    MAX_ATTACHMENTS,
    Ledger,
    SendSpec,
)
from services.notifications.models import (
    CATEGORIES,
    CHANNELS,
    LOCALES,
    PRIORITIES,
    Delivery,
)
from services.notifications.policy import zone_or_none
from services.notifications.repository import (
    ConsentRepository,
    DeliveryRepository,
)
from services.notifications.service import TemplateService
from services.notifications.templates import Content, render_bounded


@dataclass(frozen=True)
class Route:
    """Where and how an accepted message goes."""

    channel: str
    recipient: str
    name: str
    locale: str
    timezone: str
    advisor_id: str | None = None
    team_id: str | None = None
    reason: str = ""  # set when nothing can be sent (suppressed/failed)
    status: str = ""


class Routing(Ledger):
    """Accepting a send: route it, freeze its message in the ledger, cap it."""

    brand: Brand
    signatures: Signatures

    def _message_id(self, idempotency_key: str, channel: str) -> str:
        """An e-mail's Message-ID, known once it is accepted (derived from its key, as the
        e-mail channel writes it): what a reply names. "" on other channels."""
        if channel != "email":
            return ""
        return message_id(idempotency_key, self.settings.smtp_message_id_domain)

    async def _prepare(self, session: AsyncSession, actor: Actor, spec: SendSpec) -> Delivery:
        """Route, render and apply consent and quiet hours; nothing is written yet."""
        now = self.clock()
        route = await self._route(session, actor, spec)
        await self._check_attachments(actor, spec)
        template = await TemplateService(session).resolve(spec.template_key, route.locale)
        category = spec.category or template.category
        # `recipient_name` is always there for a template to greet with (the call may
        # override it).
        rendered = await render_bounded(
            Content(template.subject, template.body_text, template.body_html),
            {"recipient_name": route.name, **spec.variables},
        )
        if route.channel == "email" and spec.client_id is not None and not route.status:
            signature = await self.signatures.of(route.advisor_id)
            rendered = branded(rendered, template.locale, self.brand, signature)
        delivery = Delivery(
            id=uuid.uuid4(),
            idempotency_key=spec.idempotency_key,
            request_hash=spec.request_hash,
            status="accepted",
            reason="",
            channel=route.channel,
            recipient=route.recipient,
            recipient_name=route.name,
            client_id=spec.client_id,
            user_id=spec.user_id,
            advisor_id=route.advisor_id,
            team_id=route.team_id,
            workflow_id=spec.workflow_id or None,
            template_key=template.key,
            template_version=template.version,
            locale=template.locale,
            category=category,
            priority=spec.priority,
            subject=rendered.subject,
            body_text=rendered.body_text,
            body_html=rendered.body_html,
            attachment_ids=list(spec.attachment_ids),
            attempt_count=0,
            round_attempts=0,
            next_attempt_at=now,
            provider_message_id="",
            message_id=self._message_id(spec.idempotency_key, route.channel),
            created_by=actor.user_id,
            created_at=now,
            updated_at=now,
        )
        if route.status:
            delivery.status, delivery.reason = route.status, route.reason
            delivery.next_attempt_at = None
            return delivery
        if self.quiet_hours is not None and spec.priority != "urgent" and route.channel != "in_app":
            window_end = self.quiet_hours.next_allowed(now, route.timezone)
            if window_end is not None:
                delivery.status = "deferred"
                delivery.reason = (
                    f"quiet_hours: {self.settings.quiet_hours} in {route.timezone}; sends at"
                    f" {window_end.isoformat()}"
                )
                delivery.next_attempt_at = window_end.astimezone(UTC)
        return delivery

    async def _accept(self, session: AsyncSession, delivery: Delivery) -> Delivery:
        """Insert the ledger row, applying the frequency cap atomically."""
        repository = DeliveryRepository(session)
        cap = self._cap(delivery.category)
        if delivery.client_id is not None and cap and delivery.status in ("accepted", "deferred"):
            await repository.lock_cap(delivery.client_id, delivery.category)
            window = timedelta(hours=self.settings.cap_window_hours)
            recent = await repository.count_recent(
                delivery.client_id, delivery.category, self.clock() - window
            )
            if recent >= cap:
                delivery.status = "suppressed"
                delivery.reason = (
                    f"frequency_cap: {recent} {delivery.category} messages to this client in the"
                    f" last {self.settings.cap_window_hours} h (cap {cap})"
                )
                delivery.next_attempt_at = None
        if delivery.status == "accepted" and delivery.channel != "in_app":
            # Inserted as `sending`: one commit instead of two before the provider call.
            self._mark_sending(delivery)
        await repository.insert(delivery)
        await session.commit()
        self._count(delivery)
        return delivery

    def _cap(self, category: str) -> int:
        return self.settings.marketing_cap if category == "marketing" else self.settings.service_cap

    async def _route(self, session: AsyncSession, actor: Actor, spec: SendSpec) -> Route:
        if spec.user_id is not None:
            return Route("in_app", spec.user_id, spec.user_id, "zh-CN", "")
        if spec.client_id is None:
            channel = spec.address_channel
            route = Route(
                channel,
                spec.address_value,
                spec.address_name,
                spec.address_locale or LOCALES[0],
                spec.address_timezone,
            )
            if channel not in self.channels:
                reason = f"no_channel: {channel} is not configured (set {SETTING_OF[channel]})"
                return replace(route, status="failed", reason=reason)
            return route
        client = await self.client(actor, str(spec.client_id))
        addresses = {"email": client.email, "sms": client.phone, "wecom": client.wecom_id}
        preferred = "sms" if client.preferred_channel == "phone" else client.preferred_channel
        order = [spec.channel] if spec.channel else [preferred, *self.fallback]
        candidates = []
        for name in order:
            if name in addresses and addresses[name] and name not in candidates:
                candidates.append(name)
        configured = [name for name in candidates if name in self.channels]
        locale = client.locale if client.locale in LOCALES else LOCALES[0]
        timezone = client.timezone or DEFAULT_TIMEZONE
        base: dict[str, Any] = {
            "name": client.name,
            "locale": locale,
            "timezone": timezone,
            "team_id": client.team_id or None,
        }
        if not configured:
            wanted = spec.channel or ", ".join(candidates) or "any channel"
            reason = (
                f"no_channel: the client has no address for {wanted}"
                if not candidates
                else f"no_channel: {wanted} not configured on this deployment"
            )
            return Route(
                spec.channel or preferred or "",
                "",
                advisor_id=client.advisor_id,
                status="failed",
                reason=reason,
                **base,
            )
        category = spec.category or "service"
        refused: set[str] = set()
        if category == "marketing":
            refused = await ConsentRepository(session).opted_out(spec.client_id, category)
        allowed = [name for name in configured if name not in refused]
        if not allowed:
            return Route(
                configured[0],
                addresses[configured[0]],
                advisor_id=client.advisor_id,
                status="suppressed",
                reason=f"opted_out: the client refused {category} messages by "
                + ", ".join(configured),
                **base,
            )
        chosen = allowed[0]
        return Route(chosen, addresses[chosen], advisor_id=client.advisor_id, **base)

    async def _check_attachments(self, actor: Actor, spec: SendSpec) -> None:
        """Attachments are read with the sender's identity when the message is accepted (an
        artifact they cannot see is NOT_FOUND), and unless the sender may override, each must
        be the recipient client's own."""
        if not spec.attachment_ids:
            return
        if self.reporting is None:
            raise FailedPrecondition("attachments need the reporting service")
        for index, artifact_id in enumerate(spec.attachment_ids):
            field = f"attachment_artifact_ids[{index}]"
            try:
                artifact = await self.reporting.GetArtifact(
                    reporting_pb2.GetArtifactRequest(id=artifact_id),
                    metadata=actor.to_metadata(),
                    timeout=10,
                )
            except grpc.RpcError as error:
                failure = from_rpc_error(error)
                if isinstance(failure, NotFound | InvalidArgument | PermissionDenied):
                    raise NotFound(
                        f"artifact {artifact_id} not found", field=field, value=artifact_id
                    ) from None
                raise failure from None
            if access.may_override(actor):
                continue
            if spec.client_id is None or artifact.client_id != str(spec.client_id):
                raise PermissionDenied(
                    f"{field}: only the recipient client's own reports may be attached"
                )

    async def _replayable(self, actor: Actor, delivery: Delivery, spec: SendSpec) -> None:
        """A repeated key returns the first delivery only for the same request, and only to
        a caller who may see that delivery."""
        if not await self._may_see(actor, delivery):
            raise NotFound(
                f"no delivery of idempotency_key={spec.idempotency_key!r} is visible to you",
                field="idempotency_key",
                value=spec.idempotency_key,
            )
        if delivery.request_hash != spec.request_hash:
            raise AlreadyExists(
                f"idempotency_key={spec.idempotency_key!r} was already used for a different"
                f" message (delivery {delivery.id})",
                field="idempotency_key",
                value=spec.idempotency_key,
            )


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
