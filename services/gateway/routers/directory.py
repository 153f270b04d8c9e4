"""/v1/directory: teams and people, which decide who reaches which clients (admins)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from clientflow.clients.v1 import clients_pb2
from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from services.common.errors import NotFound
from services.common.identity import Role
from services.common.protos import when
from services.gateway.deps import CurrentActor, Services
from services.gateway.directory import DirectoryResolver

router = APIRouter(prefix="/v1/directory", tags=["directory"])

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._@:-]{0,63}$"
DirectoryId = Annotated[str, Path(pattern=ID_PATTERN)]


class TeamIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200, examples=["华东团队 East"])


class TeamOut(BaseModel):
    id: str
    name: str
    updated_at: datetime | None


class MembershipBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    team_id: str = Field(pattern=ID_PATTERN)
    role: Literal["manager", "advisor", "member"]


class PersonIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    email: str = Field("", max_length=320)
    active: bool = True
    memberships: list[MembershipBody] = Field(default_factory=list, max_length=50)


class PersonOut(BaseModel):
    user_id: str
    name: str
    email: str
    active: bool
    memberships: list[MembershipBody]
    updated_at: datetime | None


class TeamList(BaseModel):
    items: list[TeamOut]


class PersonList(BaseModel):
    items: list[PersonOut]


def _team(t: clients_pb2.Team) -> TeamOut:
    return TeamOut(id=t.id, name=t.name, updated_at=when(t, "updated_at"))


def _person(p: clients_pb2.Person) -> PersonOut:
    return PersonOut(
        user_id=p.user_id,
        name=p.name,
        email=p.email,
        active=p.active,
        memberships=[MembershipBody(team_id=m.team_id, role=m.role) for m in p.memberships],
        updated_at=when(p, "updated_at"),
    )


@router.get("/teams", response_model=TeamList)
async def list_teams(services: Services) -> TeamList:
    """Every team."""
    reply = await services.directory.ListTeams(clients_pb2.ListTeamsRequest())
    return TeamList(items=[_team(t) for t in reply.teams])


@router.put("/teams/{team_id}", response_model=TeamOut)
async def put_team(team_id: DirectoryId, body: TeamIn, services: Services) -> TeamOut:
    """Create or rename a team (admins)."""
    reply = await services.directory.PutTeam(
        clients_pb2.PutTeamRequest(team=clients_pb2.Team(id=team_id, name=body.name)),
    )
    return _team(reply)


@router.get("/people", response_model=PersonList)
async def list_people(
    services: Services,
    team_id: str = Query("", max_length=64, description="Only this team's members"),
) -> PersonList:
    """Everyone (admins), or a team's members (admins and the team's managers)."""
    reply = await services.directory.ListPeople(clients_pb2.ListPeopleRequest(team_id=team_id))
    return PersonList(items=[_person(p) for p in reply.people])


class PersonName(BaseModel):
    user_id: str
    name: str
    active: bool


class NameList(BaseModel):
    items: list[PersonName]


@router.get("/names", response_model=NameList)
async def list_names(
    services: Services,
    team_id: str = Query("", max_length=64, description="Only this team's members"),
) -> NameList:
    """Everyone's name (any staff member): to show colleagues by name, not by id."""
    reply = await services.directory.ListPeople(
        clients_pb2.ListPeopleRequest(team_id=team_id, names_only=True)
    )
    return NameList(
        items=[PersonName(user_id=p.user_id, name=p.name, active=p.active) for p in reply.people]
    )


@router.get("/people/{user_id}", response_model=PersonOut)
async def get_person(user_id: DirectoryId, actor: CurrentActor, services: Services) -> PersonOut:
    """A person and their teams: admins, and each person themselves."""
    if user_id != actor.user_id and not actor.has(Role.ADMIN):
        raise NotFound(f"person {user_id} not found", field="user_id", value=user_id)
    reply = await services.directory.GetPerson(clients_pb2.GetPersonRequest(user_id=user_id))
    return _person(reply)


@router.put("/people/{user_id}", response_model=PersonOut)
async def put_person(
    user_id: DirectoryId,
    body: PersonIn,
    request: Request,
    services: Services,
) -> PersonOut:
    """Create or replace a person with their memberships (admins). `active: false` refuses
    the person's tokens from then on (someone who left)."""
    reply = await services.directory.PutPerson(
        clients_pb2.PutPersonRequest(
            person=clients_pb2.Person(
                user_id=user_id,
                name=body.name,
                email=body.email,
                active=body.active,
                memberships=[
                    clients_pb2.Membership(team_id=m.team_id, role=m.role) for m in body.memberships
                ],
            )
        ),
    )
    resolver: DirectoryResolver = request.app.state.directory
    resolver.forget(user_id)
    return _person(reply)


class DelegationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    delegate_id: str = Field(pattern=ID_PATTERN, examples=["adv-wang"])
    starts_on: date
    ends_on: date
    reason: str = Field("", max_length=500)


class DelegationOut(BaseModel):
    user_id: str
    delegate_id: str
    starts_on: date | None
    ends_on: date | None
    reason: str
    updated_by: str


class DelegationList(BaseModel):
    items: list[DelegationOut]


def _delegation(m: clients_pb2.Delegation) -> DelegationOut:
    return DelegationOut(
        user_id=m.user_id,
        delegate_id=m.delegate_id,
        starts_on=date.fromisoformat(m.starts_on) if m.starts_on else None,
        ends_on=date.fromisoformat(m.ends_on) if m.ends_on else None,
        reason=m.reason,
        updated_by=m.updated_by,
    )


@router.put("/people/{user_id}/delegation", response_model=DelegationOut)
async def set_delegation(
    user_id: DirectoryId, body: DelegationIn, services: Services
) -> DelegationOut:
    """Name a delegate between two dates (yourself, or an admin for anyone): they see and act
    on your tasks for you, recorded as theirs on your behalf."""
    reply = await services.directory.SetDelegation(
        clients_pb2.Delegation(
            user_id=user_id,
            delegate_id=body.delegate_id,
            starts_on=body.starts_on.isoformat(),
            ends_on=body.ends_on.isoformat(),
            reason=body.reason,
        )
    )
    return _delegation(reply)


@router.delete("/people/{user_id}/delegation", status_code=204)
async def end_delegation(user_id: DirectoryId, services: Services) -> None:
    """End the delegation now (yourself, or an admin)."""
    await services.directory.SetDelegation(clients_pb2.Delegation(user_id=user_id))


@router.get("/delegations", response_model=DelegationList)
async def list_delegations(
    services: Services,
    active_on: date | None = None,
    delegate_id: Annotated[str, Query(max_length=64)] = "",
) -> DelegationList:
    """The delegations (in force on a day, or naming a delegate)."""
    reply = await services.directory.ListDelegations(
        clients_pb2.ListDelegationsRequest(
            active_on=active_on.isoformat() if active_on else "", delegate_id=delegate_id
        )
    )
    return DelegationList(items=[_delegation(d) for d in reply.delegations])
