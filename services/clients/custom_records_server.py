"""The CustomRecordsService over gRPC (see custom_records.py and record_type_store.py)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any, TypeAlias

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc

from services.clients import convert
from services.clients.custom_records import CustomRecordService, Filter
from services.clients.record_io import RecordSpreadsheets
from services.clients.record_models import RecordRow, RecordViewRow
from services.clients.record_summary import RecordSummary, latest_dates
from services.clients.record_type_store import RecordTypeStore, TypeView
from services.clients.record_types import RecordType, computed_values, parse_type
from services.clients.record_views import RecordViews
from services.common.db import current_session
from services.common.errors import InvalidArgument
from services.common.internal_auth import current_actor

Ctx: TypeAlias = grpc.aio.ServicerContext
MAX_JSON = 64 * 1024


def _object(field: str, raw: str) -> dict[str, Any]:
    if len(raw) > MAX_JSON:
        raise InvalidArgument(field, "(large)", f"must be at most {MAX_JSON} bytes")
    try:
        value = json.loads(raw or "{}")
    except ValueError:
        raise InvalidArgument(field, raw[:40], "is not JSON") from None
    if not isinstance(value, dict):
        raise InvalidArgument(field, raw[:40], "must be a JSON object")
    return value


def type_to_proto(view: TypeView) -> clients_pb2.RecordType:
    message = clients_pb2.RecordType(
        key=view.row.key,
        version=view.row.version,
        document_json=json.dumps(view.row.document, ensure_ascii=False),
        created_by=view.row.created_by,
    )
    message.created_at.FromDatetime(view.row.created_at)
    return message


def record_to_proto(row: RecordRow, kind: RecordType) -> clients_pb2.CustomRecord:
    """The record as read: its stored fields and its computed ones."""
    message = clients_pb2.CustomRecord(
        id=str(row.id),
        type=row.type_key,
        client_id=str(row.client_id) if row.client_id else "",
        title=row.title,
        fields_json=json.dumps(computed_values(kind, dict(row.data)), ensure_ascii=False),
        status=row.status,
        version=row.version,
        created_by=row.created_by,
        updated_by=row.updated_by,
    )
    message.created_at.FromDatetime(row.created_at)
    message.updated_at.FromDatetime(row.updated_at)
    return message


def view_to_proto(row: RecordViewRow) -> clients_pb2.RecordView:
    message = clients_pb2.RecordView(
        id=str(row.id),
        type=row.type_key,
        name=row.name,
        filters=[clients_pb2.RecordFilter(**f) for f in row.filters],
        sort=row.sort,
    )
    if row.created_at is not None:
        message.created_at.FromDatetime(row.created_at)
    return message


class CustomRecordsServicer(clients_pb2_grpc.CustomRecordsServiceServicer):
    async def PutRecordType(
        self, request: clients_pb2.PutRecordTypeRequest, context: Ctx
    ) -> clients_pb2.RecordType:
        view = await RecordTypeStore(current_session()).put(
            current_actor(),
            _object("document", request.document_json),
            request.expected_version,
        )
        return type_to_proto(view)

    async def GetRecordType(
        self, request: clients_pb2.GetRecordTypeRequest, context: Ctx
    ) -> clients_pb2.RecordType:
        view = await RecordTypeStore(current_session()).get(
            current_actor(), request.key, request.version
        )
        return type_to_proto(view)

    async def ListRecordTypes(
        self, request: clients_pb2.ListRecordTypesRequest, context: Ctx
    ) -> clients_pb2.ListRecordTypesResponse:
        views = await RecordTypeStore(current_session()).list(current_actor())
        return clients_pb2.ListRecordTypesResponse(types=[type_to_proto(v) for v in views])

    async def CreateRecord(
        self, request: clients_pb2.CreateRecordRequest, context: Ctx
    ) -> clients_pb2.CustomRecord:
        row, kind = await CustomRecordService(current_session()).create(
            current_actor(),
            request.type,
            request.client_id,
            _object("fields", request.fields_json),
            request.idempotency_key,
        )
        return record_to_proto(row, kind)

    async def GetRecord(
        self, request: clients_pb2.GetRecordRequest, context: Ctx
    ) -> clients_pb2.CustomRecord:
        row, kind = await CustomRecordService(current_session()).get(
            current_actor(), request.type, request.id
        )
        return record_to_proto(row, kind)

    async def UpdateRecord(
        self, request: clients_pb2.UpdateRecordRequest, context: Ctx
    ) -> clients_pb2.CustomRecord:
        row, kind = await CustomRecordService(current_session()).update(
            current_actor(),
            request.type,
            request.id,
            _object("fields", request.fields_json),
            request.expected_version,
        )
        return record_to_proto(row, kind)

    async def ArchiveRecord(
        self, request: clients_pb2.GetRecordRequest, context: Ctx
    ) -> clients_pb2.CustomRecord:
        row, kind = await CustomRecordService(current_session()).archive(
            current_actor(), request.type, request.id
        )
        return record_to_proto(row, kind)

    async def ListRecords(
        self, request: clients_pb2.ListRecordsRequest, context: Ctx
    ) -> clients_pb2.ListRecordsResponse:
        rows, kind, token = await CustomRecordService(current_session()).list_records(
            current_actor(),
            request.type,
            client_id=request.client_id,
            filters=[Filter(f.field, f.op, f.value) for f in request.filters],
            sort=request.sort,
            include_archived=request.include_archived,
            size=request.page_size,
            token=request.page_token,
        )
        return clients_pb2.ListRecordsResponse(
            records=[record_to_proto(r, kind) for r in rows], next_page_token=token
        )

    async def ImportRecords(
        self, request: clients_pb2.ImportRecordsRequest, context: Ctx
    ) -> clients_pb2.ImportReport:
        report = await RecordSpreadsheets(current_session()).run_import(
            current_actor(), request.type, request.content, request.filename
        )
        return convert.report_to_proto(report)

    async def ExportRecords(
        self, request: clients_pb2.ExportRecordsRequest, context: Ctx
    ) -> AsyncIterator[clients_pb2.ExportChunk]:
        chunks = RecordSpreadsheets(current_session()).export(
            current_actor(),
            request.type,
            fmt=request.format or "xlsx",
            locale=request.locale or "en",
            client_id=request.client_id,
            filters=[Filter(f.field, f.op, f.value) for f in request.filters],
            sort=request.sort,
        )
        async for chunk in chunks:
            yield clients_pb2.ExportChunk(data=chunk)

    async def SummarizeRecords(
        self, request: clients_pb2.SummarizeRecordsRequest, context: Ctx
    ) -> clients_pb2.SummarizeRecordsResponse:
        totals = await RecordSummary(current_session()).totals(
            current_actor(),
            request.type,
            measure=request.measure,
            date_field=request.date_field,
            group_by=list(request.group_by),
            filters=[Filter(f.field, f.op, f.value) for f in request.filters],
        )
        return clients_pb2.SummarizeRecordsResponse(
            totals=[clients_pb2.RecordTotal(**vars(t)) for t in totals]
        )

    async def LatestRecordDates(
        self, request: clients_pb2.LatestRecordDatesRequest, context: Ctx
    ) -> AsyncIterator[clients_pb2.ClientDate]:
        async for client_id, day in latest_dates(
            current_session(), current_actor(), request.type, request.field
        ):
            yield clients_pb2.ClientDate(client_id=client_id, date=day)

    async def SaveRecordView(
        self, request: clients_pb2.SaveRecordViewRequest, context: Ctx
    ) -> clients_pb2.RecordView:
        row = await RecordViews(current_session()).save(
            current_actor(),
            request.type,
            request.name,
            [Filter(f.field, f.op, f.value) for f in request.filters],
            request.sort,
        )
        return view_to_proto(row)

    async def ListRecordViews(
        self, request: clients_pb2.ListRecordViewsRequest, context: Ctx
    ) -> clients_pb2.ListRecordViewsResponse:
        rows = await RecordViews(current_session()).list_views(current_actor(), request.type)
        return clients_pb2.ListRecordViewsResponse(views=[view_to_proto(r) for r in rows])

    async def DeleteRecordView(
        self, request: clients_pb2.DeleteRecordViewRequest, context: Ctx
    ) -> clients_pb2.RecordView:
        row = await RecordViews(current_session()).delete_view(
            current_actor(), request.type, request.id
        )
        return view_to_proto(row)

    async def ValidateRecordType(
        self, request: clients_pb2.ValidateRecordTypeRequest, context: Ctx
    ) -> clients_pb2.ValidateRecordTypeResponse:
        try:
            parse_type(_object("document", request.document_json))
        except InvalidArgument as problem:
            value = "" if problem.value is None else str(problem.value)[:200]
            return clients_pb2.ValidateRecordTypeResponse(
                problems=[
                    clients_pb2.RecordTypeProblem(
                        field=problem.field or "document", value=value, message=problem.reason
                    )
                ]
            )
        return clients_pb2.ValidateRecordTypeResponse()
