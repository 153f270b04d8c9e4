"""Who acts for whom today: the directory's delegations in force, read through the clients
service and kept a few seconds, so a delegate's task list costs no call per page."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc

from services.common.grpc_errors import from_rpc_error
from services.common.identity import SYSTEM_ACTOR

FIRM_ZONE = ZoneInfo("Asia/Shanghai")
KEEP_SECONDS = 10.0


class DelegationBook:
    def __init__(self, directory: clients_pb2_grpc.DirectoryServiceStub | None) -> None:
        self.directory = directory
        self._cached: tuple[float, str, dict[str, frozenset[str]]] | None = None

    async def delegators(self, delegate: str) -> frozenset[str]:
        """The people `delegate` acts for today."""
        if self.directory is None:
            return frozenset()
        today = datetime.now(UTC).astimezone(FIRM_ZONE).date().isoformat()
        now = time.monotonic()
        if self._cached is None or self._cached[0] < now or self._cached[1] != today:
            try:
                reply = await self.directory.ListDelegations(
                    clients_pb2.ListDelegationsRequest(active_on=today),
                    metadata=SYSTEM_ACTOR.to_metadata(),
                    timeout=5,
                )
            except grpc.RpcError as error:
                raise from_rpc_error(error) from None
            by_delegate: dict[str, set[str]] = {}
            for d in reply.delegations:
                by_delegate.setdefault(d.delegate_id, set()).add(d.user_id)
            table = {k: frozenset(v) for k, v in by_delegate.items()}
            self._cached = (now + KEEP_SECONDS, today, table)
        return self._cached[2].get(delegate, frozenset())

    def forget(self) -> None:
        self._cached = None
