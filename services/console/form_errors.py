"""What the gateway refused, said to the person in the page's language: each bad field by
its label on the form (not its API path) and the reason as a sentence. The gateway's problem
details stay as the API gives them; this is only how the console words them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from services.console.api import ApiError
from services.console.i18n import Formatter

# The services' and the gateway's reasons, as (pattern, the catalogue key it renders).
REASONS: tuple[tuple[str, str], ...] = (
    (r"^(is required|field required)$", "is required"),
    (r"^must be a number$|^input should be a valid (number|integer|decimal)", "must be a number"),
    (r"^must be more than (?P<n>-?[\d.]+)$", "must be more than {n}"),
    (r"^must be at least (?P<n>-?[\d.]+)$", "must be at least {n}"),
    (r"^must be at most (?P<n>-?[\d.]+)$", "must be at most {n}"),
    (
        r"^(must be at most|string should have at most) (?P<n>\d+) characters?$",
        "must be at most {n} characters",
    ),
    (r"^must be one of (?P<options>.+)$", "must be one of {options}"),
    (r"^must be (a|an ISO) date", "must be a date"),
    (r"^input should be a valid date", "must be a date"),
    (
        r"^is more than the client holds of (?P<product>.+) \((?P<held>[\d.]+)\)$",
        "is more than the client holds of {product} ({held})",
    ),
    (r"e-?mail", "is not a valid e-mail address"),
    (r"phone", "is not a valid phone number"),
    (r"^is out of range$", "is out of range"),
    (r"^is not a field of this request type$", "is not a field of this form"),
    (r"pattern|should match", "is not in the expected format"),
)


def reason(fmt: Formatter, message: str) -> str:
    text = message.strip()
    for pattern, key in REASONS:
        found = re.search(pattern, text, re.IGNORECASE)
        if found:
            return fmt.message(key, found.groupdict())
    return fmt.t(text)


# The labels the console's forms give the API's common fields.
COMMON_LABELS = {
    "name": "Name",
    "phone": "Phone",
    "email": "E-mail",
    "advisor_id": "Advisor",
    "team_id": "Team",
    "tags": "Tags",
    "kind": "Kind",
    "subject": "Subject",
    "summary": "Summary",
    "channel": "Channel",
    "direction": "Direction",
    "amount": "Amount",
    "product": "Product",
    "comment": "Comment",
    "reason": "Reason",
    "outcome": "Outcome",
    "period": "Period",
    "business_hours": "Extend by business hours",
    "assignee_user": "Reassign to",
}


def label_of(fmt: Formatter, field: str, labels: Mapping[str, str]) -> str:
    """The form's label for an API field path ("fields.amount", "form.summary", "name")."""
    last = field.rsplit(".", 1)[-1]
    for key in (field, last):
        if key in labels:
            return labels[key]
    return fmt.t(COMMON_LABELS.get(last) or last.replace("_", " ").capitalize())


def problem_lines(
    fmt: Formatter, error: ApiError, labels: Mapping[str, str] | None = None
) -> list[str]:
    """One sentence per bad field ("金额：须大于 0"); else the refusal in a sentence."""
    known = dict(labels or {})
    lines = [
        f"{label_of(fmt, str(e.get('field', '')), known)}{_shown(fmt, e.get('value'))}"
        f"{fmt.t(': ')}{reason(fmt, str(e.get('message', '')))}"
        for e in error.field_errors
        if e.get("field")
    ]
    if lines:
        return lines
    return [general(fmt, error)]


def _shown(fmt: Formatter, value: Any) -> str:
    """The refused value beside its label, short: "（abc）" / " (abc)"."""
    if value in (None, "") or isinstance(value, dict | list):
        return ""
    text = str(value)
    text = text if len(text) <= 40 else text[:37] + "..."
    return f"（{text}）" if fmt.locale == "zh-CN" else f" ({text})"


def general(fmt: Formatter, error: ApiError) -> str:
    by_status: dict[int, str] = {
        400: "The form has a value that is not accepted.",
        403: "You may not do this.",
        404: "There is nothing here, or it is not yours to see.",
        409: "This conflicts with what is already recorded.",
        412: "Someone else changed this client first. Reload to see their change.",
        413: "The file is too large.",
        422: "The form has a value that is not accepted.",
        429: "Too many attempts. Wait a moment and try again.",
    }
    sentence = fmt.t(by_status.get(error.status, "Something went wrong"))
    translated = fmt.t(error.detail)
    return sentence if translated == error.detail and fmt.locale != "en" else translated


def register(context: dict[str, Any], fmt: Formatter) -> None:
    """Give a template `problem_lines(error, labels)`."""
    context["problem_lines"] = lambda error, labels=None: problem_lines(fmt, error, labels)
