"""The TriggersService over gRPC: events, rules, the date sweep and the dormant scan."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import grpc
from clientflow.workflows.v1 import workflows_pb2, workflows_pb2_grpc
from google.protobuf import json_format
from temporalio.client import Client

from services.common.db import current_session
from services.common.errors import InvalidArgument
from services.common.grpc_client import ServiceClients
from services.common.internal_auth import current_actor
from services.common.protos import struct, when
from services.workflows.service.date_rules import DEFAULT_CATCH_UP_DAYS
from services.workflows.service.dormancy import DormancyService, Window
from services.workflows.service.models import Event, Rule
from services.workflows.service.reviews import AnnualReviewStarter
from services.workflows.service.rules import rule_to_dict
from services.workflows.service.triggers import TriggerService
from services.workflows.settings import ProcessDefaults


def event_to_proto(event: Event, replayed: bool) -> workflows_pb2.EventResult:
    message = workflows_pb2.EventResult(
        event_id=event.event_id,
        type=event.type,
        client_id=event.client_id,
        payload=struct(event.payload),
        replayed=replayed,
        firings=[workflows_pb2.RuleFiring(**f) for f in (event.firings or [])],
    )
    message.occurred_at.FromDatetime(event.occurred_at)
    message.received_at.FromDatetime(event.received_at)
    return message


def rule_to_proto(rule: Rule) -> workflows_pb2.Rule:
    data = rule_to_dict(rule)
    updated_at = data.pop("updated_at")
    last_error_at = data.pop("last_error_at")
    actions = [workflows_pb2.RuleAction(**a) for a in data.pop("actions")]
    message = workflows_pb2.Rule(**data, actions=actions)
    if updated_at is not None:
        message.updated_at.FromDatetime(updated_at)
    if last_error_at is not None:
        message.last_error_at.FromDatetime(last_error_at)
    return message


def rule_values(message: workflows_pb2.Rule) -> dict[str, Any]:
    return {
        "id": message.id,
        "name": message.name,
        "event_type": message.event_type,
        "condition": message.condition,
        "action": message.action,
        "target": message.target,
        "parameters": dict(message.parameters),
        "period": message.period,
        "enabled": message.enabled,
        "trigger": message.trigger,
        "date_field": message.date_field,
        "offset_days": message.offset_days,
        "field": message.field,
        "from_values": list(message.from_values),
        "to_values": list(message.to_values),
        "actions": [
            {"kind": a.kind, "target": a.target, "parameters": dict(a.parameters)}
            for a in message.actions
        ],
        "team_id": message.team_id,
        "confirm_bulk": message.confirm_bulk,
    }


class TriggersServicer(workflows_pb2_grpc.TriggersServiceServicer):
    async def SweepDates(
        self, request: workflows_pb2.SweepDatesRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.SweepDatesResponse:
        actor = current_actor()
        try:
            day = date.fromisoformat(request.day)
        except ValueError:
            raise InvalidArgument("day", request.day, "must be YYYY-MM-DD") from None
        catch_up = request.catch_up_days or DEFAULT_CATCH_UP_DAYS
        if not 0 <= catch_up <= 60:
            raise InvalidArgument("catch_up_days", catch_up, "must be between 0 and 60")
        counts = await self._service().sweep_dates(actor, day, catch_up)
        return workflows_pb2.SweepDatesResponse(**counts)

    def __init__(
        self,
        temporal: Client,
        services: ServiceClients,
        task_queue: str,
        defaults: ProcessDefaults,
    ) -> None:
        self.temporal, self.services, self.task_queue = temporal, services, task_queue
        self.defaults = defaults

    def _service(self) -> TriggerService:
        return TriggerService(
            current_session(),
            self.temporal,
            self.services.clients,
            self.services.notifications,
            task_queue=self.task_queue,
            defaults=self.defaults,
            directory=self.services.directory,
            custom_records=self.services.custom_records,
        )

    def _dormancy(self) -> DormancyService:
        return DormancyService(
            current_session(),
            self.temporal,
            self.services.clients,
            self.defaults,
            task_queue=self.task_queue,
        )

    async def PlanDormantScan(
        self, request: workflows_pb2.PlanDormantScanRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.PlanDormantScanResponse:
        actor = current_actor()
        as_of = when(request, "as_of") or datetime.now(UTC)
        windows = await self._dormancy().plan(actor, as_of)
        return workflows_pb2.PlanDormantScanResponse(windows=[window_to_proto(w) for w in windows])

    async def ScanDormantPage(
        self, request: workflows_pb2.ScanDormantPageRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.ScanDormantPageResponse:
        actor = current_actor()
        counts = await self._dormancy().scan_page(
            actor,
            window_from_proto(request.window),
            request.page_token,
            request.page_size or 200,
        )
        return workflows_pb2.ScanDormantPageResponse(**counts.__dict__)

    async def StartAnnualReviews(
        self, request: workflows_pb2.StartAnnualReviewsRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.StartAnnualReviewsResponse:
        actor = current_actor()
        counts = await AnnualReviewStarter(
            self.temporal, self.services.clients, self.defaults, task_queue=self.task_queue
        ).start_page(actor, request.year, request.page_token, request.page_size or 200)
        return workflows_pb2.StartAnnualReviewsResponse(**counts.__dict__)

    async def CompleteDormantScan(
        self, request: workflows_pb2.CompleteDormantScanRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.CompleteDormantScanResponse:
        actor = current_actor()
        windows = [window_from_proto(w) for w in request.windows]
        return workflows_pb2.CompleteDormantScanResponse(
            moved=await self._dormancy().complete(actor, windows)
        )

    async def PublishEvent(
        self, request: workflows_pb2.PublishEventRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.EventResult:
        actor = current_actor()
        event, replayed = await self._service().publish(
            actor,
            event_id=request.event_id,
            event_type=request.type,
            client_id=request.client_id,
            occurred_at=(
                request.occurred_at.ToDatetime(tzinfo=UTC)
                if request.HasField("occurred_at")
                else None
            ),
            payload=json_format.MessageToDict(request.payload),
        )
        return event_to_proto(event, replayed)

    async def PublishEvents(
        self, request: workflows_pb2.PublishEventsRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.PublishEventsResponse:
        actor = current_actor()
        events = [
            {
                "event_id": e.event_id,
                "type": e.type,
                "client_id": e.client_id,
                "occurred_at": (
                    e.occurred_at.ToDatetime(tzinfo=UTC) if e.HasField("occurred_at") else None
                ),
                "payload": json_format.MessageToDict(e.payload),
            }
            for e in request.events
        ]
        counts = await self._service().publish_batch(actor, events)
        return workflows_pb2.PublishEventsResponse(**counts)

    async def GetEvent(
        self, request: workflows_pb2.GetEventRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.EventResult:
        actor = current_actor()
        return event_to_proto(await self._service().get_event(actor, request.event_id), True)

    async def PutRule(
        self, request: workflows_pb2.Rule, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.Rule:
        actor = current_actor()
        service, values = self._service(), rule_values(request)
        rule = await service.put_rule(actor, values)
        await service.check_bulk(actor, {**values, "id": str(rule.id)})
        return rule_to_proto(rule)

    async def ListRules(
        self, request: workflows_pb2.ListRulesRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.ListRulesResponse:
        actor = current_actor()
        rules = await self._service().list_rules(actor, request.event_type)
        return workflows_pb2.ListRulesResponse(rules=[rule_to_proto(r) for r in rules])

    async def DeleteRule(
        self, request: workflows_pb2.DeleteRuleRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.Rule:
        actor = current_actor()
        return rule_to_proto(await self._service().delete_rule(actor, request.id))

    async def PreviewRule(
        self, request: workflows_pb2.PreviewRuleRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.PreviewRuleResponse:
        actor = current_actor()
        if request.recent_events:
            if not 1 <= request.recent_events <= 1000:
                raise InvalidArgument(
                    "recent_events", request.recent_events, "must be between 1 and 1000"
                )
            result = await self._service().preview_recent(
                actor, rule_values(request.rule), request.recent_events
            )
            first = result.pop("first_matches")
            return workflows_pb2.PreviewRuleResponse(
                **result, first_matches=[workflows_pb2.PreviewMatch(**m) for m in first]
            )
        result = await self._service().preview(
            actor,
            rule_values(request.rule),
            json_format.MessageToDict(request.sample_payload),
            page_size=request.page_size,
            scan_limit=request.scan_limit,
            horizon_days=request.horizon_days,
        )
        first = result.pop("first_matches")
        return workflows_pb2.PreviewRuleResponse(
            **result, first_matches=[workflows_pb2.PreviewMatch(**m) for m in first]
        )


def window_to_proto(window: Window) -> workflows_pb2.DormantWindow:
    message = workflows_pb2.DormantWindow(tier=window.tier, threshold_days=window.threshold_days)
    message.since.FromDatetime(window.since)
    message.until.FromDatetime(window.until)
    return message


def window_from_proto(message: workflows_pb2.DormantWindow) -> Window:
    since, until = when(message, "since"), when(message, "until")
    if since is None or until is None or since >= until:
        raise InvalidArgument("window", message.tier, "needs since before until")
    return Window(message.tier, since, until, message.threshold_days)


# How often the task gauges are read from the table.
