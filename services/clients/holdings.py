"""A client's positions: today's holdings and every valuation behind them (see
`valuations.py`), written together and audited against the client."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import delete

from services.clients import audit, validation as v
from services.clients.models import Client, Holding
from services.clients.service import ClientService
from services.clients.valuations import Position, ValuationBook
from services.common.errors import InvalidArgument
from services.common.identity import Actor

CURRENCY_LENGTH = 3


def currency(field: str, value: Any) -> str:
    code = (v.text(field, value, max_length=3) or "CNY").upper()
    if len(code) != CURRENCY_LENGTH or not code.isalpha():
        raise InvalidArgument(field, value, "must be an ISO 4217 code such as CNY")
    return code


class HoldingRecords(ClientService):
    """Holdings and valuations. With `books` set (an import), each client's history is loaded
    once and written by `flush_books` at the end; otherwise every write is flushed at once."""

    books: dict[uuid.UUID, ValuationBook] | None = None
    # In an import: the products each client's rows stated for each date.
    stated: dict[tuple[uuid.UUID, date], set[str]] | None = None

    def batch(self) -> None:
        """Import mode: histories loaded once per client, written by `flush_books`."""
        self.books, self.stated = {}, {}

    def _audit(
        self,
        actor: Actor,
        client: Client,
        entity: str,
        entity_id: object,
        action: str,
        changes: dict[str, Any],
    ) -> None:
        audit.record(
            self.session,
            actor_id=actor.user_id,
            client_id=client.id,
            entity=entity,
            entity_id=entity_id,
            action=action,
            changes=changes,
        )

    async def book(self, client: Client) -> ValuationBook:
        if self.books is not None and client.id in self.books:
            return self.books[client.id]
        book = await ValuationBook.load(self.session, client.id, client.team_id)
        if self.books is not None:
            self.books[client.id] = book
        return book

    async def upsert_holding(self, actor: Actor, client_id: str, raw: dict[str, Any]) -> Holding:
        """Record the position in one product as of a date (today by default): kept in the
        valuation history; today's holding (and the client's AUM) follows unless the date is
        older than the holding's."""
        client = await self.get(actor, client_id, for_update=True)
        code = v.text("holding.product_code", raw.get("product_code"), max_length=64, required=True)
        assert code is not None
        values = {
            "product_name": v.text(
                "holding.product_name",
                raw.get("product_name") or code,
                max_length=200,
                required=True,
            ),
            "units": v.scaled(
                "holding.units", raw.get("units"), places=v.UNIT_PLACES, minimum=Decimal(0)
            ),
            "cost": v.scaled(
                "holding.cost", raw.get("cost") or "0", places=v.MONEY_PLACES, minimum=Decimal(0)
            ),
            "market_value": v.scaled(
                "holding.market_value",
                raw.get("market_value"),
                places=v.MONEY_PLACES,
                minimum=Decimal(0),
            ),
            "currency": currency("holding.currency", raw.get("currency")),
            "as_of": v.iso_date("holding.as_of", raw.get("as_of")) or datetime.now(UTC).date(),
        }
        book = await self.book(client)
        day = values["as_of"]
        assert isinstance(day, date)
        book.set(day, code, Position(code, **{k: values[k] for k in Position.VALUES}))  # type: ignore[arg-type]
        if self.stated is None:
            await book.flush(self.session)
        else:
            self.stated.setdefault((client.id, day), set()).add(code)
        holding = await self.repository.holding(client.id, code)
        before: dict[str, Any] = {}
        if holding is None:
            holding = Holding(client_id=client.id, product_code=code, **values)
            self.session.add(holding)
        elif holding.as_of <= day:
            before = {k: getattr(holding, k) for k in values}
            for key, value in values.items():
                setattr(holding, key, value)
        await self.session.flush()
        total, _ = await self.repository.holdings_total(client.id)
        await self.repository.set_aum(client.id, total)
        self._audit(
            actor,
            client,
            "holding",
            code,
            "update" if before else "create",
            audit.diff(before, values),
        )
        return holding

    async def flush_books(self) -> None:
        """An import's end. The rows of a client for a date are its holdings as of that date:
        any other product it held then is closed on that date. Then every client's valuations
        and AUM changes are written, and today's holdings the history shows closed dropped."""
        for (client_id, day), codes in sorted((self.stated or {}).items()):
            assert self.books is not None
            self.books[client_id].close_others(day, codes)
        for book in (self.books or {}).values():
            await book.flush(self.session)
            closed = [
                code
                for code in book.by_product
                if (last := book.latest(code)) is not None and last.closed
            ]
            if closed:
                await self.session.execute(
                    delete(Holding).where(
                        Holding.client_id == book.client_id, Holding.product_code.in_(closed)
                    )
                )
                total, _ = await self.repository.holdings_total(book.client_id)
                await self.repository.set_aum(book.client_id, total)
