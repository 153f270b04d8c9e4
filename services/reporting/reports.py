"""Client reports: gather a client's data for a period from the clients service, render the
PDF (`pdf.py`) and store it as an artifact, once per (kind, client, period, process)."""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
import os
import uuid
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC
from decimal import Decimal

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.common.artifact_store import ArtifactStore
from services.common.children import exit_with_parent
from services.common.errors import (
    ERRORS_BY_CODE,
    ClientflowError,
    ErrorCode,
    InvalidArgument,
    PermissionDenied,
)
from services.common.grpc_errors import from_rpc_error
from services.common.identity import SYSTEM_ACTOR, Actor, Role
from services.common.ids import parse_id
from services.common.insert_once import InsertOnce
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

# A process's report for a client and period is one row (a partial unique index).
KEEP = InsertOnce(
    Artifact.__table__,  # type: ignore[arg-type]
    ("kind", "client_id", "period", "workflow_id"),
    ("created_at",),
    where="workflow_id IS NOT NULL",
)
MAX_CLIENTS = 100  # clients of one call (GetReportData's limit too)
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
    ) -> None:
        self.session = session
        self.clients = clients
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
        [(artifact, made)] = await self.render_many(
            actor,
            client_ids=[client_id],
            period=period,
            commentary=commentary,
            workflow_id=workflow_id,
            kind=kind,
        )
        if isinstance(artifact, ClientflowError):
            raise artifact
        return artifact, made

    async def render_many(
        self,
        actor: Actor,
        *,
        client_ids: Sequence[str],
        period: str,
        commentary: str,
        workflow_id: str,
        kind: str = "client-report",
    ) -> list[tuple[Artifact | ClientflowError, bool]]:
        """Each client's report, in the order asked: stored (and whether this call made it),
        or why it could not be made. Those not yet made read their data in one call to the
        clients service and render side by side in the process pool."""
        if not actor.has(Role.SERVICE, Role.ADMIN):
            raise PermissionDenied("rendering reports needs the service or admin role")
        kind = kind or "client-report"
        if kind not in KINDS:
            raise InvalidArgument("kind", kind, f"must be one of {', '.join(KINDS)}")
        span = parse_period(period)
        if not 1 <= len(client_ids) <= MAX_CLIENTS:
            raise InvalidArgument(
                "client_ids", str(len(client_ids)), f"must name 1 to {MAX_CLIENTS} clients"
            )
        keys = [parse_id("client_id", c, "a client id") for c in client_ids]
        if len(set(keys)) != len(keys):
            raise InvalidArgument("client_ids", str(len(keys)), "must name each client once")
        if len(commentary) > 20_000:
            raise InvalidArgument(
                "commentary", commentary[:40], "must be at most 20,000 characters"
            )
        if len(workflow_id) > 300:
            raise InvalidArgument("workflow_id", workflow_id[:40], "must be at most 300 characters")
        existing = await self._existing(kind, keys, span.key, workflow_id)
        wanted = [c for c, key in zip(client_ids, keys, strict=True) if key not in existing]
        data = await self.gather(wanted, span, commentary, kind) if wanted else {}
        writing = asyncio.Lock()  # one session: its writes one at a time

        async def one(client_id: str, key: uuid.UUID) -> tuple[Artifact | ClientflowError, bool]:
            if key in existing:
                return existing[key], False
            found = data[client_id]
            if isinstance(found, ClientflowError):
                return found, False
            content = await asyncio.get_running_loop().run_in_executor(
                renderers(), render_pdf, found, self.brand
            )
            stored = await self.store.put(content)  # the files side by side, each synced
            async with writing:
                return await self.keep(kind, key, span.key, workflow_id, content, stored)

        return list(
            await asyncio.gather(*(one(c, k) for c, k in zip(client_ids, keys, strict=True)))
        )

    async def keep(
        self,
        kind: str,
        client_key: uuid.UUID,
        period: str,
        workflow_id: str,
        content: bytes,
        stored: str = "",
    ) -> tuple[Artifact, bool]:
        """Store a rendered PDF (`stored`: already in the store under that key) as the
        (kind, client, period, process) artifact, unless a concurrent call stored it first
        (then that one is the artifact): one statement."""
        key = stored or await self.store.put(content)
        row = {
            "id": uuid.uuid4(),
            "kind": kind,
            "client_id": client_key,
            "period": period,
            "content_type": "application/pdf",
            "size_bytes": len(content),
            "sha256": key.split(":", 1)[1],  # every store keys by the content's sha256
            "storage_key": key,
            "workflow_id": workflow_id or None,
        }
        created = (await self.session.execute(KEEP.statement(row), row)).scalar()
        if created is None:
            found = await self._existing(kind, [client_key], period, workflow_id)
            return found[client_key], False
        return Artifact(**row, created_at=created), True

    async def _existing(
        self, kind: str, client_ids: Sequence[uuid.UUID], period: str, workflow_id: str
    ) -> dict[uuid.UUID, Artifact]:
        if not workflow_id:
            return {}
        statement = select(Artifact).where(
            Artifact.kind == kind,
            Artifact.client_id.in_(client_ids),
            Artifact.period == period,
            Artifact.workflow_id == workflow_id,
        )
        found = (await self.session.execute(statement)).scalars()
        return {a.client_id: a for a in found if a.client_id is not None}

    async def gather(
        self, client_ids: Sequence[str], span: Period, commentary: str, kind: str
    ) -> dict[str, ReportData | ClientflowError]:
        """Each client's record, holdings, the period's transactions, value history, capital
        accounts and report records, read in one call from the clients service (the system
        of record); a client it could not read, the error naming it."""
        try:
            reply = await self.clients.GetReportData(
                clients_pb2.GetReportDataRequest(
                    client_ids=client_ids,
                    period_start=span.start.isoformat(),
                    period_end=span.end.isoformat(),
                ),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=60,
            )
        except grpc.RpcError as error:
            if error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED and len(client_ids) > 1:
                # More data than one message carries (clients with very many transactions):
                # the batch in halves.
                half = len(client_ids) // 2
                first = await self.gather(client_ids[:half], span, commentary, kind)
                return first | await self.gather(client_ids[half:], span, commentary, kind)
            raise from_rpc_error(error) from None
        return {
            item.client_id: _failure(item)
            if item.error
            else _report(reply, item, span, commentary, kind)
            for item in reply.clients
        }


def _failure(item: clients_pb2.ClientReportData) -> ClientflowError:
    """The clients service's "CODE: message" for a client it could not read, as the error."""
    code, _, message = item.error.partition(": ")
    try:
        kind = ERRORS_BY_CODE.get(ErrorCode(code), ClientflowError)
    except ValueError:
        kind, message = ClientflowError, item.error
    return kind(message, field="client_id", value=item.client_id)


def _report(
    reply: clients_pb2.GetReportDataResponse,
    item: clients_pb2.ClientReportData,
    span: Period,
    commentary: str,
    kind: str,
) -> ReportData:
    client = item.client
    locale = client.locale if client.locale in ("zh-CN", "en") else "zh-CN"
    values, returns = value_history(item)
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
            for h in item.holdings
        ),
        transactions=tuple(
            TransactionLine(
                t.occurred_at.ToDatetime(tzinfo=UTC).date().isoformat(),
                t.kind,
                t.product_code,
                t.amount,
                t.currency or "CNY",
            )
            for t in item.transactions
        ),
        flows=_monthly_flows(item.transactions, span),
        values=values,
        returns=returns,
        commentary=commentary,
        title=TITLES.get((kind, locale), "").format(period=span.key),
        sections=record_sections(reply.record_types, item.records, locale)
        + capital_section(item.capital_accounts, locale),
    )


def _monthly_flows(
    transactions: Sequence[clients_pb2.Transaction], span: Period
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
