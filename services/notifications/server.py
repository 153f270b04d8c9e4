"""gRPC adapter of the notifications service."""

from __future__ import annotations

import uuid

import grpc
from clientflow.clients.v1 import clients_pb2
from clientflow.notifications.v1 import notifications_pb2 as pb, notifications_pb2_grpc
from google.protobuf.empty_pb2 import Empty
from sqlalchemy.ext.asyncio import AsyncEngine

from services.common.db import current_session, session_factory
from services.common.errors import ClientflowError, InvalidArgument, NotFound
from services.common.grpc_client import ServiceClients
from services.common.grpc_server import GrpcService, internal_secret_from_environment
from services.common.identity import SYSTEM_ACTOR, Actor
from services.common.internal_auth import current_actor
from services.common.runner import run_grpc_process
from services.common.telemetry import setup_telemetry
from services.notifications.channels.registry import build_channels
from services.notifications.convert import (
    consent_to_proto,
    content,
    delivery_to_proto,
    inbox_message_to_proto,
    send_result,
    send_spec,
    struct_to_dict,
    template_to_proto,
)
from services.notifications.delivery import (
    DEFAULT_PARALLELISM,
    MAX_PARALLELISM,
    MAX_SENDS,
    DeliveryEngine,
    Outcome,
    SendSpec,
)
from services.notifications.metrics import delivery_gauges
from services.notifications.service import (
    ConsentService,
    InboxService,
    TemplateService,
    require_admin,
)
from services.notifications.settings import NotificationsSettings
from services.notifications.unsubscribe import read_token


class NotificationsServicer(notifications_pb2_grpc.NotificationsServiceServicer):
    def __init__(self, deliveries: DeliveryEngine) -> None:
        self.deliveries = deliveries

    # -- inbox

    async def ListInbox(
        self, request: pb.ListInboxRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListInboxResponse:
        actor = current_actor()
        rows, token = await InboxService(current_session()).list(
            actor, request.user_id, size=request.page_size, token=request.page_token
        )
        return pb.ListInboxResponse(
            messages=[inbox_message_to_proto(row) for row in rows], next_page_token=token
        )

    async def MarkInboxRead(
        self, request: pb.MarkInboxReadRequest, context: grpc.aio.ServicerContext
    ) -> pb.InboxMessage:
        actor = current_actor()
        message = await InboxService(current_session()).mark_read(actor, request.id)
        return inbox_message_to_proto(message)

    # -- sending and the ledger

    async def Send(self, request: pb.SendRequest, context: grpc.aio.ServicerContext) -> pb.Delivery:
        spec = send_spec(request)
        return delivery_to_proto(await self.deliveries.send(current_actor(), spec))

    async def SendMany(
        self, request: pb.SendManyRequest, context: grpc.aio.ServicerContext
    ) -> pb.SendManyResponse:
        """Each request checked as Send checks it; one refused is refused on its own."""
        if not 1 <= len(request.requests) <= MAX_SENDS:
            raise InvalidArgument(
                "requests", str(len(request.requests)), f"must hold 1 to {MAX_SENDS} sends"
            )
        parallelism = request.parallelism or DEFAULT_PARALLELISM
        if not 1 <= parallelism <= MAX_PARALLELISM:
            raise InvalidArgument(
                "parallelism", str(request.parallelism), f"must be 1 to {MAX_PARALLELISM}"
            )
        specs: list[SendSpec | ClientflowError] = []
        for one in request.requests:
            try:
                specs.append(send_spec(one))
            except ClientflowError as error:
                specs.append(error)
        done = await self.deliveries.send_many(current_actor(), specs, parallelism)
        return pb.SendManyResponse(results=[send_result(each) for each in done])

    async def GetDelivery(
        self, request: pb.GetDeliveryRequest, context: grpc.aio.ServicerContext
    ) -> pb.Delivery:
        actor = current_actor()
        return delivery_to_proto(await self.deliveries.get(actor, request.id))

    async def FindRepliedDelivery(
        self, request: pb.FindRepliedDeliveryRequest, context: grpc.aio.ServicerContext
    ) -> pb.Delivery:
        found = await self.deliveries.replied(current_actor(), list(request.message_ids))
        return delivery_to_proto(found)

    async def ListDeliveries(
        self, request: pb.ListDeliveriesRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListDeliveriesResponse:
        actor = current_actor()
        rows, token = await self.deliveries.list(
            actor,
            client_id=request.client_id,
            workflow_id=request.workflow_id,
            status=request.status,
            size=request.page_size,
            token=request.page_token,
        )
        return pb.ListDeliveriesResponse(
            deliveries=[delivery_to_proto(Outcome(row), with_attempts=False) for row in rows],
            next_page_token=token,
        )

    async def RetryDelivery(
        self, request: pb.RetryDeliveryRequest, context: grpc.aio.ServicerContext
    ) -> pb.Delivery:
        actor = current_actor()
        return delivery_to_proto(
            await self.deliveries.retry(
                actor, request.id, accept_duplicate_risk=request.accept_duplicate_risk
            )
        )

    # -- templates

    async def PutTemplate(
        self, request: pb.PutTemplateRequest, context: grpc.aio.ServicerContext
    ) -> pb.Template:
        actor = current_actor()
        template = await TemplateService(current_session()).put(
            actor,
            request.key,
            request.locale,
            content(request.content),
            category=request.category,
            sample_variables=struct_to_dict(request.sample_variables),
        )
        return template_to_proto(template)

    async def GetTemplate(
        self, request: pb.GetTemplateRequest, context: grpc.aio.ServicerContext
    ) -> pb.TemplateSet:
        rows = await TemplateService(current_session()).get(request.key)
        return pb.TemplateSet(key=request.key, locales=[template_to_proto(r) for r in rows])

    async def ListTemplates(
        self, request: pb.ListTemplatesRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListTemplatesResponse:
        found = await TemplateService(current_session()).list()
        return pb.ListTemplatesResponse(
            templates=[
                pb.TemplateSet(key=key, locales=[template_to_proto(r) for r in rows])
                for key, rows in found.items()
            ]
        )

    async def DeleteTemplate(
        self, request: pb.DeleteTemplateRequest, context: grpc.aio.ServicerContext
    ) -> Empty:
        actor = current_actor()
        await TemplateService(current_session()).delete(actor, request.key)
        return Empty()

    async def PreviewTemplate(
        self, request: pb.PreviewTemplateRequest, context: grpc.aio.ServicerContext
    ) -> pb.RenderedMessage:
        # Previews run what a template author wrote: for the people who edit templates.
        require_admin(current_actor(), "preview templates")
        draft = content(request.draft) if request.HasField("draft") else None
        template, rendered = await TemplateService(current_session()).preview(
            request.key,
            request.locale or "zh-CN",
            struct_to_dict(request.variables) if request.HasField("variables") else None,
            draft,
        )
        return pb.RenderedMessage(
            key=request.key,
            locale=template.locale if template else request.locale or "zh-CN",
            version=template.version if template else 0,
            subject=rendered.subject,
            body_text=rendered.body_text,
            body_html=rendered.body_html,
        )

    # -- consent

    async def _consenting(self, client_id: str) -> clients_pb2.Client:
        """The client whose consent the caller reads or sets: staff within their scope; a
        portal client only their own (read as the system)."""
        actor = current_actor()
        if actor.is_client:
            if actor.client_id != client_id:
                raise NotFound(f"client {client_id} not found", field="client_id", value=client_id)
            return await self.deliveries.client(SYSTEM_ACTOR, client_id)
        return await self.deliveries.client(actor, client_id)

    async def GetConsent(
        self, request: pb.GetConsentRequest, context: grpc.aio.ServicerContext
    ) -> pb.Consent:
        client = await self._consenting(request.client_id)
        rows = await ConsentService(current_session()).get(uuid.UUID(client.id))
        return consent_to_proto(client.id, rows)

    async def SetConsent(
        self, request: pb.SetConsentRequest, context: grpc.aio.ServicerContext
    ) -> pb.Consent:
        actor = current_actor()
        client = await self._consenting(request.client_id)
        rows = await ConsentService(current_session()).set(
            actor,
            uuid.UUID(client.id),
            [(c.channel, c.category, c.opted_out, c.source) for c in request.channels],
        )
        return consent_to_proto(client.id, rows)

    async def Unsubscribe(
        self, request: pb.UnsubscribeRequest, context: grpc.aio.ServicerContext
    ) -> pb.UnsubscribeResponse:
        client_id, channel, category = read_token(internal_secret_from_environment(), request.token)
        client = await self.deliveries.client(SYSTEM_ACTOR, str(client_id))
        await ConsentService(current_session()).set(
            Actor(user_id=f"client:{client_id}"),
            client_id,
            [(channel, category, True, "one-click unsubscribe (RFC 8058)")],
        )
        return pb.UnsubscribeResponse(channel=channel, category=category, locale=client.locale)


def build(
    engine: AsyncEngine,
    settings: NotificationsSettings | None = None,
    services: ServiceClients | None = None,
    *,
    deliveries: DeliveryEngine | None = None,
) -> GrpcService:
    """The notifications gRPC server over `engine`, with its retry dispatcher."""
    settings = settings or NotificationsSettings()
    if deliveries is None:
        deliveries = DeliveryEngine(
            engine,
            settings,
            build_channels(settings),
            services.clients if services else None,
            services.reporting if services else None,
            directory=services.directory if services else None,
        )
    engine_ = deliveries

    def register(server: grpc.aio.Server) -> None:
        notifications_pb2_grpc.add_NotificationsServiceServicer_to_server(
            NotificationsServicer(engine_), server
        )

    service = GrpcService(
        service_names=[pb.DESCRIPTOR.services_by_name["NotificationsService"].full_name],
        register=register,
        sessions=session_factory(engine),
        on_start=engine_.start,
        on_stop=engine_.stop,
    )
    for gauge in delivery_gauges(engine):
        service.every(60.0, gauge.run)
    return service


async def serve(settings: NotificationsSettings) -> None:
    """Run the notifications service until stopped."""
    # Telemetry first: a channel opened before the gRPC instrumentation would start a new
    # trace on every call instead of continuing the caller's.
    setup_telemetry("notifications", settings)
    services = ServiceClients.connect(settings)
    try:
        await run_grpc_process(
            "notifications", settings, lambda engine: build(engine, settings, services)
        )
    finally:
        await services.close()
