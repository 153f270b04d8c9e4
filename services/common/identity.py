"""Who is acting: the gateway authenticates a user and passes an Actor to the services
in gRPC metadata; services trust it (they are reachable only from inside the deployment)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

ACTOR_KEY = "x-clientflow-actor"
ROLES_KEY = "x-clientflow-roles"
TEAM_KEY = "x-clientflow-team"
MANAGED_KEY = "x-clientflow-managed"
# The change event an automated action answers ("{event id}@{depth}"): a rule acting on an
# event says so, and the changes it makes carry it into their audit entries and events.
CAUSE_KEY = "x-clientflow-cause"


class Role(StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    ADVISOR = "advisor"
    ACCOUNTANT = "accountant"
    PARTNER = "partner"
    SERVICE = "service"
    # A client signed in to the portal (user id `client:{client id}`). Never accepted from a
    # staff token; only the gateway's portal sign-in issues it.
    CLIENT = "client"


# What a staff bearer token may carry.
STAFF_ROLES = frozenset(role for role in Role if role is not Role.CLIENT)
CLIENT_PREFIX = "client:"

# Roles that work across the whole book: operations, reporting and approvals are firm-wide.
FIRM_WIDE_ROLES = (Role.ADMIN, Role.SERVICE, Role.ACCOUNTANT, Role.PARTNER)


@dataclass(frozen=True)
class Actor:
    user_id: str
    roles: frozenset[Role] = field(default_factory=frozenset)
    # The person's home team (the token's `team` claim or the directory).
    team_id: str | None = None
    # Teams the directory says this person manages; None when the directory does not know
    # the person (then a manager's scope is their token's team).
    managed: frozenset[str] | None = None
    # The event this actor's changes answer and how deep in a chain of rules it is: empty
    # and 0 for people.
    cause: str = ""
    depth: int = 0

    @property
    def client_id(self) -> str | None:
        """The portal client this actor is, or None for staff and processes."""
        if Role.CLIENT in self.roles and self.user_id.startswith(CLIENT_PREFIX):
            return self.user_id.removeprefix(CLIENT_PREFIX)
        return None

    @property
    def is_client(self) -> bool:
        return Role.CLIENT in self.roles

    def has(self, *roles: Role) -> bool:
        """True when the actor holds any of `roles`."""
        return any(role in self.roles for role in roles)

    @property
    def managed_teams(self) -> frozenset[str]:
        """The teams a manager's scope covers: those the directory gives them, else their
        home team; empty for anyone who is not a manager."""
        if not self.has(Role.MANAGER):
            return frozenset()
        if self.managed is not None:
            return self.managed
        return frozenset({self.team_id}) if self.team_id else frozenset()

    def to_metadata(self) -> tuple[tuple[str, str], ...]:
        """gRPC metadata carrying this actor."""
        items = [(ACTOR_KEY, self.user_id), (ROLES_KEY, ",".join(sorted(self.roles)))]
        if self.team_id:
            items.append((TEAM_KEY, self.team_id))
        if self.managed is not None:
            items.append((MANAGED_KEY, ",".join(sorted(self.managed))))
        if self.cause:
            items.append((CAUSE_KEY, f"{self.cause}@{self.depth}"))
        return tuple(items)

    @classmethod
    def from_metadata(cls, metadata: Iterable[tuple[str, str | bytes]] | None) -> Actor | None:
        """The actor in gRPC metadata, or None when the call carries none."""
        values = {key: value for key, value in (metadata or ()) if isinstance(value, str)}
        user_id = values.get(ACTOR_KEY)
        if not user_id:
            return None
        roles = frozenset(
            Role(r) for r in values.get(ROLES_KEY, "").split(",") if r in Role.__members__.values()
        )
        managed = (
            frozenset(t for t in values[MANAGED_KEY].split(",") if t)
            if MANAGED_KEY in values
            else None
        )
        cause, _, depth = values.get(CAUSE_KEY, "").rpartition("@")
        return cls(
            user_id=user_id,
            roles=roles,
            team_id=values.get(TEAM_KEY) or None,
            managed=managed,
            cause=cause[:200],
            depth=int(depth) if cause and depth.isdigit() else 0,
        )


SYSTEM_ACTOR = Actor(user_id="system:worker", roles=frozenset({Role.SERVICE}))
