"""What a rule may do, checked when the rule is saved: each action's kind, target and
parameters, every problem named by its place (`actions[1].parameters.field`)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from services.common.errors import InvalidArgument

# The legacy single action of a rule (kept as the first action when set).
PROCESS_ACTIONS = ("start_process", "signal_process", "notify")
DATA_ACTIONS = ("add_tag", "remove_tag", "set_field", "set_stage", "assign_advisor", "create_task")
MESSAGE_ACTIONS = ("notify_staff", "webhook")
# Start a process definition (its latest published version) for the client.
DEFINITION_ACTIONS = ("start_definition",)
KINDS = PROCESS_ACTIONS + DATA_ACTIONS + MESSAGE_ACTIONS + DEFINITION_ACTIONS
MAX_ACTIONS = 10
MAX_PARAMETERS = 20

STAGES = ("PROSPECT", "ONBOARDING", "ACTIVE", "GROWING", "DECLINING", "DORMANT", "CHURNED")
# Core client fields a rule may set (others stay with people: identity, contact, advisor).
SETTABLE_FIELDS = ("kyc_status", "risk_level", "preferred_channel", "source_channel", "status")
CUSTOM_FIELD = re.compile(r"^custom_fields\.[a-z][a-z0-9_]{0,63}$")
ASSIGN_STRATEGIES = ("round_robin", "fewest_tasks")
STAFF_RECIPIENTS = ("advisor", "manager")
STAFF_CHANNELS = ("in_app", "email", "wecom")
TASK_ROLES = ("advisor", "manager", "service", "accountant", "partner")
USER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@:-]{0,63}$")
TEMPLATE_KEY = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,99}$")


@dataclass(frozen=True)
class Action:
    kind: str
    target: str = ""
    parameters: Mapping[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "target": self.target, "parameters": dict(self.parameters)}

    @property
    def changes_data(self) -> bool:
        return self.kind in DATA_ACTIONS


def parse_actions(raw: Sequence[Mapping[str, Any]]) -> list[Action]:
    """Validated actions, or INVALID_ARGUMENT naming the first problem by its place."""
    if len(raw) > MAX_ACTIONS:
        raise InvalidArgument("actions", len(raw), f"at most {MAX_ACTIONS} actions")
    actions = []
    for index, item in enumerate(raw):
        place = f"actions[{index}]"
        kind = str(item.get("kind", ""))
        if kind not in KINDS:
            raise InvalidArgument(f"{place}.kind", kind, f"must be one of {', '.join(KINDS)}")
        parameters = {str(k): str(v) for k, v in dict(item.get("parameters") or {}).items()}
        if len(parameters) > MAX_PARAMETERS or any(
            len(k) > 64 or len(v) > 2000 for k, v in parameters.items()
        ):
            raise InvalidArgument(
                f"{place}.parameters",
                "(large)",
                f"at most {MAX_PARAMETERS} parameters, names ≤ 64 and values ≤ 2,000 characters",
            )
        action = Action(kind, str(item.get("target", "")).strip(), parameters)
        _CHECKS.get(kind, _no_check)(place, action)
        actions.append(action)
    return actions


def _no_check(place: str, action: Action) -> None:
    return None


def _tag(place: str, action: Action) -> None:
    if not 1 <= len(action.target) <= 64:
        raise InvalidArgument(f"{place}.target", action.target, "must be a tag of 1-64 characters")


def _set_field(place: str, action: Action) -> None:
    name = action.target
    if name not in SETTABLE_FIELDS and not CUSTOM_FIELD.match(name):
        raise InvalidArgument(
            f"{place}.target",
            name,
            "must be custom_fields.<key> or one of " + ", ".join(SETTABLE_FIELDS),
        )
    if "value" not in action.parameters:
        raise InvalidArgument(f"{place}.parameters.value", "", 'is required ("" clears)')


def _stage(place: str, action: Action) -> None:
    if action.target not in STAGES:
        raise InvalidArgument(
            f"{place}.target", action.target, f"must be one of {', '.join(STAGES)}"
        )


def _assign(place: str, action: Action) -> None:
    if action.target in ASSIGN_STRATEGIES:
        return
    if not USER_ID.match(action.target):
        raise InvalidArgument(
            f"{place}.target",
            action.target,
            "must be a person's user id, round_robin or fewest_tasks",
        )


def _task(place: str, action: Action) -> None:
    if not 1 <= len(action.target) <= 200:
        raise InvalidArgument(
            f"{place}.target", action.target, "the task's title, 1-200 characters"
        )
    days = action.parameters.get("business_days", "2")
    if not days.isdigit() or not 1 <= int(days) <= 30:
        raise InvalidArgument(
            f"{place}.parameters.business_days", days, "must be a whole number from 1 to 30"
        )
    assignee = action.parameters.get("assignee", "")
    if assignee and not USER_ID.match(assignee):
        raise InvalidArgument(f"{place}.parameters.assignee", assignee, "is not a user id")
    role = action.parameters.get("role", "advisor")
    if role not in TASK_ROLES:
        raise InvalidArgument(
            f"{place}.parameters.role", role, f"must be one of {', '.join(TASK_ROLES)}"
        )


def _staff(place: str, action: Action) -> None:
    if not TEMPLATE_KEY.match(action.target):
        raise InvalidArgument(f"{place}.target", action.target, "must be a template key")
    to = action.parameters.get("to", "advisor")
    if to not in STAFF_RECIPIENTS and not USER_ID.match(to):
        raise InvalidArgument(
            f"{place}.parameters.to", to, "must be advisor, manager or a person's user id"
        )
    for channel in action.parameters.get("channels", "in_app").split(","):
        if channel.strip() not in STAFF_CHANNELS:
            raise InvalidArgument(
                f"{place}.parameters.channels",
                channel,
                f"must be a comma-separated list of {', '.join(STAFF_CHANNELS)}",
            )


def _webhook(place: str, action: Action) -> None:
    if not TEMPLATE_KEY.match(action.target):
        raise InvalidArgument(f"{place}.target", action.target, "must be a template key")
    tag = action.parameters.get("path", "rules")
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,63}", tag):
        raise InvalidArgument(
            f"{place}.parameters.path", tag, "must be 1-64 lowercase letters, digits, - or _"
        )


def _definition(place: str, action: Action) -> None:
    if not re.fullmatch(r"[a-z][a-z0-9-]{0,63}", action.target):
        raise InvalidArgument(f"{place}.target", action.target, "must be a definition's key")


_CHECKS = {
    "start_definition": _definition,
    "add_tag": _tag,
    "remove_tag": _tag,
    "set_field": _set_field,
    "set_stage": _stage,
    "assign_advisor": _assign,
    "create_task": _task,
    "notify_staff": _staff,
    "webhook": _webhook,
}
