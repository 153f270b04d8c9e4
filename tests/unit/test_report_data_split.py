"""Reporting reads a batch's report data in one call; a batch whose data is more than one
gRPC message carries is read again in halves, down to one client a call."""

from __future__ import annotations

from typing import Any

import grpc
from clientflow.clients.v1 import clients_pb2
from grpc.aio import AioRpcError, Metadata

from services.reporting.pdf import Brand
from services.reporting.periods import parse_period
from services.reporting.reports import ReportService


class TooLargeOverTwo:
    """A clients stub whose answer for more than two clients is too large to send."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    async def GetReportData(
        self, request: clients_pb2.GetReportDataRequest, **kwargs: Any
    ) -> clients_pb2.GetReportDataResponse:
        self.calls.append(len(request.client_ids))
        if len(request.client_ids) > 2:
            raise AioRpcError(
                grpc.StatusCode.RESOURCE_EXHAUSTED, Metadata(), Metadata(), "too large"
            )
        return clients_pb2.GetReportDataResponse(
            clients=[
                clients_pb2.ClientReportData(
                    client_id=c, client=clients_pb2.Client(id=c, name=f"name {c}")
                )
                for c in request.client_ids
            ]
        )


async def test_a_batch_too_large_for_one_message_is_read_in_halves() -> None:
    stub = TooLargeOverTwo()
    service = ReportService(None, stub, None, Brand())  # type: ignore[arg-type]
    ids = [f"c{i}" for i in range(7)]
    found = await service.gather(ids, parse_period("2026Q3"), "", "client-report")
    assert list(found) == ids
    assert [data.client_name for data in found.values()] == [f"name {c}" for c in ids]  # type: ignore[union-attr]
    assert stub.calls == [7, 3, 1, 2, 4, 2, 2]
