"""What a human task is asked as (TaskSpec: title, SLA, outcomes, form) and answered with
(TaskOutcome), and the form's fields: plain values a workflow passes to `HumanTasks.ask`,
deterministic, imported by workflow code."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time

from temporalio import workflow
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    from services.workflows.worker.calendar import BusinessCalendar


# How an Update's validator refuses: typed like the gRPC codes the service maps them to.
def invalid_argument(message: str) -> ApplicationError:
    return ApplicationError(message, type="InvalidArgument", non_retryable=True)


def failed_precondition(message: str) -> ApplicationError:
    return ApplicationError(message, type="FailedPrecondition", non_retryable=True)


def permission_denied(message: str) -> ApplicationError:
    return ApplicationError(message, type="PermissionDenied", non_retryable=True)


@dataclass(frozen=True)
class SlaPolicy:
    """Due in `amount` business hours or days; reminder at `remind_at` of the window;
    escalation to the manager on breach, to the second level `second_level_after_hours`
    business hours later; optional pause while waiting for the client."""

    amount: float
    unit: str = "business_days"  # business_days | business_hours
    remind_at: float = 0.5
    second_level_after_hours: float = 4.0
    pausable: bool = True
    timezone: str = "Asia/Shanghai"
    region: str = "CN"
    work_start: str = "09:00"
    work_end: str = "18:00"

    def calendar(self) -> BusinessCalendar:
        return BusinessCalendar(
            timezone=self.timezone,
            start=time.fromisoformat(self.work_start),
            end=time.fromisoformat(self.work_end),
            region=self.region,
        )

    def describe(self) -> str:
        unit = "business days" if self.unit == "business_days" else "business hours"
        return f"{self.amount:g} {unit}"


@dataclass(frozen=True)
class FormField:
    name: str
    required: bool = True
    kind: str = "text"  # text | number | date | choice
    options: tuple[str, ...] = ()
    # Labels of a field a definition names itself (else FIELD_LABELS, else its name).
    label_zh: str = ""
    label_en: str = ""


# Labels for the form fields the processes use; another field is labelled by its name.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "summary": ("通话纪要", "Summary"),
    "commentary": ("投资评述", "Commentary"),
    "comment": ("意见", "Comment"),
    "minutes": ("会议纪要", "Minutes"),
    "strategy": ("投资策略", "Strategy"),
    "meeting_at": ("会议时间", "Meeting time"),
    "meeting_time": ("会议时间（时:分，可不填）", "Meeting time (HH:MM, optional)"),
    "reason": ("原因", "Reason"),
    "next_step": ("下一步", "Next step"),
    "note": ("备注", "Note"),
    "artifact_id": ("文件编号（上传后获得）", "Document id (from the upload)"),
    "meeting_on": ("会议日期", "Meeting date"),
}


def form_fields_json(form: tuple[FormField, ...]) -> str:
    """The form as a UI draws it: name, type, required, options and labels in both locales."""
    fields = []
    for item in form:
        zh, en = FIELD_LABELS.get(item.name, (item.name, item.name.replace("_", " ").capitalize()))
        zh, en = item.label_zh or zh, item.label_en or en
        fields.append(
            {
                "name": item.name,
                "type": item.kind,
                "required": item.required,
                "options": list(item.options),
                "labels": {"zh-CN": zh, "en": en},
            }
        )
    return json.dumps(fields, ensure_ascii=False)


@dataclass(frozen=True)
class TaskSpec:
    task_id: str
    title: str
    sla: SlaPolicy
    outcomes: tuple[str, ...] = ("done",)
    assignee_user: str = ""
    assignee_role: str = ""
    team_id: str = ""
    client_id: str = ""
    manager_id: str = ""
    second_level_id: str = ""
    form: tuple[FormField, ...] = ()
    # Only a holder of assignee_role completes it (an approval): no manager override.
    role_required: bool = False
    # The title as a message each reader sees in their language: the English pattern that
    # `title` was rendered from (the console's catalogue key) and its parameters; a
    # parameter may come per locale as ("name.zh-CN", …), ("name.en", …).
    title_key: str = ""
    title_params: tuple[tuple[str, str], ...] = ()
    # When the SLA clock started, if before the task was asked (ISO 8601): a request the
    # client filed elsewhere earlier is due from then. "" is now.
    clock_from: str = ""
    # Whether the client's progress view shows the task, and in what words (per locale:
    # ("zh-CN", …), ("en", …)); empty words: the allow-list's wording for its kind.
    client_visible: bool = True
    client_title: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Title:
    """A task's title as a message: `text` rendered in English (for whoever reads the
    history), `key` the pattern (the console catalogue's key), `params` its parameters."""

    text: str
    key: str
    params: tuple[tuple[str, str], ...] = ()


def titled(pattern: str, **params: str | Mapping[str, str]) -> Title:
    """The title `pattern` with `params`; a parameter given per locale is a mapping
    {"zh-CN": …, "en": …}, kept as "name.zh-CN" / "name.en" (English renders `text`)."""
    flat: dict[str, str] = {}
    english: dict[str, str] = {}
    for name, value in params.items():
        if isinstance(value, Mapping):
            for locale, text in value.items():
                flat[f"{name}.{locale}"] = str(text)
            english[name] = str(value.get("en", ""))
        else:
            flat[name] = english[name] = str(value)
    return Title(pattern.format_map(english), pattern, tuple(sorted(flat.items())))


@dataclass(frozen=True)
class TaskOutcome:
    task_id: str
    outcome: str
    comment: str
    form_json: str
    completed_by: str
    completed_at: str
    breached: bool

    def form_value(self, name: str) -> str:
        """A field of the completed form ("" when absent; the validator checked the form)."""
        try:
            form = json.loads(self.form_json or "{}")
        except ValueError:
            return ""
        value = form.get(name, "") if isinstance(form, dict) else ""
        return "" if value is None else str(value)


def validate_form(fields: tuple[FormField, ...], form_json: str) -> None:
    try:
        form = json.loads(form_json or "{}")
    except ValueError:
        raise invalid_argument("form: is not a JSON object") from None
    if not isinstance(form, dict):
        raise invalid_argument("form: is not a JSON object")
    for spec in fields:
        value = form.get(spec.name)
        if value in (None, ""):
            if spec.required:
                raise invalid_argument(f"form.{spec.name}: is required")
            continue
        if spec.kind == "number" and not isinstance(value, int | float):
            raise invalid_argument(f"form.{spec.name}={value!r}: must be a number")
        if spec.kind == "choice" and value not in spec.options:
            raise invalid_argument(
                f"form.{spec.name}={value!r}: must be one of {', '.join(spec.options)}"
            )
        if spec.kind == "date":
            try:
                datetime.fromisoformat(str(value))
            except ValueError:
                raise invalid_argument(f"form.{spec.name}={value!r}: must be an ISO date") from None
