"""Who may see and act on which process: the one place the workflows service decides it.

A process about a client (search attribute ClientId) is decided by the clients service with
the caller's identity: whoever may see the client may see the process (anyone else gets
NOT_FOUND). A process over a book — a team's quarterly run (TeamId set), the firm's run and
the system's scheduled work (neither set) — is decided here:

| process | sees | starts / cancels |
| --- | --- | --- |
| a team's book | firm-wide roles, the team's managers, the team's advisors | its managers, admins |
| the firm's book, system work | firm-wide roles | admins |

A child process without attributes of its own (a distribution batch) is its parent's.
"""

from __future__ import annotations

from services.common.errors import PermissionDenied
from services.common.identity import FIRM_WIDE_ROLES, Actor, Role

FIRM_BOOK = "firm"


def sees_book(actor: Actor, team_id: str) -> bool:
    """May `actor` see a process over `team_id`'s book ('' = the firm's or the system's)?"""
    if actor.has(*FIRM_WIDE_ROLES):
        return True
    if not team_id:
        return False
    if team_id in actor.managed_teams:
        return True
    return actor.has(Role.ADVISOR) and actor.team_id == team_id


def may_run_book(actor: Actor, team_id: str) -> bool:
    """May `actor` start or cancel a process over `team_id`'s book ('' = the firm's)?"""
    if actor.has(Role.ADMIN):
        return True
    return bool(team_id) and team_id in actor.managed_teams


def require_book_runner(actor: Actor, book: str) -> None:
    team = "" if book == FIRM_BOOK else book
    if not may_run_book(actor, team):
        if not team:
            raise PermissionDenied("the firm's runs are started and cancelled by admins")
        raise PermissionDenied(
            f"{actor.user_id} may start and cancel runs only for the teams they manage"
        )


def require_canceller(actor: Actor) -> None:
    if not actor.has(Role.ADMIN, Role.MANAGER):
        raise PermissionDenied("cancelling a process needs the manager or admin role")
