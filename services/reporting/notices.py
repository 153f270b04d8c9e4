"""Capital call and distribution notices: an investor's allocation of an approved event and
their capital account, read from the clients service, rendered (`notice_pdf.py`) and stored
once per (kind, investor, event date, process)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc

from services.common.errors import FailedPrecondition, InvalidArgument, PermissionDenied
from services.common.grpc_errors import from_rpc_error
from services.common.identity import SYSTEM_ACTOR, Actor, Role
from services.common.ids import parse_id
from services.reporting.models import Artifact
from services.reporting.notice_pdf import NoticeData, render_notice
from services.reporting.reports import ReportService, renderers

KINDS = {"call": "capital-call-notice", "distribution": "distribution-notice"}
DEFAULT_INSTRUCTIONS = {
    "zh-CN": "请按认购协议所列的基金募集账户汇款。",
    "en": "Please pay to the fund's subscription account named in your subscription agreement.",
}


class NoticeService(ReportService):
    async def render_notice(
        self,
        actor: Actor,
        funds: clients_pb2_grpc.FundsServiceStub | None,
        *,
        event_id: str,
        client_id: str,
        workflow_id: str,
        instructions: str = "",
    ) -> tuple[Artifact, bool]:
        if not actor.has(Role.SERVICE, Role.ADMIN):
            raise PermissionDenied("rendering notices needs the service or admin role")
        if funds is None:
            raise FailedPrecondition("this reporting service has no funds connection")
        parse_id("event_id", event_id, "a capital event id")
        client_key = parse_id("client_id", client_id, "a client id")
        if not workflow_id or len(workflow_id) > 300:
            raise InvalidArgument("workflow_id", workflow_id[:40], "must be 1-300 characters")
        metadata = SYSTEM_ACTOR.to_metadata()
        try:
            event = await funds.GetCapitalEvent(
                clients_pb2.GetCapitalEventRequest(id=event_id, client_id=client_id),
                metadata=metadata,
                timeout=10,
            )
        except grpc.RpcError as error:
            raise from_rpc_error(error) from None
        if event.status != "approved":
            raise FailedPrecondition(
                f"capital event {event_id} is {event.status}; notices are for approved ones",
                field="event_id",
                value=event_id,
            )
        kind = KINDS[event.kind]
        period = event.decided_on or datetime.now(UTC).date().isoformat()
        existing = await self._existing(kind, [client_key], period, workflow_id)
        if client_key in existing:
            return existing[client_key], False
        try:
            client = await self.clients.GetClient(
                clients_pb2.GetClientRequest(id=client_id), metadata=metadata, timeout=10
            )
            accounts = await funds.ListCapitalAccounts(
                clients_pb2.ListCapitalAccountsRequest(client_id=client_id),
                metadata=metadata,
                timeout=10,
            )
        except grpc.RpcError as error:
            raise from_rpc_error(error) from None
        locale = client.locale if client.locale in ("zh-CN", "en") else "zh-CN"
        account = next((a for a in accounts.accounts if a.fund_code == event.fund_code), None)
        [allocation] = event.allocations
        data = NoticeData(
            kind=event.kind,
            locale=locale,
            event_id=event.id,
            issued_on=period,
            client_name=client.name,
            fund_code=event.fund_code,
            fund_name=event.fund_name,
            currency=event.currency,
            amount=allocation.amount,
            due_on=event.due_on,
            purpose=event.purpose,
            distribution_kind=event.distribution_kind,
            payment_reference=allocation.payment_reference,
            payment_instructions=instructions or DEFAULT_INSTRUCTIONS[locale],
            commitment=account.commitment if account else "0",
            called=account.called if account else "0",
            uncalled=account.uncalled if account else "0",
            paid=account.paid if account else "0",
            distributed=account.distributed if account else "0",
        )
        content = await asyncio.get_running_loop().run_in_executor(
            renderers(), render_notice, data, self.brand
        )
        return await self.keep(kind, client_key, period, workflow_id, content)
