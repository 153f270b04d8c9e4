"""A rule's actions beyond starting and signalling processes: the data actions (tags, fields,
stage, advisor, a follow-up task) and messages to staff and webhooks.

Each runs as the rule — `rule:<id>`, a service inside the firm, or a manager of the rule's
team when the rule has one, so the clients service's scope decides what it may change —
carrying the event that caused it, which the clients service writes into the audit entry and
the change event. Each is idempotent per (rule, event): a data action that finds the value
already there changes nothing (and so causes no event), a task's workflow id and a message's
idempotency key are built from the rule and the event's period key.
"""

from __future__ import annotations

import hashlib
from typing import Any

import grpc
from clientflow.clients.v1 import clients_pb2
from google.protobuf.field_mask_pb2 import FieldMask
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert

from services.common.errors import AlreadyExists, ClientflowError
from services.common.grpc_errors import from_rpc_error
from services.common.identity import SYSTEM_ACTOR, Actor, Role
from services.workflows.service.automation.actions import Action
from services.workflows.service.automation.changes import rule_actor_id
from services.workflows.service.automation.definition_store import DefinitionStore
from services.workflows.service.automation.messages import MessageActions
from services.workflows.service.automation.record_updates import (
    field_update,
    parameter_value,
    tag_update,
)
from services.workflows.service.models import Event, Rule, RuleCounter, Task
from services.workflows.service.rule_actions import Firing
from services.workflows.service.starts import start_once
from services.workflows.worker.processes import follow_up

UPDATE_ATTEMPTS = 3


def rule_actor(rule: Rule, event: Event, depth: int) -> Actor:
    """The rule as a caller: firm-wide, or a manager of its team."""
    if rule.team_id:
        return Actor(
            user_id=rule_actor_id(rule),
            roles=frozenset({Role.MANAGER}),
            team_id=rule.team_id,
            managed=frozenset({rule.team_id}),
            cause=event.event_id,
            depth=depth + 1,
        )
    return Actor(
        user_id=rule_actor_id(rule),
        roles=frozenset({Role.SERVICE}),
        cause=event.event_id,
        depth=depth + 1,
    )


def rule_actions(rule: Rule) -> list[Action]:
    return [
        Action(a["kind"], a.get("target", ""), a.get("parameters") or {})
        for a in (rule.actions or [])
    ]


class DataActions(MessageActions):
    """Runs a matched rule's actions; every failure is that action's firing alone."""

    async def apply_rule(
        self, rule: Rule, client: clients_pb2.Client, event: Event, key: str, depth: int = 0
    ) -> list[Firing]:
        """The rule's `action` (when set), then its actions in order."""
        firings = [await self.act(rule, client, event, key)] if rule.action else []
        for index, action in enumerate(rule_actions(rule)):
            firings.append(await self.run_action(rule, action, index, client, event, key, depth))
        return firings

    async def run_action(
        self,
        rule: Rule,
        action: Action,
        index: int,
        client: clients_pb2.Client,
        event: Event,
        key: str,
        depth: int,
    ) -> Firing:
        firing = Firing(str(rule.id), rule.name, "error", detail=f"{action.kind}: ")
        actor = rule_actor(rule, event, depth)
        try:
            outcome, detail, workflow_id = await self._dispatch(
                rule, action, index, client, event, key, actor
            )
        except ClientflowError as error:
            firing.detail += error.message[:250]
            return firing
        except grpc.RpcError as error:
            firing.detail += from_rpc_error(error).message[:250]
            return firing
        firing.outcome, firing.workflow_id = outcome, workflow_id
        firing.detail += detail
        return firing

    async def _dispatch(
        self,
        rule: Rule,
        action: Action,
        index: int,
        client: clients_pb2.Client,
        event: Event,
        key: str,
        actor: Actor,
    ) -> tuple[str, str, str]:
        kind = action.kind
        if kind in ("add_tag", "remove_tag"):
            return await self._tag(client.id, action, actor)
        if kind == "set_field":
            return await self._set_field(client.id, action, actor)
        if kind == "set_stage":
            return await self._set_stage(client, rule, action, actor)
        if kind == "assign_advisor":
            return await self._assign(client, rule, action, actor)
        if kind == "create_task":
            return await self._task(client, rule, action, key)
        if kind == "start_definition":
            return await self._start_definition(client, rule, action, key)
        if kind == "notify_staff":
            return await self._notify_staff(client, rule, action, index, event, key)
        return await self._webhook(client, rule, action, index, event, key)

    async def _update(self, client_id: str, actor: Actor, change: Any) -> tuple[str, str, str]:
        """Read, change, write with the version read; a concurrent change is retried."""
        assert self.clients is not None
        for attempt in range(UPDATE_ATTEMPTS):
            current = await self.client(client_id, actor)
            request = change(current)
            if request is None:
                return "unchanged", "already so", ""
            request.id, request.expected_version = current.id, current.version
            try:
                await self.clients.UpdateClient(request, metadata=actor.to_metadata(), timeout=10)
            except grpc.RpcError as error:
                if error.code() is grpc.StatusCode.ABORTED and attempt + 1 < UPDATE_ATTEMPTS:
                    continue
                raise
            return "changed", "", ""
        return "error", "the client kept changing", ""

    async def _tag(self, client_id: str, action: Action, actor: Actor) -> tuple[str, str, str]:
        adding = action.kind == "add_tag"
        outcome, detail, _ = await self._update(
            client_id, actor, lambda current: tag_update(current, action.target, adding=adding)
        )
        return outcome, detail or action.target, ""

    async def _set_field(
        self, client_id: str, action: Action, actor: Actor
    ) -> tuple[str, str, str]:
        value = parameter_value(action.parameters.get("value", ""))
        outcome, detail, _ = await self._update(
            client_id, actor, lambda current: field_update(current, action.target, value)
        )
        return outcome, detail or f"{action.target} = {action.parameters.get('value', '')}", ""

    async def _set_stage(
        self, client: clients_pb2.Client, rule: Rule, action: Action, actor: Actor
    ) -> tuple[str, str, str]:
        assert self.clients is not None
        current = await self.client(client.id, actor)
        if current.lifecycle_stage == action.target:
            return "unchanged", "already so", ""
        await self.clients.SetLifecycleStage(
            clients_pb2.SetLifecycleStageRequest(
                client_id=client.id,
                stage=action.target,
                reason=action.parameters.get("reason") or f"rule: {rule.name}"[:2000],
            ),
            metadata=actor.to_metadata(),
            timeout=10,
        )
        return "changed", action.target, ""

    async def _assign(
        self, client: clients_pb2.Client, rule: Rule, action: Action, actor: Actor
    ) -> tuple[str, str, str]:
        team = action.parameters.get("team") or rule.team_id or client.team_id
        advisor = action.target
        if advisor in ("round_robin", "fewest_tasks"):
            advisors = await self._team_advisors(team)
            if not advisors:
                return "error", f"team {team} has no active advisor", ""
            advisor = await self._pick(rule, advisor, advisors)

        def change(current: clients_pb2.Client) -> clients_pb2.UpdateClientRequest | None:
            if current.advisor_id == advisor and (not team or current.team_id == team):
                return None
            return clients_pb2.UpdateClientRequest(
                fields=clients_pb2.ClientFields(advisor_id=advisor, team_id=team),
                update_mask=FieldMask(paths=["advisor_id", "team_id"] if team else ["advisor_id"]),
            )

        outcome, detail, _ = await self._update(client.id, actor, change)
        return outcome, detail or advisor, ""

    async def _team_advisors(self, team: str) -> list[str]:
        """The team's active advisors per the directory, by user id."""
        assert self.directory is not None
        reply = await self.directory.ListPeople(
            clients_pb2.ListPeopleRequest(team_id=team),
            metadata=SYSTEM_ACTOR.to_metadata(),
            timeout=10,
        )
        return sorted(
            p.user_id
            for p in reply.people
            if p.active and any(m.team_id == team and m.role == "advisor" for m in p.memberships)
        )

    async def _pick(self, rule: Rule, strategy: str, advisors: list[str]) -> str:
        if strategy == "round_robin":
            counter = await self.session.execute(
                insert(RuleCounter)
                .values(rule_id=rule.id, counter=0)
                .on_conflict_do_update(
                    index_elements=["rule_id"], set_={"counter": RuleCounter.counter + 1}
                )
                .returning(RuleCounter.counter)
            )
            return advisors[counter.scalar_one() % len(advisors)]
        open_tasks = dict(
            (
                await self.session.execute(
                    select(Task.assignee_user, func.count())
                    .where(
                        Task.assignee_user.in_(advisors),
                        Task.status.in_(("open", "claimed", "escalated")),
                    )
                    .group_by(Task.assignee_user)
                )
            ).tuples()
        )
        return min(advisors, key=lambda a: (open_tasks.get(a, 0), a))

    async def _task(
        self, client: clients_pb2.Client, rule: Rule, action: Action, key: str
    ) -> tuple[str, str, str]:
        assert self.temporal is not None
        workflow_id, started = await start_once(
            self.temporal,
            follow_up.KIND,
            client,
            {**action.parameters, "title": action.target},
            defaults=self.defaults,
            task_queue=self.task_queue,
            workflow_id=f"{follow_up.KIND}/{client.id}/rule-{rule.id.hex[:12]}/{_short(key)}",
        )
        return ("started" if started else "already_fired"), action.target, workflow_id

    async def _start_definition(
        self, client: clients_pb2.Client, rule: Rule, action: Action, key: str
    ) -> tuple[str, str, str]:
        """The definition's latest published version, once per rule, client and period."""
        store = DefinitionStore(
            self.session,
            self.temporal,
            self.clients,
            task_queue=self.task_queue,
            defaults=self.defaults,
        )
        row = await store.published(action.target)
        if row is None:
            return "error", f"definition {action.target} has no published version", ""
        run_key = f"rule-{rule.id.hex[:12]}-{hashlib.sha256(key.encode()).hexdigest()[:12]}"
        try:
            view = await store.start_for(client, row, run_key, rule_actor_id(rule))
        except AlreadyExists:
            workflow_id = f"definition/{client.id}/{row.key}/{run_key}"
            return "already_fired", action.target, workflow_id
        return "started", f"{action.target} v{row.version}", view.workflow_id


def _short(key: str) -> str:
    return (
        key if len(key) <= 48 and "/" not in key else hashlib.sha256(key.encode()).hexdigest()[:24]
    )
