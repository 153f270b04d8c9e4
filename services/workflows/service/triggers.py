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

from services.workflows.service.automation.recent import RecentPreview
from services.workflows.service.date_rules import DateSweep
from services.workflows.service.events import EventIntake
from services.workflows.service.rule_preview import RulePreview
from services.workflows.service.rules import RuleBook


class TriggerService(RuleBook, EventIntake, DateSweep, RulePreview, RecentPreview):
    """The TriggersService's work, one concern per module: rules (`rules.py`), events
    (`events.py`), date rules (`date_rules.py`), the what-if (`rule_preview.py`, over recent
    events `automation/recent.py`), over what a matched rule does (`rule_actions.py`,
    `automation/data_actions.py`) and its condition (`conditions.py`)."""
