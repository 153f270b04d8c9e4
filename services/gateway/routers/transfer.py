"""Bulk import of clients from spreadsheets, and segment export."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Annotated, Any, Literal

import grpc
from clientflow.clients.v1 import clients_pb2
from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel

from services.gateway.deps import RATE_LIMITED, ExportActor, ImportActor, Services
from services.gateway.errors import problem
from services.gateway.routers.custom_records import TYPE, record_filters

router = APIRouter(tags=["import-export"])

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


class RowErrorOut(BaseModel):
    row: int
    column: str
    value: str
    message: str


class ImportReportOut(BaseModel):
    rows: int
    created: int
    updated: int
    rejected: int
    committed: bool
    errors: list[RowErrorOut]


@router.post(
    "/v1/clients:import",
    response_model=ImportReportOut,
    responses={
        **RATE_LIMITED,
        413: {"description": "The file is larger than 20 MB"},
        422: {
            "description": "All-or-nothing import with invalid rows: nothing was written; the report lists them"
        },
    },
)
async def import_clients(
    request: Request,
    actor: ImportActor,
    services: Services,
    file: Annotated[
        UploadFile,
        File(description=".xlsx or .csv; headers in English or Chinese (姓名, 手机, 邮箱, ...)"),
    ],
    all_or_nothing: Annotated[bool, Query(description="commit every row or none")] = True,
    source: Annotated[
        str, Query(max_length=64, description="system the external_id column refers to")
    ] = "import",
) -> Any:
    """Import clients; existing clients matched by external id, phone or email are updated."""
    content = await _upload(request, file)
    if isinstance(content, Response):
        return content
    reply = await services.clients.ImportClients(
        clients_pb2.ImportClientsRequest(
            content=content,
            filename=file.filename or "",
            all_or_nothing=all_or_nothing,
            source=source,
        ),
    )
    return _answer(reply)


@router.post(
    "/v1/clients:import-positions",
    response_model=ImportReportOut,
    responses={
        **RATE_LIMITED,
        413: {"description": "The file is larger than 20 MB"},
        422: {
            "description": "All-or-nothing upload with invalid rows: nothing was written; the report lists them"
        },
    },
)
async def import_positions(
    request: Request,
    actor: ImportActor,
    services: Services,
    file: Annotated[
        UploadFile,
        File(
            description=".xlsx or .csv: type (holding | transaction), client_external_id or "
            "client_id, product_code, units, market_value, as_of / transaction_id, kind, "
            "amount, occurred_at; headers in English or Chinese"
        ),
    ],
    all_or_nothing: Annotated[bool, Query(description="commit every row or none")] = True,
) -> Any:
    """The quarter's holdings and transactions (the accountant's upload); each row is checked
    like the single-record API and reported by row, column and value."""
    content = await _upload(request, file)
    if isinstance(content, Response):
        return content
    reply = await services.clients.ImportPositions(
        clients_pb2.ImportPositionsRequest(
            content=content, filename=file.filename or "", all_or_nothing=all_or_nothing
        ),
    )
    return _answer(reply)


async def _upload(request: Request, file: UploadFile) -> bytes | Response:
    """The uploaded bytes, or a 413 problem when the file is too large."""
    declared = int(request.headers.get("content-length") or 0)
    if declared > MAX_UPLOAD_BYTES + 64 * 1024:
        return problem(
            413,
            f"the upload is {declared} bytes; the limit is {MAX_UPLOAD_BYTES}",
            code="INVALID_ARGUMENT",
        )
    content = await file.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        return problem(
            413, f"the file is larger than {MAX_UPLOAD_BYTES} bytes", code="INVALID_ARGUMENT"
        )
    return content


def _answer(reply: clients_pb2.ImportReport) -> Any:
    """The report, or a 422 problem listing the rows when nothing was committed."""
    report = ImportReportOut(
        rows=reply.rows,
        created=reply.created,
        updated=reply.updated,
        rejected=reply.rejected,
        committed=reply.committed,
        errors=[
            RowErrorOut(row=e.row, column=e.column, value=e.value, message=e.message)
            for e in reply.errors
        ],
    )
    if not report.committed:
        return problem(
            422,
            f"{report.rejected} of {report.rows} rows are invalid; nothing was imported",
            errors=[
                {"field": f"row {e.row}: {e.column}", "value": e.value, "message": e.message}
                for e in report.errors
            ],
            code="INVALID_ARGUMENT",
            extra={"report": report.model_dump()},
        )
    return report


@router.get(
    "/v1/segments/{segment_id}/export",
    responses={**RATE_LIMITED, 200: {"content": {k: {} for k in CONTENT_TYPES.values()}}},
)
async def export_segment(
    segment_id: uuid.UUID,
    actor: ExportActor,
    services: Services,
    format: Annotated[Literal["xlsx", "csv"], Query()] = "xlsx",
) -> StreamingResponse:
    """The segment's members you may see, as a spreadsheet (formula-like cells neutralised)."""
    call = services.clients.ExportClients(
        clients_pb2.ExportClientsRequest(segment_id=str(segment_id), format=format),
    )
    return await _stream(call, format, f"segment-{segment_id}.{format}")


async def _stream(call: Any, format: str, filename: str) -> StreamingResponse:
    first = await call.read()  # surfaces NOT_FOUND etc. before the response starts

    async def chunks() -> AsyncIterator[bytes]:
        # read() throughout: a call cannot mix read() and async iteration
        message = first
        while message is not grpc.aio.EOF:
            yield message.data
            message = await call.read()

    return StreamingResponse(
        chunks(),
        media_type=CONTENT_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.post(
    "/v1/records/{type}/import",
    response_model=ImportReportOut,
    responses={
        **RATE_LIMITED,
        413: {"description": "The file is larger than 20 MB"},
        422: {"description": "Rows are invalid: nothing was written; the report lists them"},
    },
)
async def import_records(
    request: Request,
    actor: ImportActor,
    services: Services,
    file: Annotated[
        UploadFile,
        File(
            description=".xlsx or .csv: client_id or client_external_id (客户编号), and the "
            "type's fields headed by key or by label in either language"
        ),
    ],
    type: str = TYPE,
) -> Any:
    """A type's records from a spreadsheet, every row or none; each row is checked like
    the single-record API and a refused one is reported by row, column and value."""
    content = await _upload(request, file)
    if isinstance(content, Response):
        return content
    reply = await services.custom_records.ImportRecords(
        clients_pb2.ImportRecordsRequest(type=type, content=content, filename=file.filename or "")
    )
    return _answer(reply)


@router.get(
    "/v1/records/{type}/export",
    responses={**RATE_LIMITED, 200: {"content": {k: {} for k in CONTENT_TYPES.values()}}},
)
async def export_records(
    actor: ExportActor,
    services: Services,
    type: str = TYPE,
    client_id: uuid.UUID | None = None,
    filter: Annotated[
        list[str],
        Query(max_length=10, description="field:op:value, as the list takes them"),
    ] = [],  # noqa: B006
    sort: str = Query("", max_length=41, pattern=r"^-?[a-z][a-z0-9_]{0,39}$|^$"),
    format: Annotated[Literal["xlsx", "csv"], Query()] = "xlsx",
    locale: Annotated[Literal["zh-CN", "en"], Query(description="column titles")] = "en",
) -> StreamingResponse:
    """The records the list would show you, as a spreadsheet (formula-like cells
    neutralised)."""
    call = services.custom_records.ExportRecords(
        clients_pb2.ExportRecordsRequest(
            type=type,
            client_id=str(client_id) if client_id else "",
            filters=record_filters(filter),
            sort=sort,
            format=format,
            locale=locale,
        )
    )
    return await _stream(call, format, f"{type}.{format}")
