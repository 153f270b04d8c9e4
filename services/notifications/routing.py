"""Routing a send: the recipient and channel by consent, preferences and fallback, quiet
hours, frequency caps, attachments checked; the message rendered into the delivery the
ledger freezes."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import grpc
from clientflow.reporting.v1 import reporting_pb2, reporting_pb2_grpc
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
from services.notifications import access
from services.notifications.branding import Brand, Signatures, branded
from services.notifications.channels.base import Channel
from services.notifications.channels.email import message_id
from services.notifications.channels.registry import SETTING_OF
from services.notifications.client_access import ClientAccess, Known, per_hundred
from services.notifications.models import (
    LOCALES,
    Delivery,
)
from services.notifications.policy import QuietHours
from services.notifications.providers import Attachments
from services.notifications.repository import (
    ConsentRepository,
    DeliveryRepository,
)
from services.notifications.service import TemplateService
from services.notifications.settings import NotificationsSettings
from services.notifications.spec import SendSpec
from services.notifications.templates import Content, render_bounded

# Quiet hours of a client without a time zone on record.
DEFAULT_TIMEZONE = "Asia/Shanghai"


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


class Router:
    """Accepting a send: route it, render it into the delivery the ledger freezes, cap it."""

    def __init__(
        self,
        settings: NotificationsSettings,
        channels: dict[str, Channel],  # type: ignore[type-arg]
        clients: ClientAccess,
        reporting: reporting_pb2_grpc.ReportingServiceStub | None,
        attachments: Attachments,
        signatures: Signatures,
        clock: Callable[[], datetime],
    ) -> None:
        self.settings = settings
        self.channels = channels
        self.clients = clients
        self.reporting = reporting
        self.attachments = attachments
        self.brand = Brand(
            settings.firm_name, settings.brand_color, settings.firm_address, settings.firm_logo
        )
        self.signatures = signatures
        self.clock = clock
        self.quiet_hours = QuietHours.parse(settings.quiet_hours)
        self.fallback = [c.strip() for c in settings.channel_fallback.split(",") if c.strip()]

    def message_id(self, idempotency_key: str, channel: str) -> str:
        """An e-mail's Message-ID, known once it is accepted (derived from its key, as the
        e-mail channel writes it): what a reply names. "" on other channels."""
        if channel != "email":
            return ""
        return message_id(idempotency_key, self.settings.smtp_message_id_domain)

    async def look_up(self, actor: Actor, specs: list[SendSpec]) -> Known:
        """The clients and attachments a batch of sends names, one call each (per hundred),
        with the sender's identity."""
        client_ids = sorted({str(s.client_id) for s in specs if s.client_id is not None})
        artifact_ids = sorted({str(uuid.UUID(a)) for s in specs for a in s.attachment_ids})
        clients = await self.clients.many(actor, client_ids) if client_ids else {}
        artifacts: list[reporting_pb2.Artifact] = []
        stub = self.reporting
        if artifact_ids and stub is not None:  # without it each send is refused as it is

            async def read(ids: list[str]) -> Iterable[reporting_pb2.Artifact]:
                request = reporting_pb2.BatchGetArtifactsRequest(ids=ids)
                reply: reporting_pb2.ListArtifactsResponse = await stub.BatchGetArtifacts(
                    request, metadata=actor.to_metadata(), timeout=10
                )
                return reply.artifacts

            artifacts = await per_hundred(artifact_ids, read)
        return Known(
            frozenset(client_ids),
            clients,
            frozenset(artifact_ids),
            {artifact.id: artifact for artifact in artifacts},
        )

    async def prepare(
        self, session: AsyncSession, actor: Actor, spec: SendSpec, known: Known | None = None
    ) -> Delivery:
        """Route, render and apply consent and quiet hours; nothing is written yet."""
        now = self.clock()
        route = await self.route(session, actor, spec, known)
        await self.check_attachments(actor, spec, known)
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
            message_id=self.message_id(spec.idempotency_key, route.channel),
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

    async def cap(self, session: AsyncSession, delivery: Delivery) -> None:
        """Suppress the delivery if its client had their fill of its category lately: the
        count is taken under a lock of the client and category held until the caller's
        transaction (the insert) commits."""
        cap = self._cap(delivery.category)
        if delivery.client_id is None or not cap or delivery.status not in ("accepted", "deferred"):
            return
        repository = DeliveryRepository(session)
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

    def _cap(self, category: str) -> int:
        return self.settings.marketing_cap if category == "marketing" else self.settings.service_cap

    async def route(
        self, session: AsyncSession, actor: Actor, spec: SendSpec, known: Known | None = None
    ) -> Route:
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
        client = await self.clients.client(actor, str(spec.client_id), known)
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

    async def check_attachments(
        self, actor: Actor, spec: SendSpec, known: Known | None = None
    ) -> None:
        """Attachments are read with the sender's identity when the message is accepted (an
        artifact they cannot see is NOT_FOUND), and unless the sender may override, each must
        be the recipient client's own."""
        if not spec.attachment_ids:
            return
        if self.reporting is None:
            raise FailedPrecondition("attachments need the reporting service")
        for index, artifact_id in enumerate(spec.attachment_ids):
            field = f"attachment_artifact_ids[{index}]"
            canonical = str(uuid.UUID(artifact_id))
            if known is not None and canonical in known.artifact_ids:
                artifact = known.artifacts.get(canonical)
                if artifact is None:
                    raise NotFound(
                        f"artifact {artifact_id} not found", field=field, value=artifact_id
                    )
                self._attachable(actor, spec, artifact, field)
                continue
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
            self._attachable(actor, spec, artifact, field)

    def _attachable(
        self, actor: Actor, spec: SendSpec, artifact: reporting_pb2.Artifact, field: str
    ) -> None:
        """Unless the sender may override, an attachment is the recipient client's own."""
        mine = spec.client_id is not None and artifact.client_id == str(spec.client_id)
        if not mine and not access.may_override(actor):
            raise PermissionDenied(
                f"{field}: only the recipient client's own reports may be attached"
            )
        # What the attempt right after needs of it: not read again.
        self.attachments.remember(artifact)

    async def replayable(
        self, actor: Actor, delivery: Delivery, spec: SendSpec, known: Known | None = None
    ) -> None:
        """A repeated key returns the first delivery only for the same request, and only to
        a caller who may see that delivery."""
        if not await self.clients.may_see(actor, delivery, known):
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
