"""Client reports: gather a client's data for a period from the clients service, render the
PDF (`pdf.py`) and store it as an artifact, once per (kind, client, period, process)."""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
import os
import uuid
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, time
from decimal import Decimal

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.common.artifact_store import ArtifactStore
from services.common.children import exit_with_parent
from services.common.errors import InvalidArgument, PermissionDenied
from services.common.grpc_errors import from_rpc_error
from services.common.identity import SYSTEM_ACTOR, Actor, Role
from services.common.ids import parse_id
from services.reporting.capital_sections import capital_section
from services.reporting.models import Artifact
from services.reporting.pdf import (
    Brand,
    HoldingLine,
    ReportData,
    TransactionLine,
    render_client_report as render_pdf,
)
from services.reporting.periods import Period, month_ends, parse_period
from services.reporting.record_sections import record_sections
from services.reporting.value_history import value_history

KINDS = {"client-report": "", "annual-summary": "annual"}


@functools.cache
def renderers() -> ProcessPoolExecutor:
    """Rendering is CPU-bound Python: it runs in worker processes (one per core), so the
    service's event loop keeps serving while reports render and every core renders."""
    return ProcessPoolExecutor(
        max_workers=os.cpu_count() or 2,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=exit_with_parent,
        initargs=(os.getpid(),),
    )


TITLES = {
    ("annual-summary", "zh-CN"): "年度回顾 {period}",
    ("annual-summary", "en"): "Annual review {period}",
}
INFLOWS = {"subscription", "transfer_in"}
OUTFLOWS = {"redemption", "transfer_out"}


class ReportService:
    def __init__(
        self,
        session: AsyncSession,
        clients: clients_pb2_grpc.ClientsServiceStub,
        store: ArtifactStore,
        brand: Brand,
        records: clients_pb2_grpc.CustomRecordsServiceStub | None = None,
        portfolio: clients_pb2_grpc.PortfolioServiceStub | None = None,
        funds: clients_pb2_grpc.FundsServiceStub | None = None,
    ) -> None:
        self.session = session
        self.clients = clients
        self.records = records
        self.portfolio = portfolio
        self.funds = funds
        self.store = store
        self.brand = brand

    async def render(
        self,
        actor: Actor,
        *,
        client_id: str,
        period: str,
        commentary: str,
        workflow_id: str,
        kind: str = "client-report",
    ) -> tuple[Artifact, bool]:
        """The stored report and whether this call made it (False: it existed)."""
        if not actor.has(Role.SERVICE, Role.ADMIN):
            raise PermissionDenied("rendering reports needs the service or admin role")
        kind = kind or "client-report"
        if kind not in KINDS:
            raise InvalidArgument("kind", kind, f"must be one of {', '.join(KINDS)}")
        span = parse_period(period)
        client_key = parse_id("client_id", client_id, "a client id")
        if len(commentary) > 20_000:
            raise InvalidArgument(
                "commentary", commentary[:40], "must be at most 20,000 characters"
            )
        if len(workflow_id) > 300:
            raise InvalidArgument("workflow_id", workflow_id[:40], "must be at most 300 characters")
        existing = await self._existing(kind, client_key, span.key, workflow_id)
        if existing is not None:
            return existing, False
        data = await self.gather(client_id, span, commentary, kind)
        content = await asyncio.get_running_loop().run_in_executor(
            renderers(), render_pdf, data, self.brand
        )
        return await self.keep(kind, client_key, span.key, workflow_id, content)

    async def keep(
        self, kind: str, client_key: uuid.UUID, period: str, workflow_id: str, content: bytes
    ) -> tuple[Artifact, bool]:
        """Store a rendered PDF as the (kind, client, period, process) artifact, unless a
        concurrent call stored it first (then that one is the artifact)."""
        key = await self.store.put(content)
        artifact = Artifact(
            kind=kind,
            client_id=client_key,
            period=period,
            content_type="application/pdf",
            size_bytes=len(content),
            sha256=key.split(":", 1)[1],  # every store keys by the content's sha256
            storage_key=key,
            workflow_id=workflow_id or None,
        )
        try:
            async with self.session.begin_nested():
                self.session.add(artifact)
        except IntegrityError:
            found = await self._existing(kind, client_key, period, workflow_id)
            assert found is not None
            return found, False
        await self.session.refresh(artifact)
        return artifact, True

    async def _existing(
        self, kind: str, client_id: uuid.UUID, period: str, workflow_id: str
    ) -> Artifact | None:
        if not workflow_id:
            return None
        statement = select(Artifact).where(
            Artifact.kind == kind,
            Artifact.client_id == client_id,
            Artifact.period == period,
            Artifact.workflow_id == workflow_id,
        )
        return (await self.session.execute(statement)).scalars().first()

    async def gather(self, client_id: str, span: Period, commentary: str, kind: str) -> ReportData:
        """The client's record, holdings and the period's transactions, read from the clients
        service (the system of record)."""
        metadata = SYSTEM_ACTOR.to_metadata()
        try:
            client = await self.clients.GetClient(
                clients_pb2.GetClientRequest(id=client_id), metadata=metadata, timeout=10
            )
            holdings: list[clients_pb2.Holding] = []
            token = ""
            while True:
                page = await self.clients.ListHoldings(
                    clients_pb2.ClientPageRequest(
                        client_id=client_id, page_size=200, page_token=token
                    ),
                    metadata=metadata,
                    timeout=10,
                )
                holdings.extend(page.holdings)
                token = page.next_page_token
                if not token:
                    break
            transactions = await self._transactions(client_id, span)
            locale = client.locale if client.locale in ("zh-CN", "en") else "zh-CN"
            sections = (
                await record_sections(self.records, client_id, locale) if self.records else ()
            ) + (await capital_section(self.funds, client_id, locale) if self.funds else ())
            values, returns = (
                await value_history(self.portfolio, client_id, span) if self.portfolio else ((), ())
            )
        except grpc.RpcError as error:
            raise from_rpc_error(error) from None
        return ReportData(
            client_id=client.id,
            client_name=client.name,
            advisor_id=client.advisor_id,
            period=span.key,
            period_start=span.start.isoformat(),
            period_end=span.end.isoformat(),
            locale=locale,
            tier=client.tier,
            risk_level=client.kyc.risk_level,
            holdings=tuple(
                HoldingLine(
                    h.product_code,
                    h.product_name,
                    h.units or "0",
                    h.market_value or "0",
                    h.currency or "CNY",
                )
                for h in holdings
            ),
            transactions=tuple(
                TransactionLine(
                    t.occurred_at.ToDatetime(tzinfo=UTC).date().isoformat(),
                    t.kind,
                    t.product_code,
                    t.amount,
                    t.currency or "CNY",
                )
                for t in transactions
            ),
            flows=_monthly_flows(transactions, span),
            values=values,
            returns=returns,
            commentary=commentary,
            title=TITLES.get((kind, locale), "").format(period=span.key),
            sections=sections,
        )

    async def _transactions(self, client_id: str, span: Period) -> list[clients_pb2.Transaction]:
        """The period's transactions (the list is newest first: stop past the start)."""
        start = datetime.combine(span.start, time(), tzinfo=UTC)
        end = datetime.combine(span.end, time.max, tzinfo=UTC)
        found: list[clients_pb2.Transaction] = []
        token = ""
        while True:
            page = await self.clients.ListTransactions(
                clients_pb2.ClientPageRequest(client_id=client_id, page_size=200, page_token=token),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=10,
            )
            for tx in page.transactions:
                at = tx.occurred_at.ToDatetime(tzinfo=UTC)
                if start <= at <= end:
                    found.append(tx)
            oldest = (
                page.transactions[-1].occurred_at.ToDatetime(tzinfo=UTC)
                if page.transactions
                else start
            )
            token = page.next_page_token
            if not token or oldest < start:
                return found


def _monthly_flows(
    transactions: list[clients_pb2.Transaction], span: Period
) -> tuple[tuple[str, float], ...]:
    """The net flow of each month of the period (YYYY-MM, in less out), from the recorded
    transactions only."""
    months = {point.strftime("%Y-%m"): Decimal(0) for point in month_ends(span)[1:]}
    for tx in transactions:
        sign = 1 if tx.kind in INFLOWS else -1 if tx.kind in OUTFLOWS else 0
        month = tx.occurred_at.ToDatetime(tzinfo=UTC).strftime("%Y-%m")
        if sign and month in months:
            months[month] += sign * abs(Decimal(tx.amount or "0"))
    return tuple((month, float(net)) for month, net in months.items())
