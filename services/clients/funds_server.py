"""The FundsService over gRPC (see funds.py and capital_accounts.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import TypeAlias

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc

from services.clients.allocation import CENT
from services.clients.bank_statements import payment_reference
from services.clients.capital_accounts import Account, capital_accounts
from services.clients.capital_events import CapitalEvents
from services.clients.convert import day, money
from services.clients.fund_models import Commitment, Fund
from services.clients.fund_summary import summarize
from services.clients.funds import FIRM_ZONE, EventView, FundService
from services.common.db import current_session
from services.common.internal_auth import current_actor

Ctx: TypeAlias = grpc.aio.ServicerContext


def fund_to_proto(fund: Fund, committed: Decimal) -> clients_pb2.Fund:
    return clients_pb2.Fund(
        code=fund.code,
        name=fund.name,
        currency=fund.currency,
        vintage=fund.vintage,
        size=money(fund.size),
        committed=money(committed),
    )


def event_to_proto(view: EventView) -> clients_pb2.CapitalEvent:
    e = view.event
    event_id = str(e.id)
    return clients_pb2.CapitalEvent(
        currency=view.fund.currency if view.fund else "",
        fund_name=view.fund.name if view.fund else "",
        decided_on=e.decided_at.astimezone(FIRM_ZONE).date().isoformat() if e.decided_at else "",
        paid=money(sum((paid for _, paid in view.allocations), Decimal(0)).quantize(CENT)),
        id=event_id,
        fund_code=e.fund_code,
        kind=e.kind,
        distribution_kind=e.distribution_kind,
        amount=money(e.amount),
        purpose=e.purpose,
        due_on=day(e.due_on),
        status=e.status,
        created_by=e.created_by,
        decided_by=e.decided_by,
        reason=e.reason,
        allocations=[
            clients_pb2.CapitalAllocation(
                client_id=str(a.client_id),
                amount=money(a.amount),
                paid=money(paid.quantize(CENT)),
                status="paid" if paid >= a.amount else "partly_paid" if paid else "open",
                payment_reference=(
                    payment_reference(event_id, str(a.client_id)) if e.kind == "call" else ""
                ),
            )
            for a, paid in view.allocations
        ],
    )


def _commitment(c: Commitment) -> clients_pb2.Commitment:
    return clients_pb2.Commitment(
        fund_code=c.fund_code,
        client_id=str(c.client_id),
        amount=money(c.amount),
        committed_on=day(c.committed_on),
    )


def account_to_proto(a: Account) -> clients_pb2.CapitalAccount:
    item = clients_pb2.CapitalAccount(
        fund_code=a.fund.code,
        currency=a.fund.currency,
        commitment=money(a.commitment),
        called=money(a.called),
        uncalled=money(a.commitment - a.called),
        paid=money(a.paid),
        outstanding=money(a.called - a.paid),
        distributed=money(a.distributed),
        nav=money(a.nav),
    )
    item.distributed_by_kind.update({k: money(v) for k, v in a.distributed_by_kind.items()})
    for name, value in (
        ("tvpi", a.ratio(a.distributed + a.nav)),
        ("dpi", a.ratio(a.distributed)),
        ("rvpi", a.ratio(a.nav)),
        ("irr", a.irr),
    ):
        if value is not None:
            setattr(item, name, value)
    return item


class FundsServicer(clients_pb2_grpc.FundsServiceServicer):
    async def PutFund(self, request: clients_pb2.Fund, context: Ctx) -> clients_pb2.Fund:
        fund, committed = await FundService(current_session()).put_fund(
            current_actor(),
            {
                "code": request.code,
                "name": request.name,
                "currency": request.currency,
                "vintage": request.vintage,
                "size": request.size,
            },
        )
        return fund_to_proto(fund, committed)

    async def ListFunds(
        self, request: clients_pb2.ListFundsRequest, context: Ctx
    ) -> clients_pb2.ListFundsResponse:
        found = await FundService(current_session()).funds(current_actor())
        return clients_pb2.ListFundsResponse(funds=[fund_to_proto(f, c) for f, c in found])

    async def PutCommitment(
        self, request: clients_pb2.Commitment, context: Ctx
    ) -> clients_pb2.Commitment:
        return _commitment(
            await FundService(current_session()).put_commitment(
                current_actor(),
                {
                    "fund_code": request.fund_code,
                    "client_id": request.client_id,
                    "amount": request.amount,
                    "committed_on": request.committed_on,
                },
            )
        )

    async def DraftCapitalEvent(
        self, request: clients_pb2.DraftCapitalEventRequest, context: Ctx
    ) -> clients_pb2.CapitalEvent:
        view = await FundService(current_session()).draft(
            current_actor(),
            {
                "fund_code": request.fund_code,
                "kind": request.kind,
                "amount": request.amount,
                "percent": request.percent,
                "distribution_kind": request.distribution_kind,
                "purpose": request.purpose,
                "due_on": request.due_on,
                "due_in_business_days": request.due_in_business_days,
            },
        )
        return event_to_proto(view)

    async def GetCapitalEvent(
        self, request: clients_pb2.GetCapitalEventRequest, context: Ctx
    ) -> clients_pb2.CapitalEvent:
        return event_to_proto(
            await FundService(current_session()).event(
                current_actor(), request.id, request.client_id
            )
        )

    async def DecideCapitalEvent(
        self, request: clients_pb2.DecideCapitalEventRequest, context: Ctx
    ) -> clients_pb2.CapitalEvent:
        return event_to_proto(
            await FundService(current_session()).decide(
                current_actor(), request.id, request.approve, request.reason
            )
        )

    async def RecordPayment(
        self, request: clients_pb2.RecordPaymentRequest, context: Ctx
    ) -> clients_pb2.CapitalEvent:
        view = await CapitalEvents(current_session()).pay(
            current_actor(),
            {
                "event_id": request.event_id,
                "client_id": request.client_id,
                "amount": request.amount,
                "paid_on": request.paid_on,
                "reference": request.reference,
            },
        )
        return event_to_proto(view)

    async def ListCapitalAccounts(
        self, request: clients_pb2.ListCapitalAccountsRequest, context: Ctx
    ) -> clients_pb2.ListCapitalAccountsResponse:
        accounts = await capital_accounts(
            FundService(current_session()), current_actor(), request.client_id
        )
        return clients_pb2.ListCapitalAccountsResponse(
            accounts=[account_to_proto(a) for a in accounts]
        )

    async def ListCapitalEvents(
        self, request: clients_pb2.ListCapitalEventsRequest, context: Ctx
    ) -> clients_pb2.ListCapitalEventsResponse:
        views = await CapitalEvents(current_session()).events(
            current_actor(),
            fund_code=request.fund_code,
            client_id=request.client_id,
            status=request.status,
            overdue=request.overdue,
        )
        return clients_pb2.ListCapitalEventsResponse(events=[event_to_proto(v) for v in views])

    async def ImportBankStatement(
        self, request: clients_pb2.ImportBankStatementRequest, context: Ctx
    ) -> clients_pb2.ImportBankStatementResponse:
        results = await CapitalEvents(current_session()).import_statement(
            current_actor(), request.content, request.format
        )
        reply = clients_pb2.ImportBankStatementResponse()
        for entry, status, event_id, client_id, reason in results:
            reply.lines.add(
                line=entry.line,
                booked_on=entry.booked_on.isoformat(),
                amount=money(entry.amount),
                reference=entry.reference,
                status=status,
                event_id=event_id,
                client_id=client_id,
                reason=reason,
            )
        reply.matched = sum(1 for _, status, *_ in results if status == "matched")
        reply.unmatched = sum(1 for _, status, *_ in results if status == "unmatched")
        return reply

    async def SummarizeFunds(
        self, request: clients_pb2.SummarizeFundsRequest, context: Ctx
    ) -> clients_pb2.FundsSummary:
        figures, overdue, distributions = await summarize(current_session(), current_actor())
        reply = clients_pb2.FundsSummary(
            overdue=[
                clients_pb2.OverdueCall(
                    event_id=str(o.event_id),
                    fund_code=o.fund_code,
                    due_on=day(o.due_on),
                    outstanding=money(o.outstanding.quantize(CENT)),
                    investors=o.investors,
                )
                for o in overdue
            ],
            distributions=[
                clients_pb2.QuarterDistributions(quarter=q, fund_code=code, amount=money(amount))
                for q, code, amount in distributions
            ],
        )
        for f in figures:
            item = reply.funds.add(
                fund_code=f.fund.code,
                fund_name=f.fund.name,
                currency=f.fund.currency,
                committed=money(f.committed.quantize(CENT)),
                called=money(f.called.quantize(CENT)),
                uncalled=money((f.committed - f.called).quantize(CENT)),
                paid=money(f.paid.quantize(CENT)),
                distributed=money(f.distributed.quantize(CENT)),
                nav=money(f.nav.quantize(CENT)),
            )
            for name, value in (
                ("tvpi", f.ratio(f.distributed + f.nav)),
                ("dpi", f.ratio(f.distributed)),
            ):
                if value is not None:
                    setattr(item, name, value)
        return reply
