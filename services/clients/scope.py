"""Which clients an actor may see, and to whom they may assign one. Applied in SQL so lists
and searches never leak; assignments are checked against the directory."""

from __future__ import annotations

from dataclasses import dataclass

from services.clients.directory import DirectoryService
from services.common.errors import PermissionDenied
from services.common.identity import FIRM_WIDE_ROLES, Actor, Role


@dataclass(frozen=True)
class ClientScope:
    """None means "no restriction" on that column."""

    advisor_id: str | None = None
    team_ids: frozenset[str] | None = None

    @classmethod
    def for_actor(cls, actor: Actor) -> ClientScope:
        """Firm-wide roles see all; a manager sees the teams they manage; an advisor their
        own clients."""
        if actor.has(*FIRM_WIDE_ROLES):
            return cls()
        if actor.has(Role.MANAGER):
            if not actor.managed_teams:
                raise PermissionDenied(f"manager {actor.user_id} manages no team")
            return cls(team_ids=actor.managed_teams)
        if actor.has(Role.ADVISOR):
            return cls(advisor_id=actor.user_id)
        raise PermissionDenied(f"user {actor.user_id} has no role that may see clients")

    def covers_team(self, team_id: str | None) -> bool:
        return self.team_ids is None or (team_id is not None and team_id in self.team_ids)


async def assigned_team(
    directory: DirectoryService,
    actor: Actor,
    scope: ClientScope,
    advisor_id: str | None,
    team_id: str | None,
) -> str | None:
    """The team a client assigned to (`advisor_id`, `team_id`) belongs to, or
    PERMISSION_DENIED when the actor may not make that assignment:

    - an advisor assigns only to themselves, within their own teams;
    - a manager assigns within the teams they manage, to an advisor the directory places in
      that team (or to themselves);
    - firm-wide roles assign anywhere; a team left out is the advisor's only team.
    """
    if scope.advisor_id is not None:
        if advisor_id not in (None, scope.advisor_id):
            raise PermissionDenied(
                f"advisor {actor.user_id} may not assign clients to {advisor_id}"
            )
        known = await directory.advisor_teams(actor.user_id)
        own = known if known is not None else frozenset({actor.team_id} - {None})
        if team_id is None:
            return actor.team_id if actor.team_id in own else _only(own)
        if team_id not in own:
            raise PermissionDenied(
                f"advisor {actor.user_id} may file clients only under their own team"
            )
        return team_id
    if scope.team_ids is not None:
        team = team_id or (
            actor.team_id if actor.team_id in scope.team_ids else _only(scope.team_ids)
        )
        if team is None or team not in scope.team_ids:
            raise PermissionDenied(
                f"manager {actor.user_id} may only assign clients within the teams they manage"
            )
        if advisor_id is not None and advisor_id != actor.user_id:
            teams = await directory.advisor_teams(advisor_id)
            if teams is None or team not in teams:
                raise PermissionDenied(
                    f"{advisor_id} is not an advisor of team {team} in the directory"
                )
        return team
    if team_id is None and advisor_id is not None:
        teams = await directory.advisor_teams(advisor_id)
        return _only(teams) if teams else None
    return team_id


def _only(teams: frozenset[str | None] | frozenset[str]) -> str | None:
    values = [t for t in teams if t]
    return values[0] if len(values) == 1 else None
