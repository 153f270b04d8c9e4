"""Engine, sessions and the per-call session that the gRPC interceptor opens and commits."""

from __future__ import annotations

import time
from contextvars import ContextVar
from typing import Any

from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
from sqlalchemy import MetaData, event, exc, text
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from services.common.statement_cache import count_uncached

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# A pooled connection idle longer than this is pinged before it is handed out; one in steady
# use is not (a ping is three round trips with asyncpg: BEGIN, `;`, ROLLBACK).
IDLE_PING_SECONDS = 5.0

_current_session: ContextVar[AsyncSession | None] = ContextVar("clientflow_session", default=None)


def schema_metadata(schema: str) -> MetaData:
    """MetaData for one service's schema with stable constraint names for Alembic."""
    return MetaData(schema=schema, naming_convention=NAMING_CONVENTION)


def create_engine(
    url: str, *, pool_size: int = 10, instrument: bool = True, read_only: bool = False
) -> AsyncEngine:
    """An asyncpg engine, traced by OpenTelemetry; `read_only` makes every transaction on it
    read-only in PostgreSQL itself (a write fails), for reporting over another service's
    data."""
    connect_args: dict[str, object] = {}
    if read_only:
        connect_args["server_settings"] = {"default_transaction_read_only": "on"}
    engine = create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        connect_args=connect_args,
    )
    ping_when_idle(engine)
    count_uncached(engine)
    if instrument:
        SQLAlchemyInstrumentor().instrument(engine=engine.sync_engine)
    return engine


def ping_when_idle(engine: AsyncEngine, idle_seconds: float = IDLE_PING_SECONDS) -> None:
    """Pre-ping only connections that sat idle: a connection the database dropped while it
    waited (a restart, an idle timeout) is replaced before a call uses it, and a busy pool pays
    nothing. A connection dropped while in steady use fails its call as UNAVAILABLE, and the
    pool then discards its peers (SQLAlchemy's disconnect handling)."""
    pool = engine.sync_engine.pool

    @event.listens_for(pool, "checkin")
    def _checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info["checked_in_at"] = time.monotonic()

    @event.listens_for(pool, "checkout")
    def _checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("checked_in_at")
        if since is None or time.monotonic() - since < idle_seconds:
            return
        try:
            dbapi_connection.ping()
        except Exception as error:
            # The pool invalidates this connection and checks out another.
            raise exc.DisconnectionError(f"idle connection failed its ping: {error}") from error


async def driver_connection(on: AsyncSession | AsyncConnection) -> Any:
    """The asyncpg connection under a session (in its transaction) or a connection: for COPY
    and for statements outside SQLAlchemy's transaction."""
    connection = await on.connection() if isinstance(on, AsyncSession) else on
    raw = await connection.get_raw_connection()
    driver = raw.driver_connection
    assert driver is not None
    return driver


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False)


async def ping(engine: AsyncEngine) -> None:
    """Raise when the database cannot be reached."""
    async with engine.connect() as connection:
        await connection.execute(text("select 1"))


def current_session() -> AsyncSession:
    """The session the gRPC interceptor opened for this call."""
    session = _current_session.get()
    if session is None:
        raise RuntimeError("no database session: call through the gRPC interceptor")
    return session


def bind_session(session: AsyncSession | None) -> object:
    """Make `session` current for this task; returns a token for `unbind_session`."""
    return _current_session.set(session)


def unbind_session(token: object) -> None:
    """Undo `bind_session`."""
    _current_session.reset(token)  # type: ignore[arg-type]


def is_unavailable_error(error: BaseException) -> bool:
    """True when the database could not be reached or dropped the connection (refused,
    timed out, shutting down, pool exhausted): worth a retry, not a bug."""
    import asyncpg
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    unavailable = (
        OSError,
        TimeoutError,
        PoolTimeout,
        asyncpg.exceptions.CannotConnectNowError,
        asyncpg.exceptions.ConnectionDoesNotExistError,
        asyncpg.exceptions.ConnectionFailureError,
        asyncpg.exceptions.AdminShutdownError,
        asyncpg.exceptions.TooManyConnectionsError,
    )
    seen: BaseException | None = error
    for _ in range(8):
        if seen is None:
            break
        if isinstance(seen, unavailable):
            return True
        if getattr(seen, "connection_invalidated", False):
            return True
        seen = seen.__cause__ or getattr(seen, "orig", None)
    return False


def is_data_error(error: BaseException) -> bool:
    """True when PostgreSQL refused a value itself (a NUL byte, an unstorable character)."""
    import asyncpg

    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, asyncpg.exceptions.DataError):
            return True
        seen = seen.__cause__ or getattr(seen, "orig", None)
        if seen is error:
            break
    return False
