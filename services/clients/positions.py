"""Quarter-end positions from a spreadsheet: holdings and transactions, one per row, for the
accountant's "upload the period's data" step. Each row goes through the same validation as
the single-record API (`RecordService.upsert_holding` / `record_transaction`) in a savepoint
of its own, so a bad row is reported with its row, column, value and reason and leaves
nothing behind; all-or-nothing (the default) writes no row when any row is bad.

Columns (English or Chinese headers): `type` (holding | transaction, 持仓 | 交易); the client
by `client_id` or `client_external_id` (the firm's client number, 客户编号); for a holding
`product_code`, `product_name`, `units`, `market_value`, `cost`, `currency`, `as_of`; for a
transaction `transaction_id` (its id in the source system: a repeat is the same
transaction), `kind`, `product_code`, `amount`, `currency`, `occurred_at`.

Every holding row is also a valuation kept in the history (`valuations.py`), and a client's
holding rows for a date are its full holdings as of that date: a product it held then and the
file leaves out is closed on that date. So importing a date again replaces that date (for the
file's clients) and no other."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.import_rows import ImportReport, RowError
from services.clients.lifecycle import LifecycleRuleService
from services.clients.models import ExternalId
from services.clients.outbox import bulk_lane
from services.clients.records import LIFECYCLE_ACTOR, RecordService
from services.clients.spreadsheets import read_rows
from services.common.errors import ClientflowError, InvalidArgument, PermissionDenied
from services.common.identity import Actor, Role

ALIASES: dict[str, tuple[str, ...]] = {
    "type": ("type", "record type", "类型", "记录类型"),
    "client_id": ("client_id", "client id", "客户id"),
    "client_external_id": ("client_external_id", "client number", "客户编号", "客户号"),
    "product_code": ("product_code", "product code", "产品代码"),
    "product_name": ("product_name", "product name", "产品名称"),
    "units": ("units", "份额"),
    "cost": ("cost", "成本"),
    "market_value": ("market_value", "market value", "市值"),
    "currency": ("currency", "币种"),
    "as_of": ("as_of", "as of", "估值日", "持仓日期"),
    "transaction_id": ("transaction_id", "transaction id", "交易编号", "流水号"),
    "kind": ("kind", "transaction type", "交易类型"),
    "amount": ("amount", "金额"),
    "occurred_at": ("occurred_at", "occurred at", "交易时间", "交易日期"),
}
SHANGHAI = ZoneInfo("Asia/Shanghai")
TYPES = {
    "holding": "holding",
    "持仓": "holding",
    "transaction": "transaction",
    "交易": "transaction",
}


class PositionsImporter:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.records = RecordService(session)
        self.records.batch()
        self.touched: set[uuid.UUID] = set()

    async def run(
        self, actor: Actor, content: bytes, filename: str, *, all_or_nothing: bool
    ) -> ImportReport:
        if not actor.has(Role.ACCOUNTANT, Role.ADMIN, Role.MANAGER, Role.SERVICE):
            raise PermissionDenied("position uploads are for accountants, managers and admins")
        header, rows = read_rows(content, filename)
        lookup = {alias: name for name, aliases in ALIASES.items() for alias in aliases}
        columns = {
            index: lookup[title.strip().lower()]
            for index, title in enumerate(header)
            if title.strip().lower() in lookup
        }
        titles = {name: header[index] for index, name in columns.items()}
        missing = {"type"} - set(columns.values())
        if missing or not {"client_id", "client_external_id"} & set(columns.values()):
            raise InvalidArgument(
                "file",
                ", ".join(header)[:200],
                "needs a type column and client_id or client_external_id",
            )
        report = ImportReport()
        await bulk_lane(self.session)
        for number, cells in rows:
            report.rows += 1
            values = {
                name: cells[index].strip() for index, name in columns.items() if index < len(cells)
            }
            try:
                async with self.session.begin_nested():
                    await self._apply(actor, values)
                report.created += 1
            except ClientflowError as error:
                field = (error.field or "").split(".")[-1]
                report.reject(
                    RowError(
                        number,
                        titles.get(field, field),
                        "" if error.value is None else str(error.value)[:200],
                        error.reason if isinstance(error, InvalidArgument) else error.message,
                    )
                )
        if report.rows == 0:
            raise InvalidArgument("file", filename, "has a header but no rows")
        if all_or_nothing and report.rejected:
            await self.session.rollback()
            report.created = 0
            report.committed = False
        else:
            await self.records.flush_books()
            # The lifecycle rules read transactions: once for every client the file touched.
            if self.touched:
                await LifecycleRuleService(self.session).evaluate(
                    LIFECYCLE_ACTOR, sorted(self.touched)
                )
            report.committed = True
        return report

    async def _apply(self, actor: Actor, values: dict[str, str]) -> None:
        kind = TYPES.get(values.get("type", "").lower())
        if kind is None:
            raise InvalidArgument("type", values.get("type", ""), "must be holding or transaction")
        client_id = await self._client(values)
        if kind == "holding":
            raw: dict[str, Any] = {
                k: values.get(k) or None
                for k in (
                    "product_code",
                    "product_name",
                    "units",
                    "cost",
                    "market_value",
                    "currency",
                    "as_of",
                )
            }
            await self.records.upsert_holding(actor, client_id, raw)
        else:
            raw = {k: values.get(k) or None for k in ("kind", "product_code", "amount", "currency")}
            raw["occurred_at"] = _moment(values.get("occurred_at", ""))
            raw["external_id"] = values.get("transaction_id") or None
            try:
                await self.records.record_transaction(
                    actor, client_id, raw, evaluate_lifecycle=False
                )
                self.touched.add(uuid.UUID(client_id))
            except InvalidArgument as error:
                if error.field == "transaction.external_id":
                    raise InvalidArgument("transaction_id", error.value, error.reason) from None
                raise

    async def _client(self, values: dict[str, str]) -> str:
        if values.get("client_id"):
            try:
                return str(uuid.UUID(values["client_id"]))
            except ValueError:
                raise InvalidArgument(
                    "client_id", values["client_id"], "is not a client id (a UUID)"
                ) from None
        number = values.get("client_external_id", "")
        if not number:
            raise InvalidArgument("client_external_id", "", "is required (or client_id)")
        found = (
            (
                await self.session.execute(
                    select(ExternalId.client_id).where(ExternalId.external_id == number).limit(2)
                )
            )
            .scalars()
            .all()
        )
        if len(found) != 1:
            raise InvalidArgument(
                "client_external_id",
                number,
                "matches no client" if not found else "matches clients of several sources",
            )
        return str(found[0])


def _moment(text: str) -> datetime | None:
    """An ISO date-time, or a date (its midnight in Shanghai)."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidArgument("occurred_at", text, "must be an ISO date or date-time") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=SHANGHAI)
    return moment
