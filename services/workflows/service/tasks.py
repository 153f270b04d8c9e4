"""Human tasks in the workflows service: the projection the workflows write, who sees which
task, and acting on a task through a Temporal Update on its workflow."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_
from sqlalchemy.ext.asyncio import AsyncSession
from temporalio.client import Client, WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.service import RPCError, RPCStatusCode

from services.common.errors import (
    ClientflowError,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from services.common.identity import Actor, Role
from services.common.ids import parse_id
from services.common.pagination import encode_cursor, page_size, parse_cursor
from services.common.protos import when
from services.workflows.contract import TaskAction, TaskView
from services.workflows.service.automation.pending import record_event
from services.workflows.service.delegations import DelegationBook
from services.workflows.service.models import Task, task_row_id
from services.workflows.service.repository import FAR_FUTURE, TaskRepository

ACTIONS = ("claim", "release", "complete", "reassign", "pause", "resume", "extend")
STATUSES = ("open", "claimed", "escalated", "done", "cancelled")


@dataclass(frozen=True)
class TaskFilter:
    scope: str = "mine"
    status: str = ""
    due_before: datetime | None = None
    overdue_only: bool = False
    process_kind: str = ""
    client_id: str = ""


# Roles that work for the whole firm: a task offered to them is theirs in every team.
CROSS_TEAM_TASK_ROLES = ("accountant", "partner")


def _mine(actor: Actor, delegators: frozenset[str] = frozenset()) -> ColumnElement[bool]:
    roles = [str(role) for role in actor.roles]
    firm_wide = [role for role in roles if role in CROSS_TEAM_TASK_ROLES]
    return or_(
        Task.assignee_user == actor.user_id,
        Task.assignee_user.in_(sorted(delegators)),
        Task.claimed_by == actor.user_id,
        and_(
            Task.assignee_user == "",
            Task.assignee_role.in_(roles),
            Task.team_id.in_(["", actor.team_id or ""]),
        ),
        and_(Task.assignee_user == "", Task.assignee_role.in_(firm_wide)),
    )


def visible(actor: Actor, task: Task, delegators: frozenset[str] = frozenset()) -> bool:
    """Who sees a task: admins and services; the team's managers; its assignee, claimer or
    completer; and, for a task offered to a role, that role in the task's team (accountants
    and partners in any team)."""
    if actor.has(Role.ADMIN, Role.SERVICE):
        return True
    if task.team_id and task.team_id in actor.managed_teams:
        return True
    if actor.user_id in (task.assignee_user, task.claimed_by, task.completed_by):
        return True
    if task.assignee_user and task.assignee_user in delegators:
        return True  # a delegate, for the person away
    roles = {str(r) for r in actor.roles}
    return (
        not task.assignee_user
        and task.assignee_role in roles
        and (
            task.team_id in ("", actor.team_id or "") or task.assignee_role in CROSS_TEAM_TASK_ROLES
        )
    )


class TaskService:
    def __init__(
        self,
        session: AsyncSession,
        temporal: Client | None = None,
        delegations: DelegationBook | None = None,
    ) -> None:
        self.repository = TaskRepository(session)
        self.temporal = temporal
        self.delegations = delegations or DelegationBook(None)

    async def project(self, actor: Actor, values: dict[str, Any]) -> Task:
        if not actor.has(Role.SERVICE, Role.ADMIN):
            raise PermissionDenied("only the worker writes the task projection")
        for name in ("workflow_id", "task_id", "process_kind", "title", "status"):
            if not values.get(name):
                raise InvalidArgument(name, values.get(name), "must not be empty")
        if values["status"] not in STATUSES:
            raise InvalidArgument(
                "status", values["status"], f"must be one of {', '.join(STATUSES)}"
            )
        values["id"] = task_row_id(values["workflow_id"], values["task_id"])
        before = await self.repository.get(values["id"])
        was_breached = before is not None and before.breached_at is not None
        row = await self.repository.upsert(values)
        if row.breached_at is not None and not was_breached:
            await record_event(
                self.repository.session,
                event_id=f"tasks/{row.workflow_id}/{row.task_id}/breached",
                event_type="task.breached",
                client_id=row.client_id or "",
                payload={
                    "workflow_id": row.workflow_id,
                    "task_id": row.task_id,
                    "process_kind": row.process_kind,
                    "title": row.title,
                    "assignee_user": row.assignee_user,
                    "team_id": row.team_id,
                    "due_at": row.due_at.isoformat() if row.due_at else None,
                },
            )
        return row

    async def get(self, actor: Actor, task_id: str) -> Task:
        key = parse_id("id", task_id, "a task id")
        task = await self.repository.get(key)
        delegators = await self.delegations.delegators(actor.user_id)
        if task is None or not visible(actor, task, delegators):
            raise NotFound(f"task {task_id} not found", field="id", value=task_id)
        return task

    async def list(
        self, actor: Actor, where: TaskFilter, *, size: int, token: str
    ) -> tuple[list[Task], str]:
        clauses: list[ColumnElement[bool]] = []
        scope = where.scope or "mine"
        if scope == "mine":
            clauses.append(_mine(actor, await self.delegations.delegators(actor.user_id)))
        elif scope == "team":
            if not actor.has(Role.MANAGER, Role.ADMIN):
                raise PermissionDenied("the team's tasks are for managers; use scope=mine")
            if actor.has(Role.ADMIN) and not actor.managed_teams:
                if not actor.team_id:
                    raise InvalidArgument("scope", scope, "you belong to no team")
                clauses.append(Task.team_id == actor.team_id)
            elif not actor.managed_teams:
                raise InvalidArgument("scope", scope, "you manage no team")
            else:
                clauses.append(Task.team_id.in_(sorted(actor.managed_teams)))
        elif scope == "all":
            if not actor.has(Role.ADMIN):
                raise PermissionDenied("all tasks are for admins")
        else:
            raise InvalidArgument("scope", scope, "must be mine, team or all")
        if where.status:
            if where.status not in STATUSES:
                raise InvalidArgument(
                    "status", where.status, f"must be one of {', '.join(STATUSES)}"
                )
            clauses.append(Task.status == where.status)
        if where.due_before is not None:
            clauses.append(Task.due_at < where.due_before)
        if where.overdue_only:
            clauses.append(Task.due_at < datetime.now(UTC))
            clauses.append(Task.status.not_in(("done", "cancelled")))
        if where.process_kind:
            clauses.append(Task.process_kind == where.process_kind)
        if where.client_id:
            clauses.append(Task.client_id == where.client_id)
        limit = page_size(size)
        after = parse_cursor(token, lambda c: (datetime.fromisoformat(c[0]), uuid.UUID(c[1])))
        rows = await self.repository.page(clauses, limit=limit + 1, after=after)
        next_token = ""
        if len(rows) > limit:
            rows = rows[:limit]
            last = rows[-1]
            next_token = encode_cursor([(last.due_at or FAR_FUTURE).isoformat(), str(last.id)])
        return rows, next_token

    async def act(
        self,
        actor: Actor,
        task_id: str,
        action: str,
        *,
        outcome: str = "",
        comment: str = "",
        form_json: str = "",
        assignee_user: str = "",
        business_hours: float = 0.0,
        reason: str = "",
    ) -> tuple[Task, TaskView]:
        """Ask the task's workflow to apply `action`; its validator has the last word."""
        if action not in ACTIONS:
            raise InvalidArgument("action", action, f"must be one of {', '.join(ACTIONS)}")
        if actor.is_client and action != "complete":
            raise PermissionDenied("a client completes their task; nothing else")
        task = await self.get(actor, task_id)
        assert self.temporal is not None
        if form_json:
            try:
                json.loads(form_json)
            except ValueError:
                raise InvalidArgument("form", form_json[:40], "is not JSON") from None
        handle = self.temporal.get_workflow_handle(task.workflow_id)
        request = TaskAction(
            task_id=task.task_id,
            actor_user=actor.user_id,
            actor_roles=tuple(sorted(str(role) for role in actor.roles)),
            actor_team=actor.team_id or "",
            outcome=outcome,
            comment=comment,
            form_json=form_json or "{}",
            assignee_user=assignee_user,
            business_hours=business_hours,
            reason=reason,
            on_behalf_of=(
                task.assignee_user
                if task.assignee_user
                and task.assignee_user != actor.user_id
                and task.assignee_user in await self.delegations.delegators(actor.user_id)
                else ""
            ),
        )
        try:
            view = await handle.execute_update(f"{action}_task", request, result_type=TaskView)
        except WorkflowUpdateFailedError as error:
            raise from_update_failure(error) from None
        except RPCError as error:
            if error.status is RPCStatusCode.NOT_FOUND:
                raise FailedPrecondition(
                    f"the process {task.workflow_id} is no longer running",
                    field="id",
                    value=task_id,
                ) from None
            raise
        return task, view


def from_update_failure(error: WorkflowUpdateFailedError) -> ClientflowError:
    cause = error.cause
    if isinstance(cause, ApplicationError):
        if cause.type == "InvalidArgument":
            return InvalidArgument.from_message(cause.message)
        if cause.type == "PermissionDenied":
            return PermissionDenied(cause.message)
        if cause.type == "FailedPrecondition":
            return FailedPrecondition(cause.message)
    return FailedPrecondition(f"the process refused the change: {cause}")


def _form_fields(raw: str) -> list[dict[str, Any]]:
    try:
        fields = json.loads(raw or "[]")
    except ValueError:
        return []
    return fields if isinstance(fields, list) else []


def _params(raw: str) -> dict[str, str]:
    try:
        params = json.loads(raw or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in params.items()} if isinstance(params, dict) else {}


def task_values_from(message: Any) -> dict[str, Any]:
    """Projection columns from a workflows_pb2.Task."""

    now = datetime.now(UTC)
    return {
        "workflow_id": message.workflow_id,
        "task_id": message.task_id,
        "process_kind": message.process_kind,
        "title": message.title[:300],
        "title_key": message.title_key[:300],
        "title_params": _params(message.title_params_json),
        "client_id": message.client_id,
        "assignee_user": message.assignee_user,
        "assignee_role": message.assignee_role,
        "team_id": message.team_id,
        "status": message.status,
        "due_at": when(message, "due_at"),
        "sla": message.sla,
        "outcome": message.outcome,
        "comment": message.comment,
        "form_json": message.form_json or "{}",
        "outcomes": list(message.outcomes),
        "form_fields": _form_fields(message.form_fields_json),
        "claimed_by": message.claimed_by,
        "completed_by": message.completed_by,
        "reminders_sent": message.reminders_sent,
        "escalation_level": message.escalation_level,
        "breached_at": when(message, "breached_at"),
        "paused": message.paused,
        "created_at": when(message, "created_at") or now,
        "updated_at": when(message, "updated_at") or now,
        "revision": message.revision,
    }
