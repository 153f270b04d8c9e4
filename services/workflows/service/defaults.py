"""The rules a new installation starts with, so the three client-care processes run
without setup. They are ordinary rules (admins may change, disable or delete them);
installing again adds only the ones missing (by their fixed ids) and never brings back a
rule an admin deleted.

- `client.signed` → start `onboarding` (once per client: the workflow id is
  `onboarding/{client}`);
- `client.activity` → signal the client's running `dormant-reactivation` (ends it early);
- birthday, 3 days ahead → greeting in the client's locale (template `birthday-greeting`);
- signing anniversary, on the day → `signing-anniversary`;
- contract end, 30 days ahead → `client-care` task (contract renewal) for the advisor;
- KYC expiry, 30 days ahead → `client-care` task (KYC renewal) for the advisor;
- `request.submitted` → a `service-request` of the payload's type, subject and fields
  (another system filing a client's request; once per event).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from services.workflows.service.repository import insert_rules_once

_NS = uuid.UUID("0d4f3c9e-7f43-4e0b-9a1b-4a8f6a9d2e71")


def _rule(name: str, **values: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": uuid.uuid5(_NS, name),
        "name": name,
        "condition": "",
        "parameters": {},
        "period": "once",
        "enabled": True,
        "updated_by": "system:defaults",
        "version": 1,
        "trigger": "event",
        "date_field": "",
        "offset_days": 0,
    }
    base.update(values)
    return base


DEFAULT_RULES: list[dict[str, Any]] = [
    _rule(
        "Onboard a client who signed",
        event_type="client.signed",
        action="start_process",
        target="onboarding",
    ),
    _rule(
        "Activity ends a reactivation",
        event_type="client.activity",
        action="signal_process",
        target="dormant-reactivation",
        parameters={"signal": "activity"},
        period="always",
    ),
    _rule(
        "Birthday greeting, 3 days ahead",
        event_type="date.birthday",
        trigger="date",
        date_field="birthday",
        offset_days=-3,
        action="notify",
        target="birthday-greeting",
        parameters={"category": "service"},
    ),
    _rule(
        "Signing anniversary",
        event_type="date.signed_on",
        trigger="date",
        date_field="signed_on",
        # Not on the signing day itself.
        condition="event.payload.years >= 1.0",
        action="notify",
        target="signing-anniversary",
        parameters={"category": "service"},
    ),
    _rule(
        "Contract renewal, 30 days ahead",
        event_type="date.contract_end",
        trigger="date",
        date_field="contract_end",
        offset_days=-30,
        action="start_process",
        target="client-care",
        parameters={"occasion": "contract-renewal"},
    ),
    _rule(
        "KYC renewal, 30 days ahead",
        event_type="date.kyc_expires_on",
        trigger="date",
        date_field="kyc_expires_on",
        offset_days=-30,
        action="start_process",
        target="client-care",
        parameters={"occasion": "kyc-renewal"},
    ),
    _rule(
        "File a request another system submitted",
        event_type="request.submitted",
        action="start_process",
        target="service-request",
        period="always",
    ),
]


async def install_default_rules(engine: AsyncEngine) -> int:
    """Insert the default rules that were never installed; returns how many were added."""
    now = datetime.now(UTC)
    async with engine.begin() as connection:
        return await insert_rules_once(
            connection, [{**rule, "updated_at": now} for rule in DEFAULT_RULES]
        )
