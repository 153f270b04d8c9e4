"""Every SQL statement of the notifications service."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Table,
    bindparam,
    func,
    insert as core_insert,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from services.common.db import driver_connection
from services.common.insert_once import InsertOnce
from services.notifications.models import (
    PENDING,
    ConsentRecord,
    Delivery,
    DeliveryAttempt,
    InboxMessage,
    Template,
)


class InboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def page(
        self, user_id: str, *, limit: int, after: tuple[datetime, uuid.UUID] | None
    ) -> list[InboxMessage]:
        """Newest first, keyset-paginated on (created_at, id)."""
        statement = select(InboxMessage).where(InboxMessage.user_id == user_id)
        if after is not None:
            statement = statement.where(tuple_(InboxMessage.created_at, InboxMessage.id) < after)
        statement = statement.order_by(
            InboxMessage.created_at.desc(), InboxMessage.id.desc()
        ).limit(limit)
        return list((await self.session.execute(statement)).scalars())

    async def get(self, message_id: uuid.UUID) -> InboxMessage | None:
        return await self.session.get(InboxMessage, message_id)

    async def add(self, message: InboxMessage) -> InboxMessage:
        """Insert and flush."""
        self.session.add(message)
        await self.session.flush()
        await self.session.refresh(message)
        return message

    async def add_for_delivery(
        self, delivery_id: uuid.UUID, user_id: str, title: str, body: str
    ) -> None:
        """At most one inbox message per delivery (a unique delivery_id)."""
        values = {
            "id": uuid.uuid4(),
            "delivery_id": delivery_id,
            "user_id": user_id,
            "title": title,
            "body": body,
            "created_at": datetime.now(UTC),
        }
        await self.session.execute(_INBOX_ONCE.statement(values), values)


class TemplateRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def next_version(self, key: str, locale: str) -> int:
        current = await self.session.scalar(
            select(func.max(Template.version)).where(Template.key == key, Template.locale == locale)
        )
        return int(current or 0) + 1

    async def add(self, template: Template) -> Template:
        self.session.add(template)
        await self.session.flush()
        await self.session.refresh(template)
        return template

    async def revive(self, key: str) -> None:
        await self.session.execute(
            update(Template).where(Template.key == key).values(retired_at=None)
        )

    async def latest(self, key: str | None = None) -> list[Template]:
        """The newest live version of each (key, locale), ordered by key and locale."""
        statement = (
            select(Template)
            .where(Template.retired_at.is_(None))
            .distinct(Template.key, Template.locale)
            .order_by(Template.key, Template.locale, Template.version.desc())
        )
        if key is not None:
            statement = statement.where(Template.key == key)
        return list((await self.session.execute(statement)).scalars())

    async def retire(self, key: str, at: datetime) -> int:
        result = await self.session.execute(
            update(Template)
            .where(Template.key == key, Template.retired_at.is_(None))
            .values(retired_at=at)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


class ConsentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def for_client(self, client_id: uuid.UUID) -> list[ConsentRecord]:
        statement = (
            select(ConsentRecord)
            .where(ConsentRecord.client_id == client_id)
            .order_by(ConsentRecord.channel, ConsentRecord.category)
        )
        return list((await self.session.execute(statement)).scalars())

    async def opted_out(self, client_id: uuid.UUID, category: str) -> set[str]:
        """Channels the client refused for `category`."""
        rows = await self.session.execute(
            select(ConsentRecord.channel).where(
                ConsentRecord.client_id == client_id,
                ConsentRecord.category == category,
                ConsentRecord.opted_out.is_(True),
            )
        )
        return set(rows.scalars())

    async def upsert(
        self,
        client_id: uuid.UUID,
        channel: str,
        category: str,
        *,
        opted_out: bool,
        source: str,
        updated_by: str,
    ) -> None:
        statement = insert(ConsentRecord).values(
            client_id=client_id,
            channel=channel,
            category=category,
            opted_out=opted_out,
            source=source,
            updated_by=updated_by,
        )
        await self.session.execute(
            statement.on_conflict_do_update(
                index_elements=["client_id", "channel", "category"],
                set_={
                    "opted_out": statement.excluded.opted_out,
                    "source": statement.excluded.source,
                    "updated_by": statement.excluded.updated_by,
                    "updated_at": func.now(),
                },
            )
        )


class DeliveryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_message_ids(self, message_ids: list[str]) -> list[Delivery]:
        if not message_ids:
            return []
        statement = select(Delivery).where(
            Delivery.message_id.in_(message_ids), Delivery.message_id != ""
        )
        return list((await self.session.scalars(statement)).all())

    async def by_key(self, key: str) -> Delivery | None:
        """The delivery of `key` as a plain object, outside the session's unit of work:
        the send path writes its changes itself (`save`)."""
        row = (await self.session.execute(_BY_KEY, {"key": key})).mappings().first()
        return None if row is None else Delivery(**row)

    async def get(self, delivery_id: uuid.UUID) -> Delivery | None:
        return await self.session.get(Delivery, delivery_id)

    async def insert(self, delivery: Delivery) -> None:
        """One INSERT of every column the caller set."""
        await self.session.execute(
            _INSERT_DELIVERY, {name: getattr(delivery, name) for name in _DELIVERY_COLUMNS}
        )

    async def save(self, delivery: Delivery) -> None:
        """One UPDATE of the columns that change after a delivery is accepted."""
        values = {name: getattr(delivery, name) for name in _CHANGING}
        await self.session.execute(_SAVE_DELIVERY, {"delivery_id": delivery.id, **values})

    async def add_attempt_and_save(self, attempt: DeliveryAttempt, delivery: Delivery) -> None:
        """`add_attempt` and `save` in one statement (one round trip)."""
        values = {name: getattr(delivery, name) for name in _CHANGING}
        attempt_values = {f"attempt_{n}": getattr(attempt, n) for n in _ATTEMPT_COLUMNS}
        await self.session.execute(
            _SAVE_WITH_ATTEMPT, {"delivery_id": delivery.id, **values, **attempt_values}
        )

    async def add_attempt(self, attempt: DeliveryAttempt) -> None:
        await self.session.execute(
            _INSERT_ATTEMPT, {name: getattr(attempt, name) for name in _ATTEMPT_COLUMNS}
        )

    async def attempts(self, delivery_id: uuid.UUID) -> list[DeliveryAttempt]:
        statement = (
            select(DeliveryAttempt)
            .where(DeliveryAttempt.delivery_id == delivery_id)
            .order_by(DeliveryAttempt.number)
        )
        return list((await self.session.execute(statement)).scalars())

    async def count_recent(self, client_id: uuid.UUID, category: str, since: datetime) -> int:
        """Deliveries that count against a frequency cap: not suppressed, not failed."""
        count = await self.session.scalar(
            select(func.count())
            .select_from(Delivery)
            .where(
                Delivery.client_id == client_id,
                Delivery.category == category,
                Delivery.created_at >= since,
                Delivery.status.in_(("accepted", "deferred", "sending", "retrying", "sent")),
            )
        )
        return int(count or 0)

    async def lock_cap(self, client_id: uuid.UUID, category: str) -> None:
        """Serialize cap checks of one client and category until the transaction ends."""
        await self.session.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 1))"),
            {"key": f"cap:{client_id}:{category}"},
        )

    async def page(
        self,
        *,
        scope: ColumnElement[bool] | None = None,
        client_ids: Sequence[uuid.UUID] | None,
        workflow_id: str | None,
        status: str | None,
        limit: int,
        after: tuple[datetime, uuid.UUID] | None,
    ) -> list[Delivery]:
        """Newest first, keyset-paginated on (created_at, id), within `scope`."""
        statement = select(Delivery)
        if scope is not None:
            statement = statement.where(scope)
        if client_ids is not None:
            statement = statement.where(Delivery.client_id.in_(client_ids))
        if workflow_id:
            statement = statement.where(Delivery.workflow_id == workflow_id)
        if status == "in_doubt":
            # The dead letters nobody could settle: a person decides whether to send anyway.
            statement = statement.where(
                (Delivery.status == "failed") & Delivery.reason.startswith("in_doubt")
            )
        elif status:
            statement = statement.where(Delivery.status == status)
        if after is not None:
            statement = statement.where(tuple_(Delivery.created_at, Delivery.id) < after)
        statement = statement.order_by(Delivery.created_at.desc(), Delivery.id.desc()).limit(limit)
        return list((await self.session.execute(statement)).scalars())

    async def due(self, now: datetime, *, stale_before: datetime, limit: int) -> list[str]:
        """Keys of deliveries the dispatcher should look at: pending and due, or left in
        `sending` longer than any provider call can take (the sender died)."""
        statement = (
            select(Delivery.idempotency_key)
            .where(
                (Delivery.status.in_(PENDING) & (Delivery.next_attempt_at <= now))
                | ((Delivery.status == "sending") & (Delivery.updated_at < stale_before))
            )
            .order_by(Delivery.next_attempt_at)
            .limit(limit)
        )
        return list((await self.session.execute(statement)).scalars())


_deliveries = cast(Table, Delivery.__table__)
_DELIVERY_COLUMNS = tuple(column.key for column in _deliveries.columns)
# What changes after acceptance: the status and its history, and where a retry routes it.
_CHANGING = (
    "status",
    "reason",
    "channel",
    "recipient",
    "recipient_name",
    "message_id",
    "attempt_count",
    "round_attempts",
    "next_attempt_at",
    "provider_message_id",
    "updated_at",
    "sent_at",
)
_BY_KEY = select(_deliveries).where(_deliveries.c.idempotency_key == bindparam("key"))
# Standard INSERTs: SQLAlchemy caches them (not so postgresql.insert, see insert_once.py).
_INSERT_DELIVERY = core_insert(_deliveries)
_SAVE_DELIVERY = (
    update(_deliveries)
    .where(_deliveries.c.id == bindparam("delivery_id"))
    .values({name: bindparam(name) for name in _CHANGING})
)
_attempts = cast(Table, DeliveryAttempt.__table__)
_ATTEMPT_COLUMNS = tuple(column.key for column in _attempts.columns)
_INSERT_ATTEMPT = core_insert(_attempts)
_SAVE_WITH_ATTEMPT = _SAVE_DELIVERY.add_cte(
    core_insert(_attempts)
    .values({name: bindparam(f"attempt_{name}") for name in _ATTEMPT_COLUMNS})
    .cte("attempt")
)
_INBOX_ONCE = InsertOnce(cast(Table, InboxMessage.__table__), ["delivery_id"])


class KeyLock:
    """The session-level advisory lock of a delivery key: held across the several commits
    of one send, released when the holder unlocks or its connection ends (so a crashed
    process never keeps one). Taken and released on the driver's connection outside any
    transaction: one round trip each."""

    def __init__(self, driver: Any, key: str) -> None:
        self.driver = driver
        self.key = key

    @classmethod
    async def on(cls, connection: AsyncConnection, key: str) -> KeyLock:
        return cls(await driver_connection(connection), key)

    async def take(self, *, wait: bool) -> bool:
        """False if `wait` is off and someone else holds it."""
        if wait:
            await self.driver.fetchval("SELECT pg_advisory_lock(hashtextextended($1, 0))", self.key)
            return True
        return bool(
            await self.driver.fetchval(
                "SELECT pg_try_advisory_lock(hashtextextended($1, 0))", self.key
            )
        )

    async def release(self) -> None:
        await self.driver.fetchval("SELECT pg_advisory_unlock(hashtextextended($1, 0))", self.key)
