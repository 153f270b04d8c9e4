"""gRPC adapters of the directory (teams and people) and the access log."""

from __future__ import annotations

from typing import TypeAlias

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc

from services.clients import access_log
from services.clients.access_log import AccessEntry
from services.clients.delegation import Delegation, Delegations
from services.clients.directory import DirectoryService, PersonInput, PersonRecord, TeamRecord
from services.clients.portal import PortalSignIns
from services.clients.service import ClientService
from services.common.db import current_session
from services.common.errors import InvalidArgument
from services.common.internal_auth import current_actor
from services.common.protos import ts

Ctx: TypeAlias = grpc.aio.ServicerContext


def person_to_proto(record: PersonRecord) -> clients_pb2.Person:
    return clients_pb2.Person(
        user_id=record.user_id,
        name=record.name,
        email=record.email,
        active=record.active,
        memberships=[
            clients_pb2.Membership(team_id=team, role=role) for team, role in record.memberships
        ],
        updated_at=ts(record.updated_at),
    )


def team_to_proto(record: TeamRecord) -> clients_pb2.Team:
    return clients_pb2.Team(id=record.id, name=record.name, updated_at=ts(record.updated_at))


def delegation_to_proto(row: Delegation) -> clients_pb2.Delegation:
    return clients_pb2.Delegation(
        user_id=row.user_id,
        delegate_id=row.delegate_id,
        starts_on=row.starts_on.isoformat(),
        ends_on=row.ends_on.isoformat(),
        reason=row.reason,
        updated_by=row.updated_by,
    )


class DirectoryServicer(clients_pb2_grpc.DirectoryServiceServicer):
    async def SetDelegation(
        self, request: clients_pb2.Delegation, context: Ctx
    ) -> clients_pb2.Delegation:
        row = await Delegations(current_session()).set(
            current_actor(),
            request.user_id,
            request.delegate_id,
            request.starts_on,
            request.ends_on,
            request.reason,
        )
        return delegation_to_proto(row) if row else clients_pb2.Delegation(user_id=request.user_id)

    async def ListDelegations(
        self, request: clients_pb2.ListDelegationsRequest, context: Ctx
    ) -> clients_pb2.ListDelegationsResponse:
        rows = await Delegations(current_session()).listed(
            current_actor(), request.active_on, request.delegate_id
        )
        return clients_pb2.ListDelegationsResponse(
            delegations=[delegation_to_proto(r) for r in rows]
        )

    async def PutTeam(self, request: clients_pb2.PutTeamRequest, context: Ctx) -> clients_pb2.Team:
        record = await DirectoryService(current_session()).put_team(
            current_actor(), request.team.id, request.team.name
        )
        return team_to_proto(record)

    async def ListTeams(
        self, request: clients_pb2.ListTeamsRequest, context: Ctx
    ) -> clients_pb2.ListTeamsResponse:
        records = await DirectoryService(current_session()).teams(current_actor())
        return clients_pb2.ListTeamsResponse(teams=[team_to_proto(r) for r in records])

    async def PutPerson(
        self, request: clients_pb2.PutPersonRequest, context: Ctx
    ) -> clients_pb2.Person:
        p = request.person
        record = await DirectoryService(current_session()).put_person(
            current_actor(),
            PersonInput(
                user_id=p.user_id,
                name=p.name,
                email=p.email,
                active=p.active,
                memberships=[(m.team_id, m.role) for m in p.memberships],
            ),
        )
        return person_to_proto(record)

    async def GetPerson(
        self, request: clients_pb2.GetPersonRequest, context: Ctx
    ) -> clients_pb2.Person:
        record = await DirectoryService(current_session()).get_person(
            current_actor(), request.user_id
        )
        return person_to_proto(record)

    async def ListPeople(
        self, request: clients_pb2.ListPeopleRequest, context: Ctx
    ) -> clients_pb2.ListPeopleResponse:
        directory = DirectoryService(current_session())
        if request.names_only:
            records = await directory.names(current_actor(), request.team_id)
        else:
            records = await directory.people(current_actor(), request.team_id)
        return clients_pb2.ListPeopleResponse(people=[person_to_proto(r) for r in records])


class AccessLogServicer(clients_pb2_grpc.AccessLogServiceServicer):
    async def ListAccess(
        self, request: clients_pb2.ListAccessRequest, context: Ctx
    ) -> clients_pb2.ListAccessResponse:
        rows, token = await access_log.page(
            current_session(),
            current_actor(),
            client_id=request.client_id,
            user_id=request.user_id,
            size=request.page_size,
            token=request.page_token,
        )
        return clients_pb2.ListAccessResponse(
            entries=[_access_to_proto(row) for row in rows], next_page_token=token
        )

    async def RecordAccess(
        self, request: clients_pb2.RecordAccessRequest, context: Ctx
    ) -> clients_pb2.AccessRecord:
        actor = current_actor()
        if request.what not in access_log.WHAT:
            raise InvalidArgument(
                "what", request.what, f"must be one of {', '.join(access_log.WHAT)}"
            )
        client = await ClientService(current_session()).get(actor, request.client_id)
        await access_log.record(current_session(), actor, client.id, request.what)
        return clients_pb2.AccessRecord(
            actor_id=actor.user_id, client_id=str(client.id), what=request.what
        )


def _access_to_proto(row: AccessEntry) -> clients_pb2.AccessRecord:
    return clients_pb2.AccessRecord(
        id=row.id,
        at=ts(row.at),
        actor_id=row.actor_id,
        client_id=str(row.client_id),
        what=row.what,
    )


class PortalSignInServicer(clients_pb2_grpc.PortalSignInServiceServicer):
    async def StartSignIn(
        self, request: clients_pb2.StartSignInRequest, context: Ctx
    ) -> clients_pb2.StartSignInResponse:
        issued = await PortalSignIns(current_session()).start(current_actor(), request.address)
        reply = clients_pb2.StartSignInResponse(
            client_id=issued.client_id,
            sign_in_id=issued.sign_in_id,
            code=issued.code,
            link_token=issued.link_token,
            channel=issued.channel,
            refused=issued.refused,
        )
        if issued.expires_at is not None:
            reply.expires_at.FromDatetime(issued.expires_at)
        return reply

    async def RedeemSignIn(
        self, request: clients_pb2.RedeemSignInRequest, context: Ctx
    ) -> clients_pb2.RedeemSignInResponse:
        client = await PortalSignIns(current_session()).redeem(
            current_actor(),
            link_token=request.link_token,
            address=request.address,
            code=request.code,
        )
        return clients_pb2.RedeemSignInResponse(
            client_id=str(client.id),
            name=client.name,
            locale=client.locale or "",
            timezone=client.timezone or "",
        )
