"""Statements SQLAlchemy compiles again at every execution, counted.

SQLAlchemy caches a statement's compiled form by its cache key. A construct without one — a
`postgresql.insert(...).on_conflict_*()` in SQLAlchemy 2.0, a custom type without
`cache_ok` — is compiled each time it runs, a fraction of a millisecond of CPU that nothing
else shows. Each engine counts them by their first words, in this process (`UNCACHED`, what
tests assert on) and as `clientflow.db.uncached_statements`, so a hot path that loses the
cache shows on a dashboard rather than only in a profile."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from opentelemetry import metrics
from sqlalchemy import event
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncEngine

UNCACHED: Counter[str] = Counter()
_EXECUTIONS = metrics.get_meter("clientflow.db").create_counter(
    "clientflow.db.uncached_statements",
    description="Statements compiled at execution because they have no cache key",
)


def count_uncached(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def _executed(
        _connection: Any,
        _cursor: Any,
        statement: str,
        _parameters: Any,
        context: Any,
        _executemany: bool,
    ) -> None:
        if context is None or getattr(context, "cache_hit", None) != Dialect.NO_CACHE_KEY:
            return
        UNCACHED[(found := kind(statement))] += 1
        _EXECUTIONS.add(1, {"statement": found})


def kind(statement: str) -> str:
    """The statement's verb and first table ("INSERT notifications.deliveries"): bounded by
    the code, never by what a user sent."""
    found = _KIND.match(statement)
    return f"{found.group(1).upper()} {found.group(2)}"[:80] if found else statement[:12]


_KIND = re.compile(r"\s*(\w+)\b.*?\b(?:INTO|FROM|UPDATE)\s+([\w.\"]+)", re.IGNORECASE | re.DOTALL)
