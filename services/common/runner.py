"""Run one gRPC service process: telemetry, engine, server, graceful stop."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncEngine

from services.common.config import GrpcServiceSettings
from services.common.db import create_engine, ping
from services.common.grpc_server import GrpcService, stop_event_on_signals
from services.common.telemetry import (
    setup_telemetry,
    shutdown_telemetry,
    telemetry_configured,
)

log = logging.getLogger(__name__)


async def wait_for_database(engine: AsyncEngine, attempts: int = 30) -> None:
    """Retry until PostgreSQL answers, so start order does not matter."""
    for attempt in range(1, attempts + 1):
        try:
            await ping(engine)
            return
        except (OSError, Exception) as error:
            if attempt == attempts:
                raise
            log.warning("database not reachable yet (%s); retrying", error.__class__.__name__)
            await asyncio.sleep(1.0)


async def run_grpc_process(
    process: str,
    settings: GrpcServiceSettings,
    build: Callable[[AsyncEngine], GrpcService],
) -> None:
    """Serve until SIGINT/SIGTERM, then drain in-flight calls and exit."""
    if not telemetry_configured():
        setup_telemetry(process, settings)
    engine = create_engine(settings.database_url, pool_size=settings.db_pool_size)
    try:
        await wait_for_database(engine)
        service = build(engine)

        async def database_answers() -> bool:
            await ping(engine)
            return True

        service.watch_dependency(database_answers)
        stop = stop_event_on_signals()
        port = await service.start(
            settings.bind_host,
            getattr(settings, f"{process}_port"),
            port_setting=f"CLIENTFLOW_{process.upper()}_PORT",
            tls=settings.grpc_tls(),
        )
        log.info("%s gRPC service listening", process, extra={"port": port})
        await stop.wait()
        log.info("%s stopping: draining in-flight calls", process)
        await service.stop(settings.grpc_grace_seconds, drain=settings.grpc_drain_seconds)
    finally:
        await engine.dispose()
        shutdown_telemetry()
