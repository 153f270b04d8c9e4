"""Who a caller is in the directory: their teams and whether they are still active.

The token says who someone is; the directory says what they may reach. Every request's actor
is resolved here (cached for `ttl` seconds): a person the directory marks inactive is
refused, a manager's scope becomes the teams they manage, and their home team the one their
token names if the directory agrees (else their first team). A person the directory does not
know acts with the role and team their token carries.
"""

from __future__ import annotations

import time
from dataclasses import replace

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc

from services.common.errors import NotFound, Unauthenticated
from services.common.grpc_errors import from_rpc_error
from services.common.identity import Actor

MAX_CACHED = 10_000


class DirectoryResolver:
    def __init__(self, directory: clients_pb2_grpc.DirectoryServiceStub, ttl: float) -> None:
        self.directory = directory
        self.ttl = ttl
        self._cache: dict[str, tuple[float, clients_pb2.Person | None]] = {}

    async def resolve(self, actor: Actor) -> Actor:
        """The actor with the directory's teams; Unauthenticated when deactivated."""
        person = await self._person(actor)
        if person is None:
            return actor
        if not person.active:
            raise Unauthenticated(f"user {actor.user_id} is deactivated in the directory")
        teams = [m.team_id for m in person.memberships]
        managed = frozenset(m.team_id for m in person.memberships if m.role == "manager")
        home = actor.team_id if actor.team_id in teams else (teams[0] if teams else None)
        return replace(actor, team_id=home, managed=managed)

    async def _person(self, actor: Actor) -> clients_pb2.Person | None:
        now = time.monotonic()
        cached = self._cache.get(actor.user_id)
        if cached is not None and cached[0] > now:
            return cached[1]
        try:
            person: clients_pb2.Person | None = await self.directory.GetPerson(
                clients_pb2.GetPersonRequest(user_id=actor.user_id),
                metadata=actor.to_metadata(),
                timeout=5,
            )
        except grpc.RpcError as error:
            failure = from_rpc_error(error)
            if not isinstance(failure, NotFound):
                raise failure from None
            person = None
        if len(self._cache) >= MAX_CACHED:
            self._cache.clear()
        self._cache[actor.user_id] = (now + self.ttl, person)
        return person

    def forget(self, user_id: str) -> None:
        """Drop a cached person (after the directory changed them here)."""
        self._cache.pop(user_id, None)
