"""Which clients an actor may see. Applied in SQL so lists and searches never leak."""

from __future__ import annotations

from dataclasses import dataclass

from services.common.errors import PermissionDenied
from services.common.identity import FIRM_WIDE_ROLES, Actor, Role


@dataclass(frozen=True)
class ClientScope:
    """None means "no restriction" on that column."""

    advisor_id: str | None = None
    team_id: str | None = None

    @classmethod
    def for_actor(cls, actor: Actor | None) -> ClientScope:
        """Firm-wide roles see all; a manager sees the team; an advisor their own clients."""
        if actor is None:
            raise PermissionDenied("the call carries no actor")
        if actor.has(*FIRM_WIDE_ROLES):
            return cls()
        if actor.has(Role.MANAGER):
            if actor.team_id is None:
                raise PermissionDenied(f"manager {actor.user_id} has no team")
            return cls(team_id=actor.team_id)
        if actor.has(Role.ADVISOR):
            return cls(advisor_id=actor.user_id)
        raise PermissionDenied(f"user {actor.user_id} has no role that may see clients")
