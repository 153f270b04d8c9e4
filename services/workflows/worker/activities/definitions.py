"""Activities of the definition interpreter: who approves (the directory), a condition over
the client (CEL, evaluated here so the workflow only records the answer), data actions on
the client record (as the process), a template to the client or to staff, a client's date."""

from __future__ import annotations

import json
from typing import Any

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from clientflow.notifications.v1 import notifications_pb2, notifications_pb2_grpc
from clientflow.workflows.v1 import workflows_pb2, workflows_pb2_grpc
from google.protobuf.struct_pb2 import Struct
from temporalio import activity
from temporalio.exceptions import ApplicationError

from services.common.identity import SYSTEM_ACTOR, Actor, Role
from services.workflows.service.automation.record_updates import (
    field_update,
    parameter_value,
    tag_update,
)
from services.workflows.service.conditions import client_facts, compile_condition, evaluate
from services.workflows.service.date_rules import client_date
from services.workflows.worker.activities.definition_types import (
    CLIENT_DATE,
    EVALUATE_CONDITION,
    PROCESS_COMPLETED,
    PUBLISHED_DEFINITION,
    RECORD_FIELD,
    RESOLVE_APPROVERS,
    SEND_TEMPLATE,
    START_DEFINITION_PAGE,
    UPDATE_RECORD,
    ApproversRequest,
    ClientDateRequest,
    ConditionRequest,
    DefinitionPage,
    DefinitionPageResult,
    ProcessCompleted,
    PublishedDefinition,
    RecordFieldRequest,
    RecordUpdate,
    TemplateSend,
)

# Roles that work across the firm: their approvers are everyone with the role.
FIRM_WIDE = ("partner", "accountant", "admin", "service")


def _actor(workflow_id: str) -> Actor:
    """A definition's changes are audited as the process, with the run as their cause."""
    return Actor(
        user_id="process:Definition", roles=frozenset({Role.SERVICE}), cause=workflow_id[:200]
    )


class DefinitionActivities:
    def __init__(
        self,
        clients: clients_pb2_grpc.ClientsServiceStub,
        directory: clients_pb2_grpc.DirectoryServiceStub,
        notifications: notifications_pb2_grpc.NotificationsServiceStub,
        triggers: workflows_pb2_grpc.TriggersServiceStub,
        definitions: workflows_pb2_grpc.DefinitionsServiceStub | None = None,
        custom_records: clients_pb2_grpc.CustomRecordsServiceStub | None = None,
    ) -> None:
        self.clients = clients
        self.directory = directory
        self.notifications = notifications
        self.triggers = triggers
        self.definitions = definitions
        self.custom_records = custom_records

    async def _client(self, client_id: str, actor: Actor = SYSTEM_ACTOR) -> clients_pb2.Client:
        client: clients_pb2.Client = await self.clients.GetClient(
            clients_pb2.GetClientRequest(id=client_id), metadata=actor.to_metadata(), timeout=10
        )
        return client

    @activity.defn(name=RESOLVE_APPROVERS)
    async def resolve_approvers(self, request: ApproversRequest) -> list[str]:
        """Active people with the role: firm-wide roles anywhere, others in the team."""
        reply = await self.directory.ListPeople(
            clients_pb2.ListPeopleRequest(), metadata=SYSTEM_ACTOR.to_metadata(), timeout=10
        )
        return sorted(
            p.user_id
            for p in reply.people
            if p.active
            and any(
                m.role == request.role
                and (request.role in FIRM_WIDE or m.team_id == request.team_id)
                for m in p.memberships
            )
        )

    @activity.defn(name=EVALUATE_CONDITION)
    async def evaluate_condition(self, request: ConditionRequest) -> bool:
        client = await self._client(request.client_id)
        process: dict[str, Any] = json.loads(request.process_json)
        return evaluate(
            compile_condition(request.expression),
            {"type": "process", "client_id": client.id, "payload": process},
            client_facts(client),
            process=process,
        )

    async def _change_record(self, action: dict[str, Any], actor: Any) -> int:
        """An update_record action: the fields of the record an earlier node made (none
        when that node has not run: the workflow leaves `record_id` empty)."""
        if not action.get("record_id"):
            return 0
        assert self.custom_records is not None
        await self.custom_records.UpdateRecord(
            clients_pb2.UpdateRecordRequest(
                type=action["target"],
                id=action["record_id"],
                fields_json=json.dumps(action.get("parameters") or {}, ensure_ascii=False),
            ),
            metadata=actor.to_metadata(),
            timeout=10,
        )
        return 1

    @activity.defn(name=RECORD_FIELD)
    async def record_field(self, request: RecordFieldRequest) -> str:
        """A record's field as text (a money field's amount); "" when it has none, or the
        record is gone."""
        assert self.custom_records is not None
        try:
            found = await self.custom_records.GetRecord(
                clients_pb2.GetRecordRequest(type=request.type, id=request.record_id),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=10,
            )
        except grpc.RpcError as error:
            if error.code() in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.INVALID_ARGUMENT):
                return ""
            raise
        value = json.loads(found.fields_json or "{}").get(request.field)
        if isinstance(value, dict):
            value = value.get("amount")
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    @activity.defn(name=UPDATE_RECORD)
    async def update_record(self, request: RecordUpdate) -> int:
        """Apply the data actions in order; how many changed something."""
        actor = _actor(request.workflow_id)
        changed = 0
        for index, action in enumerate(json.loads(request.actions_json)):
            kind, target = action["kind"], action["target"]
            if kind == "update_record":
                changed += await self._change_record(action, actor)
                continue
            if kind == "create_record":
                assert self.custom_records is not None
                await self.custom_records.CreateRecord(
                    clients_pb2.CreateRecordRequest(
                        type=target,
                        client_id=request.client_id,
                        fields_json=json.dumps(action.get("parameters") or {}, ensure_ascii=False),
                        idempotency_key=f"{request.workflow_id}/{request.key}/{index}",
                    ),
                    metadata=actor.to_metadata(),
                    timeout=10,
                )
                changed += 1
                continue
            client = await self._client(request.client_id, actor)
            if kind == "set_stage":
                if client.lifecycle_stage != target:
                    await self.clients.SetLifecycleStage(
                        clients_pb2.SetLifecycleStageRequest(
                            client_id=client.id,
                            stage=target,
                            reason=f"process {request.workflow_id}"[:2000],
                        ),
                        metadata=actor.to_metadata(),
                        timeout=10,
                    )
                    changed += 1
                continue
            update = _update(client, kind, target, action.get("parameters") or {})
            if update is None:
                continue
            update.id, update.expected_version = client.id, client.version
            await self.clients.UpdateClient(update, metadata=actor.to_metadata(), timeout=10)
            changed += 1
        return changed

    @activity.defn(name=SEND_TEMPLATE)
    async def send_template(self, request: TemplateSend) -> str:
        variables = Struct()
        variables.update(json.loads(request.variables_json))
        message = notifications_pb2.SendRequest(
            idempotency_key=request.idempotency_key[:200],
            template_key=request.template_key,
            variables=variables,
            category="service",
            workflow_id=request.workflow_id,
        )
        if request.user_id:
            message.user_id = request.user_id
        else:
            message.client_id = request.client_id
        if request.attachments and not request.user_id:
            message.attachment_artifact_ids.extend(request.attachments)
            message.channel = "email"  # a PDF goes by e-mail
        delivery = await self.notifications.Send(
            message, metadata=SYSTEM_ACTOR.to_metadata(), timeout=30
        )
        return str(delivery.status)

    @activity.defn(name=PROCESS_COMPLETED)
    async def process_completed(self, done: ProcessCompleted) -> None:
        """Publish `process.completed` (once per run: the event id is the workflow id)."""
        payload = Struct()
        payload.update(
            {
                "workflow_id": done.workflow_id,
                "kind": done.kind,
                "definition": done.key if done.kind == "definition" else "",
                "version": done.version,
                "outcome": done.outcome,
            }
        )
        await self.triggers.PublishEvent(
            workflows_pb2.PublishEventRequest(
                event_id=f"process/{done.workflow_id}/completed"[:200],
                type="process.completed",
                client_id=done.client_id,
                payload=payload,
            ),
            metadata=SYSTEM_ACTOR.to_metadata(),
            timeout=30,
        )

    @activity.defn(name=PUBLISHED_DEFINITION)
    async def published_definition(self, key: str) -> PublishedDefinition:
        """The published version of `key` (a sub-process); none published fails the node
        without retrying (the run takes its `not_published` outcome)."""
        assert self.definitions is not None
        try:
            latest = await self.definitions.GetDefinition(
                workflows_pb2.GetDefinitionRequest(key=key),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=10,
            )
        except grpc.aio.AioRpcError as error:
            if error.code() is grpc.StatusCode.NOT_FOUND:
                raise ApplicationError(f"definition {key} not found", non_retryable=True) from None
            raise
        if not latest.published_version:
            raise ApplicationError(f"definition {key} has no published version", non_retryable=True)
        found = latest
        if latest.version != latest.published_version:
            found = await self.definitions.GetDefinition(
                workflows_pb2.GetDefinitionRequest(key=key, version=latest.published_version),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=10,
            )
        return PublishedDefinition(found.key, found.version, found.document_json)

    @activity.defn(name=START_DEFINITION_PAGE)
    async def start_page(self, page: DefinitionPage) -> DefinitionPageResult:
        assert self.definitions is not None
        reply = await self.definitions.StartDefinitionPage(
            workflows_pb2.StartDefinitionPageRequest(
                key=page.key,
                segment_id=page.segment_id,
                run_key=page.run_key,
                page_token=page.page_token,
            ),
            metadata=SYSTEM_ACTOR.to_metadata(),
            timeout=240,
        )
        return DefinitionPageResult(
            reply.scanned, reply.started, reply.already, reply.failed, reply.next_page_token
        )

    @activity.defn(name=CLIENT_DATE)
    async def client_date(self, request: ClientDateRequest) -> str:
        found = client_date(await self._client(request.client_id), request.field)
        return found.isoformat() if found else ""


def _update(
    client: clients_pb2.Client, kind: str, target: str, parameters: dict[str, str]
) -> clients_pb2.UpdateClientRequest | None:
    if kind in ("add_tag", "remove_tag"):
        return tag_update(client, target, adding=kind == "add_tag")
    return field_update(client, target, parameter_value(parameters.get("value", "")))


__all__ = ["DefinitionActivities"]
