"""What a matched rule does — start a process once per client and period, signal the
client's running process, or send a notification under an idempotency key — and the reads
every trigger path shares (the enabled rules, the client, every client page by page)."""

from __future__ import annotations

import contextlib
import json
import logging
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from clientflow.notifications.v1 import notifications_pb2, notifications_pb2_grpc
from google.protobuf.struct_pb2 import Struct
from sqlalchemy.ext.asyncio import AsyncSession
from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode

from services.common.grpc_errors import from_rpc_error
from services.common.identity import SYSTEM_ACTOR, Actor
from services.common.temporal import CLIENT_ID, PROCESS_KIND
from services.workflows.contract import MEETING_UID_SUFFIX
from services.workflows.service.automation.payloads import new_value
from services.workflows.service.models import Event, Rule
from services.workflows.service.repository import RuleRepository
from services.workflows.service.rules import rule_workflow_id
from services.workflows.service.starts import start_once
from services.workflows.settings import ProcessDefaults
from services.workflows.worker.processes import service_request
from services.workflows.worker.processes.registry import PROCESS_KINDS

log = logging.getLogger(__name__)


@dataclass
class Firing:
    rule_id: str
    rule_name: str
    outcome: str
    workflow_id: str = ""
    detail: str = ""


class RuleActions:
    """The session, Temporal and the service stubs the trigger paths share."""

    def __init__(
        self,
        session: AsyncSession,
        temporal: Client | None = None,
        clients: clients_pb2_grpc.ClientsServiceStub | None = None,
        notifications: notifications_pb2_grpc.NotificationsServiceStub | None = None,
        *,
        task_queue: str = "",
        defaults: ProcessDefaults | None = None,
        directory: clients_pb2_grpc.DirectoryServiceStub | None = None,
        custom_records: clients_pb2_grpc.CustomRecordsServiceStub | None = None,
    ) -> None:
        self.session = session
        self.custom_records = custom_records
        self.directory = directory
        self.temporal = temporal
        self.clients = clients
        self.notifications = notifications
        self.task_queue = task_queue
        self.defaults = defaults or ProcessDefaults()

    async def client(self, client_id: str, actor: Actor = SYSTEM_ACTOR) -> clients_pb2.Client:
        assert self.clients is not None
        try:
            client: clients_pb2.Client = await self.clients.GetClient(
                clients_pb2.GetClientRequest(id=client_id),
                metadata=actor.to_metadata(),
                timeout=10,
            )
        except grpc.RpcError as error:
            raise from_rpc_error(error) from None
        return client

    async def act(self, rule: Rule, client: clients_pb2.Client, event: Event, key: str) -> Firing:
        firing = Firing(str(rule.id), rule.name, "error")
        assert self.temporal is not None
        if rule.action == "start_process":
            once = PROCESS_KINDS[rule.target].once_per_client
            try:
                firing.workflow_id, started = await start_once(
                    self.temporal,
                    rule.target,
                    client,
                    start_parameters(rule, event),
                    defaults=self.defaults,
                    task_queue=self.task_queue,
                    workflow_id=None if once else rule_workflow_id(rule, client.id, key),
                )
            except ValueError as error:
                firing.detail = str(error)
                return firing
            if not started:
                firing.outcome, firing.detail = "already_fired", f"period {key}"
                return firing
            firing.outcome = "started"
            return firing
        if rule.action == "signal_process":
            return await self.signal(rule, client, event, firing)
        assert self.notifications is not None
        variables = Struct()
        variables.update(
            {
                **rule.parameters,
                "client_name": client.name,
                "event_type": event.type,
                **await self.record_variables(event),
            }
        )
        try:
            delivery = await self.notifications.Send(
                notifications_pb2.SendRequest(
                    idempotency_key=f"rule/{rule.id}/{client.id}/{key}",
                    client_id=client.id,
                    template_key=rule.target,
                    variables=variables,
                    category=rule.parameters.get("category", "service"),
                ),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=30,
            )
        except grpc.RpcError as error:
            firing.detail = from_rpc_error(error).message
            return firing
        firing.outcome = "already_fired" if delivery.replayed else "notified"
        firing.detail = f"delivery {delivery.id}: {delivery.status}"
        return firing

    async def signal(
        self, rule: Rule, client: clients_pb2.Client, event: Event, firing: Firing
    ) -> Firing:
        """Signal the client's running process: `{target}/{client}`, or, when the target is
        a process kind, every running process of that kind for the client (found through
        visibility on ProcessKind and ClientId; e.g. a reactivation's id has its episode)."""
        assert self.temporal is not None
        if rule.target in PROCESS_KINDS:
            query = (
                f"{PROCESS_KIND.name} = '{rule.target}' AND {CLIENT_ID.name} = '{client.id}' "
                "AND ExecutionStatus = 'Running'"
            )
            ids = [execution.id async for execution in self.temporal.list_workflows(query)]
        else:
            ids = [f"{rule.target}/{client.id}"]
        signalled = []
        for workflow_id in ids:
            try:
                await self.temporal.get_workflow_handle(workflow_id).signal(
                    rule.parameters.get("signal", "event"),
                    {"event_id": event.event_id, "type": event.type, "payload": event.payload},
                )
            except RPCError as error:
                if error.status is not RPCStatusCode.NOT_FOUND:
                    raise
                continue
            signalled.append(workflow_id)
        if not signalled:
            firing.outcome, firing.detail = "not_matched", f"no running {rule.target} process"
            return firing
        firing.workflow_id = ",".join(signalled)[:300]
        firing.outcome = "signalled"
        return firing

    async def latest_record_dates(self, date_field: str) -> dict[str, date]:
        """Client id -> the latest date of `records.<type>.<field>` among its records (a
        type or field there is not: none)."""
        _, kind, field = date_field.split(".", 2)
        if self.custom_records is None:
            return {}
        found: dict[str, date] = {}
        call = self.custom_records.LatestRecordDates(
            clients_pb2.LatestRecordDatesRequest(type=kind, field=field),
            metadata=SYSTEM_ACTOR.to_metadata(),
            timeout=120,
        )
        try:
            async for item in call:
                with contextlib.suppress(ValueError):
                    found[item.client_id] = date.fromisoformat(item.date)
        except grpc.RpcError as error:
            if error.code() not in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.INVALID_ARGUMENT):
                raise
        return found

    async def record_variables(self, event: Event) -> dict[str, Any]:
        """A record event's record for a template: `record` (its fields as read now, the
        computed ones too; money as {amount, currency}), `record_title`, `record_type`."""
        payload = event.payload or {}
        kind, record_id = payload.get("record_type"), payload.get("record_id")
        if self.custom_records is None or not kind or not record_id:
            return {}
        try:
            found = await self.custom_records.GetRecord(
                clients_pb2.GetRecordRequest(type=str(kind), id=str(record_id)),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=10,
            )
        except grpc.RpcError as error:
            if error.code() is not grpc.StatusCode.NOT_FOUND:
                raise
            return {}
        return {
            "record": json.loads(found.fields_json or "{}"),
            "record_title": found.title,
            "record_type": found.type,
        }

    async def wake_record_waits(self, client_id: str, payload: dict[str, Any]) -> int:
        """A record.changed wakes the client's running definition runs: one waiting on that
        record's field reads it again (the others ignore the signal). Best effort — a wait
        also reads the record again on its own schedule."""
        record_id = str(payload.get("record_id") or "")
        if self.temporal is None or not record_id:
            return 0
        query = (
            f"{PROCESS_KIND.name} = 'definition' AND {CLIENT_ID.name} = '{client_id}' "
            "AND ExecutionStatus = 'Running'"
        )
        woken = 0
        try:
            async for execution in self.temporal.list_workflows(query, limit=100):
                handle = self.temporal.get_workflow_handle(execution.id)
                with contextlib.suppress(RPCError):
                    await handle.signal("definition_signal", f"record:{record_id}")
                    woken += 1
        except RPCError as error:
            log.warning("record.changed of %s woke no process: %s", record_id, error)
        return woken

    async def answer_meeting(self, client_id: str, payload: dict[str, Any]) -> bool:
        """A client's calendar answered an invitation (`meeting.reply`): the process its UID
        names hears it — only a running process of that same client. Best effort."""
        uid = str(new_value(payload, "uid") or "")
        partstat = str(new_value(payload, "partstat") or "")
        workflow_id = (
            uid.removesuffix(MEETING_UID_SUFFIX) if uid.endswith(MEETING_UID_SUFFIX) else ""
        )
        if self.temporal is None or not workflow_id or not partstat:
            return False
        handle = self.temporal.get_workflow_handle(workflow_id)
        try:
            described = await handle.describe()
            if described.typed_search_attributes.get(CLIENT_ID) != client_id:
                return False
            await handle.signal("meeting_reply", {"partstat": partstat})
        except RPCError as error:  # gone, finished or never ours: the timeline keeps it
            log.info("meeting reply for %s not delivered: %s", workflow_id, error)
            return False
        return True

    async def enabled_rules(self, trigger: str, event_type: str | None = None) -> list[Rule]:
        return await RuleRepository(self.session).enabled(trigger, event_type)

    async def all_clients(self, actor: Actor) -> Any:
        assert self.clients is not None
        token = ""
        while True:
            try:
                page = await self.clients.ListClients(
                    clients_pb2.ListClientsRequest(page_size=200, page_token=token),
                    metadata=actor.to_metadata(),
                    timeout=30,
                )
            except grpc.RpcError as error:
                raise from_rpc_error(error) from None
            for client in page.clients:
                yield client
            token = page.next_page_token
            if not token:
                return


REQUEST_NAMESPACE = uuid.UUID("5b0e6f7a-2c4d-4e8f-9a1b-3c5d7e9f1a2b")


def start_parameters(rule: Rule, event: Event) -> dict[str, str]:
    """What a rule starts its process with. A client request published as an event carries
    its own type, subject and fields in the payload (a rule may fix the type); its id comes
    from the event id, so a re-published event is the same request."""
    if rule.target != service_request.KIND:
        return dict(rule.parameters)
    payload = event.payload or {}
    fields = payload.get("fields", {})
    return {
        **rule.parameters,
        "type": rule.parameters.get("type") or str(payload.get("type", "")),
        "subject": str(payload.get("subject", ""))[:200],
        "fields": json.dumps(fields if isinstance(fields, dict) else {}, ensure_ascii=False),
        "channel": "event",
        "created_by": (event.published_by or "")[:64],
        "request_id": str(uuid.uuid5(REQUEST_NAMESPACE, event.event_id)),
    }
