"""Who manages each team, for escalations and alerts: the directory's managers (refreshed in
the background), over CLIENTFLOW_TEAM_MANAGERS for teams the directory does not know."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc

from services.common.identity import SYSTEM_ACTOR
from services.workflows.settings import ProcessDefaults

log = logging.getLogger(__name__)
REFRESH_SECONDS = 60.0


class TeamManagers:
    """Keeps `defaults.team_managers` (what process starts read) in step with the directory."""

    def __init__(
        self, directory: clients_pb2_grpc.DirectoryServiceStub, defaults: ProcessDefaults
    ) -> None:
        self.directory = directory
        self.defaults = defaults
        self.configured = dict(defaults.team_managers)
        self._task: asyncio.Task[None] | None = None

    async def refresh(self) -> dict[str, str]:
        """Read the directory once; the first active manager of each team (by user id)."""
        reply = await self.directory.ListPeople(
            clients_pb2.ListPeopleRequest(), metadata=SYSTEM_ACTOR.to_metadata(), timeout=10
        )
        found: dict[str, str] = {}
        for person in sorted(reply.people, key=lambda p: p.user_id):
            if not person.active:
                continue
            for membership in person.memberships:
                if membership.role == "manager":
                    found.setdefault(membership.team_id, person.user_id)
        self.defaults.team_managers.clear()
        self.defaults.team_managers.update({**self.configured, **found})
        return found

    def start(self) -> None:
        self._task = asyncio.ensure_future(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            try:
                await self.refresh()
            except grpc.RpcError as error:
                log.warning("directory not readable for team managers: %s", error.code())
            await asyncio.sleep(REFRESH_SECONDS)
