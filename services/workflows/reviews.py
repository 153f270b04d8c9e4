"""The January annual reviews on the workflows service's side: one page of CORE and
STRATEGIC clients at a time, an `annual-review/{client}/{year}` started for each with
REJECT_DUPLICATE, so a page scanned again (a retried activity, a kickoff run twice) starts
nothing twice."""

from __future__ import annotations

from dataclasses import dataclass

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from temporalio.client import Client
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError

from services.common.config import ProcessDefaults
from services.common.errors import InvalidArgument, PermissionDenied
from services.common.grpc_errors import from_rpc_error
from services.common.identity import SYSTEM_ACTOR, Actor, Role
from services.common.temporal import process_search_attributes
from services.workflows.processes import annual_review
from services.workflows.service import with_defaults

REVIEWED_STAGES = ["ACTIVE", "GROWING", "DECLINING"]


@dataclass
class StartCounts:
    scanned: int = 0
    started: int = 0
    already_started: int = 0
    errors: int = 0
    next_page_token: str = ""


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

    async def start_page(
        self, actor: Actor | None, year: int, token: str, size: int
    ) -> StartCounts:
        if actor is None or not actor.has(Role.SERVICE, Role.ADMIN):
            raise PermissionDenied("starting annual reviews needs the service or admin role")
        if not 2000 <= year <= 2100:
            raise InvalidArgument("year", year, "must be between 2000 and 2100")
        if not 1 <= size <= 200:
            raise InvalidArgument("page_size", size, "must be between 1 and 200")
        try:
            page = await self.clients.ListClients(
                clients_pb2.ListClientsRequest(
                    filter=clients_pb2.ClientFilter(
                        tiers=list(annual_review.TIERS), stages=REVIEWED_STAGES
                    ),
                    page_size=size,
                    page_token=token,
                ),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=60,
            )
        except grpc.RpcError as error:
            raise from_rpc_error(error) from None
        counts = StartCounts(next_page_token=page.next_page_token)
        for client in page.clients:
            counts.scanned += 1
            params = with_defaults(self.defaults, client, {"year": str(year)})
            try:
                await self.temporal.start_workflow(
                    "AnnualReview",
                    annual_review.make_input(client, params),
                    id=annual_review.annual_review_workflow_id(client.id, year),
                    task_queue=self.task_queue,
                    id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
                    id_conflict_policy=WorkflowIDConflictPolicy.FAIL,
                    search_attributes=process_search_attributes(client, annual_review.KIND),
                )
            except WorkflowAlreadyStartedError:
                counts.already_started += 1
                continue
            except ValueError:
                counts.errors += 1
                continue
            counts.started += 1
        return counts
