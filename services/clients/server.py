"""gRPC adapter of the clients service: protobuf in and out, no logic."""

from __future__ import annotations

from datetime import UTC
from typing import TypeAlias

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from clientflow.reporting.v1 import reporting_pb2_grpc
from sqlalchemy.ext.asyncio import AsyncEngine

from services.clients import convert as c, create_keys
from services.clients.change_events import grpc_publisher
from services.clients.custom_records_server import CustomRecordsServicer
from services.clients.definitions import require_admin
from services.clients.directory_server import (
    AccessLogServicer,
    DirectoryServicer,
    PortalSignInServicer,
)
from services.clients.filters import parse_filter
from services.clients.funds_server import FundsServicer
from services.clients.mail_dropbox import Dropbox, start_all, stop_all
from services.clients.mailbox_server import CaptureServicer, MailboxServicer
from services.clients.mailboxes import MailboxSync, mailbox_box
from services.clients.models import Client
from services.clients.outbox import OutboxRelay
from services.clients.portfolio_server import PortfolioServicer
from services.clients.records import RecordService
from services.clients.report_data import ReportDataReader
from services.clients.repository import ClientRepository
from services.clients.segments_server import SegmentsAndFiles
from services.clients.service import ClientService
from services.clients.settings import ClientsSettings
from services.clients.tiers_server import TiersAndLifecycle
from services.common.db import current_session, session_factory
from services.common.grpc_client import ServiceClients
from services.common.grpc_server import GrpcService, internal_secret_from_environment
from services.common.internal_auth import current_actor
from services.common.runner import run_grpc_process
from services.common.telemetry import setup_telemetry

Ctx: TypeAlias = grpc.aio.ServicerContext


class ClientsServicer(SegmentsAndFiles, TiersAndLifecycle, clients_pb2_grpc.ClientsServiceServicer):
    # -- the record -----------------------------------------------------------------------

    async def _page(self, clients: list[Client]) -> list[clients_pb2.Client]:
        """A page of clients in the same shape as one client: external ids included, read
        in one query for the page."""
        ids = await ClientRepository(current_session()).external_ids_of([x.id for x in clients])
        return [c.client_to_proto(x, ids.get(x.id, [])) for x in clients]

    async def CreateClient(
        self, request: clients_pb2.CreateClientRequest, context: Ctx
    ) -> clients_pb2.Client:
        service = ClientService(current_session())
        idempotency = None
        if request.idempotency_key:
            unkeyed = clients_pb2.CreateClientRequest()
            unkeyed.CopyFrom(request)
            unkeyed.ClearField("idempotency_key")
            print_ = create_keys.fingerprint(unkeyed.SerializeToString(deterministic=True))
            idempotency = (request.idempotency_key, print_)
        client = await service.create(
            current_actor(), c.fields_for_create(request), idempotency=idempotency
        )
        return await self._full(service, client)

    async def GetClient(
        self, request: clients_pb2.GetClientRequest, context: Ctx
    ) -> clients_pb2.Client:
        service = ClientService(current_session())
        client, external_ids = await service.get_with_external_ids(current_actor(), request.id)
        return c.client_to_proto(client, external_ids)

    async def BatchGetClients(
        self, request: clients_pb2.BatchGetClientsRequest, context: Ctx
    ) -> clients_pb2.BatchGetClientsResponse:
        found = await ClientService(current_session()).get_many(current_actor(), request.ids)
        return clients_pb2.BatchGetClientsResponse(clients=await self._page(found))

    async def UpdateClient(
        self, request: clients_pb2.UpdateClientRequest, context: Ctx
    ) -> clients_pb2.Client:
        service = ClientService(current_session())
        client = await service.update(
            current_actor(), request.id, request.expected_version, c.fields_for_update(request)
        )
        return await self._full(service, client)

    async def ListClients(
        self, request: clients_pb2.ListClientsRequest, context: Ctx
    ) -> clients_pb2.ListClientsResponse:
        service = ClientService(current_session())
        spec = parse_filter(c.filter_dict(request.filter), await service.field_specs())
        page = await service.list(
            current_actor(), spec, size=request.page_size, token=request.page_token
        )
        return clients_pb2.ListClientsResponse(
            clients=await self._page(page.clients), next_page_token=page.next_token
        )

    async def SearchClients(
        self, request: clients_pb2.SearchClientsRequest, context: Ctx
    ) -> clients_pb2.ListClientsResponse:
        page = await ClientService(current_session()).search(
            current_actor(), request.query, size=request.page_size, token=request.page_token
        )
        return clients_pb2.ListClientsResponse(
            clients=await self._page(page.clients), next_page_token=page.next_token
        )

    async def GetClientView(
        self, request: clients_pb2.GetClientRequest, context: Ctx
    ) -> clients_pb2.ClientView:
        service = RecordService(current_session())
        view = await service.view(current_actor(), request.id)
        return clients_pb2.ClientView(
            client=c.client_to_proto(view.client, view.external_ids),
            holdings=clients_pb2.HoldingsSummary(
                aum=c.money(view.aum),
                count=view.holdings_count,
                top=[c.holding_to_proto(h) for h in view.top_holdings],
            ),
            recent_interactions=[c.interaction_to_proto(i) for i in view.recent_interactions],
            recent_transactions=[c.transaction_to_proto(t) for t in view.recent_transactions],
            tier_reason=c.tier_change_to_proto(view.tier_reason) if view.tier_reason else None,
            stage_reason=c.stage_change_to_proto(view.stage_reason) if view.stage_reason else None,
            related_persons=[c.related_person_to_proto(p) for p in view.related_persons],
            links=[c.link_to_proto(link) for link in view.links],
            net_flows_12m=c.money(view.net_flows_12m),
        )

    # -- sub-records ----------------------------------------------------------------------

    async def AddRelatedPerson(
        self, request: clients_pb2.AddRelatedPersonRequest, context: Ctx
    ) -> clients_pb2.RelatedPerson:
        person = await RecordService(current_session()).add_related_person(
            current_actor(), request.client_id, c.message_fields(request.person)
        )
        return c.related_person_to_proto(person)

    async def RemoveRelatedPerson(
        self, request: clients_pb2.RemoveRelatedPersonRequest, context: Ctx
    ) -> clients_pb2.RemoveRelatedPersonResponse:
        await RecordService(current_session()).remove_related_person(
            current_actor(), request.client_id, request.person_id
        )
        return clients_pb2.RemoveRelatedPersonResponse()

    async def LinkClients(
        self, request: clients_pb2.LinkClientsRequest, context: Ctx
    ) -> clients_pb2.ClientLink:
        link = await RecordService(current_session()).link(
            current_actor(), request.client_id, request.related_client_id, request.kind
        )
        return c.link_to_proto(link)

    async def UpsertHolding(
        self, request: clients_pb2.UpsertHoldingRequest, context: Ctx
    ) -> clients_pb2.Holding:
        holding = await RecordService(current_session()).upsert_holding(
            current_actor(), request.client_id, c.message_fields(request.holding)
        )
        return c.holding_to_proto(holding)

    async def ListHoldings(
        self, request: clients_pb2.ClientPageRequest, context: Ctx
    ) -> clients_pb2.ListHoldingsResponse:
        rows, token = await RecordService(current_session()).page(
            current_actor(),
            request.client_id,
            "holdings",
            size=request.page_size,
            token=request.page_token,
        )
        return clients_pb2.ListHoldingsResponse(
            holdings=[c.holding_to_proto(r) for r in rows], next_page_token=token
        )

    async def RecordTransaction(
        self, request: clients_pb2.RecordTransactionRequest, context: Ctx
    ) -> clients_pb2.RecordTransactionResponse:
        row, created = await RecordService(current_session()).record_transaction(
            current_actor(), request.client_id, c.message_fields(request.transaction)
        )
        return clients_pb2.RecordTransactionResponse(
            transaction=c.transaction_to_proto(row), created=created
        )

    async def ListTransactions(
        self, request: clients_pb2.ClientPageRequest, context: Ctx
    ) -> clients_pb2.ListTransactionsResponse:
        rows, token = await RecordService(current_session()).page(
            current_actor(),
            request.client_id,
            "transactions",
            size=request.page_size,
            token=request.page_token,
        )
        return clients_pb2.ListTransactionsResponse(
            transactions=[c.transaction_to_proto(r) for r in rows], next_page_token=token
        )

    async def GetReportData(
        self, request: clients_pb2.GetReportDataRequest, context: Ctx
    ) -> clients_pb2.GetReportDataResponse:
        return await ReportDataReader(current_session()).read(
            current_actor(), list(request.client_ids), request.period_start, request.period_end
        )

    async def RecordInteraction(
        self, request: clients_pb2.RecordInteractionRequest, context: Ctx
    ) -> clients_pb2.Interaction:
        row = await RecordService(current_session()).record_interaction(
            current_actor(), request.client_id, c.message_fields(request.interaction)
        )
        return c.interaction_to_proto(row)

    async def ListInteractions(
        self, request: clients_pb2.ClientPageRequest, context: Ctx
    ) -> clients_pb2.ListInteractionsResponse:
        rows, token = await RecordService(current_session()).page(
            current_actor(),
            request.client_id,
            "interactions",
            size=request.page_size,
            token=request.page_token,
        )
        return clients_pb2.ListInteractionsResponse(
            interactions=[c.interaction_to_proto(r) for r in rows], next_page_token=token
        )

    async def ListPersonMeetings(
        self, request: clients_pb2.ListPersonMeetingsRequest, context: Ctx
    ) -> clients_pb2.ListInteractionsResponse:
        rows = await RecordService(current_session()).person_meetings(
            current_actor(),
            request.user_id,
            request.since.ToDatetime(tzinfo=UTC),
            request.until.ToDatetime(tzinfo=UTC),
            request.limit or 500,
        )
        return clients_pb2.ListInteractionsResponse(
            interactions=[c.interaction_to_proto(r) for r in rows]
        )

    async def ListAudit(
        self, request: clients_pb2.ClientPageRequest, context: Ctx
    ) -> clients_pb2.ListAuditResponse:
        rows, token = await RecordService(current_session()).page(
            current_actor(),
            request.client_id,
            "audit",
            size=request.page_size,
            token=request.page_token,
        )
        return clients_pb2.ListAuditResponse(
            entries=[c.audit_to_proto(r) for r in rows], next_page_token=token
        )


def build(
    engine: AsyncEngine,
    relay: OutboxRelay | None = None,
    dropbox: Dropbox | None = None,
    settings: ClientsSettings | None = None,
    reporting: reporting_pb2_grpc.ReportingServiceStub | None = None,
) -> GrpcService:
    """The clients gRPC server over `engine`, with the change outbox's relay and the mail
    dropbox when given, and connected mailboxes synchronised per `settings` (captured
    attachments kept through `reporting`)."""
    settings = settings or ClientsSettings()
    box = mailbox_box(internal_secret_from_environment())
    syncing = (
        MailboxSync(engine, box, settings.mail_sync_seconds, reporting)
        if settings.mail_sync_seconds
        else None
    )

    def register(server: grpc.aio.Server) -> None:
        clients_pb2_grpc.add_ClientsServiceServicer_to_server(ClientsServicer(), server)
        clients_pb2_grpc.add_DirectoryServiceServicer_to_server(DirectoryServicer(), server)
        clients_pb2_grpc.add_AccessLogServiceServicer_to_server(AccessLogServicer(), server)
        clients_pb2_grpc.add_PortalSignInServiceServicer_to_server(PortalSignInServicer(), server)
        clients_pb2_grpc.add_CustomRecordsServiceServicer_to_server(CustomRecordsServicer(), server)
        clients_pb2_grpc.add_PortfolioServiceServicer_to_server(PortfolioServicer(), server)
        clients_pb2_grpc.add_FundsServiceServicer_to_server(FundsServicer(), server)
        clients_pb2_grpc.add_MailboxServiceServicer_to_server(
            MailboxServicer(box, settings.imap_ports(), reporting), server
        )
        clients_pb2_grpc.add_CaptureServiceServicer_to_server(CaptureServicer(reporting), server)

    names = ("ClientsService", "DirectoryService", "AccessLogService", "PortalSignInService")
    return GrpcService(
        service_names=[clients_pb2.DESCRIPTOR.services_by_name[n].full_name for n in names],
        register=register,
        sessions=session_factory(engine),
        on_start=lambda: start_all(relay, dropbox, syncing),
        on_stop=lambda: stop_all(relay, dropbox, syncing),
    )


async def serve(settings: ClientsSettings) -> None:
    """Run the clients service until stopped; its outbox relay publishes the change events
    to the workflows service."""
    setup_telemetry("clients", settings)
    services = ServiceClients.connect(settings)
    try:
        await run_grpc_process(
            "clients",
            settings,
            lambda engine: build(
                engine,
                OutboxRelay(engine, grpc_publisher(services.triggers)),
                Dropbox(engine, settings.bind_host, settings.mail_dropbox_port, services.reporting)
                if settings.mail_dropbox_port
                else None,
                settings,
                services.reporting,
            ),
        )
    finally:
        await services.close()


__all__ = ["ClientsServicer", "build", "require_admin", "serve"]
