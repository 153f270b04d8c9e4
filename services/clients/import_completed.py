"""`import.completed`: an event for each client an import created or updated, written with
the batch that wrote the client, by COPY, straight into the change outbox in the import's
transaction (the client's own audit entry covers the change). A rule can answer a client's
arrival; an import that rolls back takes its events with it. Nothing of the import's size is
kept in memory."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.common.db import driver_connection
from services.common.identity import Actor

COLUMNS = (
    "client_id",
    "type",
    "entity",
    "entity_id",
    "action",
    "actor_id",
    "changes",
    "cause",
    "depth",
    "at",
)


class CompletedEvents:
    """One import's events: what every event of it shares, and those of the batch being
    written."""

    def __init__(self, actor: Actor, source: str, filename: str) -> None:
        self.import_id = str(uuid.uuid4())
        self.actor = actor
        changes = {
            "import_id": {"after": self.import_id},
            "source": {"after": source},
            "file": {"after": filename[-200:]},
        }
        # The changes without the outcome, as JSON text: each row adds its outcome to it.
        self._changes_prefix = json.dumps(changes)[:-1]
        self._records: list[tuple[Any, ...]] = []

    def add(self, client_id: uuid.UUID, outcome: str, at: datetime) -> None:
        changes = f'{self._changes_prefix}, "outcome": {{"after": "{outcome}"}}}}'
        actor = self.actor
        self._records.append(
            (
                client_id,
                "import.completed",
                "import",
                self.import_id,
                "complete",
                actor.user_id,
                changes,
                actor.cause,
                actor.depth,
                at,
            )
        )

    async def copy(self, session: AsyncSession) -> None:
        """Write the batch's events in the session's transaction."""
        if not self._records:
            return
        driver = await driver_connection(session)
        await driver.copy_records_to_table(
            "outbox", schema_name="clients", columns=COLUMNS, records=self._records
        )
        self._records = []
