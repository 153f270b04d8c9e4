"""Trigger events and rules: other systems publish events; rules (event type + a CEL
condition over the event and the client + an action) start processes, signal them or send
notifications, at most once per client per period.

"At most once" is decided by identifiers, not by luck: a started process's workflow id is
built from the process kind, client, rule and period and started with Temporal's
REJECT_DUPLICATE reuse policy, so a second start in the same period is refused by Temporal
even after the first has finished; a notification's idempotency key is built the same way,
so the notifications service sends it once. Events are deduplicated by their id; an event
whose evaluation was cut short is evaluated again when it is published again.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import celpy
import grpc
from celpy.adapter import json_to_cel
from celpy.celparser import CELParseError
from celpy.evaluation import CELEvalError
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from clientflow.notifications.v1 import notifications_pb2, notifications_pb2_grpc
from google.protobuf import json_format
from google.protobuf.struct_pb2 import Struct
from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode

from services.common.config import ProcessDefaults
from services.common.errors import (
    AlreadyExists,
    ClientflowError,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from services.common.grpc_errors import from_rpc_error
from services.common.identity import SYSTEM_ACTOR, Actor, Role
from services.common.ids import parse_id
from services.common.locks import KeyLocks
from services.common.temporal import CLIENT_ID, PROCESS_KIND
from services.workflows.service.models import Event, Rule
from services.workflows.service.starts import start_once
from services.workflows.worker.processes.registry import PROCESS_KINDS

PERIODS = ("once", "day", "month", "quarter", "year", "always")
TRIGGERS = ("event", "date")
# Date fields of a client record; the yearly ones recur (birthdays, signing anniversaries).
DATE_FIELDS = {"birthday": True, "signed_on": True, "contract_end": False, "kyc_expires_on": False}
DEFAULT_CATCH_UP_DAYS = 7
ACTIONS = ("start_process", "signal_process", "notify")
log = logging.getLogger(__name__)
EVENT_LOCKS = KeyLocks()

EVENT_TYPE = re.compile(r"^[a-z][a-z0-9_.-]{0,99}$")
# Period boundaries (a month, a quarter) follow the firm's home time zone.
PERIOD_ZONE = ZoneInfo("Asia/Shanghai")
MAX_PAYLOAD_BYTES = 64 * 1024
_CEL = celpy.Environment()


@dataclass
class Firing:
    rule_id: str
    rule_name: str
    outcome: str
    workflow_id: str = ""
    detail: str = ""


# A condition is bounded when saved: its length, the depth of its parse tree (evaluation
# recurses along it) and its comprehension macros (the only loops CEL has) — at most a few,
# never one inside another, so evaluation stays linear in the event's size.
MAX_CONDITION_CHARS = 2000
MAX_CONDITION_DEPTH = 250
MAX_MACROS = 4
MACROS = frozenset({"all", "exists", "exists_one", "map", "filter"})


class ConditionError(Exception):
    """A condition could not be evaluated for this event and client."""


def compile_condition(expression: str) -> Any:
    """A CEL program, or INVALID_ARGUMENT with the line and column of the syntax error."""
    if not expression.strip():
        return None
    return _compiled(expression)


@functools.lru_cache(maxsize=1024)
def _compiled(expression: str) -> Any:
    """Parsing is most of a rule's cost per event; a condition's text is its cache key."""
    if len(expression) > MAX_CONDITION_CHARS:
        raise InvalidArgument(
            "condition",
            expression[:80] + "…",
            f"must be at most {MAX_CONDITION_CHARS:,} characters",
        )
    try:
        tree = _CEL.compile(expression)
        _check_shape(expression, tree)
        return _CEL.program(tree)
    except CELParseError as error:
        line, column = getattr(error, "line", None), getattr(error, "column", None)
        raise InvalidArgument(
            "condition",
            expression,
            f"CEL syntax error at line {line}, column {column}",
        ) from None
    except RecursionError:
        raise InvalidArgument("condition", expression[:80], "is nested too deeply") from None


def _check_shape(expression: str, tree: Any) -> None:
    """Refuse a parse tree deeper than MAX_CONDITION_DEPTH, more than MAX_MACROS macros, or a
    macro inside another (walked without recursion)."""
    macros = 0
    stack: list[tuple[Any, int, bool]] = [(tree, 1, False)]
    while stack:
        node, depth, in_macro = stack.pop()
        if depth > MAX_CONDITION_DEPTH:
            raise InvalidArgument("condition", expression[:80], "is nested too deeply")
        children = getattr(node, "children", None)
        if children is None:
            continue
        is_macro = getattr(node, "data", "") == "member_dot_arg" and any(
            str(child) in MACROS for child in children if not hasattr(child, "children")
        )
        if is_macro:
            macros += 1
            if in_macro:
                raise InvalidArgument(
                    "condition",
                    expression[:80],
                    "must not nest a macro (all, exists, map, …) in another",
                )
            if macros > MAX_MACROS:
                raise InvalidArgument(
                    "condition", expression[:80], f"may use at most {MAX_MACROS} macros"
                )
        stack.extend((child, depth + 1, in_macro or is_macro) for child in children)


def _doubles(value: Any) -> Any:
    """CEL does not compare int with double; every number is a double here (write 1000.0)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, dict):
        return {str(k): _doubles(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_doubles(v) for v in value]
    return value


def client_facts(client: clients_pb2.Client) -> dict[str, Any]:
    """What a condition may ask about a client."""
    try:
        aum = float(client.aum or 0)
    except ValueError:
        aum = 0.0
    return {
        "id": client.id,
        "tier": client.tier,
        "stage": client.lifecycle_stage,
        "risk_level": client.kyc.risk_level,
        "kyc_status": client.kyc.status,
        "tags": list(client.tags),
        "custom_fields": json_format.MessageToDict(client.custom_fields),
        "aum": aum,
        "advisor_id": client.advisor_id,
        "team_id": client.team_id,
        "status": client.status,
        "locale": client.locale,
    }


def evaluate(program: Any, event: Mapping[str, Any], client: Mapping[str, Any]) -> bool:
    """True when the condition holds; any failure (a missing key, a type mismatch, anything
    the evaluator itself trips on) is a ConditionError for this rule alone."""
    if program is None:
        return True
    try:
        activation = {
            "event": json_to_cel(_doubles(dict(event))),
            "client": json_to_cel(_doubles(dict(client))),
        }
        result = program.evaluate(activation)
    except CELEvalError as error:
        raise ConditionError(str(error)[:300]) from None
    except Exception as error:  # the evaluator is third-party code run on user input
        log.warning("rule condition failed to evaluate: %r", error)
        raise ConditionError(
            f"the condition could not be evaluated: {type(error).__name__}"
        ) from None
    if isinstance(result, CELEvalError):
        raise ConditionError(str(result)[:300])
    return bool(result)


def period_key(period: str, occurred_at: datetime, event_id: str) -> str:
    local = occurred_at.astimezone(PERIOD_ZONE)
    if period == "once":
        return "once"
    if period == "day":
        return local.strftime("%Y-%m-%d")
    if period == "month":
        return local.strftime("%Y-%m")
    if period == "quarter":
        return f"{local.year}Q{(local.month - 1) // 3 + 1}"
    if period == "year":
        return str(local.year)
    return f"event-{event_id}"


def client_date(client: clients_pb2.Client, field: str) -> date | None:
    text = client.kyc.expires_on if field == "kyc_expires_on" else getattr(client, field, "")
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def fire_dates(
    base: date, *, yearly: bool, offset_days: int, first: date, last: date
) -> list[tuple[date, date]]:
    """(fires on, occurrence) pairs with `first` <= fires on <= `last`. A yearly date on
    29 February falls on 28 February in other years."""
    if not yearly:
        fires = base + timedelta(days=offset_days)
        return [(fires, base)] if first <= fires <= last else []
    found = []
    for year in range(first.year - 1, last.year + 2):
        try:
            occurrence = base.replace(year=year)
        except ValueError:
            occurrence = base.replace(year=year, day=28)
        fires = occurrence + timedelta(days=offset_days)
        if first <= fires <= last:
            found.append((fires, occurrence))
    return found


def rule_workflow_id(rule: Rule, client_id: str, key: str) -> str:
    return f"{rule.target}/{client_id}/rule-{rule.id.hex[:12]}/{key}"


def rule_to_dict(rule: Rule) -> dict[str, Any]:
    return {
        "id": str(rule.id),
        "name": rule.name,
        "event_type": rule.event_type,
        "condition": rule.condition,
        "action": rule.action,
        "target": rule.target,
        "parameters": dict(rule.parameters),
        "period": rule.period,
        "enabled": rule.enabled,
        "updated_by": rule.updated_by,
        "updated_at": rule.updated_at,
        "version": rule.version,
        "trigger": rule.trigger,
        "date_field": rule.date_field,
        "offset_days": rule.offset_days,
        "error_count": rule.error_count or 0,
        "last_error": rule.last_error or "",
        "last_error_at": rule.last_error_at,
    }


def _date_rule_fields(values: Mapping[str, Any]) -> tuple[str, str, int]:
    trigger = values.get("trigger") or "event"
    if trigger not in TRIGGERS:
        raise InvalidArgument("trigger", trigger, "must be event or date")
    if trigger == "event":
        return trigger, "", 0
    field = values.get("date_field", "")
    if field not in DATE_FIELDS:
        raise InvalidArgument("date_field", field, f"must be one of {', '.join(DATE_FIELDS)}")
    offset = int(values.get("offset_days", 0))
    if not -366 <= offset <= 366:
        raise InvalidArgument("offset_days", offset, "must be between -366 and 366")
    return trigger, field, offset


class TriggerService:
    def __init__(
        self,
        session: AsyncSession,
        temporal: Client | None = None,
        clients: clients_pb2_grpc.ClientsServiceStub | None = None,
        notifications: notifications_pb2_grpc.NotificationsServiceStub | None = None,
        *,
        task_queue: str = "",
        defaults: ProcessDefaults | None = None,
    ) -> None:
        self.session = session
        self.temporal = temporal
        self.clients = clients
        self.notifications = notifications
        self.task_queue = task_queue
        self.defaults = defaults or ProcessDefaults()

    # -- rules -------------------------------------------------------------------------

    async def put_rule(self, actor: Actor | None, values: dict[str, Any]) -> Rule:
        if actor is None or not actor.has(Role.ADMIN):
            raise PermissionDenied("only an admin may change rules")
        name = values["name"].strip()
        if not 1 <= len(name) <= 200:
            raise InvalidArgument("name", values["name"], "must be 1-200 characters")
        if not EVENT_TYPE.match(values["event_type"]):
            raise InvalidArgument(
                "event_type", values["event_type"], "must look like client.activity"
            )
        compile_condition(values["condition"])
        if values["action"] not in ACTIONS:
            raise InvalidArgument(
                "action", values["action"], f"must be one of {', '.join(ACTIONS)}"
            )
        if values["action"] == "start_process" and values["target"] not in PROCESS_KINDS:
            raise InvalidArgument(
                "target",
                values["target"],
                f"must be a process kind: {', '.join(sorted(PROCESS_KINDS))}",
            )
        if not values["target"] or len(values["target"]) > 200:
            raise InvalidArgument("target", values["target"], "must be 1-200 characters")
        period = values["period"] or "once"
        if period not in PERIODS:
            raise InvalidArgument("period", period, f"must be one of {', '.join(PERIODS)}")
        trigger, date_field, offset = _date_rule_fields(values)
        now = datetime.now(UTC)
        rule: Rule | None = None
        if values.get("id"):
            try:
                key = uuid.UUID(values["id"])
            except ValueError:
                raise InvalidArgument("id", values["id"], "is not a rule id (a UUID)") from None
            rule = await self.session.get(Rule, key)
            if rule is None or rule.deleted_at is not None:
                raise NotFound(f"rule {values['id']} not found", field="id", value=values["id"])
            rule.version += 1
        else:
            rule = Rule(id=uuid.uuid4(), version=1)
            self.session.add(rule)
        rule.name, rule.event_type, rule.condition = name, values["event_type"], values["condition"]
        rule.action, rule.target, rule.parameters = (
            values["action"],
            values["target"],
            dict(values["parameters"]),
        )
        rule.period, rule.enabled = period, bool(values["enabled"])
        rule.trigger, rule.date_field, rule.offset_days = trigger, date_field, offset
        rule.updated_by, rule.updated_at = actor.user_id, now
        await self.session.flush()
        return rule

    async def list_rules(self, actor: Actor | None, event_type: str) -> list[Rule]:
        if actor is None or not actor.has(Role.ADMIN, Role.MANAGER, Role.SERVICE):
            raise PermissionDenied("rules are for admins and managers")
        statement = select(Rule).where(Rule.deleted_at.is_(None)).order_by(Rule.name, Rule.id)
        if event_type:
            statement = statement.where(Rule.event_type == event_type)
        return list((await self.session.execute(statement)).scalars())

    async def delete_rule(self, actor: Actor | None, rule_id: str) -> Rule:
        if actor is None or not actor.has(Role.ADMIN):
            raise PermissionDenied("only an admin may change rules")
        key = parse_id("id", rule_id, "a rule id")
        rule = await self.session.get(Rule, key)
        if rule is None or rule.deleted_at is not None:
            raise NotFound(f"rule {rule_id} not found", field="id", value=rule_id)
        rule.deleted_at, rule.enabled = datetime.now(UTC), False
        rule.version += 1
        await self.session.flush()
        return rule

    # -- events ------------------------------------------------------------------------

    async def publish(
        self,
        actor: Actor | None,
        *,
        event_id: str,
        event_type: str,
        client_id: str,
        occurred_at: datetime | None,
        payload: dict[str, Any],
    ) -> tuple[Event, bool]:
        """Store the event once and run its rules; a repeat returns the stored result."""
        if actor is None or not actor.has(Role.SERVICE, Role.ADMIN):
            raise PermissionDenied("publishing events needs the service or admin role")
        if not event_id or len(event_id) > 200:
            raise InvalidArgument("event_id", event_id, "must be 1-200 characters")
        if not EVENT_TYPE.match(event_type):
            raise InvalidArgument("type", event_type, "must look like client.activity")
        parse_id("client_id", client_id, "a client id")
        if len(json.dumps(payload)) > MAX_PAYLOAD_BYTES:
            raise InvalidArgument(
                "payload", "(large)", f"must be at most {MAX_PAYLOAD_BYTES} bytes"
            )
        # Duplicates in this process wait here without holding a connection; the advisory
        # lock below does the same across processes.
        async with EVENT_LOCKS.get(event_id):
            return await self._publish_once(
                actor, event_id, event_type, client_id, occurred_at, payload
            )

    async def _publish_once(
        self,
        actor: Actor,
        event_id: str,
        event_type: str,
        client_id: str,
        occurred_at: datetime | None,
        payload: dict[str, Any],
    ) -> tuple[Event, bool]:
        if await self.session.get(Event, event_id) is None:
            # An event about a client that does not exist is refused (nothing stored), so it
            # can be published again once the client is there.
            try:
                await self._client(client_id)
            except NotFound:
                raise NotFound(
                    f"client {client_id} not found", field="client_id", value=client_id
                ) from None
        now = datetime.now(UTC)
        inserted = await self.session.execute(
            insert(Event)
            .values(
                event_id=event_id,
                type=event_type,
                client_id=client_id,
                occurred_at=occurred_at or now,
                received_at=now,
                payload=payload,
                published_by=actor.user_id,
                firings=None,
            )
            .on_conflict_do_nothing(index_elements=["event_id"])
            .returning(Event.event_id)
        )
        replayed = inserted.scalar_one_or_none() is None
        await self.session.commit()  # the event is kept even if evaluation is cut short
        # Claim the event: concurrent publishes of one id wait here, and only the first to
        # find it unevaluated runs the rules. The lock ends with the transaction that writes
        # the firings (or with the connection of a publisher that died).
        await self.session.execute(
            select(func.pg_advisory_xact_lock(func.hashtextextended("events:" + event_id, 0)))
        )
        event = await self.session.get(Event, event_id, populate_existing=True)
        assert event is not None
        if replayed:
            _same_event(event, event_type, client_id, occurred_at, payload)
        if event.firings is not None:
            return event, replayed
        firings = await self._fire(event)
        event.firings = [firing.__dict__ for firing in firings]
        await self.session.flush()
        return event, replayed

    async def get_event(self, actor: Actor | None, event_id: str) -> Event:
        """An event, for services and admins, and for whoever may see the event's client
        (anyone else: NOT_FOUND, as if it did not exist)."""
        if actor is None:
            raise PermissionDenied("the call carries no caller identity")
        missing = NotFound(f"event {event_id} not found", field="event_id", value=event_id)
        event = await self.session.get(Event, event_id)
        if event is None:
            raise missing
        if not actor.has(Role.SERVICE, Role.ADMIN):
            try:
                await self._client(event.client_id, actor)
            except NotFound:
                raise missing from None
        return event

    async def _fire(self, event: Event) -> list[Firing]:
        rules = await self._enabled_rules("event", event.type)
        if not rules:
            return []
        try:
            client = await self._client(event.client_id)
        except ClientflowError as error:
            return [Firing(str(r.id), r.name, "error", detail=error.message) for r in rules]
        facts = client_facts(client)
        facts_event = {
            "type": event.type,
            "client_id": event.client_id,
            "occurred_at": event.occurred_at.isoformat(),
            "payload": event.payload,
        }
        firings = []
        for rule in rules:
            try:
                matched = evaluate(compile_condition(rule.condition), facts_event, facts)
            except (ConditionError, ClientflowError) as error:
                detail = str(error)[:300]
                firings.append(Firing(str(rule.id), rule.name, "error", detail=detail))
                await self.session.execute(
                    update(Rule)
                    .where(Rule.id == rule.id)
                    .values(
                        error_count=Rule.error_count + 1,
                        last_error=f"event {event.event_id}: {detail}",
                        last_error_at=datetime.now(UTC),
                    )
                )
                continue
            if not matched:
                firings.append(Firing(str(rule.id), rule.name, "not_matched"))
                continue
            key = period_key(rule.period, event.occurred_at, event.event_id)
            firings.append(await self._act(rule, client, event, key))
        return firings

    async def _client(self, client_id: str, actor: Actor = SYSTEM_ACTOR) -> clients_pb2.Client:
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

    async def _act(self, rule: Rule, client: clients_pb2.Client, event: Event, key: str) -> Firing:
        firing = Firing(str(rule.id), rule.name, "error")
        assert self.temporal is not None
        if rule.action == "start_process":
            once = PROCESS_KINDS[rule.target].once_per_client
            try:
                firing.workflow_id, started = await start_once(
                    self.temporal,
                    rule.target,
                    client,
                    rule.parameters,
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
            return await self._signal(rule, client, event, firing)
        assert self.notifications is not None
        variables = Struct()
        variables.update({**rule.parameters, "client_name": client.name, "event_type": event.type})
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

    async def _signal(
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

    # -- date rules --------------------------------------------------------------------

    async def sweep_dates(
        self, actor: Actor | None, day: date, catch_up_days: int
    ) -> dict[str, int]:
        """Fire every enabled date rule due on `day` or in the `catch_up_days` before it (a
        day the sweep did not run is caught up; the occurrence in the workflow id and the
        idempotency key keeps it to once)."""
        if actor is None or not actor.has(Role.SERVICE, Role.ADMIN):
            raise PermissionDenied("sweeping date rules needs the service or admin role")
        rules = await self._enabled_rules("date")
        counts = {"rules": len(rules), "scanned": 0, "started": 0, "already_fired": 0}
        counts.update({"notified": 0, "errors": 0})
        if not rules:
            return counts
        first = day - timedelta(days=catch_up_days)
        async for client in self._all_clients(SYSTEM_ACTOR):
            counts["scanned"] += 1
            facts = client_facts(client)
            for rule in rules:
                base = client_date(client, rule.date_field)
                if base is None:
                    continue
                for fires, occurrence in fire_dates(
                    base,
                    yearly=DATE_FIELDS[rule.date_field],
                    offset_days=rule.offset_days,
                    first=first,
                    last=day,
                ):
                    event = _date_event(rule, client.id, fires, occurrence, base)
                    try:
                        if not evaluate(compile_condition(rule.condition), event, facts):
                            continue
                    except (ConditionError, ClientflowError):
                        counts["errors"] += 1
                        continue
                    firing = await self._act_on_date(rule, client, occurrence)
                    outcome = firing.outcome
                    counts[outcome if outcome in counts else "errors"] += 1
        return counts

    async def _act_on_date(
        self, rule: Rule, client: clients_pb2.Client, occurrence: date
    ) -> Firing:
        stand_in = Event(
            event_id=f"date/{rule.id}/{client.id}/{occurrence.isoformat()}",
            type=f"date.{rule.date_field}",
            client_id=client.id,
            occurred_at=datetime.now(UTC),
            payload={"date_field": rule.date_field, "occurrence": occurrence.isoformat()},
        )
        return await self._act(rule, client, stand_in, occurrence.isoformat())

    async def _enabled_rules(self, trigger: str, event_type: str | None = None) -> list[Rule]:
        statement = select(Rule).where(
            Rule.trigger == trigger, Rule.enabled.is_(True), Rule.deleted_at.is_(None)
        )
        if event_type is not None:
            statement = statement.where(Rule.event_type == event_type)
        return list((await self.session.execute(statement)).scalars())

    async def _all_clients(self, actor: Actor) -> Any:
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

    # -- what-if -----------------------------------------------------------------------

    async def preview(
        self,
        actor: Actor | None,
        rule: dict[str, Any],
        sample_payload: dict[str, Any],
        *,
        page_size: int,
        scan_limit: int,
        horizon_days: int = 0,
    ) -> dict[str, Any]:
        """How many clients in the caller's scope the rule would match now, and the first
        of them, with the workflow id each would get — nothing is started or stored."""
        if actor is None or not actor.has(Role.ADMIN, Role.MANAGER):
            raise PermissionDenied("previewing rules is for admins and managers")
        program = compile_condition(rule["condition"])
        period = rule.get("period") or "once"
        if period not in PERIODS:
            raise InvalidArgument("rule.period", period, f"must be one of {', '.join(PERIODS)}")
        size = page_size or 20
        if not 1 <= size <= 200:
            raise InvalidArgument("page_size", size, "must be between 1 and 200")
        limit = scan_limit or 20_000
        if not 1 <= limit <= 200_000:
            raise InvalidArgument("scan_limit", limit, "must be between 1 and 200,000")
        trigger, date_field, offset = _date_rule_fields(rule)
        horizon = horizon_days or 30
        if not 1 <= horizon <= 366:
            raise InvalidArgument("horizon_days", horizon, "must be between 1 and 366")
        now = datetime.now(UTC)
        today = now.astimezone(PERIOD_ZONE).date()
        preview_rule = Rule(id=uuid.UUID(rule["id"]) if rule.get("id") else uuid.UUID(int=0))
        preview_rule.target = rule.get("target") or "process"
        key = period_key(period, now, "preview")
        scanned = matched = errors = 0
        example = ""
        first: list[dict[str, str]] = []
        truncated = False
        async for client in self._all_clients(actor):
            if scanned >= limit:
                truncated = True
                break
            scanned += 1
            facts = client_facts(client)
            candidates: list[tuple[str, dict[str, Any], str]] = []
            if trigger == "date":
                base = client_date(client, date_field)
                if base is None:
                    continue
                for fires, occurrence in fire_dates(
                    base,
                    yearly=DATE_FIELDS[date_field],
                    offset_days=offset,
                    first=today,
                    last=today + timedelta(days=horizon),
                ):
                    preview_rule.date_field = date_field
                    candidates.append(
                        (
                            occurrence.isoformat(),
                            _date_event(preview_rule, client.id, fires, occurrence, base),
                            fires.isoformat(),
                        )
                    )
            else:
                event = {
                    "type": rule.get("event_type", ""),
                    "client_id": client.id,
                    "occurred_at": now.isoformat(),
                    "payload": sample_payload,
                }
                candidates.append((key, event, ""))
            for candidate_key, event, fires_on in candidates:
                try:
                    ok = evaluate(program, event, facts)
                except ConditionError as error:
                    errors += 1
                    example = example or str(error)[:300]
                    continue
                if ok:
                    matched += 1
                    first.append(
                        {
                            "client_id": client.id,
                            "name": client.name,
                            "advisor_id": client.advisor_id,
                            "workflow_id": rule_workflow_id(preview_rule, client.id, candidate_key),
                            "fires_on": fires_on,
                        }
                    )
                    first.sort(key=lambda m: (m["fires_on"], m["client_id"]))
                    del first[size:]
        return {
            "scanned": scanned,
            "matched": matched,
            "errors": errors,
            "first_matches": first,
            "truncated": truncated,
            "example_error": example,
        }


def _same_event(
    stored: Event,
    event_type: str,
    client_id: str,
    occurred_at: datetime | None,
    payload: dict[str, Any],
) -> None:
    """A repeated event id must carry the same event; otherwise a 409 naming what differs."""
    differs = [
        name
        for name, same in (
            ("type", stored.type == event_type),
            ("client_id", stored.client_id == client_id),
            ("occurred_at", occurred_at is None or stored.occurred_at == occurred_at),
            ("payload", (stored.payload or {}) == payload),
        )
        if not same
    ]
    if differs:
        raise AlreadyExists(
            f"event_id={stored.event_id!r} was already published with another "
            + ", ".join(differs),
            field="event_id",
            value=stored.event_id,
        )


def _date_event(
    rule: Rule, client_id: str, fires: date, occurrence: date, base: date
) -> dict[str, Any]:
    """What a date rule's condition sees as `event`; `years` counts the recurrences (0 on
    the date itself, 1 on the first anniversary)."""
    return {
        "type": f"date.{rule.date_field}",
        "client_id": client_id,
        "occurred_at": fires.isoformat(),
        "payload": {
            "date_field": rule.date_field,
            "occurrence": occurrence.isoformat(),
            "fires_on": fires.isoformat(),
            "years": occurrence.year - base.year,
        },
    }
