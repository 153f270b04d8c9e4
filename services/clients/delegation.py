"""Delegation: while someone is away, a colleague acts on their tasks for them. A person
(or an admin) names the delegate and the days; the workflows service reads the delegations
in force to show the delegate those tasks and to let them act on them, recorded as done by
the delegate for the person. Every change is audited in the directory's trail."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Date, DateTime, Index, String, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from services.clients import audit
from services.clients.directory import check_id
from services.clients.models import Base, Person
from services.common.errors import InvalidArgument, NotFound, PermissionDenied
from services.common.identity import Actor, Role

MAX_DAYS = 366


class Delegation(Base):
    __tablename__ = "delegations"
    __table_args__ = (Index("ix_delegations_delegate", "delegate_id"),)

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    delegate_id: Mapped[str] = mapped_column(String(64))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(500), server_default="")
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def _day(field: str, text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidArgument(field, text, "must be a date, YYYY-MM-DD") from None


class Delegations:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def set(
        self,
        actor: Actor,
        user_id: str,
        delegate_id: str,
        starts_on: str,
        ends_on: str,
        reason: str,
    ) -> Delegation | None:
        """Name (or, with no delegate, end) the person's delegation."""
        check_id("user_id", user_id)
        if actor.user_id != user_id and not actor.has(Role.ADMIN):
            raise PermissionDenied("only the person themselves or an admin may name a delegate")
        if await self.session.get(Person, user_id) is None:
            raise NotFound(f"person {user_id} not found", field="user_id", value=user_id)
        row = await self.session.get(Delegation, user_id)
        before = _snapshot(row)
        if not delegate_id:
            if row is not None:
                await self.session.delete(row)
                await self.session.flush()
                self._audit(actor, user_id, "delete", before, {})
            return None
        check_id("delegate_id", delegate_id)
        if delegate_id == user_id:
            raise InvalidArgument("delegate_id", delegate_id, "must be someone else")
        delegate = await self.session.get(Person, delegate_id)
        if delegate is None or not delegate.active:
            raise InvalidArgument(
                "delegate_id", delegate_id, "must be an active person in the directory"
            )
        start, end = _day("starts_on", starts_on), _day("ends_on", ends_on)
        if end < start:
            raise InvalidArgument("ends_on", ends_on, "must not be before starts_on")
        if end - start > timedelta(days=MAX_DAYS):
            raise InvalidArgument("ends_on", ends_on, f"at most {MAX_DAYS} days after starts_on")
        if row is None:
            row = Delegation(user_id=user_id)
            self.session.add(row)
        row.delegate_id, row.starts_on, row.ends_on = delegate_id, start, end
        row.reason = (reason or "")[:500]
        row.updated_by, row.updated_at = actor.user_id, datetime.now(UTC)
        await self.session.flush()
        self._audit(actor, user_id, "update" if before else "create", before, _snapshot(row))
        return row

    async def listed(self, actor: Actor, active_on: str, delegate_id: str) -> list[Delegation]:
        if actor.is_client:
            raise PermissionDenied("the directory is for staff")
        statement = select(Delegation).order_by(Delegation.user_id)
        if active_on:
            day = _day("active_on", active_on)
            statement = statement.where(Delegation.starts_on <= day, Delegation.ends_on >= day)
        if delegate_id:
            statement = statement.where(Delegation.delegate_id == delegate_id)
        return list((await self.session.execute(statement)).scalars())

    def _audit(
        self, actor: Actor, user_id: str, action: str, before: dict[str, str], after: dict[str, str]
    ) -> None:
        changes = audit.diff(before, after)
        if changes:
            audit.record(
                self.session,
                actor_id=actor.user_id,
                client_id=None,
                entity="delegation",
                entity_id=user_id,
                action=action,
                changes=changes,
            )


def _snapshot(row: Delegation | None) -> dict[str, str]:
    if row is None:
        return {}
    return {
        "delegate_id": row.delegate_id,
        "starts_on": row.starts_on.isoformat(),
        "ends_on": row.ends_on.isoformat(),
        "reason": row.reason,
    }
