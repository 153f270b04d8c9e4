"""Who may send what to whom and read which part of the ledger: the one place the
notifications service decides it.

- Admins and services act firm-wide: any recipient (an explicit address included), any
  artifact as an attachment, the whole ledger.
- Managers and advisors send to a client they can see (the clients service decides, with
  their identity) or in-app to a colleague; never to a free-form address, and attachments
  only of that client's own artifacts, read with their identity.
- A delivery is visible to whoever sent it, its in-app recipient, and whoever may see its
  client: an advisor the client's advisor, a manager the teams they manage (both as recorded
  when the message was accepted, or the client's current scope when asked about a client).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, false, or_

from services.common.errors import PermissionDenied
from services.common.identity import Actor, Role
from services.notifications.models import Delivery

SENDER_ROLES = (Role.ADMIN, Role.SERVICE, Role.MANAGER, Role.ADVISOR)
# May address anyone and attach any artifact.
OVERRIDE_ROLES = (Role.ADMIN, Role.SERVICE)
RETRY_ROLES = (Role.ADMIN, Role.MANAGER)


def require_sender(actor: Actor) -> None:
    if not actor.has(*SENDER_ROLES):
        raise PermissionDenied("sending messages needs the advisor, manager or service role")


def may_override(actor: Actor) -> bool:
    """Free-form addresses and any artifact: admins and services only."""
    return actor.has(*OVERRIDE_ROLES)


def require_address_sender(actor: Actor) -> None:
    if not may_override(actor):
        raise PermissionDenied(
            "messages to an explicit address are for admins and services; send to the"
            " client (client_id) so it goes to the client's own address"
        )


def require_retrier(actor: Actor) -> None:
    if not actor.has(*RETRY_ROLES):
        raise PermissionDenied("retrying deliveries needs the admin or manager role")


@dataclass(frozen=True)
class LedgerScope:
    """The part of the ledger an actor sees; `everything` or the union of the rest."""

    everything: bool
    user_id: str
    advisor_id: str | None
    team_ids: frozenset[str]

    @classmethod
    def of(cls, actor: Actor) -> LedgerScope:
        if actor.has(Role.ADMIN, Role.SERVICE):
            return cls(True, actor.user_id, None, frozenset())
        return cls(
            False,
            actor.user_id,
            actor.user_id if actor.has(Role.ADVISOR) else None,
            actor.managed_teams if actor.has(Role.MANAGER) else frozenset(),
        )

    def condition(self) -> ColumnElement[bool] | None:
        """A SQL condition on deliveries (None: no restriction)."""
        if self.everything:
            return None
        clauses: list[ColumnElement[bool]] = [
            Delivery.created_by == self.user_id,
            Delivery.user_id == self.user_id,
        ]
        if self.advisor_id:
            clauses.append(Delivery.advisor_id == self.advisor_id)
        if self.team_ids:
            clauses.append(Delivery.team_id.in_(sorted(self.team_ids)))
        return or_(false(), *clauses)

    def covers(self, delivery: Delivery) -> bool:
        """The same decision for one row."""
        return (
            self.everything
            or delivery.created_by == self.user_id
            or delivery.user_id == self.user_id
            or (self.advisor_id is not None and delivery.advisor_id == self.advisor_id)
            or (delivery.team_id is not None and delivery.team_id in self.team_ids)
        )
