"""The directory: teams and the people in them, which decides scope.

Tokens say who someone is; the directory says what they may reach. A manager's scope is the
teams they manage; an advisor is assigned clients only within their own teams; a person
marked inactive (someone who left) is refused at the gateway. Admins change the directory
(API, CLI, import); every change is audited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients import audit, validation as v
from services.clients.models import Membership, Person, Team
from services.common.errors import InvalidArgument, NotFound, PermissionDenied
from services.common.identity import Actor, Role

ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@:-]{0,63}$")
ROLES = ("manager", "advisor", "member")
MAX_MEMBERSHIPS = 50


@dataclass(frozen=True)
class PersonRecord:
    """A person with their memberships, as the directory answers."""

    user_id: str
    name: str
    email: str
    active: bool
    memberships: tuple[tuple[str, str], ...]  # (team id, role)
    updated_at: datetime | None = None

    def teams(self, *roles: str) -> frozenset[str]:
        return frozenset(team for team, role in self.memberships if not roles or role in roles)


@dataclass(frozen=True)
class TeamRecord:
    id: str
    name: str
    updated_at: datetime | None = None


@dataclass
class PersonInput:
    user_id: str
    name: str
    email: str = ""
    active: bool = True
    memberships: list[tuple[str, str]] = field(default_factory=list)


def check_id(field_name: str, value: str) -> str:
    if not ID.match(value or ""):
        raise InvalidArgument(
            field_name, value, "must be 1-64 letters, digits, '.', '_', '@', ':' or '-'"
        )
    return value


def _require_admin(actor: Actor, what: str) -> Actor:
    if not actor.has(Role.ADMIN):
        raise PermissionDenied(f"only an admin may {what}")
    return actor


class DirectoryService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # -- reads -------------------------------------------------------------------------

    async def person(self, user_id: str) -> PersonRecord | None:
        """The person and their memberships, or None when the directory does not know them."""
        row = await self.session.get(Person, user_id)
        if row is None:
            return None
        memberships = await self.session.execute(
            select(Membership.team_id, Membership.role)
            .where(Membership.user_id == user_id)
            .order_by(Membership.team_id)
        )
        return PersonRecord(
            row.user_id,
            row.name,
            row.email,
            row.active,
            tuple((team, role) for team, role in memberships.tuples()),
            row.updated_at,
        )

    async def get_person(self, actor: Actor, user_id: str) -> PersonRecord:
        found = await self.person(user_id)
        if found is None:
            raise NotFound(f"person {user_id} not found", field="user_id", value=user_id)
        return found

    async def people(self, actor: Actor, team_id: str) -> list[PersonRecord]:
        """Everyone (admins and services: escalations go to the directory's managers), or a
        team's members (its managers too)."""
        if not actor.has(Role.ADMIN, Role.SERVICE) and (
            not team_id or team_id not in actor.managed_teams
        ):
            raise PermissionDenied("the directory is for admins and, for their teams, managers")
        statement = select(Person.user_id).order_by(Person.user_id)
        if team_id:
            statement = statement.join(Membership, Membership.user_id == Person.user_id).where(
                Membership.team_id == team_id
            )
        records = []
        for user_id in (await self.session.execute(statement)).scalars():
            record = await self.person(user_id)
            if record is not None:
                records.append(record)
        return records

    async def names(self, actor: Actor, team_id: str) -> list[PersonRecord]:
        """Every person's id, name and whether they are active (no e-mail, no memberships):
        any staff member may know their colleagues by name."""
        if actor.is_client:
            raise PermissionDenied("the directory is for staff")
        statement = select(Person.user_id, Person.name, Person.active).order_by(Person.user_id)
        if team_id:
            statement = statement.join(Membership, Membership.user_id == Person.user_id).where(
                Membership.team_id == team_id
            )
        rows = (await self.session.execute(statement)).tuples()
        return [PersonRecord(user_id, name, "", active, ()) for user_id, name, active in rows]

    async def teams(self, actor: Actor) -> list[TeamRecord]:
        rows = (await self.session.execute(select(Team).order_by(Team.id))).scalars()
        return [TeamRecord(row.id, row.name, row.updated_at) for row in rows]

    async def advisor_teams(self, user_id: str) -> frozenset[str] | None:
        """The teams in which `user_id` may hold clients (advisor or manager), or None when
        the directory does not know them."""
        found = await self.person(user_id)
        if found is None:
            return None
        return found.teams("advisor", "manager") if found.active else frozenset()

    # -- changes -----------------------------------------------------------------------

    async def put_team(self, actor: Actor, team_id: str, name: str) -> TeamRecord:
        actor = _require_admin(actor, "change teams")
        check_id("team.id", team_id)
        clean = v.text("team.name", name, max_length=200) or team_id
        row = await self.session.get(Team, team_id)
        before: dict[str, Any] = {} if row is None else {"name": row.name}
        now = datetime.now(UTC)
        if row is None:
            row = Team(id=team_id, name=clean, updated_by=actor.user_id, updated_at=now)
            self.session.add(row)
        else:
            row.name, row.updated_by, row.updated_at = clean, actor.user_id, now
        await self.session.flush()
        self._audit(
            actor, "team", team_id, "create" if not before else "update", before, {"name": clean}
        )
        return TeamRecord(row.id, row.name, row.updated_at)

    async def put_person(self, actor: Actor, person: PersonInput) -> PersonRecord:
        actor = _require_admin(actor, "change the directory")
        check_id("person.user_id", person.user_id)
        name = v.text("person.name", person.name, max_length=200) or person.user_id
        email = v.text("person.email", person.email, max_length=320) or ""
        if email and not v.EMAIL.match(email):
            raise InvalidArgument("person.email", email, "is not an e-mail address")
        if len(person.memberships) > MAX_MEMBERSHIPS:
            raise InvalidArgument(
                "person.memberships", len(person.memberships), f"at most {MAX_MEMBERSHIPS}"
            )
        wanted: dict[str, str] = {}
        for index, (team_id, role) in enumerate(person.memberships):
            check_id(f"person.memberships[{index}].team_id", team_id)
            v.choice(f"person.memberships[{index}].role", role, ROLES, required=True)
            if await self.session.get(Team, team_id) is None:
                raise NotFound(
                    f"team {team_id} not found",
                    field=f"person.memberships[{index}].team_id",
                    value=team_id,
                )
            wanted[team_id] = role
        previous = await self.person(person.user_id)
        now = datetime.now(UTC)
        row = await self.session.get(Person, person.user_id)
        if row is None:
            row = Person(user_id=person.user_id, updated_by=actor.user_id)
            self.session.add(row)
        row.name, row.email, row.active = name, email, person.active
        row.updated_by, row.updated_at = actor.user_id, now
        await self.session.flush()
        await self.session.execute(delete(Membership).where(Membership.user_id == person.user_id))
        for team_id, role in sorted(wanted.items()):
            self.session.add(Membership(team_id=team_id, user_id=person.user_id, role=role))
        await self.session.flush()
        after = PersonRecord(
            person.user_id, name, email, person.active, tuple(sorted(wanted.items())), now
        )
        self._audit(
            actor,
            "person",
            person.user_id,
            "create" if previous is None else "update",
            _snapshot(previous),
            _snapshot(after),
        )
        return after

    def _audit(
        self,
        actor: Actor,
        entity: str,
        entity_id: str,
        action: str,
        before: dict[str, Any],
        after: dict[str, Any],
    ) -> None:
        changes = audit.diff(before, after)
        if changes:
            audit.record(
                self.session,
                actor_id=actor.user_id,
                client_id=None,
                entity=entity,
                entity_id=entity_id,
                action=action,
                changes=changes,
            )


def _snapshot(record: PersonRecord | None) -> dict[str, Any]:
    if record is None:
        return {}
    return {
        "name": record.name,
        "email": record.email,
        "active": record.active,
        "memberships": [f"{team}:{role}" for team, role in record.memberships],
    }


IMPORT_COLUMNS = ("user_id", "name", "email", "team_id", "role", "active")
MAX_IMPORT_ROWS = 10_000


async def import_people(
    directory: DirectoryService, actor: Actor, rows: list[dict[str, str]]
) -> tuple[int, list[str]]:
    """People from rows of `IMPORT_COLUMNS` (one row per membership; a team missing from the
    directory is created with its id as name). All or nothing: with any bad row nothing is
    written and the errors name row, column and value. Returns (people, errors)."""
    if len(rows) > MAX_IMPORT_ROWS:
        return 0, [f"at most {MAX_IMPORT_ROWS:,} rows; the file has {len(rows):,}"]
    people: dict[str, PersonInput] = {}
    errors: list[str] = []
    for number, row in enumerate(rows, start=2):
        user_id = (row.get("user_id") or "").strip()
        team_id = (row.get("team_id") or "").strip()
        role = (row.get("role") or "").strip() or "member"
        active = (row.get("active") or "true").strip().lower()
        if not ID.match(user_id):
            errors.append(f"row {number}: user_id={user_id!r} is not a user id")
            continue
        if team_id and not ID.match(team_id):
            errors.append(f"row {number}: team_id={team_id!r} is not a team id")
            continue
        if role not in ROLES:
            errors.append(f"row {number}: role={role!r} must be one of {', '.join(ROLES)}")
            continue
        if active not in ("true", "false", "1", "0", "yes", "no"):
            errors.append(f"row {number}: active={active!r} must be true or false")
            continue
        person = people.setdefault(
            user_id,
            PersonInput(user_id, (row.get("name") or "").strip() or user_id),
        )
        person.email = (row.get("email") or "").strip() or person.email
        person.active = active in ("true", "1", "yes")
        if team_id:
            person.memberships.append((team_id, role))
    if errors:
        return 0, errors
    teams = {team for person in people.values() for team, _ in person.memberships}
    known = {t.id for t in await directory.teams(actor)}
    for team in sorted(teams - known):
        await directory.put_team(actor, team, team)
    for person in people.values():
        await directory.put_person(actor, person)
    return len(people), []
