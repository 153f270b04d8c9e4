"""The clients service's segments, imports and exports over gRPC: a part of ClientsServicer
(a mixin), protobuf in and out, no logic."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TypeAlias

import grpc
from clientflow.clients.v1 import clients_pb2

from services.clients import convert as c
from services.clients.exporter import ClientExporter
from services.clients.importer import ClientImporter
from services.clients.models import Client
from services.clients.positions import PositionsImporter
from services.clients.segments import SegmentService
from services.common.db import current_session
from services.common.internal_auth import current_actor

Ctx: TypeAlias = grpc.aio.ServicerContext


class SegmentsAndFiles:
    async def _page(self, clients: list[Client]) -> list[clients_pb2.Client]:
        raise NotImplementedError

    # -- segments ---------------------------------------------------------------------------

    async def SaveSegment(
        self, request: clients_pb2.SaveSegmentRequest, context: Ctx
    ) -> clients_pb2.Segment:
        segment = await SegmentService(current_session()).save(
            current_actor(),
            request.segment.id,
            request.segment.name,
            c.filter_dict(request.segment.filter),
        )
        return c.segment_to_proto(segment)

    async def ListSegments(
        self, request: clients_pb2.ListSegmentsRequest, context: Ctx
    ) -> clients_pb2.ListSegmentsResponse:
        rows = await SegmentService(current_session()).all(current_actor())
        return clients_pb2.ListSegmentsResponse(segments=[c.segment_to_proto(s) for s in rows])

    async def CountSegment(
        self, request: clients_pb2.SegmentRequest, context: Ctx
    ) -> clients_pb2.CountSegmentResponse:
        segments = SegmentService(current_session())
        if not request.segment_id and request.HasField("filter"):
            count = await segments.count_filter(current_actor(), c.filter_dict(request.filter))
        else:
            count = await segments.count(current_actor(), request.segment_id)
        return clients_pb2.CountSegmentResponse(count=count)

    async def ListSegmentMembers(
        self, request: clients_pb2.ListSegmentMembersRequest, context: Ctx
    ) -> clients_pb2.ListClientsResponse:
        page = await SegmentService(current_session()).members(
            current_actor(), request.segment_id, size=request.page_size, token=request.page_token
        )
        return clients_pb2.ListClientsResponse(
            clients=await self._page(page.clients), next_page_token=page.next_token
        )

    async def ImportClients(
        self, request: clients_pb2.ImportClientsRequest, context: Ctx
    ) -> clients_pb2.ImportReport:
        report = await ClientImporter(current_session()).run(
            current_actor(),
            request.content,
            request.filename,
            all_or_nothing=request.all_or_nothing,
            source=request.source,
        )
        return c.report_to_proto(report)

    async def ImportPositions(
        self, request: clients_pb2.ImportPositionsRequest, context: Ctx
    ) -> clients_pb2.ImportReport:
        report = await PositionsImporter(current_session()).run(
            current_actor(),
            request.content,
            request.filename,
            all_or_nothing=request.all_or_nothing,
        )
        return c.report_to_proto(report)

    async def ExportClients(
        self, request: clients_pb2.ExportClientsRequest, context: Ctx
    ) -> AsyncIterator[clients_pb2.ExportChunk]:
        exporter = ClientExporter(current_session())
        async for chunk in exporter.export(
            current_actor(),
            request.segment_id,
            c.filter_dict(request.filter),
            request.format or "xlsx",
        ):
            yield clients_pb2.ExportChunk(data=chunk)

    async def StreamSegment(
        self, request: clients_pb2.SegmentRequest, context: Ctx
    ) -> AsyncIterator[clients_pb2.Client]:
        async for client in SegmentService(current_session()).stream(
            current_actor(), request.segment_id
        ):
            yield c.client_to_proto(client)
