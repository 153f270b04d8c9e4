"""Activities of the capital event process: the event's investors, who still owes money, and
one investor's message of a stage (the notice with its PDF, a reminder, an overdue notice).
Thin gRPC calls: the reporting service makes each notice once per (event, investor, process)
and the notifications service sends each key once, so a retry never sends twice."""

from __future__ import annotations

from decimal import Decimal

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from clientflow.notifications.v1 import notifications_pb2, notifications_pb2_grpc
from clientflow.reporting.v1 import reporting_pb2, reporting_pb2_grpc
from google.protobuf.struct_pb2 import Struct
from temporalio import activity

from services.common.errors import ErrorCode
from services.common.grpc_errors import from_rpc_error
from services.common.identity import SYSTEM_ACTOR
from services.workflows.worker.activities.capital_types import (
    DELIVER_CAPITAL_NOTICE,
    LIST_EVENT_INVESTORS,
    LIST_UNPAID,
    InvestorPage,
    InvestorPageRequest,
    NoticeDelivery,
    Unpaid,
    UnpaidList,
)
from services.workflows.worker.activities.errors import raise_activity_error
from services.workflows.worker.activities.types import ReportDeliveryOutcome

GONE = (ErrorCode.NOT_FOUND, ErrorCode.INVALID_ARGUMENT, ErrorCode.FAILED_PRECONDITION)


class CapitalActivities:
    def __init__(
        self,
        funds: clients_pb2_grpc.FundsServiceStub,
        reporting: reporting_pb2_grpc.ReportingServiceStub,
        notifications: notifications_pb2_grpc.NotificationsServiceStub,
    ) -> None:
        self.funds = funds
        self.reporting = reporting
        self.notifications = notifications

    async def _event(self, event_id: str, client_id: str = "") -> clients_pb2.CapitalEvent:
        try:
            event: clients_pb2.CapitalEvent = await self.funds.GetCapitalEvent(
                clients_pb2.GetCapitalEventRequest(id=event_id, client_id=client_id),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=60,
            )
        except grpc.RpcError as error:
            raise_activity_error(error)
        return event

    @activity.defn(name=LIST_EVENT_INVESTORS)
    async def list_event_investors(self, request: InvestorPageRequest) -> InvestorPage:
        event = await self._event(request.event_id)
        start = int(request.page_token or "0")
        end = min(start + request.page_size, len(event.allocations))
        return InvestorPage(
            client_ids=tuple(a.client_id for a in event.allocations[start:end]),
            next_page_token=str(end) if end < len(event.allocations) else "",
        )

    @activity.defn(name=LIST_UNPAID)
    async def list_unpaid(self, request: InvestorPageRequest) -> UnpaidList:
        event = await self._event(request.event_id)
        owing = [
            Unpaid(a.client_id, str(Decimal(a.amount) - Decimal(a.paid)))
            for a in event.allocations
            if Decimal(a.paid) < Decimal(a.amount)
        ]
        total = sum((Decimal(u.outstanding) for u in owing), Decimal(0))
        return UnpaidList(tuple(owing), str(total))

    @activity.defn(name=DELIVER_CAPITAL_NOTICE)
    async def deliver_notice(self, request: NoticeDelivery) -> ReportDeliveryOutcome:
        """An investor who cannot get the message (gone, no address) is an outcome the
        summary reports, not an error."""
        attachments: list[str] = []
        try:
            event = await self._event(request.event_id, request.client_id)
            if request.stage == "notice":
                artifact = await self.reporting.RenderCapitalNotice(
                    reporting_pb2.RenderCapitalNoticeRequest(
                        event_id=request.event_id,
                        client_id=request.client_id,
                        workflow_id=request.workflow_id,
                    ),
                    metadata=SYSTEM_ACTOR.to_metadata(),
                    timeout=120,
                )
                attachments.append(artifact.id)
        except grpc.RpcError as error:
            failure = from_rpc_error(error)
            if failure.code in GONE:
                return ReportDeliveryOutcome(request.client_id, "", "", "failed", failure.message)
            raise_activity_error(error)
        [allocation] = event.allocations
        outstanding = Decimal(allocation.amount) - Decimal(allocation.paid)
        if request.stage != "notice" and outstanding <= 0:
            return ReportDeliveryOutcome(request.client_id, "", "", "paid", "paid meanwhile")
        variables = Struct()
        variables.update(
            {
                "fund": event.fund_name or event.fund_code,
                "amount": allocation.amount,
                "outstanding": str(outstanding),
                "currency": event.currency,
                "due_on": event.due_on,
                "reference": allocation.payment_reference,
            }
        )
        try:
            delivery = await self.notifications.Send(
                notifications_pb2.SendRequest(
                    idempotency_key=request.idempotency_key(),
                    client_id=request.client_id,
                    template_key=request.template_key,
                    variables=variables,
                    category="service",
                    attachment_artifact_ids=attachments,
                    channel="email",
                    workflow_id=request.workflow_id,
                ),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=120,
            )
        except grpc.RpcError as error:
            failure = from_rpc_error(error)
            if failure.code in GONE:
                return ReportDeliveryOutcome(
                    request.client_id, ",".join(attachments), "", "failed", failure.message
                )
            raise_activity_error(error)
        return ReportDeliveryOutcome(
            request.client_id,
            ",".join(attachments),
            delivery.id,
            delivery.status,
            delivery.reason,
        )


__all__ = ["CapitalActivities"]
