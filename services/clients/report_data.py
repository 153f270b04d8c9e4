"""GetReportData: what a client report shows, for a batch of clients in one call.

The reporting service used to read a report's data in eight calls per client (the client,
holdings, transactions, record types, records, capital accounts, valuations, returns); the
quarterly distribution made them for every client of a book. One call per batch carries the
same data, read by the same services under the caller's scope, in one transaction. A client
the caller may not see is an error on that client only.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Sequence
from contextlib import aclosing
from datetime import UTC, date, datetime, time
from typing import Any

from clientflow.clients.v1 import clients_pb2
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients import convert as c, validation as v
from services.clients.capital_accounts import capital_accounts_of
from services.clients.custom_records import CustomRecordService
from services.clients.custom_records_server import record_to_proto, type_to_proto
from services.clients.funds import FundService
from services.clients.funds_server import account_to_proto
from services.clients.models import Client, Transaction
from services.clients.portfolio import PortfolioReader
from services.clients.portfolio_server import figures_to_proto, points_to_proto
from services.clients.record_type_store import RecordTypeStore, TypeView
from services.clients.records import RecordService
from services.clients.service import ClientService
from services.common.errors import ClientflowError, InvalidArgument, PermissionDenied
from services.common.identity import Actor, Role

MAX_CLIENTS = 100
MAX_RECORD_TYPES = 5  # sections of records in one report
MAX_RECORDS = 100  # rows of one section
PAGE = 200


def report_columns(document: dict[str, Any]) -> list[str]:
    """The fields a report's table of a record type shows: its list columns, else its
    title field."""
    fields = {f["key"] for f in document["fields"]}
    return [c for c in document.get("list_columns") or [document["title_field"]] if c in fields]


def _on_reports(view: TypeView) -> bool:
    document = view.row.document
    return bool(document.get("report")) and document.get("client", "required") != "none"


class ReportDataReader:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.clients = ClientService(session)
        self.records = RecordService(session)
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
        for client_id in client_ids:
            item = reply.clients.add(client_id=client_id)
            try:
                await self._client(actor, item, client_id, start, end, types)
            except ClientflowError as error:
                item.Clear()
                item.client_id = client_id
                item.error = f"{error.code.value}: {error.message}"
        return reply

    async def _client(
        self,
        actor: Actor,
        item: clients_pb2.ClientReportData,
        client_id: str,
        start: date,
        end: date,
        types: list[TypeView],
    ) -> None:
        client, external_ids = await self.clients.get_with_external_ids(actor, client_id)
        item.client.CopyFrom(c.client_to_proto(client, external_ids))
        item.holdings.extend(c.holding_to_proto(h) for h in await self._all(actor, client))
        item.transactions.extend(
            c.transaction_to_proto(t) for t in await self._transactions(actor, client, start, end)
        )
        points, figures = await self.portfolio.report_values(actor, client, start, end)
        item.values.extend(points_to_proto(points))
        item.returns.extend(figures_to_proto(f) for f in figures)
        accounts = await capital_accounts_of(self.funds, client)
        item.capital_accounts.extend(account_to_proto(a) for a in accounts)
        await self._records(actor, item, client, types)

    async def _pages(
        self, actor: Actor, client: Client, kind: str
    ) -> AsyncGenerator[list[Any], None]:
        """The client's sub-records of one kind, a page at a time, newest first."""
        token = ""
        while True:
            rows, token = await self.records.page_of_client(
                actor, client, kind, size=PAGE, token=token
            )
            yield rows
            if not token:
                return

    async def _all(self, actor: Actor, client: Client) -> list[Any]:
        return [row async for rows in self._pages(actor, client, "holdings") for row in rows]

    async def _transactions(
        self, actor: Actor, client: Client, start: date, end: date
    ) -> list[Transaction]:
        """The period's transactions (stop at the first page that reaches past the start)."""
        first = datetime.combine(start, time(), tzinfo=UTC)
        last = datetime.combine(end, time.max, tzinfo=UTC)
        found: list[Transaction] = []
        async with aclosing(self._pages(actor, client, "transactions")) as pages:
            async for rows in pages:
                found.extend(t for t in rows if first <= t.occurred_at <= last)
                if rows and rows[-1].occurred_at < first:
                    break
        return found

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
