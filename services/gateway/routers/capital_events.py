"""/v1/capital-events as lists (by fund, client, status, or overdue), the process of an
approved event, and bank statements matched to calls (the clients service's
`capital_events.py`)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from clientflow.clients.v1 import clients_pb2
from clientflow.workflows.v1 import workflows_pb2
from fastapi import APIRouter, File, Query, Request, UploadFile
from google.protobuf import json_format
from pydantic import BaseModel

from services.gateway.deps import RATE_LIMITED, ImportActor, Services
from services.gateway.errors import problem
from services.gateway.params import NOT_YOURS
from services.gateway.routers.funds import CapitalEventOut, event_out
from services.gateway.schemas import ProcessOut, process_out

router = APIRouter(tags=["funds"])
MAX_STATEMENT_BYTES = 2 * 1024 * 1024


class EventList(BaseModel):
    items: list[CapitalEventOut]


class StatementLineOut(BaseModel):
    line: int
    booked_on: str
    amount: str
    reference: str
    status: Literal["matched", "unmatched", "already_recorded"]
    event_id: uuid.UUID | None
    client_id: uuid.UUID | None
    reason: str


class StatementOut(BaseModel):
    matched: int
    unmatched: int
    lines: list[StatementLineOut]


class FundFiguresOut(BaseModel):
    fund_code: str
    fund_name: str
    currency: str
    committed: str
    called: str
    uncalled: str
    paid: str
    distributed: str
    nav: str
    tvpi: float | None = None
    dpi: float | None = None


class OverdueCallOut(BaseModel):
    event_id: uuid.UUID
    fund_code: str
    due_on: str
    outstanding: str
    investors: int


class QuarterDistributionsOut(BaseModel):
    quarter: str
    fund_code: str
    amount: str


class FundsSummaryOut(BaseModel):
    funds: list[FundFiguresOut]
    overdue: list[OverdueCallOut]
    distributions: list[QuarterDistributionsOut]


@router.get("/v1/funds/summary", response_model=FundsSummaryOut)
async def funds_summary(services: Services) -> FundsSummaryOut:
    """The funds dashboard (firm-wide roles): called vs uncalled, paid, distributed, NAV,
    TVPI and DPI by fund; overdue calls with what is outstanding (each leads to
    `/v1/capital-events/{id}`); distributions by quarter (the list:
    `/v1/capital-events?fund_code=…`)."""
    reply = await services.funds.SummarizeFunds(clients_pb2.SummarizeFundsRequest())
    data = json_format.MessageToDict(
        reply, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
    )
    return FundsSummaryOut(**data)


@router.get("/v1/capital-events", response_model=EventList, responses=NOT_YOURS)
async def list_events(
    services: Services,
    fund_code: Annotated[str, Query(max_length=64)] = "",
    client_id: uuid.UUID | None = None,
    status: Literal["draft", "approved", "rejected"] | None = None,
    overdue: Annotated[
        bool, Query(description="approved calls past due with money outstanding")
    ] = False,
) -> EventList:
    """Calls and distributions, newest first (at most 500), each with the allocations the
    caller may see; with `client_id`, that client's events with their allocation only."""
    reply = await services.funds.ListCapitalEvents(
        clients_pb2.ListCapitalEventsRequest(
            fund_code=fund_code,
            client_id=str(client_id) if client_id else "",
            status=status or "",
            overdue=overdue,
        )
    )
    return EventList(items=[event_out(e) for e in reply.events])


@router.post(
    "/v1/capital-events/{event_id}/process",
    status_code=202,
    response_model=ProcessOut,
    responses={409: {"description": "The event is not approved"}},
)
async def start_capital_event_process(event_id: uuid.UUID, services: Services) -> ProcessOut:
    """Start the process of an approved event, or answer the one that runs (it is started
    once per event: notices are never sent twice)."""
    message = await services.processes.StartCapitalEventRun(
        workflows_pb2.StartCapitalEventRunRequest(event_id=str(event_id))
    )
    return process_out(message)


@router.post(
    "/v1/bank-statements",
    response_model=StatementOut,
    responses={**RATE_LIMITED, 413: {"description": "The file is larger than 2 MB"}},
)
async def import_statement(
    request: Request,
    actor: ImportActor,
    services: Services,
    file: Annotated[UploadFile, File(description="an MT940 statement, or CSV")],
    format: Annotated[
        Literal["mt940", "csv"], Query(description="csv: columns date, amount, reference")
    ] = "mt940",
) -> Any:
    """Match a statement's credits to approved calls by payment reference and amount and
    record them as payments (accountants, managers); partial payments are kept, a line
    recorded before is skipped, the rest is listed unmatched with the reason. A malformed
    file is refused naming its line, and nothing of it is recorded."""
    declared = int(request.headers.get("content-length") or 0)
    too_large = declared > MAX_STATEMENT_BYTES + 64 * 1024
    content = b"" if too_large else await file.read(MAX_STATEMENT_BYTES + 1)
    if too_large or len(content) > MAX_STATEMENT_BYTES:
        return problem(
            413, f"the file is larger than {MAX_STATEMENT_BYTES} bytes", code="INVALID_ARGUMENT"
        )
    reply = await services.funds.ImportBankStatement(
        clients_pb2.ImportBankStatementRequest(content=content, format=format)
    )
    return StatementOut(
        matched=reply.matched,
        unmatched=reply.unmatched,
        lines=[
            StatementLineOut(
                line=line.line,
                booked_on=line.booked_on,
                amount=line.amount,
                reference=line.reference,
                status=line.status,
                event_id=uuid.UUID(line.event_id) if line.event_id else None,
                client_id=uuid.UUID(line.client_id) if line.client_id else None,
                reason=line.reason,
            )
            for line in reply.lines
        ],
    )
