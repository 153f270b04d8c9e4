"""/v1/funds: funds, investors' commitments, capital calls and distributions (drafted by
managers, allocated pro rata to commitments in exact cents, decided by partners), payments
against them, and each investor's capital account (the clients service's `funds.py`)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from clientflow.clients.v1 import clients_pb2
from clientflow.workflows.v1 import workflows_pb2
from fastapi import APIRouter, Path
from google.protobuf import json_format
from pydantic import BaseModel, ConfigDict, Field, model_validator

from services.gateway.deps import Services
from services.gateway.params import NOT_YOURS

router = APIRouter(tags=["funds"])
MONEY = r"^\d{1,18}(\.\d{1,2})?$"
FundCode = Path(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class FundIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    currency: str = Field("CNY", pattern=r"^[A-Za-z]{3}$")
    vintage: int = Field(ge=1900, le=2200)
    size: str = Field(pattern=MONEY)


class FundOut(BaseModel):
    code: str
    name: str
    currency: str
    vintage: int
    size: str
    committed: str


class FundList(BaseModel):
    items: list[FundOut]


class CommitmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    amount: str = Field(pattern=MONEY)
    committed_on: dt.date | None = None


class CommitmentOut(BaseModel):
    fund_code: str
    client_id: uuid.UUID
    amount: str
    committed_on: dt.date


class CapitalEventIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["call", "distribution"]
    amount: str | None = Field(None, pattern=MONEY, description="the total, or")
    percent: str | None = Field(
        None, pattern=r"^\d{1,3}(\.\d{1,4})?$", description="calls: a percentage of commitments"
    )
    distribution_kind: Literal["return_of_capital", "gain", "income"] | None = None
    purpose: str = Field("", max_length=500)
    due_on: dt.date | None = None
    due_in_business_days: int | None = Field(
        None, ge=1, le=90, description="or: due this many of the firm's working days from today"
    )

    @model_validator(mode="after")
    def _one_of(self) -> CapitalEventIn:
        if (self.amount is None) == (self.percent is None):
            raise ValueError("give amount or percent, not both")
        if self.due_on is not None and self.due_in_business_days is not None:
            raise ValueError("give due_on or due_in_business_days, not both")
        return self


class AllocationOut(BaseModel):
    client_id: uuid.UUID
    amount: str
    paid: str
    status: Literal["open", "partly_paid", "paid"]
    payment_reference: str = Field(description="calls: what the investor quotes on the transfer")


class CapitalEventOut(BaseModel):
    id: uuid.UUID
    fund_code: str
    kind: str
    distribution_kind: str
    amount: str
    purpose: str
    due_on: dt.date | None
    status: Literal["draft", "approved", "rejected"]
    created_by: str
    decided_by: str
    reason: str
    currency: str
    fund_name: str
    decided_on: dt.date | None
    paid: str
    allocations: list[AllocationOut]
    process_id: str = Field("", description="approved: the process sending its notices")


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    approve: bool
    reason: str = Field("", max_length=500)


class PaymentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    client_id: uuid.UUID
    amount: str = Field(pattern=MONEY)
    paid_on: dt.date | None = None
    reference: str = Field("", max_length=140)


class AccountOut(BaseModel):
    fund_code: str
    currency: str
    commitment: str
    called: str
    uncalled: str
    paid: str
    outstanding: str
    distributed: str
    distributed_by_kind: dict[str, str]
    nav: str
    tvpi: float | None = None
    dpi: float | None = None
    rvpi: float | None = None
    irr: float | None = None


class AccountList(BaseModel):
    items: list[AccountOut]


def event_out(m: clients_pb2.CapitalEvent) -> CapitalEventOut:
    return CapitalEventOut(
        id=uuid.UUID(m.id),
        fund_code=m.fund_code,
        kind=m.kind,
        distribution_kind=m.distribution_kind,
        amount=m.amount,
        purpose=m.purpose,
        due_on=dt.date.fromisoformat(m.due_on) if m.due_on else None,
        status=m.status,
        created_by=m.created_by,
        decided_by=m.decided_by,
        reason=m.reason,
        currency=m.currency,
        fund_name=m.fund_name,
        decided_on=dt.date.fromisoformat(m.decided_on) if m.decided_on else None,
        paid=m.paid,
        process_id=f"capital-event/{m.id}" if m.status == "approved" else "",
        allocations=[
            AllocationOut(
                client_id=uuid.UUID(a.client_id),
                amount=a.amount,
                paid=a.paid,
                status=a.status,
                payment_reference=a.payment_reference,
            )
            for a in m.allocations
        ],
    )


def _fund(m: clients_pb2.Fund) -> FundOut:
    return FundOut(
        **json_format.MessageToDict(
            m, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
        )
    )


@router.put("/v1/funds/{code}", response_model=FundOut)
async def put_fund(body: FundIn, services: Services, code: str = FundCode) -> FundOut:
    """Define or change a fund (admins, managers)."""
    reply = await services.funds.PutFund(clients_pb2.Fund(code=code, **body.model_dump()))
    return _fund(reply)


@router.get("/v1/funds", response_model=FundList)
async def list_funds(services: Services) -> FundList:
    """The funds, with what is committed to each."""
    reply = await services.funds.ListFunds(clients_pb2.ListFundsRequest())
    return FundList(items=[_fund(f) for f in reply.funds])


@router.put(
    "/v1/funds/{code}/commitments/{client_id}", response_model=CommitmentOut, responses=NOT_YOURS
)
async def put_commitment(
    client_id: uuid.UUID, body: CommitmentIn, services: Services, code: str = FundCode
) -> CommitmentOut:
    """An investor's commitment to a fund (admins, managers of the client's team)."""
    reply = await services.funds.PutCommitment(
        clients_pb2.Commitment(
            fund_code=code,
            client_id=str(client_id),
            amount=body.amount,
            committed_on=body.committed_on.isoformat() if body.committed_on else "",
        )
    )
    return CommitmentOut(
        fund_code=reply.fund_code,
        client_id=uuid.UUID(reply.client_id),
        amount=reply.amount,
        committed_on=dt.date.fromisoformat(reply.committed_on),
    )


@router.post("/v1/funds/{code}/capital-events", status_code=201, response_model=CapitalEventOut)
async def draft_event(
    body: CapitalEventIn, services: Services, code: str = FundCode
) -> CapitalEventOut:
    """Draft a capital call or distribution (managers): allocated pro rata to commitments in
    exact cents — each share rounded down to the cent, the cents left over to the largest
    dropped fractions (then the larger commitment, then the smaller client id) — so the
    allocations sum to the total. Nothing is owed until a partner approves it."""
    reply = await services.funds.DraftCapitalEvent(
        clients_pb2.DraftCapitalEventRequest(
            fund_code=code,
            kind=body.kind,
            amount=body.amount or "",
            percent=body.percent or "",
            distribution_kind=body.distribution_kind or "",
            purpose=body.purpose,
            due_on=body.due_on.isoformat() if body.due_on else "",
            due_in_business_days=body.due_in_business_days or 0,
        )
    )
    return event_out(reply)


@router.get("/v1/capital-events/{event_id}", response_model=CapitalEventOut)
async def get_capital_event(event_id: uuid.UUID, services: Services) -> CapitalEventOut:
    """A call or distribution with the allocations the caller may see."""
    return event_out(
        await services.funds.GetCapitalEvent(clients_pb2.GetCapitalEventRequest(id=str(event_id)))
    )


@router.post("/v1/capital-events/{event_id}/decision", response_model=CapitalEventOut)
async def decide_event(
    event_id: uuid.UUID, body: DecisionIn, services: Services
) -> CapitalEventOut:
    """Approve or reject a draft (partners; never one's own draft; a rejection says why). An
    approval starts the event's process (`process_id`): a notice PDF per investor by e-mail
    and in the portal; for calls, reminders before the due date and escalation to a partner
    when a payment is overdue. Should starting it fail, `POST .../process` starts it."""
    reply = await services.funds.DecideCapitalEvent(
        clients_pb2.DecideCapitalEventRequest(
            id=str(event_id), approve=body.approve, reason=body.reason
        )
    )
    if reply.status == "approved":
        await services.processes.StartCapitalEventRun(
            workflows_pb2.StartCapitalEventRunRequest(event_id=reply.id)
        )
    return event_out(reply)


@router.post(
    "/v1/capital-events/{event_id}/payments", response_model=CapitalEventOut, responses=NOT_YOURS
)
async def record_payment(
    event_id: uuid.UUID, body: PaymentIn, services: Services
) -> CapitalEventOut:
    """A payment against an investor's allocation (accountants, managers); partial payments
    add up, never beyond the allocation."""
    reply = await services.funds.RecordPayment(
        clients_pb2.RecordPaymentRequest(
            event_id=str(event_id),
            client_id=str(body.client_id),
            amount=body.amount,
            paid_on=body.paid_on.isoformat() if body.paid_on else "",
            reference=body.reference,
        )
    )
    return event_out(reply)


@router.get(
    "/v1/clients/{client_id}/capital-accounts", response_model=AccountList, responses=NOT_YOURS
)
async def capital_accounts(client_id: uuid.UUID, services: Services) -> AccountList:
    """The client's capital account in each fund it committed to, with TVPI, DPI, RVPI and
    the net IRR on what it paid in."""
    reply = await services.funds.ListCapitalAccounts(
        clients_pb2.ListCapitalAccountsRequest(client_id=str(client_id))
    )
    items = []
    for a in reply.accounts:
        data = json_format.MessageToDict(
            a, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
        )
        items.append(AccountOut(**data))
    return AccountList(items=items)
