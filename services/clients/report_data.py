"""GetReportData: what a client report shows, for a batch of clients in one call.

The reporting service used to read a report's data in eight calls per client (the client,
holdings, transactions, record types, records, capital accounts, valuations, returns); the
quarterly distribution made them for every client of a book. One call per batch carries the
same data, read by the same services under the caller's scope, in one transaction. A client
the caller may not see is an error on that client only.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from clientflow.clients.v1 import clients_pb2
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients import access_log, convert as c, validation as v
from services.clients.capital_accounts import capital_accounts_of
from services.clients.custom_records import CustomRecordService
from services.clients.custom_records_server import record_to_proto, type_to_proto
from services.clients.funds import FundService
from services.clients.funds_server import account_to_proto
from services.clients.models import Client, ExternalId, Holding, Transaction
from services.clients.portfolio import PortfolioReader
from services.clients.portfolio_server import figures_to_proto, points_to_proto
from services.clients.record_type_store import RecordTypeStore, TypeView
from services.clients.repository import ClientRepository
from services.clients.scope import ClientScope
from services.clients.service import ClientService
from services.common.errors import ClientflowError, InvalidArgument, NotFound, PermissionDenied
from services.common.identity import Actor, Role

MAX_CLIENTS = 100
MAX_RECORD_TYPES = 5  # sections of records in one report
MAX_RECORDS = 100  # rows of one section


def report_columns(document: dict[str, Any]) -> list[str]:
    """The fields a report's table of a record type shows: its list columns, else its
    title field."""
    fields = {f["key"] for f in document["fields"]}
    return [c for c in document.get("list_columns") or [document["title_field"]] if c in fields]


def _on_reports(view: TypeView) -> bool:
    document = view.row.document
    return bool(document.get("report")) and document.get("client", "required") != "none"


@dataclass
class _Batch:
    clients: dict[uuid.UUID, Client]
    external_ids: dict[uuid.UUID, list[ExternalId]]
    holdings: dict[uuid.UUID, list[Holding]] = field(default_factory=dict)
    transactions: dict[uuid.UUID, list[Transaction]] = field(default_factory=dict)


def _by_client(rows: list[Any]) -> dict[uuid.UUID, list[Any]]:
    found: dict[uuid.UUID, list[Any]] = {}
    for row in rows:
        found.setdefault(row.client_id, []).append(row)
    return found


def _key(client_id: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(client_id)
    except ValueError:
        return None


class ReportDataReader:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.clients = ClientService(session)
        self.custom = CustomRecordService(session)
        self.portfolio = PortfolioReader(session)
        self.funds = FundService(session)

    async def read(
        self, actor: Actor, client_ids: Sequence[str], period_start: str, period_end: str
    ) -> clients_pb2.GetReportDataResponse:
        if not actor.has(Role.SERVICE, Role.ADMIN):
            raise PermissionDenied("reading report data needs the service or admin role")
        if not 1 <= len(client_ids) <= MAX_CLIENTS:
            raise InvalidArgument(
                "client_ids", str(len(client_ids)), f"must name 1 to {MAX_CLIENTS} clients"
            )
        if len(set(client_ids)) != len(client_ids):
            repeated = next(i for i in client_ids if client_ids.count(i) > 1)
            raise InvalidArgument("client_ids", repeated, "must name each client once")
        start = v.iso_date("period_start", period_start)
        end = v.iso_date("period_end", period_end)
        if start is None or end is None:
            missing = "period_start" if start is None else "period_end"
            raise InvalidArgument(missing, "", "is required (YYYY-MM-DD)")
        if start > end:
            raise InvalidArgument("period_start", period_start, f"must not be after {period_end}")
        types = [t for t in await RecordTypeStore(self.session).list(actor) if _on_reports(t)]
        reply = clients_pb2.GetReportDataResponse(record_types=[type_to_proto(t) for t in types])
        batch = await self._batch(actor, client_ids, start, end)
        for client_id in client_ids:
            item = reply.clients.add(client_id=client_id)
            try:
                await self._client(actor, item, client_id, batch, start, end, types)
            except ClientflowError as error:
                item.Clear()
                item.client_id = client_id
                item.error = f"{error.code.value}: {error.message}"
        return reply

    async def _batch(
        self, actor: Actor, client_ids: Sequence[str], start: date, end: date
    ) -> _Batch:
        """The batch's clients, their holdings and the period's transactions: one statement
        each for all of them (not one per client and page)."""
        # A malformed id is that client's own error, from the single read.
        keys = [key for key in map(_key, client_ids) if key is not None]
        repository = ClientRepository(self.session)
        clients = await repository.of_ids(keys, ClientScope.for_actor(actor))
        seen = [client.id for client in clients]
        external_ids = await repository.external_ids_of(seen)
        first = datetime.combine(start, time(), tzinfo=UTC)
        last = datetime.combine(end, time.max, tzinfo=UTC)
        batch = _Batch({client.id: client for client in clients}, external_ids)
        if seen:
            batch.holdings = _by_client(await repository.of_clients(Holding, seen, Holding.as_of))
            batch.transactions = _by_client(
                await repository.of_clients(
                    Transaction, seen, Transaction.occurred_at, since=first, until=last
                )
            )
            for key in seen:
                for kind in ("holdings", "transactions"):
                    await access_log.record(self.session, actor, key, kind)
        return batch

    async def _client(
        self,
        actor: Actor,
        item: clients_pb2.ClientReportData,
        client_id: str,
        batch: _Batch,
        start: date,
        end: date,
        types: list[TypeView],
    ) -> None:
        key = _key(client_id)
        client = batch.clients.get(key) if key is not None else None
        if client is None:  # raises the single read's NOT_FOUND / INVALID_ARGUMENT
            await self.clients.get_with_external_ids(actor, client_id)
            raise NotFound(f"client {client_id} not found", field="id", value=client_id)
        item.client.CopyFrom(c.client_to_proto(client, batch.external_ids.get(client.id, [])))
        item.holdings.extend(c.holding_to_proto(h) for h in batch.holdings.get(client.id, []))
        item.transactions.extend(
            c.transaction_to_proto(t) for t in batch.transactions.get(client.id, [])
        )
        points, figures = await self.portfolio.report_values(actor, client, start, end)
        item.values.extend(points_to_proto(points))
        item.returns.extend(figures_to_proto(f) for f in figures)
        accounts = await capital_accounts_of(self.funds, client)
        item.capital_accounts.extend(account_to_proto(a) for a in accounts)
        await self._records(actor, item, client, types)

    async def _records(
        self,
        actor: Actor,
        item: clients_pb2.ClientReportData,
        client: Client,
        types: list[TypeView],
    ) -> None:
        for view in types:
            document = view.row.document
            columns = report_columns(document)
            kinds = {f["key"]: f["type"] for f in document["fields"]}
            rows, kind, _token = await self.custom.list_records(
                actor,
                view.row.key,
                client_id=str(client.id),
                sort="" if kinds[columns[0]] == "computed" else columns[0],
                size=MAX_RECORDS,
            )
            if rows:
                item.records.add(
                    type=view.row.key,
                    columns=columns,
                    records=[record_to_proto(r, kind) for r in rows],
                )
            if len(item.records) >= MAX_RECORD_TYPES:
                return
