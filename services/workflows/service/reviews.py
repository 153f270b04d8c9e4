"""The January annual reviews on the workflows service's side: one page of CORE and
STRATEGIC clients at a time, an `annual-review/{client}/{year}` started for each with
REJECT_DUPLICATE, so a page scanned again (a retried activity, a kickoff run twice) starts
nothing twice."""

from __future__ import annotations

from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from temporalio.client import Client

from services.common.errors import InvalidArgument, PermissionDenied
from services.common.identity import Actor, Role
from services.workflows.service.starts import StartCounts, start_for_page
from services.workflows.settings import ProcessDefaults
from services.workflows.worker.processes import annual_review

REVIEWED_STAGES = ["ACTIVE", "GROWING", "DECLINING"]


class AnnualReviewStarter:
    def __init__(
        self,
        temporal: Client,
        clients: clients_pb2_grpc.ClientsServiceStub,
        defaults: ProcessDefaults,
        *,
        task_queue: str,
    ) -> None:
        self.temporal = temporal
        self.clients = clients
        self.defaults = defaults
        self.task_queue = task_queue

    async def start_page(self, actor: Actor, year: int, token: str, size: int) -> StartCounts:
        if not actor.has(Role.SERVICE, Role.ADMIN):
            raise PermissionDenied("starting annual reviews needs the service or admin role")
        if not 2000 <= year <= 2100:
            raise InvalidArgument("year", year, "must be between 2000 and 2100")
        if not 1 <= size <= 200:
            raise InvalidArgument("page_size", size, "must be between 1 and 200")
        return await start_for_page(
            self.temporal,
            self.clients,
            clients_pb2.ListClientsRequest(
                filter=clients_pb2.ClientFilter(
                    tiers=list(annual_review.TIERS), stages=REVIEWED_STAGES
                ),
                page_size=size,
                page_token=token,
            ),
            annual_review.KIND,
            lambda _client: {"year": str(year)},
            defaults=self.defaults,
            task_queue=self.task_queue,
        )
